// Which page visit a tab is on: every observation names its visit, so a
// page's requests, items and rescans group together and storing the same
// thing twice keeps one record.
//
// A visit starts with the tab's main_frame request (or, for pages that
// change their URL without loading, with the first report of a new URL). Its
// id is `<tabId>.<start time>`. Kept in memory and in storage.session under
// `visit:<tabId>` ({ url, visitId }), so a restarted worker carries on.
//
// The visit before is kept too: a page being left still sends requests
// after the next one's began (analytics' beacons as it is hidden or
// unloaded), and they are its own, not the next page's. In memory; a worker
// started again for the next page's request reads it back from storage
// before the next visit is written over it.

import { storeMakingRoom } from './tab-state.js';
import { bindDocument, forgetDocuments, visitOfDocument } from './visit-documents.js';

/**
 * @typedef {{ url: string, visitId: string, navigation?: string, shown?: boolean, document?: string }} Visit
 *   navigation: the main_frame request it began with (its id, which a redirect keeps);
 *   shown: its page has reported (it is no longer only asked for);
 *   document: its page's document, as Chrome names it (visit-documents.js), kept with
 *   the visit so that a worker started again still knows it
 */

/** @type {Map<number, Visit>} */
const visits = new Map();
/** @type {Map<number, Visit>} each tab's visit before its current one */
const previous = new Map();
/**
 * The visit before, being read back from storage.session: a worker stopped
 * while its tab's page was read (30 s idle) starts again for the next
 * page's request, and the page left sends its beacons after that.
 * @type {Map<number, Promise<void>>}
 */
const restoring = new Map();

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
 * @param {string} [navigation] the main_frame request's id: one redirected
 *   is asked for again under the same id, and the page before stays the one
 *   before the first address
 * @returns {Visit}
 */
export function startVisit(tabId, url, time, navigation) {
  const before = visits.get(tabId);
  if (before && navigation && toldLate(before, time, navigation)) {
    before.navigation = navigation;
    storeMakingRoom({ [keyOf(tabId)]: before }, tabId).catch(() => {});
    return before;
  }
  /** @type {Visit} */
  const visit = { url, visitId: `${tabId}.${Math.floor(time)}`, ...(navigation ? { navigation } : {}) };
  if (before) retire(tabId, before, visit);
  else restorePrevious(tabId, visit);
  visits.set(tabId, visit);
  storeMakingRoom({ [keyOf(tabId)]: visit }, tabId).catch(() => {});
  return visit;
}

/**
 * Whether the page request `navigation`, asked for at `time`, is the one
 * `visit` began with, told late. Firefox, waking its event page for the
 * request, may first tell what followed it: the tab showing the page
 * (tabs.onUpdated), which began the visit without a request; then the
 * request, and any redirect of it (the same id, another address). A page
 * request asked for before its visit began is not a new visit (a reload
 * is asked for after).
 * @param {Visit} visit
 * @param {number} time
 * @param {string} navigation
 */
function toldLate(visit, time, navigation) {
  return time < startOf(visit) && (visit.navigation === undefined || visit.navigation === navigation);
}

/**
 * When a visit began: its id's second part (startVisit()).
 * @param {Visit} visit
 */
function startOf(visit) {
  return Number(visit.visitId.split('.')[1]);
}

/**
 * Makes `before` the tab's visit before `visit`, unless it is the same page
 * request before a redirect.
 * @param {number} tabId
 * @param {Visit} before
 * @param {Visit} visit
 */
function retire(tabId, before, visit) {
  const redirected = visit.navigation !== undefined && before.navigation === visit.navigation;
  if (redirected || before.visitId === visit.visitId) return;
  const dropped = previous.get(tabId);
  if (dropped) forgetDocuments(new Set([dropped.visitId]));
  // Without a page request, the page may be the same document at a new
  // address: its documents are bound again, to the new visit.
  if (visit.navigation === undefined) {
    forgetDocuments(new Set([before.visitId]));
    delete before.document;
  }
  previous.set(tabId, before);
}

/**
 * Reads the tab's visit this worker does not know back from storage, as the
 * visit before `visit` (read before `visit` is written over it).
 * @param {number} tabId
 * @param {Visit} visit
 */
function restorePrevious(tabId, visit) {
  const key = keyOf(tabId);
  const reading = chrome.storage.session.get(key)
    .then((items) => {
      const stored = items[key];
      if (visits.has(tabId) && isVisit(stored) && !previous.has(tabId)) retire(tabId, stored, visit);
    })
    .catch(() => {})
    .finally(() => {
      if (restoring.get(tabId) === reading) restoring.delete(tabId);
    });
  restoring.set(tabId, reading);
}

/**
 * The tab's visit before its current one, once read back if it is being.
 * @param {number} tabId
 */
async function previousVisit(tabId) {
  await restoring.get(tabId);
  return previous.get(tabId);
}

/**
 * @param {unknown} value as storage.session holds it
 * @returns {value is Visit}
 */
function isVisit(value) {
  const visit = /** @type {Partial<Visit> | null | undefined} */ (value);
  return typeof visit?.visitId === 'string' && typeof visit.url === 'string';
}

/**
 * Which of `candidates` a request's or report's document belongs to, as
 * far as Chrome's document ids tell.
 * @param {import('./visit-documents.js').DocumentIds} ids
 * @param {(Visit | null | undefined)[]} candidates
 */
function visitByDocument(ids, candidates) {
  const known = visitOfDocument(ids);
  const { documentId, parentDocumentId } = ids;
  return candidates.find((v) => v && (v.visitId === known
    || (v.document !== undefined && (v.document === documentId || v.document === parentDocumentId))));
}

/**
 * What a visit learns of its page: its document (bound to it, and kept with
 * it), and that it has reported. Kept at once when it is new, in one write
 * of the tab's current visit.
 * @param {number} tabId
 * @param {Visit} visit
 * @param {{ documentId?: string, shown?: boolean }} learnt
 */
function keepPage(tabId, visit, { documentId, shown = false }) {
  if (documentId !== undefined) bindDocument(documentId, visit.visitId);
  const newDocument = documentId !== undefined && visit.document !== documentId;
  const newlyShown = shown && !visit.shown;
  if (!newDocument && !newlyShown) return;
  if (newDocument) visit.document = documentId;
  if (newlyShown) visit.shown = true;
  if (visits.get(tabId) === visit) storeMakingRoom({ [keyOf(tabId)]: visit }, tabId).catch(() => {});
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
  const stored = (await chrome.storage.session.get(key))[key];
  // A page request told while it was read began a newer visit.
  const meanwhile = visits.get(tabId);
  if (meanwhile) return meanwhile;
  if (isVisit(stored)) {
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
 * The visit a page's report belongs to. The page before stays live until
 * the next one it asked for is shown, and may report again meanwhile (a
 * rescan of a page that changes): that report is its own visit's, not a
 * new visit of it. Known by its document in Chrome (`documentId`, then
 * bound to the visit: visit-documents.js), else by its address being the
 * page before's while the current visit's page, asked for, has not
 * reported yet. Otherwise as visitForPage().
 * @param {number} tabId
 * @param {string} url
 * @param {number} time
 * @param {string} [documentId] the reporting document, as Chrome names it
 * @returns {Promise<Visit>}
 */
export async function visitOfReport(tabId, url, time, documentId) {
  const current = await currentVisit(tabId);
  const before = await previousVisit(tabId);
  const byDocument = visitByDocument({ documentId }, [current, before]);
  if (byDocument) return byDocument;
  const leaving = current && before && current.navigation && !current.shown
    && withoutHash(before.url) === withoutHash(url) && withoutHash(current.url) !== withoutHash(url);
  if (leaving) return before;
  const visit = await visitForPage(tabId, url, time);
  keepPage(tabId, visit, { documentId, shown: true });
  return visit;
}

/**
 * The visit a request belongs to, and the page it is the site's of. Its
 * document's visit when known (Chrome's, visit-documents.js); else, given
 * the address (or only the origin) of the top-level document that made it
 * when the browser says, the current visit's when that is its page (or
 * unknown), else the visit before's when that was, else no visit's, the
 * request's own page's (a page left before the worker started). No page
 * when the tab has no visit and the browser does not say.
 * @param {number} tabId
 * @param {string | undefined} madeBy
 * @param {import('./visit-documents.js').DocumentIds} [ids]
 * @returns {Promise<{ visit: Visit | null, page: string | undefined }>}
 */
export async function visitOfRequest(tabId, madeBy, ids = {}) {
  const current = await currentVisit(tabId);
  const before = await previousVisit(tabId);
  const byDocument = visitByDocument(ids, [current, before]);
  if (byDocument) return { visit: byDocument, page: byDocument.url };
  const from = originOf(madeBy);
  if (!from || !current) return { visit: current, page: current?.url ?? madeBy };
  const visit = [current, before].find((v) => v && originOf(v.url) === from);
  if (!visit) return { visit: null, page: madeBy };
  keepPage(tabId, visit, { documentId: ids.documentId });
  return { visit, page: visit.url };
}

/**
 * A URL's origin, or undefined for none that can be told apart (an opaque
 * origin, `null`, is a sandboxed document's).
 * @param {string | undefined} url
 */
function originOf(url) {
  if (!url) return undefined;
  try {
    const { origin } = new URL(url);
    return origin === 'null' ? undefined : origin;
  } catch {
    return undefined;
  }
}

/**
 * Forgets a closed tab's visit.
 * @param {number} tabId
 */
export function endVisit(tabId) {
  restoring.delete(tabId);
  forgetDocuments(new Set([visits.get(tabId)?.visitId, previous.get(tabId)?.visitId].filter((id) => id !== undefined)));
  previous.delete(tabId);
  visits.delete(tabId);
  chrome.storage.session.remove(keyOf(tabId)).catch(() => {});
}
