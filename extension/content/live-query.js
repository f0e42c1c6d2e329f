// A selector's matches on the page, kept up to date from what changed
// rather than asked of the whole page at every rescan: on a page grown to
// 14,000 elements by scrolling, the headings, sponsor labels and marker
// links asked of the whole page took 5.9 ms of each rescan.

import { connected, isMatch, positionOf, within } from './dom-safe.js';

/** Most new matches placed among the kept ones: more, and the page is asked again. */
const MAX_PLACED = 200;
/**
 * Most added and changed nodes asked one by one: asking each costs about a
 * microsecond, asking the whole page about 5 ns per element (15,000
 * elements: 75 µs), so past this many the page is asked instead.
 */
const MAX_ROOTS = 100;

/**
 * One selector's matches, in page order. What a rescan's matches can miss,
 * until the next read of the whole page (another address, or more changes
 * than are worth following): an element the page did not add nor change
 * the class, id or links of, which starts or stops matching because of its
 * ancestors' or siblings' attributes or count (`.open .ad`, `:nth-child(3)`).
 */
export class LiveQuery {
  /** @param {string} selector */
  constructor(selector) {
    this.selector = selector;
    /** @type {Element[]} the matches, in page order */
    this.matches = [];
    /** Whether the last run's matches differ from the run's before, or may read differently. */
    this.changed = true;
    this.ran = false;
    /** The browser does not understand the selector (`:has-text()`…): it matches nothing. */
    this.invalid = false;
  }

  /**
   * Takes these as the selector's matches on the whole page now, as a run
   * would have found them (found by a pass that read the page anyway).
   * @param {Element[]} matches in page order
   */
  seed(matches) {
    this.matches = matches;
    this.changed = true;
    this.ran = true;
  }

  /** The next run asks the whole page (nothing kept is known to be current). */
  forget() {
    this.ran = false;
    this.matches = [];
  }

  /**
   * The selector's matches now, in page order.
   * @param {Document} doc
   * @param {import('./page-changes.js').Changes | null} changes null, or whole: ask the whole page
   * @returns {Element[]}
   */
  run(doc, changes) {
    if (this.invalid) return this.matches;
    if (!changes || changes.whole || !this.ran || changes.added.length + changes.attributed.length > MAX_ROOTS) {
      try {
        this.matches = [...doc.querySelectorAll(this.selector)];
      } catch {
        this.invalid = true;
        this.matches = [];
      }
      this.changed = true;
      this.ran = true;
      return this.matches;
    }
    /** @type {Set<Element>} */
    const fresh = new Set();
    for (const node of changes.added) {
      if (!(node instanceof Element)) continue;
      if (isMatch(node, this.selector)) fresh.add(node);
      const inside = within(node, this.selector);
      for (let i = 0; i < inside.length; i++) fresh.add(inside[i]);
    }
    const attributed = new Set(changes.attributed);
    for (const el of attributed) if (isMatch(el, this.selector)) fresh.add(el);
    // Placing many in page order one by one costs more than asking again.
    if (fresh.size > MAX_PLACED) {
      this.forget();
      return this.run(doc, null);
    }
    let changed = fresh.size > 0;
    // Kept: the earlier matches still in the page, not found again (a node
    // moved is found again, at its new place), and still matching if they
    // or something in them changed (a node can change while out of the page).
    const kept = this.matches.filter((el) => {
      if (fresh.has(el) || !connected(el)) {
        changed = true;
        return false;
      }
      if (!attributed.has(el) && !changes.changed(el)) return true;
      changed = true;
      return isMatch(el, this.selector);
    });
    this.matches = fresh.size === 0 ? kept : inPageOrder(kept, fresh);
    this.changed = changed;
    return this.matches;
  }
}

/**
 * Both lists' elements in page order: `more` (a few, in any order) placed
 * into `ordered` (in page order) each by a binary search.
 * @param {Element[]} ordered
 * @param {Set<Element>} more
 */
function inPageOrder(ordered, more) {
  const out = [...ordered];
  for (const el of more) {
    let low = 0;
    let high = out.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (positionOf(out[mid], el) & Node.DOCUMENT_POSITION_FOLLOWING) low = mid + 1;
      else high = mid;
    }
    out.splice(low, 0, el);
  }
  return out;
}
