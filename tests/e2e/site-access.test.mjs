// AdLens's site access, limited by the user as chrome://extensions (or the
// toolbar's extensions menu) allows: on click, or on some sites only. AdLens
// then sees nothing of the other sites, and its popup says so, rather than
// "no ads found" on a page full of them, and offers to ask for every site;
// so do the options, and the panel says its list misses those sites.
// (The browser's own prompt for that cannot be answered from a test in
// Chromium: tests/e2e-firefox/site-access.test.mjs clicks through it.)
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { ARTICLE, PRODUCT } from '../harness/kept.mjs';
import { readLabels, waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';
import { openTab, setSiteAccess } from '../harness/site-access.mjs';

const current = sessionForTests();

/** Labels appear at most 3 s after a page's load (README, "Using it"); a little more. */
const LABELS_DUE_MS = 3_500;

/**
 * What the toolbar popup shows for a tab: its note on site access (null
 * when hidden), whether it offers to ask for every site, and whether its
 * counts and "nothing found" show.
 * @param {number} tabId
 */
async function popupFor(tabId) {
  const popup = await current().openFor(tabId);
  try {
    return await popup.evaluate(() => {
      const shown = (/** @type {string} */ id) => !(/** @type {HTMLElement} */ (document.getElementById(id)).hidden);
      return {
        note: shown('access') ? document.getElementById('access-note')?.textContent ?? '' : null,
        asks: shown('access') && shown('allow-all-sites'),
        counts: shown('counts'),
        nothing: shown('nothing'),
      };
    });
  } finally {
    await popup.close();
  }
}

/**
 * What the options page says of AdLens's site access, and whether it asks for every site.
 * @param {import('playwright-core').Page} options
 */
function optionsAccess(options) {
  return options.evaluate(() => ({
    state: document.getElementById('access-state')?.textContent,
    asks: !(/** @type {HTMLElement} */ (document.getElementById('allow-all-sites')).hidden),
  }));
}

test('"on click": AdLens sees nothing of the page and its popup says why, until the user allows every site', async (t) => {
  await setSiteAccess(current(), 'ON_CLICK');
  t.after(() => setSiteAccess(current(), 'ON_ALL_SITES'));
  const { page, tabId } = await openTab(current(), ARTICLE);
  await page.waitForTimeout(LABELS_DUE_MS);
  assert.deepEqual(await readLabels(page), [], 'no content script ran');
  assert.equal(await current().tabStateFor(ARTICLE), null, 'nothing reported');
  assert.deepEqual(await popupFor(tabId), {
    note: "AdLens cannot see this page: its site access is limited in your browser's settings, so it finds none of the ads here.",
    asks: true,
    counts: false,
    nothing: false,
  });
  // The options say so too, and follow the user's change in the browser.
  const options = await current().browser.context.newPage();
  await options.goto(`chrome-extension://${current().browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  assert.deepEqual(await optionsAccess(options), {
    state: "AdLens may see some sites only (your browser's settings): it finds no ads on the others, and cannot tell that an ad followed you from one of them.",
    asks: true,
  });
  const panel = await current().browser.context.newPage();
  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#sites`);
  const panelNoted = () => panel.$eval('#sites-access', (p) => !(/** @type {HTMLElement} */ (p).hidden));
  await eventually(panelNoted, 'the panel\'s note on site access');
  // The user allows every site (from the extensions menu); the page, reloaded, is labelled.
  await setSiteAccess(current(), 'ON_ALL_SITES');
  await eventually(async () => (await optionsAccess(options)).state === 'AdLens may see every site.', 'the options following the change');
  assert.equal((await optionsAccess(options)).asks, false);
  await eventually(async () => !(await panelNoted()), 'the panel\'s note gone');
  await options.close();
  await panel.close();
  await page.reload();
  await waitForLabels(page, 5);
  assert.deepEqual(await popupFor(tabId), { note: null, asks: false, counts: true, nothing: false });
});

test('on some sites only: the page is labelled, and the popup says what is missed (the shop the ad follows from)', async (t) => {
  await setSiteAccess(current(), 'ON_SPECIFIC_SITES', ['http://news.example/*']);
  t.after(() => setSiteAccess(current(), 'ON_ALL_SITES'));
  // The product viewed on a site AdLens may not see: not remembered.
  const shop = await openTab(current(), PRODUCT);
  await shop.page.waitForTimeout(LABELS_DUE_MS);
  assert.deepEqual(await readLabels(shop.page), []);
  await shop.page.close();
  const { page, tabId } = await openTab(current(), ARTICLE);
  const labels = await waitForLabels(page, 5);
  assert.ok(labels.every((l) => !l.text.endsWith('Following you')), `nothing follows from an unseen shop: ${labels.map((l) => l.text)}`);
  assert.deepEqual(await popupFor(tabId), {
    note: 'AdLens may see some sites only: an ad that follows you from one of the others goes unnoticed.',
    asks: true,
    counts: true,
    nothing: false,
  });
  // The panel lists the site AdLens sees, not the shop, and says why.
  const panel = await current().browser.context.newPage();
  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#sites`);
  await panel.waitForSelector('body[data-ready="true"]');
  await eventually(() => panel.$eval('#sites-access', (p) => !(/** @type {HTMLElement} */ (p).hidden)), 'the panel\'s note on site access');
  assert.equal(await panel.$eval('#sites-access', (p) => p.textContent),
    "AdLens may see some sites only (your browser's settings): the others are not in this list, and what they told other companies is not recorded.");
  assert.deepEqual(await panel.$$eval('#sites tbody tr', (rows) => rows.map((r) => r.getAttribute('data-site'))), ['news.example']);
  await panel.close();
});

test("the browser's own pages: the popup says no extension runs there, and asks for nothing", async () => {
  const { page, tabId } = await openTab(current(), 'chrome://version/');
  assert.deepEqual(await popupFor(tabId), {
    note: 'AdLens cannot run on this page: browsers keep extensions out of their own pages.',
    asks: false,
    counts: false,
    nothing: false,
  });
  await page.close();
});
