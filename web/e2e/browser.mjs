// Debian's Chromium through playwright-core: no browser download. Flags: as root headless Chromium needs
// --no-sandbox; the background-networking flags keep it from dialling out on a closed network.
import { chromium } from 'playwright-core';

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const newIsolatedContext = () => browser.newContext({ viewport: { width: 1280, height: 800 } });
  const context = await newIsolatedContext();
  return {
    context,
    /** Another person at another computer: cookies and storage of its own. */
    newIsolatedContext,
    close: () => browser.close(),
  };
}
