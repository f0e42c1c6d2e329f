// A page the browser shows again from its back/forward cache (going back to
// it, as users have it on; Playwright turns the cache off, this session
// turns it back on) is known to AdLens again: the background forgot the
// tab's page and its frames' reports when the tab moved on, and nothing in
// the restored page changes to call for a rescan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { readLabels, waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests({ backForwardCache: true });
const SHOP = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';
const BLOG = 'http://blog.example/post/autumn-trails.html';

/** @param {{ text: string }[]} labels */
const texts = (labels) => labels.map((l) => l.text).sort();

/**
 * Leaves the page for another and goes back to it, once the background has
 * forgotten it; fails unless the browser showed it again from its cache.
 * @param {import('playwright-core').Page} page
 * @param {string} url the page's address
 */
async function leaveAndGoBack(page, url) {
  // In the page's own world: gone if the page is loaded anew.
  await page.evaluate(() => Object.assign(window, { keptInCache: true }));
  await page.goto(BLOG);
  await eventually(async () => (await current().tabStateFor(url)) === null, `the background forgetting ${url}`);
  await page.goBack({ waitUntil: 'commit' }); // a page from the cache fires no load event
  assert.equal(await page.evaluate(() => 'keptInCache' in window), true, `${url} came back from the back/forward cache`);
}

/**
 * The visits of a page the extension has stored.
 * @param {string} url
 */
async function visitsOf(url) {
  return (await current().readDb('observations'))
    .filter((/** @type {{ type: string, pageUrl?: string }} */ o) => o.type === 'page_visit' && o.pageUrl === url).length;
}

test('a page shown again from the back/forward cache is reported again, as a visit of its own', async () => {
  // The shop's product page holds no frame: only the page itself can say it is back.
  const page = await current().open(SHOP);
  const labelled = texts(await waitForLabels(page, 2));
  await current().waitForReport(SHOP, 2);
  await leaveAndGoBack(page, SHOP);
  const { state } = await current().waitForReport(SHOP, 2);
  assert.equal(state.report.items.length, 2);
  assert.deepEqual(texts(await readLabels(page)), labelled, 'the same labels on the page');
  assert.equal(await visitsOf(SHOP), 2, 'going back is a visit too: the product page\'s second');
  await page.close();
});

test('its frames report again: an ad frame\'s content decides its slot\'s label once more', async () => {
  // The shoe viewed on the shop (the test before) follows the user into the
  // news page's ad frame: that verdict needs the frame's own report.
  const page = await current().open(NEWS);
  await waitForLabels(page, 5);
  await page.waitForSelector('.trc_related_container a');
  /** @type {import('../../extension/messages.js').KindCounts | null} */
  let counts = null;
  const { tabId } = await current().waitForReport(NEWS, 5);
  await eventually(async () => (counts = await current().popupCounts(tabId)).retargeted === 1, 'the shoe ad following the user');
  await leaveAndGoBack(page, NEWS);
  await current().waitForReport(NEWS, 5);
  await eventually(async () => JSON.stringify(await current().popupCounts(tabId)) === JSON.stringify(counts),
    `the popup counting ${JSON.stringify(counts)} again, the ad frame's shoe included`);
  assert.equal(await visitsOf(NEWS), 2);
});
