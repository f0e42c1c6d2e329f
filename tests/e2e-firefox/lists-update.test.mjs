// Run-time filter-list updates in Firefox, as tests/e2e/lists-update.test.mjs
// checks them in Chromium: the lists' official URLs (served by the fixture
// server through its TLS tunnel) answering garbage, then good lists; the
// new lists in use at once, kept when the event page stops (Firefox stops
// an idle add-on's background page: here after 1 s instead of 30) and
// shown on the options page.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inExtensionPage, onceReady, sendFromAddonPage } from '../harness/firefox.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';

const EASYPRIVACY = 'https://easylist.to/easylist/easyprivacy.txt';
const BUNDLED = ['202608130520', '202608130529'];
const DOWNLOADED = ['209901010000', '209901010001'];
/** How long the background page may idle before Firefox stops it. */
const IDLE_MS = 1_000;

/** @type {import('../harness/server.mjs').FixtureServer} */
let server;
/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

firefoxForTests({ prefs: [['extensions.background.idle.timeout', IDLE_MS]] }, (started) => { ({ firefox, server } = started); });

/** @param {object} message */
const send = (message) => sendFromAddonPage(firefox, message);
const versions = async () => (await send({ type: 'engine/get-info' })).value.lists.lists.map((/** @type {any} */ l) => l.version);

/** Requests the fixture server has seen to `host` so far. */
const served = (/** @type {string} */ host) => server.requests.filter((r) => r.host === host).length;

/**
 * Visits news.example's page of fixture-only hosts, then reads news.example's
 * record of `host` once it counts every request the fixture server saw go
 * there (Firefox sometimes asks for a page's script or image twice in one
 * visit, and each request is one the site made).
 * @param {string} host
 * @returns {Promise<{ requests: number, listed: number }>}
 */
async function afterFreshVisit(host) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: 'http://news.example/fresh.html', wait: 'complete' });
  const sent = served(host);
  const deadline = Date.now() + 5_000;
  for (;;) {
    const records = (await send({ type: 'sites/get-records' })).value;
    const seen = records.sites['news.example']?.thirdParties[host] ?? { requests: 0, listed: 0 };
    if (seen.requests >= sent || Date.now() > deadline) return seen;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The requests to each fixture-only host before the lists were updated. */
const beforeUpdate = new Map();

test('in Firefox, the bundled lists are in use at first and do not know the fixture hosts', async () => {
  assert.deepEqual(await versions(), BUNDLED);
  const seen = await afterFreshVisit('fresh-ads.example');
  assert.ok(seen.requests >= 1, 'the visit was recorded');
  assert.equal(seen.requests, served('fresh-ads.example'));
  assert.equal(seen.listed, 0);
});

test('in Firefox, a garbage download (an HTML error page) is refused and the lists stay', async () => {
  server.overrides.set(EASYPRIVACY, { status: 200, body: '<!doctype html><title>Service unavailable</title>' });
  const reply = await send({ type: 'lists/update-now' });
  server.overrides.clear();
  assert.equal(reply.ok, false);
  assert.match(reply.error, /easyprivacy is not a filter list \(it starts with "<!doctype html>/);
  assert.deepEqual(await versions(), BUNDLED);
});

test('in Firefox, a good download from the official URLs replaces the engine, its rules live at once', async () => {
  for (const host of ['fresh-ads.example', 'fresh-tracker.example']) beforeUpdate.set(host, served(host));
  const reply = await send({ type: 'lists/update-now' });
  assert.equal(reply.ok, true, reply.error);
  assert.deepEqual(reply.value.lists.lists.map((/** @type {any} */ l) => l.version), DOWNLOADED);
  assert.ok(server.requests.some((r) => r.url === 'https://easylist.to/easylist/easylist.txt'));
  // Every request since, and none before, is one the lists know.
  const seen = await afterFreshVisit('fresh-ads.example');
  assert.equal(seen.requests, served('fresh-ads.example'));
  assert.ok(seen.listed >= 1);
  assert.equal(seen.listed, served('fresh-ads.example') - beforeUpdate.get('fresh-ads.example'));
});

test('in Firefox, the downloaded lists are the ones loaded when the stopped background page starts again', async () => {
  // A mark on the running background page's window: a page started anew has none.
  const marked = 'browser.runtime.getBackgroundPage().then((bg) => { bg.adlensTestMark = true; return true; })';
  assert.equal(await inExtensionPage(firefox, 'options.html', marked), true);
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: 'about:blank', wait: 'complete' });
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 2_000));
  const stillMarked = 'browser.runtime.getBackgroundPage().then((bg) => bg.adlensTestMark === true)';
  assert.equal(await inExtensionPage(firefox, 'options.html', stillMarked), false, 'the background page was stopped and started again');
  assert.deepEqual(await versions(), DOWNLOADED);
  const seen = await afterFreshVisit('fresh-tracker.example');
  assert.equal(seen.requests, served('fresh-tracker.example'));
  assert.equal(seen.listed, served('fresh-tracker.example') - beforeUpdate.get('fresh-tracker.example'), 'the rules still live');
});

test('in Firefox, the options page shows the lists and their age', async () => {
  const shown = await inExtensionPage(firefox, 'options.html', onceReady(`({
    rows: [...document.querySelectorAll('#lists tbody tr')].map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
    status: document.querySelector('#lists-status')?.textContent ?? '',
  })`));
  assert.deepEqual(shown.rows, [['EasyList', DOWNLOADED[0]], ['EasyPrivacy', DOWNLOADED[1]]]);
  assert.match(shown.status, /Last updated: (now|\d+ minutes? ago|this minute)/);
});
