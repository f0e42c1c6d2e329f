// Which page visit a tab is on: every observation names its visit, so a
// page's requests, items and rescans group together and storing the same
// thing twice keeps one record.
//
// A visit starts with the tab's main_frame request (or, for pages that
// change their URL without loading, with the first report of a new URL). Its
// id is `<tabId>.<start time>`. Kept in memory and in storage.session under
// `visit:<tabId>` ({ url, visitId }), so a restarted worker carries on.

import { storeMakingRoom } from './tab-state.js';

/** @typedef {{ url: string, visitId: string }} Visit */

/** @type {Map<number, Visit>} */
const visits = new Map();

/** @param {number} tabId */
const keyOf = (tabId) => `visit:${tabId}`;

/**
 * A URL without its fragment: a jump within the page is the same visit.
 * @param {string} url
 */
const withoutHash = (url) => url.split('#', 1)[0];

/**
 * A new visit in `tabId`, now.
 * @param {number} tabId
 * @param {string} url
 * @param {number} time epoch ms
 * @returns {Visit}
 */
export function startVisit(tabId, url, time) {
  const visit = { url, visitId: `${tabId}.${Math.floor(time)}` };
  visits.set(tabId, visit);
  storeMakingRoom({ [keyOf(tabId)]: visit }, tabId).catch(() => {});
  return visit;
}

/**
 * The tab's current visit, if this worker or an earlier one knows it.
 * @param {number} tabId
 * @returns {Promise<Visit | null>}
 */
export async function currentVisit(tabId) {
  const known = visits.get(tabId);
  if (known) return known;
  const key = keyOf(tabId);
  const stored = /** @type {Visit | undefined} */ ((await chrome.storage.session.get(key))[key]);
  if (stored && typeof stored.visitId === 'string' && typeof stored.url === 'string') {
    visits.set(tabId, stored);
    return stored;
  }
  return null;
}

/**
 * The visit a page report of `url` belongs to: the tab's current one when
 * it shows that page, else a new one.
 * @param {number} tabId
 * @param {string} url
 * @param {number} time
 */
export async function visitForPage(tabId, url, time) {
  const current = await currentVisit(tabId);
  if (current && withoutHash(current.url) === withoutHash(url)) return current;
  return startVisit(tabId, url, time);
}

/**
 * Forgets a closed tab's visit.
 * @param {number} tabId
 */
export function endVisit(tabId) {
  visits.delete(tabId);
  chrome.storage.session.remove(keyOf(tabId)).catch(() => {});
}
