// The shopper's journey most Chromium tests start from: a product viewed
// on the shop, then the news article where it follows them.

import { eventually } from './eventually.mjs';
import { ARTICLE, PRODUCT } from './kept.mjs';
import { readLabels, waitForLabels } from './labels.mjs';

/** @typedef {Awaited<ReturnType<typeof import('./session.mjs').startSession>>} Session */

/** The label of an ad that follows the shopper (en). */
export const FOLLOWING_YOU = 'Ad · Following you';

/**
 * Views the shop's product page: labelled, its Criteo tag fired (after its
 * script loads), closed.
 * @param {Session} session
 */
export async function viewProduct(session) {
  const shop = await session.open(PRODUCT);
  await waitForLabels(shop, 2);
  await shop.waitForTimeout(300);
  await shop.close();
}

/**
 * Views the product, then opens the article once the product's ad follows
 * there (its label shown).
 * @param {Session} session
 */
export async function followedToArticle(session) {
  await viewProduct(session);
  const page = await session.open(ARTICLE);
  await eventually(async () => (await readLabels(page)).some((l) => l.text === FOLLOWING_YOU), 'the retargeted label');
  return page;
}
