// What changed on the page since the last scan, from its mutation records,
// so a rescan reads only that: the nodes added, the elements whose classes,
// ids or links changed, and every element at or above a change (whose text,
// links or headings may be different now). Without this a rescan read the
// whole page again, and a page that grows as it is scrolled made every
// rescan longer: 19 ms on kotaku.com at 4,700 elements, 39 ms at 16,000.

import { connected, parentOf } from './dom-safe.js';

/**
 * Most added nodes and changed elements remembered between scans: past
 * that, the next scan reads the whole page (cheaper than so many pieces).
 */
const MAX_CHANGES = 1_000;
/** Most nodes at or above a change (each change marks its ancestors: 20 or so). */
const MAX_TOUCHED = 5_000;

/**
 * Attributes whose change can change what a scan reads of an element: its
 * classes and id, a link's or an image's address, a frame's name, and what
 * a page says of a product it sells (meta tags, microdata).
 */
const READ_ATTRIBUTES = ['class', 'id', 'src', 'href', 'name', 'content', 'itemprop'];

/**
 * What a rescan needs to know of the changes since the last scan.
 * @typedef {{ whole: boolean, added: Node[], attributed: Element[], touched: Set<Node>, changed: (el: Element) => boolean }} Changes
 *   whole: read the whole page (the first scan, another page address, or too many changes);
 *   added: nodes added (and text nodes whose text changed), connected, none inside another;
 *   attributed: elements whose class, id or link attributes changed;
 *   touched: every node at or above a change;
 *   changed: whether what an element holds may differ from the last scan: it is at or above a
 *     change, or was added (or is inside an added node: a node can change while out of the page)
 */

export class PageChanges {
  /** @param {(node: Node) => boolean} ours AdLens's own nodes (overlay, placeholders): not the page changing */
  constructor(ours) {
    this.ours = ours;
    this.whole = true;
    /** The address of the last `take`, without its fragment. */
    this.address = '';
    /** @type {Set<Node>} */
    this.added = new Set();
    /** @type {Set<Element>} */
    this.attributed = new Set();
    /** @type {Set<Node>} */
    this.touched = new Set();
    /** Whether a node of the page was taken out (to be put back elsewhere, perhaps). */
    this.removals = false;
  }

  /**
   * What the observer must watch for these records to be complete.
   * @param {string[]} vendorAttributes the attributes a scan reads of candidates (the plan's)
   * @returns {MutationObserverInit}
   */
  static watching(vendorAttributes) {
    return {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
      attributeFilter: [...new Set([...READ_ATTRIBUTES, ...vendorAttributes])],
    };
  }

  /** @param {MutationRecord[]} records */
  record(records) {
    if (this.whole) return; // the next scan reads everything anyway
    for (const r of records) {
      if (this.ours(r.target)) continue;
      if (r.type === 'childList' && r.target.nodeType === Node.DOCUMENT_NODE && hasElement(r)) {
        // The page's root element taken out or another put in: the page
        // wrote itself anew (`document.open()`), and is read whole.
        this.readWhole();
        return;
      }
      if (r.type === 'childList') {
        for (const node of r.addedNodes) if (!this.ours(node)) this.added.add(node);
        for (const node of r.removedNodes) if (!this.ours(node)) this.removals = true;
      } else if (r.type === 'characterData') {
        this.added.add(r.target);
      } else if (r.target instanceof Element) {
        this.attributed.add(r.target);
      }
      this.touch(r.target);
      if (this.added.size + this.attributed.size > MAX_CHANGES || this.touched.size > MAX_TOUCHED) {
        this.readWhole();
        return;
      }
    }
  }

  /** The next scan reads the whole page. */
  readWhole() {
    this.whole = true;
    this.added.clear();
    this.attributed.clear();
    this.touched.clear();
    this.removals = false;
  }

  /**
   * The changes since the last call (the first call, or one at another
   * address, a single-page app moving on: the whole page), and a fresh
   * start for the next ones. A new fragment (`#…`) is the same page: some
   * pages set it as they are scrolled.
   * @param {string} address the page's address now
   * @returns {Changes}
   */
  take(address) {
    const page = address.split('#')[0];
    if (page !== this.address) this.readWhole();
    this.address = page;
    const { touched, added: addedSet, removals } = this;
    /** @type {Map<Node, boolean>} whether a node is, or is inside, an added one */
    const inAdded = new Map();
    /** @param {Node} node */
    const isInAdded = (node) => {
      /** @type {Node[]} */
      const climbed = [];
      let answer = false;
      for (let n = /** @type {Node | null} */ (node); n; n = parentOf(n)) {
        const known = inAdded.get(n);
        if (known !== undefined) {
          answer = known;
          break;
        }
        if (addedSet.has(n)) {
          answer = true;
          break;
        }
        climbed.push(n);
      }
      for (const n of climbed) inAdded.set(n, answer);
      return answer;
    };
    // None inside another: reading that one reads it.
    const added = [...addedSet].filter((node) => {
      const parent = parentOf(node);
      return connected(node) && !(parent && isInAdded(parent));
    });
    /** @type {Changes} */
    const changes = {
      whole: this.whole,
      added,
      attributed: [...this.attributed].filter(connected),
      touched,
      // Without a node taken out, an element inside an added one is new:
      // no scan read it before (so there is no need to climb to see).
      changed: (el) => touched.has(el) || (removals && isInAdded(el)),
    };
    this.whole = false;
    this.added = new Set();
    this.attributed = new Set();
    this.touched = new Set();
    this.removals = false;
    return changes;
  }

  /** @param {Node} node at or above a change: climbs until a node already marked */
  touch(node) {
    for (let n = /** @type {Node | null} */ (node); n && !this.touched.has(n); n = parentOf(n)) this.touched.add(n);
  }
}

/**
 * Whether a childList record added or took out an element.
 * @param {MutationRecord} record
 */
function hasElement(record) {
  return [...record.addedNodes, ...record.removedNodes].some((node) => node.nodeType === Node.ELEMENT_NODE);
}
