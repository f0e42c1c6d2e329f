// Which page visit each of Chrome's documents belongs to. Chrome names the
// document that made a request (`documentId`) and, for a frame's, the
// document holding that frame (`parentDocumentId`), never the top-level
// one. A top-level document is bound to a visit once its own requests show
// it is that visit's page (visits.js); a frame's, once its parent's is
// known, and so on down: an ad's creative two frames down is its page's.
// (A page that asked for nothing itself before its frames did leaves them
// unbound: their requests are the tab's current visit's.)
// Then a request made as a page is left, its frames' beacons too, is the
// page's own visit's, whatever the tab shows by then. In memory: the
// documents of each tab's current and previous visits (a visit keeps its
// page's own too, for a worker started again: visits.js).

/** @type {Map<string, string>} documentId → visitId */
const documents = new Map();

/**
 * @typedef {{ documentId?: string, parentDocumentId?: string }} DocumentIds
 *   as Chrome gives them with a request
 */

/**
 * The document ids that say which visit a request is of: Chrome's. Firefox
 * gives them too (153), but a frame's beacon as its page was left named the
 * next page's document as its parent's (seen on a loaded machine); it names
 * the request's top document (`frameAncestors`), which is used instead.
 * @param {object} details a webRequest event's
 * @returns {DocumentIds}
 */
export function requestDocumentIds(details) {
  const ids = /** @type {DocumentIds & { frameAncestors?: unknown }} */ (details);
  return Array.isArray(ids.frameAncestors) ? {} : ids;
}

/**
 * The visit a request's document is known to belong to, through its own id
 * or its parent's (then its own is bound too).
 * @param {DocumentIds} ids
 * @returns {string | undefined} a visitId
 */
export function visitOfDocument({ documentId, parentDocumentId }) {
  const own = documentId === undefined ? undefined : documents.get(documentId);
  if (own) return own;
  const parents = parentDocumentId === undefined ? undefined : documents.get(parentDocumentId);
  if (parents && documentId !== undefined) documents.set(documentId, parents);
  return parents;
}

/**
 * Binds a top-level document to the visit whose page it is.
 * @param {string | undefined} documentId
 * @param {string} visitId
 */
export function bindDocument(documentId, visitId) {
  if (documentId !== undefined) documents.set(documentId, visitId);
}

/**
 * Forgets the documents of visits that are neither current nor previous any
 * more (or that go on under a visit of the same document: a page changing
 * its address).
 * @param {Set<string>} visitIds
 */
export function forgetDocuments(visitIds) {
  for (const [documentId, visitId] of documents) {
    if (visitIds.has(visitId)) documents.delete(documentId);
  }
}
