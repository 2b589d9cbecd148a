// The browser tests, run by devstack's WebAppSystemTest against a running devstack (or by hand: npm run e2e).
// Environment: RAPPORT_URL (the gateway), RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD (a team admin),
// RAPPORT_CLOCK_URLS (comma-separated base URLs of the services with a dev clock, POST /actuator/clock) and
// RAPPORT_CLOCK_TOKEN (a bearer token they accept), RAPPORT_SCREENSHOTS (a folder for the README's screenshots),
// RAPPORT_MAIL_URL (devstack's page of the mail it caught, whose /messages lists it as JSON).
// Prints "N passed, M failed" and exits non-zero when a test failed. The tests run in order and build on each
// other (one person's week), as a new user would use Rapport.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, signIn as signInAs } from './browser.mjs';
import { checkAccessibility } from './axe.mjs';

const base = process.env.RAPPORT_URL ?? 'http://localhost:8080';
const email = process.env.RAPPORT_ADMIN_EMAIL ?? 'admin@rapport.local';
const password = process.env.RAPPORT_ADMIN_PASSWORD;
const clockUrls = (process.env.RAPPORT_CLOCK_URLS ?? '').split(',').filter(Boolean);
const clockToken = process.env.RAPPORT_CLOCK_TOKEN;
const screenshots = process.env.RAPPORT_SCREENSHOTS ?? 'target/screenshots';
const mailUrl = process.env.RAPPORT_MAIL_URL;
assert.ok(password, 'RAPPORT_ADMIN_PASSWORD names the admin password');
mkdirSync(screenshots, { recursive: true });

const run = Date.now().toString(36);
const ada = `Ada Lovelace ${run}`;
const question = `How did the move to Turin go? (${run})`;
const t0 = Date.now();
const log = (what) => console.log(`${String(Date.now() - t0).padStart(7)} ms  ${what}`);

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const browser = await launch();
const context = browser.context;
let page = await context.newPage();
page.setDefaultTimeout(20_000);

/** Every page gets an accessibility check: no serious or critical violation. */
async function accessible(what) {
  const violations = await checkAccessibility(page);
  assert.deepEqual(violations, [], `${what}: serious or critical accessibility violations`);
}

function signIn(target, who = email, secret = password) {
  return signInAs(target, who, secret);
}

async function moveClock(days, hours = 0) {
  assert.ok(clockUrls.length && clockToken, 'RAPPORT_CLOCK_URLS and RAPPORT_CLOCK_TOKEN move the dev clock');
  for (const url of clockUrls) {
    const response = await fetch(new URL('/actuator/clock', url), {
      method: 'POST',
      headers: { Authorization: `Bearer ${clockToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ days, hours }),
    });
    assert.equal(response.status, 200, `clock of ${url}`);
  }
}

async function openContact(name) {
  await page.goto(`${base}/contacts`);
  await page.getByLabel('Search').fill(name);
  await page.waitForURL((url) => url.searchParams.get('q') === name);
  await page.locator('#contact-results').getByRole('link', { name: new RegExp(name) }).first().click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

test('a signed-out visitor signs in and lands where they were going', async () => {
  await page.goto(`${base}/contacts?q=nobody`);
  assert.equal(new URL(page.url()).pathname, '/login');
  await accessible('sign-in page');
  await signIn(page);
  await page.waitForURL(/\/contacts\?q=nobody/);
  await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
  await accessible('contacts');
});

// The rest runs in a team of its own, which the operator creates here, so the screenshots show only its week.
const owner = { email: `lin-${run}@example.com`, password: undefined };
test('the operator creates a team with its first admin', async () => {
  await page.goto(`${base}/team`);
  await page.getByRole('heading', { level: 2, name: 'Create a team' }).waitFor();
  await page.getByLabel('Team name').fill(`Rapport e2e ${run}`);
  await page.getByLabel("Its admin's name").fill('Lin Okafor');
  await page.getByLabel("Its admin's email").fill(owner.email);
  await page.getByRole('button', { name: 'Create team' }).click();
  owner.password = await page.locator('.secret code').last().textContent();
  assert.ok(owner.password, 'the temporary password is shown once');
  await accessible('team with a new team');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(/\/login/);
});

test('the new admin signs in, sees what to do first, and chooses a password', async () => {
  await signIn(page, owner.email, owner.password);
  await page.getByRole('heading', { level: 1, name: 'This week' }).waitFor();
  await page.getByRole('heading', { name: 'Start with one person' }).waitFor();
  await accessible('this week, empty');
  await page.getByRole('link', { name: 'Lin Okafor' }).click();
  await page.getByLabel('Current password').fill(owner.password);
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByLabel('New password again').fill('short');
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.locator('.field.invalid', { hasText: 'New password' }).locator('.error').first().waitFor();
  const chosen = `a long passphrase ${run}`;
  await page.getByLabel('New password', { exact: true }).fill(chosen);
  await page.getByLabel('New password again').fill(chosen);
  await page.getByRole('button', { name: 'Change password' }).click();
  await page.getByText('Password changed.').waitFor();
  owner.password = chosen;
  await accessible('account');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, owner.email, owner.password);
  await page.getByRole('heading', { level: 1, name: 'This week' }).waitFor();
});

test('creating a person and logging a coffee with her is one flow, opened with a keystroke', async () => {
  await page.keyboard.press('l');
  const composer = page.getByRole('dialog', { name: 'Log a conversation' });
  await composer.waitFor();
  await composer.getByRole('combobox', { name: 'With' }).fill(ada);
  await composer.getByRole('option', { name: new RegExp(`Add ${ada} as a new contact`) }).click();
  await composer.getByLabel('Type').selectOption('COFFEE_OR_MEAL');
  await composer.getByLabel('Summary').fill('Coffee: she is moving to Turin');
  await composer.getByLabel('What you learned').fill('Her new lab is near the Mole');
  await composer.getByLabel('Questions for next time').fill(question);
  await composer.getByRole('button', { name: 'Add a follow-up' }).click();
  await composer.getByLabel('Follow-up 1', { exact: true }).fill('Send her the Babbage notes');
  await accessible('log composer');
  await page.screenshot({ path: join(screenshots, 'log-composer.png') });
  await composer.getByRole('button', { name: /Log it/ }).click();
  await composer.waitFor({ state: 'hidden' });
  log(`logged a coffee with ${ada}`);
});

test('her page shows the coffee and the relationship warm', async () => {
  await openContact(ada);
  const timeline = page.getByRole('region', { name: 'Conversations' });
  await timeline.getByText('Coffee: she is moving to Turin').waitFor();
  await timeline.getByText(question).waitFor();
  await poll(async () => {
    await page.reload();
    return (await page.locator('.keep-in-touch .state').textContent({ timeout: 5_000 }).catch(() => '')) === 'Warm';
  }, 'the relationship turns warm');
  await accessible('contact page');
});

test('she gets a cadence through the contact form, with its folded fields', async () => {
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await page.getByRole('combobox', { name: 'Keep in touch' }).selectOption('INNER_CIRCLE');
  await page.getByLabel('What is going on in their life').fill('Moving to Turin in spring');
  await page.getByLabel('Company').fill('Analytical Engines');
  await accessible('contact edit form');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText('In their life:').waitFor();
  await page.getByText(/Every 14 days: you put them in your inner circle/).waitFor();
  // reminders-service takes the edit in by event; the page asks again until it has, and then says so no more.
  await page.getByText(/Rapport is taking in your change/).waitFor({ state: 'detached', timeout: 30_000 });
  await page.screenshot({ path: join(screenshots, 'contact.png'), fullPage: true });
});

test('bad input is explained next to its field and nothing typed is lost', async () => {
  await page.goto(`${base}/contacts/new`);
  await page.getByLabel('Name', { exact: true }).fill('   ');
  await page.getByLabel('Email', { exact: true }).fill('not an email');
  await page.getByLabel('Company').fill('Kept Company');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.locator('.field.invalid', { hasText: 'Name' }).getByText(/must not be blank/).waitFor();
  await page.locator('.field.invalid', { hasText: 'Email' }).getByText(/email/).waitFor();
  assert.equal(await page.getByLabel('Company').inputValue(), 'Kept Company');
  await accessible('new contact with errors');
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('two weeks and more later she is in This week with the question saved', async () => {
  await moveClock(19);
  log('moved the dev clock 19 days');
  await poll(async () => {
    await page.goto(`${base}/`);
    await page.locator('.empty, .cards').first().waitFor();
    return (await page.getByRole('article', { name: new RegExp(ada) }).count()) > 0;
  }, `a card for ${ada} in This week`);
  const card = page.getByRole('article', { name: new RegExp(ada) }).first();
  await card.getByText(question).waitFor();
  await card.getByText('Moving to Turin in spring').waitFor();
  await accessible('this week with cards');
  await page.screenshot({ path: join(screenshots, 'this-week.png'), fullPage: true });
});

test('j focuses the card; logging a call from it makes the card go', async () => {
  await page.keyboard.press('j');
  assert.ok(await page.evaluate(() => document.activeElement?.matches('article.card')), 'j focuses a card');
  const card = page.getByRole('article', { name: new RegExp(ada) }).first();
  await card.getByRole('button', { name: 'Log a conversation' }).click();
  const composer = page.getByRole('dialog', { name: 'Log a conversation' });
  await composer.getByRole('list', { name: 'Picked' }).getByText(ada).waitFor();
  await composer.getByLabel('Type').selectOption('CALL');
  await composer.getByLabel('Summary').fill('Call: Turin is lovely');
  await composer.getByRole('button', { name: /Log it/ }).click();
  await composer.waitFor({ state: 'hidden' });
  await poll(async () => {
    await page.goto(`${base}/`);
    await page.locator('.empty, .cards').first().waitFor();
    return (await page.getByRole('article', { name: new RegExp(`${ada} — .*(cooling|due|touch|Reach|reach)`, 'i') }).count()) === 0
      && (await page.getByRole('article', { name: new RegExp(ada) }).filter({ hasText: 'Keep in touch' }).count()) === 0;
  }, `the keep-in-touch card for ${ada} goes`);
});

test('a follow-up is completed from her page and can be reopened', async () => {
  await openContact(ada);
  const open = page.getByRole('region', { name: 'Open follow-ups' });
  const timeline = page.getByRole('region', { name: 'Conversations' });
  await open.getByRole('checkbox', { name: /Send her the Babbage notes/ }).check();
  await open.getByText('Nothing open with them').waitFor();
  await page.reload();
  const done = timeline.getByRole('checkbox', { name: /Send her the Babbage notes/ });
  assert.ok(await done.isChecked(), 'done in her timeline after a reload');
  await done.uncheck();
  await open.getByRole('checkbox', { name: /Send her the Babbage notes/ }).waitFor();
  await open.getByRole('checkbox', { name: /Send her the Babbage notes/ }).check();
  await open.getByText('Nothing open with them').waitFor();
});

test('a stale edit from a second tab is explained, and neither change is lost', async () => {
  const second = await context.newPage();
  await second.goto(page.url());
  await second.getByRole('heading', { level: 1, name: ada }).waitFor();
  await page.getByRole('button', { name: 'Edit', exact: true }).click();
  await second.getByRole('button', { name: 'Edit', exact: true }).click();
  await second.getByLabel('Title').fill('Mathematician');
  await second.getByRole('button', { name: 'Save', exact: true }).click();
  await second.getByRole('button', { name: 'Edit', exact: true }).waitFor();
  await page.getByLabel('Location').fill('Turin');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const notice = page.getByRole('alert').filter({ hasText: 'Someone changed this contact while you were editing' });
  await notice.waitFor();
  assert.match(await notice.textContent(), /title/);
  await accessible('stale edit');
  await notice.getByRole('button', { name: 'Save my changes on top of theirs' }).click();
  await page.getByText(/Mathematician · Analytical Engines · Turin/).waitFor();
  await second.close();
});

test('a session that ends keeps what was being typed', async () => {
  await page.keyboard.press('l');
  const composer = page.getByRole('dialog', { name: 'Log a conversation' });
  await composer.getByLabel('Summary').fill('Half-written, before the session ended');
  const other = await context.newPage();
  await other.goto(`${base}/account`);
  await other.getByRole('button', { name: 'Sign out' }).click();
  await other.waitForURL(/\/login/);
  await other.close();
  await composer.getByRole('combobox', { name: 'With' }).fill('Ada');
  const ended = page.getByRole('alertdialog', { name: 'Your session has ended' });
  await ended.waitFor();
  await ended.getByRole('button', { name: 'Sign in again' }).click();
  await page.waitForURL(/\/login/);
  await signIn(page, owner.email, owner.password);
  await page.getByRole('heading', { level: 1, name: ada }).waitFor();
  const back = page.getByRole('dialog', { name: 'Log a conversation' });
  assert.equal(await back.getByLabel('Summary').inputValue(), 'Half-written, before the session ended');
  await back.getByRole('button', { name: 'Discard' }).click();
  await back.getByRole('button', { name: /Close/ }).click();
});

let teammate;
test('an admin adds a teammate, who cannot see a private contact', async () => {
  await page.goto(`${base}/team`);
  await page.getByRole('heading', { level: 1, name: 'Team' }).waitFor();
  await accessible('team');
  const mate = `grace-${run}@example.com`;
  await page.getByLabel('Name', { exact: true }).fill(`Grace ${run}`);
  await page.getByLabel('Email', { exact: true }).fill(mate);
  await page.getByRole('button', { name: 'Add member' }).click();
  const secret = await page.locator('.secret code').textContent();
  teammate = { email: mate, password: secret };
  const contactUrl = await contactUrlOf(ada);
  const other = await browser.newIsolatedContext();
  const theirs = await other.newPage();
  await theirs.goto(contactUrl);
  await signIn(theirs, teammate.email, teammate.password);
  await theirs.getByRole('heading', { level: 1, name: 'No such contact' }).waitFor();
  await theirs.goto(`${base}/contacts?q=${encodeURIComponent(ada)}`);
  await theirs.getByText(/^0 contacts$/).waitFor();
  await other.close();
});

test('Insights counts her conversations and says only Lin knows her', async () => {
  // analytics-service reads the analytics tier a moment after each write: reload until her conversations are in.
  const conversations = page.getByRole('region', { name: 'Conversations' });
  await poll(async () => {
    await page.goto(`${base}/insights`);
    await page.getByRole('heading', { level: 1, name: 'Insights' }).waitFor();
    const perWeek = await conversations.locator('tbody td:nth-child(2)').allTextContents();
    const risk = page.getByRole('region', { name: 'Only one of you knows them' });
    return perWeek.reduce((sum, n) => sum + Number(n), 0) >= 2
      && (await risk.getByRole('row', { name: new RegExp(`${ada}.*Lin Okafor`) }).count()) === 1;
  }, `the coffee and the call with ${ada} in Insights`);
  await page.getByRole('table', { name: 'Each member over the period' }).getByRole('rowheader', { name: 'Lin Okafor' }).waitFor();
  await conversations.getByText('The numbers').click();
  await conversations.getByRole('table', { name: 'Conversations by week' }).waitFor();
  await page.getByRole('button', { name: 'Last 4 weeks' }).click();
  await page.waitForURL((url) => url.searchParams.get('weeks') === '4');
  await accessible('insights');
  await page.screenshot({ path: join(screenshots, 'insights.png'), fullPage: true });
});

async function createSharedContact(name, introducedBy) {
  await page.goto(`${base}/contacts/new`);
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByRole('button', { name: /More: how you met/ }).click();
  await page.getByLabel('Who sees this contact').selectOption('TEAM');
  if (introducedBy) {
    await page.getByRole('combobox', { name: 'Introduced by' }).fill(introducedBy);
    await page.getByRole('option', { name: new RegExp(`^${introducedBy}`) }).click();
  }
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('heading', { level: 1, name }).waitFor();
  return page.url();
}

const yann = `Yann Tiersen ${run}`;
test("a teammate sees on a shared contact's page who knows them and who can introduce her", async () => {
  const xavier = `Xavier Niel ${run}`;
  const yannUrl = await createSharedContact(yann);
  const xavierUrl = await createSharedContact(xavier, yann);
  await page.keyboard.press('l');
  const composer = page.getByRole('dialog', { name: 'Log a conversation' });
  await composer.getByRole('combobox', { name: 'With' }).fill(yann);
  await composer.getByRole('option', { name: new RegExp(`^${yann}`) }).click();
  await composer.getByLabel('Summary').fill('Lunch: Yann knows everyone in Paris');
  await composer.getByRole('button', { name: /Log it/ }).click();
  await composer.waitFor({ state: 'hidden' });
  await page.goto(yannUrl);
  await page.getByRole('region', { name: `Who in the team knows ${yann}` }).getByText(/^1 conversation, 1 in the last 90 days/).waitFor();

  const other = await browser.newIsolatedContext();
  const theirs = await other.newPage();
  await theirs.goto(xavierUrl);
  await signIn(theirs, teammate.email, teammate.password);
  await theirs.getByRole('heading', { level: 1, name: xavier }).waitFor();
  const knowledge = theirs.getByRole('region', { name: `Who in the team knows ${xavier}` });
  // interactions-service learns the introduction and the lunch by events: reload until the path is there.
  const path = knowledge.getByRole('listitem').filter({ hasText: `Lin Okafor through ${yann}, who introduced them` });
  const deadline = Date.now() + 60_000;
  while (!(await path.waitFor({ timeout: 5_000 }).then(() => true, () => false))) {
    assert.ok(Date.now() < deadline, 'Timed out waiting for the introduction through Yann');
    await theirs.reload();
  }
  await path.getByRole('link', { name: yann }).waitFor();
  await knowledge.getByText('Nobody in the team has logged a conversation with them yet.').waitFor();
  assert.equal(await checkAccessibility(theirs).then((v) => v.length), 0, 'contact page with team knowledge: accessibility');
  await other.close();
});

test('only Lin knows Yann, so she hands him over to Grace, and his page keeps the history', async () => {
  const risks = page.getByRole('region', { name: 'Single-owner risks' });
  const row = risks.getByRole('row', { name: new RegExp(`${yann}.*You`) });
  await poll(async () => {
    await page.goto(`${base}/team`);
    // The row's name and "You" come from further requests: wait for them rather than count the first render.
    await row.waitFor({ timeout: 5_000 });
    return true;
  }, `${yann} among the single-owner risks`);
  const handOver = page.getByRole('region', { name: 'Hand relationships over' });
  await handOver.getByLabel('From', { exact: true }).selectOption({ label: 'Lin Okafor (you)' });
  await handOver.getByLabel('To', { exact: true }).selectOption({ label: `Grace ${run}` });
  await handOver.getByLabel('Only those I pick').check();
  await handOver.getByRole('checkbox', { name: yann }).check();
  await handOver.getByRole('button', { name: 'Hand over…' }).click();
  await handOver.getByRole('alertdialog').getByText(`Hand 1 of Lin Okafor (you)'s contacts to Grace ${run}?`).waitFor();
  await accessible('hand relationships over');
  await handOver.getByRole('button', { name: 'Hand over', exact: true }).click();
  await handOver.getByRole('status').getByText(`Handed 1 contact from Lin Okafor (you) to Grace ${run}.`).waitFor();
  await openContact(yann);
  await page.getByRole('region', { name: 'History' }).getByText(`Handed over from you to Grace ${run} by you`).waitFor();
});

test('every page passes the accessibility check, on a phone-sized screen too', async () => {
  for (const [path, heading] of [['/cooling', 'Who is cooling'], ['/promises', 'Promises'], ['/account', 'Your account'], ['/contacts/new', 'New contact'], ['/notifications', 'Notifications'], ['/nowhere', 'There is no such page']]) {
    await page.goto(`${base}${path}`);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await accessible(path);
  }
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Menu' }).click();
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('heading', { level: 1, name: 'Contacts' }).waitFor();
  await accessible('contacts on a phone');
  await page.setViewportSize({ width: 1280, height: 800 });
});

// Real-shaped exports (a LinkedIn Connections.csv with its notes before the header, a Google Contacts CSV, a
// phone's vCard 4.0 with folded lines), the ones contacts-service's own tests read.
const exports = fileURLToPath(new URL('../../contacts-service/src/test/resources/imports/', import.meta.url));

async function previewImport(file) {
  await page.goto(`${base}/import`);
  await page.getByRole('heading', { level: 1, name: 'Import contacts' }).waitFor();
  await page.getByLabel('File to import').setInputFiles(join(exports, file));
  await page.getByRole('button', { name: 'Preview import' }).click();
  await page.getByRole('heading', { level: 1, name: `Import of ${file}` }).waitFor();
}

async function figure(name) {
  return Number((await page.locator('.figures > div', { hasText: name }).locator('dd').textContent()).replaceAll(',', ''));
}

test('her address books come in: each file previewed row by row, then imported with its progress', async () => {
  await page.goto(`${base}/contacts`);
  await page.getByRole('link', { name: 'Import…' }).click();
  await page.getByRole('heading', { level: 1, name: 'Import contacts' }).waitFor();
  await accessible('import');
  await page.getByLabel('File to import').setInputFiles(join(exports, 'not-an-address-book.pdf'));
  await page.getByRole('button', { name: 'Preview import' }).click();
  await page.getByRole('alert').getByText(/neither a vCard nor a CSV/).waitFor();

  await previewImport('linkedin-connections.csv');
  assert.deepEqual([await figure('New contacts'), await figure('Already in Rapport'), await figure('Invalid')], [3, 0, 1]);
  await page.getByRole('group', { name: 'Show rows' }).getByRole('button', { name: 'Invalid' }).click();
  const invalid = page.getByRole('table').getByRole('row', { name: /Frances Allen/ });
  await invalid.getByText(/date/i).waitFor();
  await accessible('import preview');
  await page.getByRole('group', { name: 'Show rows' }).getByRole('button', { name: 'All' }).click();
  await page.screenshot({ path: join(screenshots, 'import.png'), fullPage: true });
  await page.getByRole('button', { name: 'Import 3 contacts' }).click();
  await page.getByText('Done: 3 created, 0 already here, 1 invalid').waitFor();
  await page.getByRole('link', { name: 'see them' }).click();
  await page.getByText(/^3 contacts$/).waitFor();
  await page.locator('#contact-results').getByRole('link', { name: /Barbara Liskov/ }).waitFor();

  // What came in goes out again: the tag's vCard holds the three LinkedIn connections.
  await page.getByText('Export', { exact: true }).click();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Tagged as vCard/ }).click()]);
  const vcards = await readFile(await download.path(), 'utf8');
  assert.equal(vcards.match(/BEGIN:VCARD/g)?.length, 3, 'the tag exported as three vCards');
  assert.match(vcards, /Barbara Liskov/);

  for (const [file, created] of [['google-contacts.csv', 4], ['contacts-v4.vcf', 2]]) {
    await previewImport(file);
    assert.equal(await figure('New contacts'), created, `${file}: new contacts`);
    await page.getByRole('button', { name: `Import ${created} contacts` }).click();
    await page.getByText(new RegExp(`^Done: ${created} created`)).waitFor();
  }
  log('imported a LinkedIn, a Google and a vCard export');
});

test('the same file again adds nobody, and an import can be undone', async () => {
  await previewImport('linkedin-connections.csv');
  await page.getByText('You imported this very file before').waitFor();
  assert.equal(await figure('New contacts'), 0);
  assert.ok(await page.getByRole('button', { name: 'Nobody new to import' }).isDisabled(), 'nothing to import');

  await page.goto(`${base}/import`);
  await page.getByRole('region', { name: 'Your imports' }).getByRole('link', { name: /contacts-v4\.vcf/ }).click();
  await page.getByRole('button', { name: 'Undo this import…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
  await accessible('undo an import');
  await dialog.getByRole('button', { name: 'Undo the import' }).click();
  await page.getByText(/^Undone: 2 removed$/).waitFor();
  await page.goto(`${base}/contacts?q=${encodeURIComponent('Radia Perlman')}`);
  await page.getByText(/^0 contacts$/).waitFor();
});

test('a weekly capacity of one shows the best nudge and defers the rest without losing them', async () => {
  for (const name of [`Charles Babbage ${run}`, `Mary Somerville ${run}`]) {
    await page.goto(`${base}/contacts/new`);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByRole('combobox', { name: 'Keep in touch' }).selectOption('INNER_CIRCLE');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await page.getByRole('heading', { level: 1, name }).waitFor();
  }
  await moveClock(15);
  log('moved the dev clock 15 more days: Ada, Charles and Mary are all due');
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Set a weekly capacity' }).click();
  await page.getByLabel('People a week').fill('1');
  await page.getByRole('button', { name: 'Save plan' }).click();
  await page.getByText(/^Your plan: 1 person a week/).waitFor();
  const planned = page.locator('section:not(:has(#section-deferred)) article.card').filter({ hasText: 'Keep in touch' });
  const deferred = page.locator('section:has(#section-deferred) article.card');
  await poll(async () => {
    await page.goto(`${base}/`);
    await page.locator('.plan-bar').waitFor();
    return (await planned.count()) === 1 && (await deferred.count()) === 2;
  }, 'one nudge planned and two deferred');
  await page.getByText('Deferred by your plan').click();
  await deferred.first().waitFor({ state: 'visible' });
  await accessible('this week with a plan');
  await page.getByRole('button', { name: 'Change' }).click();
  await page.getByRole('button', { name: 'No limit' }).click();
  await page.getByText(/^No weekly limit/).waitFor();
  assert.equal(await deferred.count(), 0, 'without a limit nothing is deferred');
});

test('putting Charles off three times offers a longer rhythm, taken on his page', async () => {
  const charles = `Charles Babbage ${run}`;
  for (let i = 0; i < 3; i++) {
    await page.goto(`${base}/`);
    const card = page.getByRole('article', { name: new RegExp(charles) }).first();
    await card.getByRole('button', { name: 'Snooze' }).click();
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/snooze') && r.request().method() === 'POST' && r.ok()),
      card.locator('form.snooze').getByRole('button', { name: 'Snooze' }).click(),
    ]);
  }
  await openContact(charles);
  const offer = page.getByRole('group', { name: /You put off keeping in touch with .* 3 times at every 14 days/ });
  await offer.waitFor();
  await accessible('a longer rhythm offered');
  await offer.getByRole('button', { name: 'Every 30 days' }).click();
  await page.getByText('Every 30 days, as you chose.').waitFor();
  await offer.waitFor({ state: 'detached' });
});

test('the birthdays of her address book reach her own calendar by a secret link, which can be turned off', async () => {
  await page.goto(`${base}/account`);
  const feed = page.getByRole('region', { name: 'Calendar feed' });
  await feed.getByRole('button', { name: 'Create a calendar feed' }).click();
  const link = await feed.locator('.secret code').textContent();
  assert.match(link, /^http:\/\/.+\/feeds\/calendar\/[A-Za-z0-9_-]+\.ics$/);
  await accessible('account with a calendar feed');
  // A calendar application fetches it with no session at all; the imported Ada's birthday recurs every year.
  let ics = '';
  await poll(async () => {
    const response = await fetch(link);
    ics = await response.text();
    return response.status === 200 && ics.includes("SUMMARY:Ada Lovelace's birthday");
  }, 'the feed holds the imported birthday');
  assert.match(ics, /^BEGIN:VCALENDAR/);
  assert.match(ics, /RRULE:FREQ=YEARLY/);
  assert.match(ics, /DTSTART;VALUE=DATE:\d{8}/);
  await feed.getByRole('button', { name: 'Turn the feed off' }).click();
  await feed.getByText('No calendar feed yet.').waitFor();
  assert.equal((await fetch(link)).status, 404, 'a revoked link answers 404');
});

test('her nudges reach a webhook, signed; a failed delivery is logged and retried', async () => {
  // A receiver of her own on this machine (devstack lets webhooks reach private addresses; a deployment refuses them).
  const received = [];
  const receiver = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => { body += chunk; });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(received.length === 1 ? 500 : 204).end(received.length === 1 ? 'not today' : undefined);
    });
  });
  await new Promise((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    const url = `http://127.0.0.1:${receiver.address().port}/rapport`;
    await page.goto(`${base}/notifications`);
    const section = page.getByRole('region', { name: 'Webhooks' });
    await section.getByText('No webhooks yet.').waitFor();
    await section.getByLabel('URL').fill(url);
    await section.getByLabel('Description').fill('my receiver');
    await section.getByRole('button', { name: 'Add webhook' }).click();
    const secret = await section.locator('.secret code').textContent();
    assert.match(secret, /^whsec_[A-Za-z0-9+/=]+$/);
    const row = section.getByRole('listitem', { name: 'Webhook my receiver' });
    await row.getByRole('button', { name: 'Send a test to my receiver' }).click();
    await poll(async () => received.length >= 1, 'the receiver got the test');
    await poll(async () => (await row.getByText(/Failed after 1 attempt \(HTTP 500/).count()) > 0, 'the failure is in the log');
    await accessible('notifications with a failed delivery');
    await moveClock(0, 1);
    log('moved the dev clock an hour: the failed delivery is due again');
    await poll(async () => received.length >= 2, 'the receiver got the retry');
    await poll(async () => (await row.getByText('Delivered after 2 attempts').count()) > 0, 'the retry is in the log');
    // Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body" with the secret's bytes, in webhook-signature.
    const { headers, body } = received[1];
    const signed = `${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`;
    const expected = createHmac('sha256', Buffer.from(secret.slice('whsec_'.length), 'base64')).update(signed).digest('base64');
    assert.ok(headers['webhook-signature'].split(' ').includes(`v1,${expected}`), 'the delivery is signed with her secret');
    assert.equal(received[0].headers['webhook-id'], headers['webhook-id'], 'a retry is the same message');
    await row.getByRole('button', { name: 'Remove my receiver' }).click();
    await section.getByText('No webhooks yet.').waitFor();
  } finally {
    receiver.close();
  }
});

test('her week reaches her inbox as a digest, whose one-click link works without a session', async () => {
  assert.ok(mailUrl, 'RAPPORT_MAIL_URL names devstack\'s mail page');
  await page.goto(`${base}/notifications`);
  const section = page.getByRole('region', { name: 'Email digest' });
  // The gateway publishes her as a member; reminders-service learns her address from that stream.
  await poll(async () => {
    await page.reload();
    await section.getByText(/^(Sent to|No address is known)/).waitFor();
    return (await section.getByText('Sent to').count()) > 0;
  }, 'reminders-service knows her address');
  const address = (await section.locator('strong').first().textContent()).trim();
  await section.getByLabel('How often').selectOption('DAILY');
  await section.getByRole('button', { name: 'Save digest settings' }).click();
  await section.getByRole('status').filter({ hasText: 'Saved. Daily at' }).waitFor();
  await section.getByRole('button', { name: 'Send me a test digest now' }).click();
  await section.getByText(`A test digest is on its way to ${address}`).waitFor();
  let mail;
  let seen = [];
  await poll(async () => {
    const messages = await (await fetch(new URL('/messages', mailUrl))).json();
    seen = messages.map((message) => `${message.to} "${message.subject}"`);
    mail = messages.find((message) => message.to.some((to) => to.includes(address)) && /^Your week in Rapport/.test(message.subject));
    return mail !== undefined;
  }, `the digest reached ${address}`).catch((error) => {
    throw new Error(`${error.message}; the inbox had ${seen.length}: ${seen.join('; ')}`);
  });
  assert.equal(mail.headers['List-Unsubscribe-Post'], 'List-Unsubscribe=One-Click', 'one-click unsubscribe (RFC 8058)');
  assert.match(mail.headers['List-Unsubscribe'], /^<http.*\/links\/digest\/unsubscribe\/.+>$/);
  assert.ok(mail.text.includes('Snooze a week:'), 'a plain-text part with the links');
  const snooze = [...mail.html.matchAll(/href="([^"]+)">Snooze a week</g)].map((match) => match[1].replaceAll('&amp;', '&'));
  assert.ok(snooze.length > 0, 'every entry of her plan has a snooze link');
  // From the mail, with no session: a page that asks first (mail scanners fetch links), then does it.
  const reader = await browser.newIsolatedContext();
  try {
    const inbox = await reader.newPage();
    const click = async () => {
      await inbox.goto(snooze[0]);
      await inbox.getByRole('heading', { level: 1, name: 'Snooze for a week' }).waitFor();
      const [answer] = await Promise.all([
        inbox.waitForResponse((response) => response.request().method() === 'POST'),
        inbox.getByRole('button', { name: 'Snooze for a week' }).click(),
      ]);
      await inbox.waitForLoadState();
      return `${answer.status()} ${await inbox.locator('h1').textContent()}`;
    };
    assert.equal(await click(), '200 Snoozed', 'the first click snoozes it');
    assert.equal(await click(), '200 Already snoozed', 'a second click changes nothing');
    const at = snooze[0].length - 10; // inside the signature, clear of the last character's padding bits
    const forged = snooze[0].slice(0, at) + (snooze[0][at] === 'A' ? 'B' : 'A') + snooze[0].slice(at + 1);
    assert.equal((await fetch(forged, { method: 'POST' })).status >= 400, true, 'a tampered link does nothing');
  } finally {
    await reader.close();
  }
  await page.reload();
  await section.getByRole('table').getByText('Delivered').first().waitFor();
  await accessible('notifications with a digest sent');
  await page.screenshot({ path: join(screenshots, 'notifications.png'), fullPage: true });
});

test('a second record of her is found as a duplicate and merged: one record, one timeline', async () => {
  const twin = `Lovelace Ada ${run}`;
  await page.goto(`${base}/contacts/new`);
  await page.getByLabel('Name', { exact: true }).fill(twin);
  await page.getByLabel('Company').fill('Analytical Engines');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByRole('heading', { level: 1, name: twin }).waitFor();
  const twinUrl = page.url();
  await page.locator('#main').getByRole('button', { name: 'Log a conversation' }).click();
  const composer = page.getByRole('dialog', { name: 'Log a conversation' });
  await composer.getByLabel('Summary').fill('Lunch at the Royal Society');
  await composer.getByRole('button', { name: /Log it/ }).click();
  await composer.waitFor({ state: 'hidden' });

  await page.goto(`${base}/contacts`);
  await page.getByRole('link', { name: 'Duplicates' }).click();
  await page.getByRole('heading', { level: 1, name: 'Possible duplicates' }).waitFor();
  const pair = page.getByRole('article', { name: `${ada} and ${twin}` });
  await pair.getByText('Same name and company').waitFor();
  await accessible('possible duplicates');
  await page.screenshot({ path: join(screenshots, 'duplicates.png'), fullPage: true });
  await pair.getByRole('button', { name: `Keep this one, ${ada}` }).click();
  const dialog = page.getByRole('dialog', { name: `Merge ${twin} into ${ada}?` });
  await dialog.getByText(/cannot be undone/).waitFor();
  await accessible('merge confirmation');
  await dialog.getByRole('button', { name: 'Merge', exact: true }).click();
  await page.getByRole('status').getByText(/one record, one timeline/).waitFor();
  await pair.waitFor({ state: 'detached' }); // the list, read again, has the pair no more

  // The old record's address leads to hers, and her timeline holds both records' conversations.
  await page.goto(twinUrl);
  await page.getByRole('heading', { level: 1, name: ada }).waitFor();
  await page.getByText(/was merged into/).waitFor();
  const timeline = page.getByRole('region', { name: 'Conversations' });
  await poll(async () => {
    await page.reload();
    await timeline.getByText('Coffee: she is moving to Turin').waitFor({ timeout: 5_000 });
    return (await timeline.getByText('Lunch at the Royal Society').count()) === 1;
  }, 'the merged conversation shows on her timeline');
  log(`merged ${twin} into ${ada}`);
});

test('erasing her says what is lost, and then she is gone', async () => {
  await openContact(ada);
  const url = page.url();
  await page.getByRole('button', { name: 'Erase…' }).click();
  const dialog = page.getByRole('dialog', { name: `Erase ${ada}?` });
  await dialog.getByText(/cannot be undone/).waitFor();
  assert.ok(await dialog.getByRole('button', { name: 'Erase for good' }).isDisabled(), 'erase waits for the name');
  await accessible('erase confirmation');
  await dialog.getByLabel(/to confirm/).fill(ada);
  await dialog.getByRole('button', { name: 'Erase for good' }).click();
  await page.waitForURL(/\/contacts$/);
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'No such contact' }).waitFor();
});

async function contactUrlOf(name) {
  await openContact(name);
  return page.url();
}

/** Re-checks `condition` (which may reload the page) until it holds, for up to a minute: the services work by events. */
async function poll(condition, what) {
  const deadline = Date.now() + 60_000;
  let lastError;
  while (Date.now() < deadline) {
    try {
      if (await condition()) return;
    } catch (error) {
      lastError = error;
    }
    await page.waitForTimeout(500);
  }
  throw new Error(`Timed out waiting until ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
}

let passed = 0;
let failed = 0;
let notRun = 0;
for (const { name, fn } of tests) {
  if (failed > 0) {
    notRun++;
    log(`not run (an earlier test failed, and these build on each other): ${name}`);
    continue;
  }
  const started = Date.now();
  try {
    await fn();
    passed++;
    log(`ok   ${name} (${Date.now() - started} ms)`);
  } catch (error) {
    failed++;
    log(`FAIL ${name}`);
    console.error(error);
    const file = fileURLToPath(new URL('../target/e2e-failure.png', import.meta.url));
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    console.error(`  screenshot: ${file}; at ${page.url()}`);
  }
}
await browser.close();
console.log(`${passed} passed, ${failed + notRun} failed${notRun ? ` (${notRun} of them not run after the first failure)` : ''}`);
process.exitCode = failed ? 1 : 0;
