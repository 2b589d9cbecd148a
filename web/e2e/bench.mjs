// The web client's benchmark (npm run bench), against a running devstack, in headless Chromium on the same machine:
//   1. what the first page costs: the JavaScript and CSS the browser fetched for / (signed in), raw and gzipped;
//   2. time until This week is usable: a cold load of / (a fresh browser context each time: empty cache, new
//      connections) until the agenda is on screen, by the page's own clock; and, in alternation, with a warm cache;
//   3. search as you type on /contacts: from the last keystroke until the list shows the final query's results, and
//      the API's own time for that query (meant for a team of 100,000: ./devstack/run --no-build seed-contacts).
// Environment as run.mjs: RAPPORT_URL (the gateway), RAPPORT_ADMIN_EMAIL and RAPPORT_ADMIN_PASSWORD (a team admin);
// RAPPORT_BENCH_LOADS (measured loads, 20) and RAPPORT_BENCH_RUNS (runs per query, 10). If This week has fewer than 10
// items it first creates 12 contacts with a conversation and a promise each, so the agenda has cards.
// Prints a Markdown report and writes it to target/benchmarks/web.md. It reports figures and asserts none.
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch, signIn } from './browser.mjs';

const base = process.env.RAPPORT_URL ?? 'http://localhost:8080';
const email = process.env.RAPPORT_ADMIN_EMAIL ?? 'admin@rapport.local';
const password = process.env.RAPPORT_ADMIN_PASSWORD;
const loads = Number(process.env.RAPPORT_BENCH_LOADS ?? 20);
const runs = Number(process.env.RAPPORT_BENCH_RUNS ?? 10);
const warmups = 3;
const reportFile = 'target/benchmarks/web.md';
assert.ok(password, 'RAPPORT_ADMIN_PASSWORD names the admin password');

/** What a person types, and how fast: 120 ms between keys, under the page's 150 ms debounce. */
const QUERIES = [
  ['rare surname', 'lovelace'],
  ['email fragment', 'ada.t12'],
  ['two words', 'ada london'],
  ['common word', 'engines'],
];
const KEY_DELAY_MS = 120;

/**
 * Runs in every page before its own scripts: notes, by the page's clock (ms since the navigation started), the frame
 * in which This week's agenda is first on screen (its h1 and its cards or its empty state; the timestamp is taken in
 * the requestAnimationFrame callback of the frame after the DOM changed, just before that frame is painted), and on
 * /contacts every change the person sees in the result list, with what it shows, and the last key pressed.
 */
function instrument() {
  const bench = (window.__bench = { usable: undefined, keys: [], shown: [], longTasks: [] });
  // Main-thread work of 50 ms or more (parsing and running the script, React's renders): the CPU's share of a load.
  new PerformanceObserver((list) => bench.longTasks.push(...list.getEntries().map((e) => ({ start: e.startTime, duration: e.duration }))))
    .observe({ type: 'longtask', buffered: true });
  const agendaShown = () =>
    document.querySelector('h1')?.textContent === 'This week' && document.querySelector('main .cards, main .empty');
  const snapshot = () => ({
    first: document.querySelector('#contact-results a')?.getAttribute('href') ?? null,
    count: document.querySelector('.result-count')?.textContent ?? '',
    q: new URLSearchParams(location.search).get('q'),
  });
  new MutationObserver(() => {
    if (bench.usable === undefined && agendaShown()) {
      bench.usable = null;
      requestAnimationFrame(() => { bench.usable = performance.now(); });
    }
    if (document.querySelector('#contact-results')) {
      const now = snapshot();
      const last = bench.shown.at(-1);
      if (!last || last.first !== now.first || last.count !== now.count || last.q !== now.q) {
        const entry = { ...now, at: null };
        bench.shown.push(entry);
        requestAnimationFrame(() => { entry.at = performance.now(); });
      }
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  addEventListener('keydown', (event) => bench.keys.push(event.timeStamp), true);
}

const browser = await launch();

const setupPage = await browser.context.newPage();
setupPage.setDefaultTimeout(30_000);
await setupPage.goto(`${base}/`);
await signIn(setupPage, email, password);
await setupPage.getByRole('heading', { level: 1, name: 'This week' }).waitFor();
const storageState = await browser.context.storageState();
const week = await ensureAWeek();
const machine = `${availableParallelism()} cores (${cpus()[0]?.model.trim()}), load average ${loadavg().map((l) => l.toFixed(1)).join(' ')} at the start`;

const firstPage = await measureFirstPage();
const { cold, warm } = await measureLoads();
const search = await measureSearch();
await browser.close();

const report = render();
console.log(report);
mkdirSync(dirname(reportFile), { recursive: true });
writeFileSync(reportFile, report);
console.log(`(written to web/${reportFile})`);

/** A new browser context (its own empty cache and connections), signed in as the admin, its pages instrumented. */
async function signedInContext() {
  const context = await browser.newIsolatedContext({ storageState });
  await context.addInitScript(instrument);
  return context;
}

// 1. What the first page fetched --------------------------------------------------------------------------------

/** A cold load of / signed in: every script and style sheet the browser received until the agenda showed, and a second after. */
async function measureFirstPage() {
  const context = await signedInContext();
  const page = await context.newPage();
  const responses = [];
  page.on('response', (response) => {
    const type = response.request().resourceType();
    if (type === 'script' || type === 'stylesheet' || type === 'document') responses.push({ response, type });
  });
  await page.goto(`${base}/`);
  await page.waitForFunction(() => typeof window.__bench.usable === 'number');
  await page.waitForTimeout(1_000);
  const timing = await page.evaluate(() =>
    Object.fromEntries(performance.getEntriesByType('resource').concat(performance.getEntriesByType('navigation'))
      .map((e) => [e.name, e.transferSize])),
  );
  const files = [];
  for (const { response, type } of responses) {
    const body = await response.body();
    const url = response.url();
    files.push({
      path: new URL(url).pathname,
      type,
      raw: body.length,
      gzip: gzipSync(body).length,
      encoding: (await response.headerValue('content-encoding')) ?? 'none',
      transferred: timing[url] ?? null,
      cacheControl: (await response.headerValue('cache-control')) ?? '',
    });
  }
  await context.close();
  return files;
}

// 2. Time until This week is usable -----------------------------------------------------------------------------

/**
 * Cold and warm loads in alternation, so that both see the same machine (other work shares its two cores); warm-up
 * loads of each first, not counted.
 * Cold: each load in a new browser context (empty HTTP cache, new connections), so the page's files are fetched.
 * Warm: each load in a new page of one context whose cache already holds them (/assets/* are cached a year;
 * index.html and the API calls are fetched every time).
 */
async function measureLoads() {
  const warmContext = await signedInContext();
  const cold = [];
  const warm = [];
  for (let i = 0; i < warmups + loads; i++) {
    const coldContext = await signedInContext();
    const coldSample = await loadThisWeek(coldContext);
    await coldContext.close();
    const warmSample = await loadThisWeek(warmContext);
    if (i >= warmups) {
      cold.push(coldSample);
      warm.push(warmSample);
    }
  }
  await warmContext.close();
  return { cold, warm };
}

/** One load of / in a new page of `context`: when it was usable, and when each step before it happened. */
async function loadThisWeek(context) {
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  await page.goto(`${base}/`);
  await page.waitForFunction(() => typeof window.__bench.usable === 'number');
  const sample = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const resources = performance.getEntriesByType('resource');
    const first = (path) => resources.find((e) => new URL(e.name).pathname === path) ?? { startTime: NaN, responseEnd: NaN };
    const scripts = resources.filter((e) => new URL(e.name).pathname.endsWith('.js'));
    const me = first('/api/me');
    const agenda = first('/api/reminders');
    return {
      usable: window.__bench.usable,
      html: nav.responseEnd,
      js: Math.max(...scripts.map((e) => e.responseEnd)),
      meSent: me.startTime,
      meAnswered: me.responseEnd,
      agendaSent: agenda.startTime,
      agendaAnswered: agenda.responseEnd,
      jsFromCache: scripts.length > 0 && scripts.every((e) => e.transferSize === 0),
      longTasks: window.__bench.longTasks.filter((t) => t.start < window.__bench.usable).reduce((sum, t) => sum + t.duration, 0),
    };
  });
  await page.close();
  return sample;
}

// 3. Search as you type -----------------------------------------------------------------------------------------

/**
 * For each query, `runs` times: /contacts freshly loaded (its first page of everyone on screen), the query typed into
 * Search one key at a time, then from the last keystroke until the list shows the final query's results: the first
 * frame whose first result and count are those of the API's answer for the whole query. The page waits 150 ms after
 * the last key before it asks, and keeps the previous results on screen meanwhile.
 */
async function measureSearch() {
  const context = await signedInContext();
  const results = [];
  for (const [label, text] of QUERIES) {
    const samples = [];
    for (let i = 0; i < 1 + runs; i++) {
      const page = await context.newPage();
      page.setDefaultTimeout(30_000);
      const answers = [];
      page.on('response', (response) => {
        const url = new URL(response.url());
        if (url.pathname === '/api/contacts' && url.searchParams.has('q')) answers.push(response);
      });
      await page.goto(`${base}/contacts`);
      await page.locator('#contact-results a').first().waitFor();
      await page.waitForFunction(() => /\d/.test(document.querySelector('.result-count')?.textContent ?? ''));
      await page.getByLabel('Search').click();
      const final = page.waitForResponse((response) => {
        const url = new URL(response.url());
        return url.pathname === '/api/contacts' && url.searchParams.get('q') === text;
      });
      await page.keyboard.type(text, { delay: KEY_DELAY_MS });
      const body = await (await final).json();
      const expected = { first: body.items?.[0] ? `/contacts/${body.items[0].id}` : null, total: body.totalItems ?? 0 };
      const seen = await page.waitForFunction(({ first, total, q }) => {
        const count = `${total.toLocaleString()} ${total === 1 ? 'contact' : 'contacts'}`; // as ContactsPage writes it
        const shown = window.__bench.shown.find((s) => s.q === q && s.first === first && s.count === count && s.at !== null);
        if (!shown) return false;
        const api = performance.getEntriesByType('resource')
          .filter((e) => new URL(e.name).pathname === '/api/contacts' && new URL(e.name).searchParams.get('q') === q)
          .at(-1);
        return api && {
          keyToShown: shown.at - window.__bench.keys.at(-1),
          api: api.responseEnd - api.startTime,
          keyToRequest: api.startTime - window.__bench.keys.at(-1),
          keyGaps: window.__bench.keys.slice(1).map((k, n) => k - window.__bench.keys[n]),
        };
      }, { ...expected, q: text });
      const sample = { ...(await seen.jsonValue()), requests: answers.length, matches: body.totalItems, exact: body.totalExact };
      if (i > 0) samples.push(sample); // the first run of each query warms its plan and the page
      await page.close();
    }
    results.push({ label, text, samples });
  }
  await context.close();
  return results;
}

// The agenda the loads render ------------------------------------------------------------------------------------

/** This week's items; with fewer than 10, 12 new contacts each get a conversation with a promise due in the next days. */
async function ensureAWeek() {
  const request = browser.context.request;
  const agenda = async () => {
    const response = await request.get(`${base}/api/reminders?tz=UTC`);
    assert.equal(response.status(), 200, 'GET /api/reminders');
    const body = await response.json();
    return body.overdue.length + body.today.length + body.upcoming.length;
  };
  const before = await agenda();
  if (before >= 10) return { items: before, created: 0 };
  const xsrf = (await browser.context.cookies(base)).find((c) => c.name === 'XSRF-TOKEN')?.value;
  const headers = { 'X-XSRF-TOKEN': xsrf, 'Content-Type': 'application/json' };
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const run = Date.now().toString(36);
  for (let i = 0; i < 12; i++) {
    const contact = await request.post(`${base}/api/contacts`, {
      headers,
      data: {
        displayName: `Week ${run} ${i + 1}`, company: 'Analytical Engines', context: 'Moving to Turin in spring',
        visibility: 'TEAM', cadence: { tier: 'CLOSE' },
      },
    });
    assert.equal(contact.status(), 201, `POST /api/contacts: ${await contact.text()}`);
    const id = (await contact.json()).id;
    let logged;
    // Right after its creation interactions-service may not know the contact yet (400 naming participantIds).
    for (let attempt = 0; attempt < 50; attempt++) {
      logged = await request.post(`${base}/api/interactions`, {
        headers,
        data: {
          participantIds: [id], type: 'COFFEE_OR_MEAL', timeZone: 'UTC', summary: 'Coffee: the move to Turin',
          questions: ['How did the move go?'],
          followUps: [{ text: 'Send the Babbage notes', dueOn: day(i - 4), owedBy: i % 3 === 0 ? 'THEM' : 'ME' }],
        },
      });
      if (logged.status() !== 400) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.equal(logged.status(), 201, `POST /api/interactions: ${await logged.text()}`);
  }
  const deadline = Date.now() + 60_000;
  let items = await agenda();
  while (items < before + 12 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    items = await agenda();
  }
  return { items, created: 12 };
}

// The report ------------------------------------------------------------------------------------------------------

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function render() {
  const ms = (value) => `${Math.round(value)} ms`;
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`; // as Vite's build output counts them
  const stats = (values) => `${ms(percentile(values, 50))} / ${ms(percentile(values, 90))} / ${ms(Math.max(...values))}`;
  const lines = [];
  lines.push(`## The web client, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`, '');
  lines.push(`Against ${base}; headless Chromium on the same machine: ${machine}. 1 kB = 1,000 bytes.`, '');

  lines.push('### JavaScript and CSS of the first page (/ signed in, cold cache)', '');
  lines.push('| file | type | raw | gzipped (zlib, default level) | served with Content-Encoding | bytes transferred | Cache-Control |');
  lines.push('|---|---|---|---|---|---|---|');
  for (const f of firstPage) {
    lines.push(`| \`${f.path}\` | ${f.type} | ${kb(f.raw)} | ${kb(f.gzip)} | ${f.encoding} | ${f.transferred === null ? 'n/a' : kb(f.transferred)} | ${f.cacheControl} |`);
  }
  for (const type of ['script', 'stylesheet']) {
    const of = firstPage.filter((f) => f.type === type);
    lines.push(`| **all ${type === 'script' ? 'JavaScript' : 'CSS'}** (${of.length} ${of.length === 1 ? 'file' : 'files'}) | | **${kb(of.reduce((s, f) => s + f.raw, 0))}** | **${kb(of.reduce((s, f) => s + f.gzip, 0))}** | | | |`);
  }
  lines.push('');

  lines.push(`### Time until This week is usable (${loads} loads after ${warmups} warm-up loads)`, '');
  lines.push(`The agenda had ${week.items} items${week.created ? ` (${week.created} created by this run)` : ''}. Milliseconds since the navigation started, by the page's clock: usable p50 / p90 / max, and when each step happened (p50).`, '');
  lines.push('| cache | usable (h1 and the agenda painted) | index.html received | JavaScript received | `GET /api/me` sent → answered | `GET /api/reminders` sent → answered | main thread in long tasks before usable | JS from the cache |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const [name, samples] of [['cold (fresh context)', cold], ['warm (assets cached)', warm]]) {
    const p50 = (key) => ms(percentile(samples.map((s) => s[key]), 50));
    lines.push(`| ${name} | **${stats(samples.map((s) => s.usable))}** | ${p50('html')} | ${p50('js')} | ${p50('meSent')} → ${p50('meAnswered')} | ${p50('agendaSent')} → ${p50('agendaAnswered')} | ${p50('longTasks')} | ${samples.filter((s) => s.jsFromCache).length}/${samples.length} |`);
  }
  lines.push('');

  lines.push(`### Search as you type (${runs} run${runs === 1 ? "" : "s"} per query after one warm-up run; keys ${KEY_DELAY_MS} ms apart)`, '');
  lines.push('From the last keystroke until the list shows that query\'s results (the page waits 150 ms after the last key before it asks); the API\'s time for that `GET /api/contacts?q=` as the browser saw it (request start to response end, through the gateway). p50 / p90.', '');
  lines.push('| query | matches | last key → results shown | API request | last key → request sent | requests per query typed |');
  lines.push('|---|---|---|---|---|---|');
  for (const { label, text, samples } of search) {
    const col = (key) => `${ms(percentile(samples.map((s) => s[key]), 50))} / ${ms(percentile(samples.map((s) => s[key]), 90))}`;
    const matches = samples[0].matches;
    const requests = samples.reduce((s, x) => s + x.requests, 0) / samples.length;
    lines.push(`| ${label} (\`${text}\`) | ${matches.toLocaleString()}${samples[0].exact === false ? '+' : ''} | **${col('keyToShown')}** | ${col('api')} | ${col('keyToRequest')} | ${requests.toFixed(1)} |`);
  }
  const gaps = search.flatMap((q) => q.samples.flatMap((s) => s.keyGaps));
  lines.push('', `Keys arrived ${ms(percentile(gaps, 50))} apart (p50; p90 ${ms(percentile(gaps, 90))}, max ${ms(Math.max(...gaps))}).`, '');
  return lines.join('\n');
}
