// The popup lists the page's ads and widgets, the ones chosen for you
// first; choosing one brings it into view on the page with its "why" card
// open (with labels off, it is only brought into view). Muted kinds are not
// listed; an item gone from the page says so.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { readLabels, readWhyCard, waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const SHOP = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';

/** @typedef {import('playwright-core').Page} Page */

/**
 * The popup for a tab, ready.
 * @param {number} tabId
 * @param {(popup: Page) => Promise<void>} [before] run before it loads
 */
async function openPopup(tabId, before) {
  const { browser } = current();
  const popup = await browser.context.newPage();
  if (before) await before(popup);
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tabId=${tabId}`);
  await popup.waitForSelector('body[data-ready="true"]');
  return popup;
}

/**
 * The entries' labels (with who served them, and a count when several read the same).
 * @param {Page} popup
 */
const listed = (popup) => popup.$$eval('#page-items li button', (buttons) => buttons.map((b) =>
  [b.querySelector('.what')?.textContent, b.querySelector('.count')?.textContent].filter(Boolean).join(' ')));
/**
 * The words under each entry's label.
 * @param {Page} popup
 */
const details = (popup) => popup.$$eval('#page-items li button', (buttons) => buttons.map((b) => b.querySelector('.detail')?.textContent ?? ''));

test('the popup lists the page\'s items, chosen for you first; one chosen is brought into view with its card open', async (t) => {
  // The test mutes a kind on the site, at its end: the others start without.
  const worker = await current().browser.worker();
  t.after(() => worker.evaluate(() => chrome.storage.local.remove('settings')));
  const shop = await current().open(SHOP);
  await waitForLabels(shop, 2);
  await shop.close();
  const page = await current().open(NEWS);
  await page.setViewportSize({ width: 1000, height: 360 });
  await waitForLabels(page, 5);
  const { tabId } = await current().waitForReport(NEWS, 5);
  const popup = await openPopup(tabId);
  try {
    assert.equal(await popup.textContent('#page-items h2'), 'On this page');
    assert.deepEqual(await listed(popup), [
      'Ad · Following you — Google Ad Manager',
      'Recommended · About this page — Outbrain',
      'Recommended · About this page — Taboola',
      'Ad · Generic — brand.example',
      'Ad · Generic — Google Ad Manager',
    ]);
    assert.deepEqual(await details(popup), [
      'Trail Runner X Now €129 at Shop Example',
      // The widgets' headings, as the page writes them.
      'Around the web',
      'You May Like',
      'Brand Example: the autumn sale is on',
      'Autumn city breaks from €99',
    ]);
    assert.equal(await popup.getAttribute('#page-items li:nth-child(3) button', 'aria-label'),
      'Show it on the page: Recommended · About this page — Taboola You May Like');

    // The Taboola block (filled in 600 ms after the load) is below the fold
    // of this short window.
    await page.waitForSelector('#taboola-below-article-thumbnails h3');
    const inView = () => page.$eval('#taboola-below-article-thumbnails', (block) => {
      const box = block.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    });
    assert.equal(await inView(), false, 'out of view before');
    await popup.click('#page-items li:nth-child(3) button');
    const card = await untilCard(page);
    assert.equal(card.title, 'Why you see this: Recommended · About this page');
    assert.ok(card.evidence.some((e) => e.includes('Taboola')), card.evidence.join(' | '));
    assert.equal(await inView(), true, 'in view after');
    assert.equal(await popup.textContent('#page-items [role="status"]'), '');

    // Muting "Generic" here from the popup takes its items off the list.
    await popup.check('#mutes input[data-kind="generic"]');
    await untilListed(popup, ['Ad · Following you — Google Ad Manager', 'Recommended · About this page — Outbrain',
      'Recommended · About this page — Taboola']);
  } finally {
    await popup.close();
    await page.close();
  }
});

test('slots that read the same are one entry, with their count, which shows the first; a slot taking no room is not listed', async () => {
  const page = await current().open(NEWS);
  await page.setViewportSize({ width: 1000, height: 360 });
  await waitForLabels(page, 4);
  // Three empty slots alike at the page's foot, and a fourth hidden by the
  // page's style (as a desktop page hides its mobile slots).
  await page.evaluate(() => {
    for (const [n, style] of [[1, 'height: 90px'], [2, 'height: 90px'], [3, 'height: 250px'], [4, 'display: none']]) {
      const slot = document.createElement('div');
      slot.id = `div-gpt-ad-foot-${n}`;
      slot.setAttribute('style', `${style}; margin-top: 400px; border: 1px solid #ccc`);
      slot.textContent = 'Advertisement';
      document.body.append(slot);
    }
  });
  const { tabId } = await current().waitForReport(NEWS, 9);
  const popup = await openPopup(tabId);
  try {
    const entries = await listed(popup);
    const at = entries.indexOf('Ad · Generic — Google Ad Manager ×3');
    assert.ok(at >= 0, `listed: ${entries.join(' | ')}`);
    assert.equal((await details(popup))[at], 'Advertisement');
    assert.equal(entries.length, 6, `the five items, and one entry for the slots: ${entries.join(' | ')}`);
    const button = `#page-items li:nth-child(${at + 1}) button`;
    assert.equal(await popup.getAttribute(button, 'aria-label'),
      'Show the first of 3 on the page: Ad · Generic — Google Ad Manager ×3 Advertisement');
    await popup.click(button);
    await untilCard(page);
    const first = await page.$eval('#div-gpt-ad-foot-1', (slot) => {
      const box = slot.getBoundingClientRect();
      return box.top >= 0 && box.bottom <= innerHeight;
    });
    assert.equal(first, true, 'the first slot is brought into view');
  } finally {
    await popup.close();
    await page.close();
  }
});

test('an item gone from the page says so; the page answers only its own extension\'s pages, with a whole-number key', async () => {
  const page = await current().open(NEWS);
  await waitForLabels(page, 4);
  const { tabId } = await current().waitForReport(NEWS, 4);
  // A popup that does not follow the tab, so the list keeps the item after
  // the page has dropped it.
  const popup = await openPopup(tabId, async (p) => {
    await p.addInitScript(() => {
      chrome.storage.onChanged.addListener = () => {};
    });
  });
  try {
    const first = await listed(popup);
    assert.equal(first[0], 'Ad · Following you — Google Ad Manager');
    await page.evaluate(() => document.querySelector('[id^="div-gpt-ad"]')?.closest('div')?.remove());
    await popup.click('#page-items li:nth-child(1) button');
    await popup.waitForSelector('#page-items [role="status"]:not(:empty)');
    assert.equal(await popup.textContent('#page-items [role="status"]'), 'It is no longer on the page.');
    assert.equal(await readWhyCard(page), null, 'no card opened');

    const answer = (/** @type {unknown} */ message) => popup.evaluate(([id, m]) => chrome.tabs.sendMessage(id, m, { frameId: 0 })
      .then((r) => r ?? 'no answer', () => 'no answer'), /** @type {const} */ ([tabId, message]));
    const key = Number(await popup.getAttribute('#page-items li:nth-child(2) button', 'data-key'));
    assert.deepEqual(await answer({ type: 'page/show-item', key }), { shown: true });
    assert.deepEqual(await answer({ type: 'page/show-item', key: 987654 }), { shown: false });
    assert.equal(await answer({ type: 'page/show-item', key: String(key) }), 'no answer');
    assert.equal(await answer({ type: 'page/show-item', key: 1.5 }), 'no answer');
  } finally {
    await popup.close();
    await page.close();
  }
});

test('with labels off, choosing an item still brings it into view', async (t) => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({ settings: { labelStyle: 'off' } }));
  t.after(() => worker.evaluate(() => chrome.storage.local.remove('settings')));
  const page = await current().open(NEWS);
  await page.setViewportSize({ width: 1000, height: 360 });
  const { tabId } = await current().waitForReport(NEWS, 4);
  // The Taboola block fills in 600 ms after the load; the popup lists it
  // once a scan has seen it filled (it lists what the page shows).
  await page.waitForSelector('#taboola-below-article-thumbnails h3');
  const last = { popup: /** @type {import('playwright-core').Page | null} */ (null) };
  await eventually(async () => {
    await last.popup?.close();
    last.popup = await openPopup(tabId);
    return (await listed(last.popup)).some((text) => text?.endsWith(' — Taboola'));
  }, 'the Taboola block listed');
  const { popup } = last;
  if (!popup) throw new Error('no popup');
  try {
    const taboola = (await listed(popup)).findIndex((text) => text?.endsWith(' — Taboola'));
    assert.equal(await page.evaluate(() => scrollY), 0);
    await popup.click(`#page-items li:nth-child(${taboola + 1}) button`);
    await page.waitForFunction(() => scrollY > 0);
    const where = await page.$eval('#taboola-below-article-thumbnails', (block) => {
      const box = block.getBoundingClientRect();
      return { inView: box.top >= 0 && box.bottom <= innerHeight, top: box.top, bottom: box.bottom, innerHeight };
    });
    assert.equal(where.inView, true, `in view: ${JSON.stringify(where)}`);
    assert.deepEqual(await readLabels(page), [], 'no labels, no card');
  } finally {
    await popup.close();
    await page.close();
  }
});

/**
 * Waits for the page's "why" card.
 * @param {Page} page
 */
async function untilCard(page) {
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    const card = await readWhyCard(page);
    if (card) return card;
  }
  throw new Error(`no card opened; labels: ${(await readLabels(page)).map((l) => l.text).join(', ')}`);
}

/**
 * Waits until the popup lists exactly these items.
 * @param {Page} popup
 * @param {string[]} want
 */
async function untilListed(popup, want) {
  let got = /** @type {(string | null)[]} */ ([]);
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await popup.waitForTimeout(100)) {
    got = await listed(popup);
    if (JSON.stringify(got) === JSON.stringify(want)) return;
  }
  assert.deepEqual(got, want);
}
