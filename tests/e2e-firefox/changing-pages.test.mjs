// Pages that change under AdLens after it read them, in Firefox (Chromium's
// are in tests/e2e/hostile.test.mjs, content-scripts.test.mjs and
// rescan.test.mjs): a page that writes itself anew, a creative written into
// a blank frame once it came, jumps within a page, an ad frame refreshed and
// the page reloaded. Each is checked in the report the background holds,
// as the popup reads it. And a page that never holds still, left for a
// slow one: its rescans meanwhile are its own visit's.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { ROOT } from '../harness/browser.mjs';
import { eventually } from '../harness/eventually.mjs';
import { firefoxLabelsWhen, firefoxObservations, firefoxTabState } from '../harness/firefox.mjs';
import { firefoxWithAddonTab } from '../harness/firefox-tests.mjs';

const NEWS = 'http://news.example/article/running.html';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;
/** A background tab for the add-on's own pages. */
let addonTab = '';
/** @type {import('../harness/server.mjs').FixtureServer} */
let server;

firefoxWithAddonTab({}, (started) => { ({ firefox, addonTab, server } = started); });

/** @param {(labels: { text: string, kind: string }[]) => boolean} done */
const labelsWhen = (done) => firefoxLabelsWhen(firefox, done);

/**
 * Opens `url` in the tab and waits until it shows `count` labels.
 * @param {string} url
 * @param {number} count
 */
async function labelsOn(url, count) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  return labelsWhen((labels) => labels.length >= count);
}

test('in Firefox, a page that writes itself anew once loaded (document.open()): the ads it wrote are found and labelled, not the one it took out', async () => {
  const url = 'http://news.example/hostile/rewritten.html';
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  await labelsWhen((labels) => labels.length === 1);
  const written = JSON.stringify(['div-gpt-ad-1700000000000-9', 'text-ad-after']);
  // Written 2.5 s after the load.
  await eventually(async () =>
    JSON.stringify((await firefoxTabState(firefox, url, addonTab))?.report.items.map((i) => i.elementId).sort()) === written,
  `the report naming ${written}, and not the ad the page took out`, 8_000);
  assert.equal((await labelsWhen((labels) => labels.length === 2)).length, 2);
});

test('in Firefox, a creative written into a blank frame a second after the frame was added is attributed to its slot', async () => {
  const url = 'http://news.example/article/late-written-frame.html';
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  /** @type {import('../../extension/messages.js').ReportedItem | undefined} */
  let slot;
  await eventually(async () => {
    slot = (await firefoxTabState(firefox, url, addonTab))?.report.items.find((i) => i.elementId === 'div-gpt-ad-1700000000000-6');
    return slot?.landingDomain === 'travel.example';
  }, 'the slot\'s landing page, from the link inside the written frame', 8_000);
  assert.equal(slot?.text, 'Hill running camps from €199');
});

test('in Firefox, a jump within the page with nothing in it changing (a fragment, replaceState, pushState): the background knows the page after each', async () => {
  const shop = 'http://shop.example/product/trail-runner-x.html';
  await labelsOn(shop, 2);
  for (const [jump, url] of [
    ['location.hash = "#reviews"', `${shop}#reviews`],
    ['history.replaceState({}, "", "?utm_source=newsletter")', `${shop}?utm_source=newsletter`],
    ['history.pushState({}, "", "trail-runner-x-red.html")', 'http://shop.example/product/trail-runner-x-red.html'],
  ]) {
    await firefox.send('script.evaluate', { expression: jump, target: { context: firefox.context }, awaitPromise: false });
    await eventually(async () => (await firefoxTabState(firefox, url, addonTab))?.report.items.length === 2,
      `the page's two items known at ${url}`, 5_000);
  }
});

test('in Firefox, an ad frame refreshed, then the page reloaded: each Google slot holds its creative once, the other slot\'s kept', async () => {
  await labelsOn(NEWS, 5);
  const settled = JSON.stringify(['shop.example: Trail Runner X Now €129 at Shop Example (2)', 'travel.example: Autumn city breaks from €99 (1)']);
  /** @type {string} */
  let last = '';
  /** @param {string} what */
  const settles = async (what) => {
    try {
      await eventually(async () => (last = JSON.stringify(((await firefoxTabState(firefox, NEWS, addonTab))?.report.items ?? [])
        .filter((i) => i.network === 'Google').map((i) => `${i.landingDomain}: ${i.text} (${i.frames.length})`).sort())) === settled,
      what, 8_000);
    } catch {
      assert.fail(`${what}: ${last}`);
    }
  };
  await settles('both creatives attributed');
  await firefox.send('script.evaluate', {
    expression: 'const f = document.querySelector(\'iframe[src*="container.html"]\'); f.src = `${f.src}?refresh=1`;',
    target: { context: firefox.context }, awaitPromise: false,
  });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await settles('both creatives still attributed, once each, after one frame was refreshed');
  await firefox.send('browsingContext.reload', { context: firefox.context, wait: 'complete' });
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await settles('after a reload, each creative once');
});

test('in Firefox, a page that never holds still, left for one that takes 2.5 s to answer: its rescans meanwhile are its own visit\'s, one visit of each page', async () => {
  const TICKER = 'http://news.example/hostile/live-ticker.html';
  const SLOW = 'http://bank.example/slow-offers.html';
  server.overrides.set(SLOW, { status: 200, body: fs.readFileSync(`${ROOT}/tests/sites/bank.example/offers.html`, 'utf8'), delayMs: 2_500 });
  try {
    const started = Date.now();
    await labelsOn(TICKER, 1);
    await labelsOn(SLOW, 1);
    /** @type {any[]} */
    let visits = [];
    await eventually(async () => {
      visits = (await firefoxObservations(firefox, addonTab))
        .filter((o) => o.type === 'page_visit' && o.time >= started).sort((a, b) => a.time - b.time);
      return visits.some((o) => o.pageUrl === SLOW);
    }, 'the slow page\'s visit stored', 10_000);
    assert.deepEqual(visits.map((o) => o.pageUrl), [TICKER, SLOW], 'no second visit of the ticker');
  } finally {
    server.overrides.delete(SLOW);
  }
});
