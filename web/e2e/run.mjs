// The browser tests, run by devstack's WebAppSystemTest against a running devstack (or by hand: npm run e2e).
// Environment: RAPPORT_URL (the gateway), RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD (a team admin),
// RAPPORT_CLOCK_URLS (comma-separated base URLs of the services with a dev clock, POST /actuator/clock) and
// RAPPORT_CLOCK_TOKEN (a bearer token they accept), RAPPORT_SCREENSHOTS (a folder for the README's screenshots).
// Prints "N passed, M failed" and exits non-zero when a test failed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { launch } from './browser.mjs';

const base = process.env.RAPPORT_URL ?? 'http://localhost:8080';
const email = process.env.RAPPORT_ADMIN_EMAIL ?? 'admin@rapport.local';
const password = process.env.RAPPORT_ADMIN_PASSWORD;
assert.ok(password, 'RAPPORT_ADMIN_PASSWORD');
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const { violations } = await page.evaluate(async () => await window.axe.run());
  return violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.length}`);
}

const t0 = Date.now();
const browser = await launch();
const page = await browser.context.newPage();
const step = (what) => console.log(`${String(Date.now() - t0).padStart(6)} ms  ${what}`);
try {
  await page.goto(`${base}/contacts/abc`);
  assert.equal(new URL(page.url()).pathname, '/login');
  step(`gateway sign-in page, axe: ${JSON.stringify(await axe(page))}`);
  await page.fill('input[name=username]', email);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/contacts/abc`);
  await page.getByRole('heading', { name: 'Contact' }).waitFor();
  step(`back at the deep link, SPA rendered, axe: ${JSON.stringify(await axe(page))}`);
  await page.reload();
  await page.getByRole('heading', { name: 'Contact' }).waitFor();
  step('reload of a client-side route served index.html');
  await page.getByRole('link', { name: 'Home' }).click();
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in to Rapport' }).waitFor();
  step(`signed out (fetch POST /logout with CSRF): SPA form, axe: ${JSON.stringify(await axe(page))}`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('wrong password!');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  step('wrong password: alert shown');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: /Welcome/ }).waitFor();
  step('signed in through fetch POST /login with X-XSRF-TOKEN');
  console.log('1 passed, 0 failed');
} catch (e) {
  await page.screenshot({ path: 'target/e2e-failure.png' }).catch(() => {});
  console.error(e);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
} finally {
  await browser.close();
}
