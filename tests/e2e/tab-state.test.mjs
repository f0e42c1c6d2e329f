// What the background keeps for each tab (extension/background/tab-state.js,
// in storage.session): its page's report, and its frames' as they come and
// go. An ad frame's content reaches its slot through the frame's report; a
// frame that goes says so (`frame/gone`), but a document that dies with its
// process, or with its tab discarded, says nothing: the page loaded again
// must not add its old creatives to the new ones, nor a discarded tab's
// state outlive it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
/** Two Google slots: a SafeFrame (its container and the creative inside) and a srcdoc frame. */
const URL_ = 'http://news.example/article/running.html';
/** What the background holds for that page once its frames have reported, each creative once. */
const SETTLED = JSON.stringify({
  slots: ['shop.example: Trail Runner X Now €129 at Shop Example (2)', 'travel.example: Autumn city breaks from €99 (1)'],
  frames: 3, // the SafeFrame container, the creative inside it, the srcdoc frame
});

/**
 * The Google slots' creatives as the background holds them for a tab, and
 * how many frames' reports it keeps.
 * @param {import('playwright-core').Worker} worker
 * @param {number} tabId
 */
async function held(worker, tabId) {
  const all = /** @type {Record<string, any>} */ (await worker.evaluate(() => chrome.storage.session.get(null)));
  /** @type {import('../../extension/messages.js').ReportedItem[]} */
  const items = all[`tab:${tabId}`]?.report.items ?? [];
  return {
    slots: items.filter((i) => i.network === 'Google').map((i) => `${i.landingDomain}: ${i.text} (${i.frames.length})`).sort(),
    frames: Object.keys(all[`frames:${tabId}`] ?? {}).length,
  };
}

/**
 * Waits until the background holds each creative once for the tab.
 * @param {import('playwright-core').Worker} worker
 * @param {number} tabId
 * @param {string} what
 * @param {number} [timeoutMs]
 */
async function settles(worker, tabId, what, timeoutMs = 5_000) {
  /** @type {unknown} */
  let last;
  try {
    await eventually(async () => JSON.stringify(last = await held(worker, tabId)) === SETTLED, what, timeoutMs);
  } catch {
    assert.fail(`${what}: ${JSON.stringify(last)}`);
  }
}

/**
 * Opens the test page in a tab of its own and waits until the background
 * holds each of its creatives once.
 */
async function openSettled() {
  const session = current();
  const page = await session.open(URL_);
  const worker = await session.browser.worker();
  const { tabId } = await session.waitForReport(URL_, 5);
  await settles(worker, tabId, 'both creatives attributed', 10_000);
  return { session, page, worker, tabId };
}

test('an ad frame refreshed keeps every slot\'s creative: the other slot\'s frame is kept, the refreshed one\'s old frames go; a reload leaves the new page\'s frames only', async () => {
  // Chromium counts a frame's navigation as its tab loading: the background
  // used to forget the whole page then, the other slot's frame report too.
  const { session, page, worker, tabId } = await openSettled();
  await page.evaluate(() => {
    const frame = /** @type {HTMLIFrameElement} */ (document.querySelector('iframe[src*="container.html"]'));
    frame.src = `${frame.src}?refresh=1`;
  });
  await page.waitForTimeout(1_500); // the refreshed frames report, and the page is scanned again
  await settles(worker, tabId, 'both creatives still attributed, once each');
  await page.reload();
  await session.waitForReport(URL_, 5);
  await page.waitForTimeout(1_500);
  await settles(worker, tabId, 'after a reload, the new page\'s frames alone');
  await page.close();
});

test('a page reloaded after its process crashed ("Aw, Snap!") has each creative once: its dead frames\' reports go', async () => {
  // The crashed page's frames never said they went; the tab shows the same
  // address again, so its state is kept, and their reports with it.
  const { session, page, worker, tabId } = await openSettled();
  const before = (await session.tabStateFor(URL_))?.state.updatedAt ?? Infinity;
  const cdp = await session.browser.context.newCDPSession(page);
  const crashed = new Promise((resolve) => page.once('crash', resolve));
  cdp.send('Page.crash').catch(() => {}); // never answered: the page is gone
  await crashed;
  try {
    await worker.evaluate((id) => chrome.tabs.reload(id), tabId);
    await eventually(async () => ((await session.tabStateFor(URL_))?.state.updatedAt ?? 0) > before, 'the reloaded page reported', 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // its frames report, and the page is scanned again
    await settles(worker, tabId, 'after the reload, the new page\'s frames alone');
  } finally {
    await worker.evaluate((id) => chrome.tabs.remove(id), tabId); // Playwright no longer has the crashed page
    await eventually(async () => (await session.tabStateFor(URL_)) === null, 'the tab closed, its state forgotten');
  }
});

test('a tab the browser discards leaves no state behind under its old id; shown again, its page is known under its new id', async () => {
  // Chromium gives a discarded tab a new id (measured, 156) and tells of
  // the old one only by `tabs.onReplaced`, not `onRemoved`.
  const { session, page, worker, tabId } = await openSettled();
  const other = await session.open('http://news.example/article/text-ads.html');
  const discarded = await worker.evaluate((id) => chrome.tabs.discard(id), tabId);
  assert.ok(discarded?.discarded, 'the tab is discarded');
  const keysOf = async (/** @type {number} */ id) => Object.keys(await worker.evaluate(() => chrome.storage.session.get(null)))
    .filter((key) => key.endsWith(`:${id}`)).sort();
  await eventually(async () => (await keysOf(tabId)).length === 0, 'the old id\'s state, frames and visit forgotten');
  const newId = /** @type {number} */ (discarded.id);
  if (newId !== tabId) assert.deepEqual(await keysOf(newId), [], 'nothing is known of the discarded page');
  await worker.evaluate((id) => chrome.tabs.update(id, { active: true }), newId);
  await eventually(async () => (await held(worker, newId)).slots.length === 2, 'the page loaded again reported', 10_000);
  await settles(worker, newId, 'shown again, each creative once');
  assert.deepEqual(await keysOf(newId), [`frames:${newId}`, `tab:${newId}`, `visit:${newId}`], 'its state, frames and visit, under its new id');
  await other.close();
  await worker.evaluate((id) => chrome.tabs.remove(id), newId);
  await page.close().catch(() => {});
});
