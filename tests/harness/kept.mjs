// What AdLens keeps about a site, as the private-window tests check it in
// both browsers: kept after ordinary browsing, nothing after private.

import assert from 'node:assert/strict';

/** The journey: a product viewed on a shop, then an article with ads. */
export const PRODUCT = 'http://shop.example/product/trail-runner-x.html';
export const ARTICLE = 'http://news.example/article/running.html';
/** The debounced save of the memory (memory.js), and a margin. */
export const SAVE_WAIT_MS = 1_500;
/** What the popup says in a private window (en). */
export const PRIVATE_NOTE = 'Private window: AdLens labels the ads here but keeps nothing of this browsing.';
/** What the tracking panel says above a private tab's items (en). */
export const PANEL_PRIVATE_NOTE = 'This tab is in a private window: AdLens keeps nothing of it, so what this page sends other companies is not in the records below.';

/**
 * @typedef {{ records: any, products: any, interests: any, observations: any[], storageKeys: string[] }} Stores
 *   the replies of sites/get-records, memory/get-products and memory/get-interests, every stored
 *   observation and the keys of storage.local
 */

/**
 * Everything kept about a site: its record (third parties, remarketing
 * events), products viewed there, its place in the interest profile,
 * stored observations and remembered slots.
 * @param {string} site
 * @param {Stores} stores
 */
export function keptAbout(site, { records, products, interests, observations, storageKeys }) {
  return {
    record: records.sites[site] ?? null,
    products: products.products.filter((/** @type {any} */ p) => p.shop === site).map((/** @type {any} */ p) => p.name),
    profile: interests.sites.filter((/** @type {any} */ s) => s.site === site).length,
    observations: observations.filter((o) => o.site === site).length,
    slots: storageKeys.filter((key) => key.startsWith('slots:') && key.endsWith(site)),
  };
}

/** What is kept of a site seen only in private windows. */
export const NOTHING = { record: null, products: [], profile: 0, observations: 0, slots: [] };

/**
 * Asserts the journey was kept as ordinary browsing is: the shop's Criteo
 * event and product, the article's third parties and slots, both in the
 * interest profile and the observations.
 * @param {ReturnType<typeof keptAbout>} shop
 * @param {ReturnType<typeof keptAbout>} news
 */
export function assertJourneyKept(shop, news) {
  assert.deepEqual(shop.record?.remarketing.map((/** @type {any} */ e) => [e.vendor, e.event]), [['Criteo', 'viewItem']]);
  assert.deepEqual(shop.products, ['Trail Runner X']);
  assert.equal(shop.profile, 1);
  assert.ok(shop.observations > 0);
  assert.ok(news.record && Object.keys(news.record.thirdParties).length >= 3, 'the article\'s third parties');
  assert.equal(news.profile, 1);
  assert.ok(news.observations > 0);
  assert.deepEqual(news.slots, ['slots:news.example'], 'its ad slots, for hiding muted ones before the page paints');
}
