// What a scan sends the engine: the whole page after a whole read, then only
// what changed since the last report. A report is copied out of the page in
// the page's own main thread, so sending every candidate at every rescan
// made rescans grow with the page (a feed grown to 415 items: 2.4 ms of each
// rescan to send them, 1.0 ms to take their verdicts back). The background
// keeps the last whole snapshot; when it has lost it (a restarted worker),
// it asks for the whole page again, which this still holds.

/**
 * @typedef {import('../messages.js').PageSnapshot} PageSnapshot
 * @typedef {import('../messages.js').PageUpdateMessage} PageUpdateMessage
 * @typedef {import('../messages.js').PageReportMessage} PageReportMessage
 * @typedef {PageSnapshot['candidates'][number]} SentCandidate
 */

/** What a report says of the page besides its candidates (its address is in every report). */
const PAGE_FIELDS = /** @type {const} */ (['title', 'lang', 'description', 'headings', 'text', 'productHints']);

export class ReportDelta {
  /** @param {number} began when the document began (its time origin, epoch ms), told with each whole report */
  constructor(began) {
    this.began = began;
    /** Reports sent for this document so far: each one names the one it follows. */
    this.seq = 0;
    /** The last snapshot sent (or whose changes were), or null before the first. */
    this.last = /** @type {PageSnapshot | null} */ (null);
    /** @type {Map<number, SentCandidate>} its candidates by key */
    this.sent = new Map();
  }

  /**
   * The message that tells the background about this snapshot: the whole
   * snapshot after a whole read or at another address, else the candidates
   * that are not the ones last sent (a scan sends the same object for a
   * candidate nothing has changed in: scan.js), the keys gone, and the page
   * fields that changed.
   * @param {PageSnapshot} snapshot
   * @param {boolean} whole the scan read the whole page
   * @returns {PageReportMessage | PageUpdateMessage}
   */
  message(snapshot, whole) {
    const last = this.last;
    const seq = ++this.seq;
    const before = this.sent;
    this.remember(snapshot);
    if (whole || last === null || last.url !== snapshot.url) return this.whole(snapshot);
    /** @type {PageUpdateMessage['page']} */
    const page = {};
    for (const field of PAGE_FIELDS) {
      if (!sameValue(last[field], snapshot[field])) Object.assign(page, { [field]: snapshot[field] });
    }
    const candidates = snapshot.candidates.filter((c) => before.get(c.key) !== c);
    const removed = [...before.keys()].filter((key) => !this.sent.has(key));
    return { type: 'page/update', url: snapshot.url, base: seq - 1, seq, page, candidates, removed };
  }

  /**
   * The whole of the last snapshot, as the next report (the background
   * asked for it again).
   * @returns {PageReportMessage}
   */
  resend() {
    if (!this.last) throw new Error('nothing was reported yet');
    this.seq += 1;
    return this.whole(this.last);
  }

  /** @param {PageSnapshot} snapshot @returns {PageReportMessage} */
  whole(snapshot) {
    return { type: 'page/report', page: snapshot, seq: this.seq, began: this.began };
  }

  /** @param {PageSnapshot} snapshot */
  remember(snapshot) {
    this.last = snapshot;
    this.sent = new Map(snapshot.candidates.map((c) => [c.key, c]));
  }
}

/**
 * Whether two values of a page field are the same: the same object (product
 * hints read once and kept), or equal strings, or arrays of equal strings.
 * @param {unknown} a
 * @param {unknown} b
 */
function sameValue(a, b) {
  if (a === b) return true;
  if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
  return a.every((x, i) => x === b[i]);
}
