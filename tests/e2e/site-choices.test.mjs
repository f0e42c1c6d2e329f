// The options' list of sites with choices of their own: choices made in the
// popup appear there as they are made, and "Reset" gives a site the
// defaults back, in its open tab at once, without visiting it.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { ARTICLE, PRODUCT } from '../harness/kept.mjs';
import { readLabels, waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

/**
 * The options' rows: each site with its choices in words.
 * @param {import('playwright-core').Page} options
 */
function listed(options) {
  return options.$$eval('#site-choices tbody tr', (rows) => rows.map((r) => [r.getAttribute('data-site'), r.children[1]?.textContent]));
}

test('sites with their own choices are listed as they are made, and "Reset" gives one the defaults back at once', async () => {
  const options = await current().browser.context.newPage();
  await options.goto(`chrome-extension://${current().browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  assert.equal(await options.$eval('#site-choices .none', (p) => (/** @type {HTMLElement} */ (p).hidden ? null : p.textContent)),
    'No site has choices of its own: the defaults above apply everywhere.');

  // AdLens paused on the news site, "Following you" muted and "Generic" shown on the shop, from their popups.
  const page = await current().open(ARTICLE);
  await waitForLabels(page, 5);
  const { tabId } = await current().waitForReport(ARTICLE, 5);
  const popup = await current().openFor(tabId);
  await popup.click('#pause');
  await eventually(async () => (await readLabels(page)).length === 0, 'no labels while paused');
  await popup.close();
  const shop = await current().open(PRODUCT);
  const { tabId: shopTab } = await current().waitForReport(PRODUCT, 2);
  const shopPopup = await current().openFor(shopTab);
  await shopPopup.click('input[data-kind="retargeted"]');
  // Switched on and off again: the shop's own "not muted", whatever the default says.
  await shopPopup.click('input[data-kind="generic"]');
  await shopPopup.click('input[data-kind="generic"]');
  await shopPopup.close();
  await eventually(async () => (await listed(options)).length === 2, 'both sites listed');
  assert.deepEqual(await listed(options), [['news.example', 'AdLens paused'], ['shop.example', 'muted: Following you · shown: Generic']]);
  assert.equal(await options.$eval('#site-choices .none', (p) => /** @type {HTMLElement} */ (p).hidden), true);
  assert.equal(await options.$eval('#site-choices tr[data-site="news.example"] button', (b) => b.getAttribute('aria-label')),
    'Reset the choices for news.example');

  // Reset the news site: its tab, still open, is labelled again; the shop keeps its choice.
  await options.click('#site-choices tr[data-site="news.example"] button');
  await waitForLabels(page, 5);
  await eventually(async () => (await listed(options)).length === 1, 'the reset site gone from the list');
  assert.deepEqual(await listed(options), [['shop.example', 'muted: Following you · shown: Generic']]);
  const sites = await (await current().browser.worker()).evaluate(() => chrome.storage.local.get('settings')
    .then((stored) => Object.keys(/** @type {any} */ (stored.settings).sites)));
  assert.deepEqual(sites, ['shop.example']);
  await Promise.all([options.close(), page.close(), shop.close()]);
});
