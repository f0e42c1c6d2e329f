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

test('going back to a page restored from the back/forward cache: its report, its frames\' content and a new visit', async () => {
  // The shoe viewed on the shop follows the user into the news page's ad
  // frame: that verdict needs the frame's own report.
  const shop = await current().open(SHOP);
  await waitForLabels(shop, 2);
  await shop.close();
  const page = await current().open(NEWS);
  await waitForLabels(page, 5);
  await page.waitForSelector('.trc_related_container a');
  /** @type {import('../../extension/messages.js').KindCounts | null} */
  let counts = null;
  const { tabId } = await current().waitForReport(NEWS, 5);
  await eventually(async () => (counts = await current().popupCounts(tabId)).retargeted === 1, 'the shoe ad following the user');
  const labelled = texts(await readLabels(page));

  // In the page's own world: gone if the page is loaded anew.
  await page.evaluate(() => Object.assign(window, { keptInCache: true }));
  await page.goto(BLOG);
  await eventually(async () => (await current().tabStateFor(NEWS)) === null, 'the background forgetting the news page');
  await page.goBack({ waitUntil: 'commit' }); // a page from the cache fires no load event
  assert.equal(await page.evaluate(() => 'keptInCache' in window), true, 'the news page came back from the back/forward cache');

  const { state } = await current().waitForReport(NEWS, 5);
  assert.equal(state.report.items.length, 5);
  await eventually(async () => JSON.stringify(await current().popupCounts(tabId)) === JSON.stringify(counts),
    `the popup counting ${JSON.stringify(counts)} again, the ad frame's shoe included`);
  assert.deepEqual(texts(await readLabels(page)), labelled, 'the same labels on the page');
  // Going back is a visit too: the news page's second.
  const visits = (await current().readDb('observations'))
    .filter((/** @type {{ type: string, pageUrl?: string }} */ o) => o.type === 'page_visit' && o.pageUrl === NEWS);
  assert.equal(visits.length, 2, 'two visits of the news page');
});
