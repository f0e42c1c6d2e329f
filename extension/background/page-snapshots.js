// Each tab's last whole page snapshot, and the verdicts its page was last
// told, so that a page's rescans need send only what changed and be told
// only what changed (content/report-delta.js): copying every candidate out
// of the page, and every verdict back in, at every rescan made rescans grow
// with the page. Kept in memory only: a worker that was stopped has none,
// and asks the page for its whole snapshot again (`null` from `merged`).
// Updates cannot grow a kept snapshot past what one whole report may carry,
// nor all of them together past a few whole reports: a page that sent one
// update after another would otherwise grow the worker's memory without end.

import { MESSAGE_RULES } from '../messages.js';

/**
 * @typedef {import('../messages.js').PageSnapshot} PageSnapshot
 * @typedef {import('../messages.js').PageUpdateMessage} PageUpdateMessage
 * @typedef {import('../messages.js').LabelledItem} LabelledItem
 * @typedef {import('../messages.js').PageVerdicts} PageVerdicts
 * @typedef {{ url: string, seq: number | null, snapshot: PageSnapshot, bytes: number, told: Map<number, string> }} TabPage
 *   bytes: the whole report's size as sent, plus every update's since (an overcount: what an update replaced is
 *   still counted); told: each item's verdict as the page was last told it (JSON), by key
 */

/** Most tabs whose snapshot is kept (the least recently reported go first). */
const MAX_TABS = 50;
/** Most bytes one kept snapshot may reach by updates: what a whole report may carry. */
export const MAX_SNAPSHOT_BYTES = MESSAGE_RULES['page/report'].maxBytes;
/** Most bytes of all kept snapshots together (the least recently reported go first). */
export const MAX_KEPT_BYTES = 8 * MAX_SNAPSHOT_BYTES;

/** @type {Map<number, TabPage>} */
const pages = new Map();
let keptBytes = 0;

/**
 * The whole snapshot an update makes of the tab's last one, and its bytes;
 * null when there is none to apply it to (the worker was stopped since, or
 * a report went missing) or it would grow past what a whole report may
 * carry: the page must send its whole snapshot. A candidate sent again
 * replaces the one with its key where it was; a new one comes last.
 * @param {number} tabId
 * @param {PageUpdateMessage} update
 * @param {number} updateBytes the update's size as sent
 * @returns {{ snapshot: PageSnapshot, bytes: number } | null}
 */
export function merged(tabId, update, updateBytes) {
  const last = pages.get(tabId);
  if (!last || last.seq === null || last.seq !== update.base || last.url !== update.url) return null;
  const bytes = last.bytes + updateBytes;
  if (bytes > MAX_SNAPSHOT_BYTES) return null;
  const candidates = new Map(last.snapshot.candidates.map((c) => [c.key, c]));
  for (const key of update.removed) candidates.delete(key);
  for (const c of update.candidates) candidates.set(c.key, c);
  return { snapshot: { ...last.snapshot, ...update.page, url: update.url, candidates: [...candidates.values()] }, bytes };
}

/**
 * Keeps the tab's snapshot, once the engine has taken it, as the base of
 * the page's next update.
 * @param {number} tabId
 * @param {PageSnapshot} snapshot without frames (the background adds those)
 * @param {number | undefined} seq the page's number for the report that made it
 * @param {number} bytes its size: the whole report's, or what `merged` counted
 * @param {boolean} [whole] the page sent it whole: what it was told before no longer counts
 */
export function keepSnapshot(tabId, snapshot, seq, bytes, whole = true) {
  const told = whole ? new Map() : pages.get(tabId)?.told ?? new Map();
  forgetPage(tabId); // set again, last: the most recently reported
  pages.set(tabId, { url: snapshot.url, seq: seq ?? null, snapshot, bytes, told });
  keptBytes += bytes;
  for (const [oldest] of pages) {
    if (pages.size <= MAX_TABS && keptBytes <= MAX_KEPT_BYTES) break;
    forgetPage(oldest);
  }
}

/**
 * What to tell the page of its items: after a whole snapshot, every item;
 * after an update, the items whose verdict differs from what it was last
 * told, and the keys of those gone.
 * @param {number} tabId
 * @param {{ url: string, site: string, items: LabelledItem[] }} verdicts
 * @param {boolean} whole the page sent its whole snapshot
 * @returns {PageVerdicts}
 */
export function verdictsToTell(tabId, verdicts, whole) {
  const page = pages.get(tabId);
  const told = page?.told ?? new Map();
  /** @type {Map<number, string>} */
  const now = new Map(verdicts.items.map((item) => [item.key, JSON.stringify(item)]));
  const items = whole ? verdicts.items : verdicts.items.filter((item) => told.get(item.key) !== now.get(item.key));
  const removed = whole ? [] : [...told.keys()].filter((key) => !now.has(key));
  if (page) page.told = now;
  return { url: verdicts.url, site: verdicts.site, items, removed, whole };
}

/** @param {number} tabId the tab closed or moved on */
export function forgetPage(tabId) {
  keptBytes -= pages.get(tabId)?.bytes ?? 0;
  pages.delete(tabId);
}

/** @returns {{ tabs: number, bytes: number }} how many snapshots are kept, and their bytes as counted */
export function keptSize() {
  return { tabs: pages.size, bytes: keptBytes };
}
