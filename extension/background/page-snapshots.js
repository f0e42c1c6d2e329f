// Each tab's last whole page snapshot, and the verdicts its page was last
// told, so that a page's rescans need send only what changed and be told
// only what changed (content/report-delta.js): copying every candidate out
// of the page, and every verdict back in, at every rescan made rescans grow
// with the page. Kept in memory only: a worker that was stopped has none,
// and asks the page for its whole snapshot again (`null` from `merged`).

/**
 * @typedef {import('../messages.js').PageSnapshot} PageSnapshot
 * @typedef {import('../messages.js').PageUpdateMessage} PageUpdateMessage
 * @typedef {import('../messages.js').LabelledItem} LabelledItem
 * @typedef {import('../messages.js').PageVerdicts} PageVerdicts
 * @typedef {{ url: string, seq: number | null, snapshot: PageSnapshot, told: Map<number, string> }} TabPage
 *   told: each item's verdict as the page was last told it (JSON), by key
 */

/** Most tabs whose snapshot is kept (the least recently reported go first). */
const MAX_TABS = 50;

/** @type {Map<number, TabPage>} */
const pages = new Map();

/**
 * The whole snapshot an update makes of the tab's last one; null when there
 * is none to apply it to (the worker was stopped since, or a report went
 * missing): the page must send its whole snapshot. A candidate sent again
 * replaces the one with its key where it was; a new one comes last.
 * @param {number} tabId
 * @param {PageUpdateMessage} update
 * @returns {PageSnapshot | null}
 */
export function merged(tabId, update) {
  const last = pages.get(tabId);
  if (!last || last.seq === null || last.seq !== update.base || last.url !== update.url) return null;
  const candidates = new Map(last.snapshot.candidates.map((c) => [c.key, c]));
  for (const key of update.removed) candidates.delete(key);
  for (const c of update.candidates) candidates.set(c.key, c);
  return { ...last.snapshot, ...update.page, url: update.url, candidates: [...candidates.values()] };
}

/**
 * Keeps the tab's snapshot, once the engine has taken it, as the base of
 * the page's next update.
 * @param {number} tabId
 * @param {PageSnapshot} snapshot without frames (the background adds those)
 * @param {number | undefined} seq the page's number for the report that made it
 * @param {boolean} whole the page sent it whole: what it was told before no longer counts
 */
export function keepSnapshot(tabId, snapshot, seq, whole) {
  const told = whole ? new Map() : pages.get(tabId)?.told ?? new Map();
  pages.delete(tabId); // set again, last: the most recently reported
  pages.set(tabId, { url: snapshot.url, seq: seq ?? null, snapshot, told });
  if (pages.size > MAX_TABS) pages.delete(/** @type {number} */ (pages.keys().next().value));
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
  pages.delete(tabId);
}
