// In Firefox, as in Chromium (tests/e2e/back-forward.test.mjs): a page the
// browser shows again from its back/forward cache is reported again, its
// frames too. The background forgot the tab's page when it moved on, and
// nothing in the restored page changes to call for a rescan. The fixture
// pages are served `no-cache` here: Firefox keeps no `no-store` page in
// that cache.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { firefoxLabelsWhen, firefoxTabState, inExtensionPage } from '../harness/firefox.mjs';
import { firefoxWithAddonTab } from '../harness/firefox-tests.mjs';

const SHOP = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';
const BLOG = 'http://blog.example/post/autumn-trails.html';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;
/** A background tab for the add-on's own pages. */
let addonTab = '';

firefoxWithAddonTab({ server: { cacheControl: 'no-cache' } }, (started) => { ({ firefox, addonTab } = started); });

/**
 * Waits until the background's state for `url` satisfies `done` (10 s at most); that state.
 * @param {string} url
 * @param {(state: import('../../extension/messages.js').TabState | null) => boolean} done
 * @param {string} what
 */
async function stateWhen(url, done, what) {
  /** @type {{ state: import('../../extension/messages.js').TabState | null }} the last read */
  const last = { state: null };
  await eventually(async () => done(last.state = await firefoxTabState(firefox, url, addonTab)), what, 10_000);
  return last.state;
}

/**
 * Opens `url`, waits for its report to count `items`, leaves it for another
 * page and goes back; fails unless Firefox showed it again from its cache.
 * @param {string} url
 * @param {number} items
 */
async function leaveAndGoBack(url, items) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  await stateWhen(url, (s) => (s?.report.items.length ?? 0) >= items, `${url} reported`);
  // In the page's own world: gone if the page is loaded anew.
  await firefox.send('script.evaluate', { expression: 'window.keptInCache = true', target: { context: firefox.context }, awaitPromise: false });
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: BLOG, wait: 'complete' });
  await stateWhen(url, (s) => s === null, `the background forgetting ${url}`);
  await firefox.send('browsingContext.traverseHistory', { context: firefox.context, delta: -1 });
  const kept = await firefox.send('script.evaluate', { expression: "'keptInCache' in window", target: { context: firefox.context }, awaitPromise: false });
  assert.equal(kept.result.value, true, `${url} came back from the back/forward cache`);
}

test('in Firefox, a page shown again from the back/forward cache is reported again', async () => {
  await leaveAndGoBack(SHOP, 2);
  const state = await stateWhen(SHOP, (s) => s?.report.items.length === 2, 'the product page reported again');
  assert.equal(state?.report.items.length, 2);
  assert.equal((await firefoxLabelsWhen(firefox, (labels) => labels.length === 2)).length, 2, 'its two labels still on it');
});

test('in Firefox, its ad frame reports again: the shoe viewed on the shop follows the user into it once more', async () => {
  // The shoe was viewed on the shop in the test before.
  await leaveAndGoBack(NEWS, 5);
  const state = await stateWhen(NEWS, (s) => s?.report.counts.retargeted === 1, 'the frame\'s shoe deciding its slot\'s label');
  assert.equal(state?.report.items.length, 5);
});

test('in Firefox, a kind muted while the page was away is muted when it is shown again', async () => {
  // Firefox tells a page in its back/forward cache nothing of the settings
  // changed meanwhile (Chrome takes such a page out of the cache).
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: NEWS, wait: 'complete' });
  // All five, the late-filled Taboola block's too.
  const before = await firefoxLabelsWhen(firefox,
    (labels) => labels.length === 5 && labels.filter((l) => l.text === 'Ad · Generic').length === 2);
  assert.equal(before.length, 5);
  await firefox.send('script.evaluate', { expression: 'window.keptInCache = true', target: { context: firefox.context }, awaitPromise: false });
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: BLOG, wait: 'complete' });
  await inExtensionPage(firefox, 'options.html', 'browser.storage.local.set({ settings: { mute: { generic: true } } }).then(() => true)', addonTab);
  try {
    await firefox.send('browsingContext.traverseHistory', { context: firefox.context, delta: -1 });
    const kept = await firefox.send('script.evaluate', { expression: "'keptInCache' in window", target: { context: firefox.context }, awaitPromise: false });
    assert.equal(kept.result.value, true, 'the news page came back from the back/forward cache');
    const after = await firefoxLabelsWhen(firefox, (labels) => labels.length === 3);
    assert.deepEqual(after.map((l) => l.text).filter((t) => t.endsWith('Generic')), [], 'no generic ad labelled: both muted');
    assert.equal(after.length, 3);
  } finally {
    await inExtensionPage(firefox, 'options.html', 'browser.storage.local.remove(\'settings\').then(() => true)', addonTab);
  }
});
