// Private (incognito) windows, with AdLens allowed there: the ads are
// labelled as anywhere else, and nothing of the private browsing is kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { clickCardAction, readLabels, readPlaceholders, readWhyCard, pressLabel, waitForLabels } from '../harness/labels.mjs';
import { ARTICLE, NOTHING, PANEL_PRIVATE_NOTE, PRIVATE_NOTE, PRODUCT, SAVE_WAIT_MS, assertJourneyKept, keptAbout } from '../harness/kept.mjs';
import { followedToArticle } from '../harness/journey.mjs';
import { PAINT_PROBE, readPaintProbe } from '../harness/paint-probe.mjs';
import { allowInPrivateWindows, openPrivateWindow } from '../harness/private-window.mjs';
import { evaluateInContentScript, sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();


/**
 * @param {string} type
 * @returns {Promise<any>}
 */
async function ask(type) {
  const reply = /** @type {any} */ (await current().sendFromExtensionPage({ type }));
  assert.equal(reply.ok, true, reply.error);
  return reply.value;
}

/**
 * Everything AdLens keeps about a site (`keptAbout`).
 * @param {string} site
 */
async function kept(site) {
  const [records, products, interests, observations, stored] = await Promise.all([
    ask('sites/get-records'),
    ask('memory/get-products'),
    ask('memory/get-interests'),
    current().readDb('observations'),
    current().browser.worker().then((w) => w.evaluate(() => chrome.storage.local.get(null))),
  ]);
  return keptAbout(site, { records, products, interests, observations, storageKeys: Object.keys(stored) });
}

/**
 * The note about private windows that one of AdLens's pages shows for a
 * tab, or null when it is hidden: the toolbar popup's, or the tracking
 * panel's above the page's items.
 * @param {'popup' | 'panel'} page
 * @param {number} tabId
 * @returns {Promise<string | null>}
 */
async function privateNote(page, tabId) {
  const tab = await current().openFor(tabId, page);
  try {
    return await tab.$eval(page === 'popup' ? '#private' : '#page-private', (p) => (/** @type {HTMLElement} */ (p).hidden ? null : p.textContent));
  } finally {
    await tab.close();
  }
}

test('a private window gets labels and a why card, and nothing of it is kept', async (t) => {
  await allowInPrivateWindows(current());
  const { page: product, tabId } = await openPrivateWindow(current(), PRODUCT);
  // Closed whatever happens: the next test must find only ordinary tabs on these pages.
  t.after(() => product.close());
  const productLabels = await waitForLabels(product, 2);
  assert.ok(productLabels.length >= 2, `labels in the private window: ${JSON.stringify(productLabels)}`);
  await product.waitForTimeout(300); // the shop's Criteo tag fires after its script loads
  // The popup's counts come from the private tab's report.
  const counts = await current().popupCounts(tabId);
  assert.equal(Object.values(counts).reduce((a, b) => a + b, 0), productLabels.length);
  assert.equal(await privateNote('popup', tabId), PRIVATE_NOTE);
  // The panel says why this page's companies are missing from its records.
  assert.equal(await privateNote('panel', tabId), PANEL_PRIVATE_NOTE);
  // The card explains; it offers no "label is wrong" report, which would name the page.
  await pressLabel(product, productLabels[0].text);
  const card = await readWhyCard(product);
  assert.ok(card && card.evidence.length > 0, 'the why card opens with its evidence');
  assert.deepEqual(Object.keys(card.actions).sort(), ['close', 'mute-everywhere', 'mute-site']);
  // Nor does the background keep one sent from there anyway.
  const feedback = /** @type {any} */ (await evaluateInContentScript(product, current().browser.extensionId,
    `chrome.runtime.sendMessage({ type: 'feedback/label-wrong', url: location.href, kind: 'retargeted', elementId: null, classifierVersion: '1' })`));
  assert.deepEqual(feedback, { ok: false, error: 'feedback/label-wrong: not kept from a private window' });
  const { page: article } = await openPrivateWindow(current(), ARTICLE);
  t.after(() => article.close());
  assert.ok((await waitForLabels(article, 5)).length >= 5, 'the article is labelled');
  await article.waitForTimeout(SAVE_WAIT_MS);
  assert.deepEqual(await kept('shop.example'), NOTHING);
  assert.deepEqual(await kept('news.example'), NOTHING);
});

test('the same pages in an ordinary window are kept, as always', async () => {
  // What the private test found absent is there when browsing ordinarily:
  // the checks above look where these records go.
  for (const url of [PRODUCT, ARTICLE]) {
    const page = await current().open(url);
    await waitForLabels(page, 2);
    await page.waitForTimeout(300);
    const tab = await current().tabStateFor(url);
    assert.ok(tab, `a report for ${url}`);
    assert.equal(await privateNote('popup', tab.tabId), null, 'no private-window note in an ordinary window');
    assert.equal(await privateNote('panel', tab.tabId), null, 'nor in the panel');
    await page.close();
  }
  await new Promise((r) => setTimeout(r, SAVE_WAIT_MS));
  assertJourneyKept(await kept('shop.example'), await kept('news.example'));
});

/**
 * The settings as stored (storage.local) and the private windows' site
 * choices (storage.session), read in the background.
 * @returns {Promise<{ sites: string[], privateSites: any }>}
 */
async function storedChoices() {
  const worker = await current().browser.worker();
  return worker.evaluate(async () => ({
    sites: Object.keys(/** @type {any} */ (await chrome.storage.local.get('settings')).settings?.sites ?? {}),
    privateSites: (await chrome.storage.session.get('settings:private'))['settings:private'] ?? null,
  }));
}

/** @param {import('playwright-core').Page} page */
const placeholders = async (page) => (await readPlaceholders(page)).length;

test('a site muted or paused in a private window stays so there, not in ordinary windows, and not past the last private window', async (t) => {
  await allowInPrivateWindows(current());
  const { context } = current().browser;
  await (await current().browser.worker()).evaluate(() => chrome.storage.local.remove('settings'));
  // Ordinary browsing first: the product follows to the article, whose slots are remembered.
  const ordinary = await followedToArticle(current());

  const first = await openPrivateWindow(current(), ARTICLE);
  t.after(() => first.page.close().catch(() => {}));
  await waitForLabels(first.page, 5);
  await pressLabel(first.page, 'Ad · Following you');
  const card = await readWhyCard(first.page);
  assert.equal(card?.actions['mute-site'], 'Mute “Following you” on news.example in private windows');
  await clickCardAction(first.page, 'mute-site');
  await eventually(async () => (await placeholders(first.page)) === 1, 'the retargeted ad muted in the private tab');
  // Not among the settings kept on disk: in memory, for private windows.
  assert.deepEqual(await storedChoices(), { sites: [], privateSites: { 'news.example': { mute: { retargeted: true } } } });
  await ordinary.waitForTimeout(500);
  assert.equal(await placeholders(ordinary), 0, 'nothing muted in the ordinary window');

  // Another private window does as the first, from before its first paint.
  await context.addInitScript(PAINT_PROBE);
  const second = await openPrivateWindow(current(), ARTICLE);
  t.after(() => second.page.close().catch(() => {}));
  await eventually(async () => (await placeholders(second.page)) === 1, 'muted in a second private window', 8_000);
  const probe = await readPaintProbe(second.page);
  assert.ok(probe.article > 0, 'the article was painted');
  assert.equal(probe.slot, 0, 'the muted slot never was');

  // The popup's switches for a private tab show and change the private choices, live.
  const popup = await current().openFor(second.tabId);
  assert.equal(await popup.$eval('input[data-kind="retargeted"]', (b) => /** @type {HTMLInputElement} */ (b).checked), true);
  assert.equal(await popup.$eval('#private-switches', (p) => (/** @type {HTMLElement} */ (p).hidden ? null : p.textContent)),
    'These switches hold in private windows only, until you close the last one.');
  await popup.click('#pause');
  await eventually(async () => (await readLabels(first.page)).length === 0 && (await placeholders(first.page)) === 0,
    'paused in the first private tab at once');
  await eventually(async () => (await readLabels(second.page)).length === 0, 'and in the second');
  await popup.close();
  assert.equal((await readLabels(ordinary)).length, 5, 'still labelled in the ordinary window');
  assert.deepEqual((await storedChoices()).sites, [], 'still nothing about news.example on disk');
  await ordinary.close();

  // The last private window closed: the choices are gone with it.
  await first.page.close();
  await second.page.close();
  await eventually(async () => (await storedChoices()).privateSites === null, 'the private choices forgotten');
  const third = await openPrivateWindow(current(), ARTICLE);
  t.after(() => third.page.close().catch(() => {}));
  await waitForLabels(third.page, 5);
  await third.page.waitForTimeout(500);
  assert.equal(await placeholders(third.page), 0, 'a new private window starts from the ordinary settings');
});
