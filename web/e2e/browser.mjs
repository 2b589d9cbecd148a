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
  /** `options` as Playwright's newContext takes them, e.g. a signed-in `storageState`. */
  const newIsolatedContext = (options = {}) => browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  const context = await newIsolatedContext();
  return {
    context,
    /** Another person at another computer: cookies and storage of its own. */
    newIsolatedContext,
    close: () => browser.close(),
  };
}

/** Signs in on the gateway's sign-in page that `target` (a page) shows. */
export async function signIn(target, who, secret) {
  await target.getByLabel('Username').or(target.locator('input[name=username]')).first().fill(who);
  await target.locator('input[name=password]').fill(secret);
  await target.locator('button[type=submit]').click();
  await target.waitForURL((url) => url.pathname !== '/login' || url.searchParams.has('error'));
  if (new URL(target.url()).searchParams.has('error')) throw new Error(`The gateway refused the sign-in of ${who}`);
}
