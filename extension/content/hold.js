// Muted items must not flash. The background remembers, per host, the
// element ids of the slots it labelled and their last kind
// (background/slot-memory.js). When a page of that host starts loading, the
// early content script (content-hold.js, at document_start) holds the
// slots whose last kind is muted: each is hidden the moment the parser adds
// it, before the first paint. Once the engine has judged the page, a held
// slot that is muted goes to the Muter (placeholder or hidden) in the same
// task, and one that is not is shown again, but only after the page has
// loaded and settled for GRACE_MS, and not while its creative's frame has
// not reported yet (up to MAX_HOLD_MS): the creative often arrives in a
// frame after the first verdict, and can still turn out to be of a muted
// kind.
//
// Reading what the host's slots were takes a round trip to storage, and a
// small page can be parsed and painted before it returns. So from its first
// instant the hold also takes any element whose id starts like a vendor's
// slot (the engine's prefixes, baked in by the build: `div-gpt-ad`, `crt-`…)
// and lets go of those that are not known muted as soon as the answer is in:
// at worst such an ad shows a frame later, never a muted one earlier.

import { idOf } from './dom-safe.js';
import { hide, unhide } from './inline-display.js';
import { marked } from './work-marks.js';

/** How long after `load` a held slot that is not muted stays hidden. */
const GRACE_MS = 800;
/** Longest a held slot waits for its creative's frame to report. */
const MAX_HOLD_MS = 4_000;

export class EarlyHold {
  /**
   * Starts holding vendor slots at once; call `narrow` with the known ids.
   * @param {Document} doc
   * @param {readonly string[]} prefixes slot id prefixes held until `narrow`
   */
  constructor(doc, prefixes) {
    this.doc = doc;
    /** @type {Set<string>} ids held for good */
    this.ids = new Set();
    /** @type {readonly string[]} prefixes held until the known ids arrive */
    this.prefixes = prefixes;
    /** @type {Map<Element, import('./inline-display.js').SavedDisplay>} */
    this.held = new Map();
    /** @type {number | null} when the page's load event fired */
    this.loadedAt = doc.readyState === 'complete' ? performance.now() : null;
    this.selector = prefixes.map((p) => `[id^="${CSS.escape(p)}"]`).join(',');
    if (this.selector) for (const el of doc.querySelectorAll(this.selector)) this.hold(el);
    /** @type {WeakSet<Element>} let go of: not held again while it stays in the page */
    this.released = new WeakSet();
    // Marked (as work before the first scan): it runs while the page is
    // parsed, after every batch of elements the parser adds, for as long as
    // it holds.
    this.observer = new MutationObserver(() => marked('hold', () => this.added()));
    this.observer.observe(doc, { childList: true, subtree: true });
    if (this.loadedAt === null) {
      doc.defaultView?.addEventListener('load', () => { this.loadedAt = performance.now(); }, { once: true });
    }
  }

  /**
   * The slots known muted on this host: they stay held, every other one is
   * let go now (before the next paint, when the answer came in time).
   * @param {Iterable<string>} ids
   */
  narrow(ids) {
    marked('hold', () => this.narrowNow(ids));
  }

  /** @param {Iterable<string>} ids */
  narrowNow(ids) {
    this.ids = new Set(ids);
    this.prefixes = [];
    this.selector = [...this.ids].map((id) => `#${CSS.escape(id)}`).join(',');
    for (const el of [...this.held.keys()]) if (!this.ids.has(idOf(el) ?? '')) this.release(el);
    if (this.ids.size === 0) {
      this.observer.disconnect();
      return;
    }
    for (const el of this.doc.querySelectorAll(this.selector)) this.hold(el);
  }

  /**
   * After the page added nodes. Nothing added is looked at one by one: the
   * parser's elements reach the observer in batches, each already holding
   * its children, so looking into every added element's subtree searched
   * each subtree again for each of its ancestors (14–20 ms of main thread
   * over a load of the largest real pages with muted slots). Once the ids
   * are known, each is looked up in the document's id map; while
   * vendor-like slots are held (the first few milliseconds, until storage
   * answers), one query of the document per batch.
   */
  added() {
    if (this.prefixes.length === 0) {
      for (const id of this.ids) {
        const el = this.doc.getElementById(id);
        if (el && !this.released.has(el)) this.hold(el);
      }
      return;
    }
    if (this.selector) for (const el of this.doc.querySelectorAll(this.selector)) this.hold(el);
  }

  /** @param {Element} el */
  hold(el) {
    if (this.held.has(el)) return;
    this.held.set(el, hide(el));
  }

  /**
   * Shows a held element as the page styled it (the Muter then takes over
   * when it is muted, in the same task: nothing is painted in between).
   * @param {Element} el
   */
  release(el) {
    const saved = this.held.get(el);
    if (!saved) return;
    this.held.delete(el);
    this.released.add(el);
    unhide(el, saved);
  }

  /** @param {Element} el */
  isHeld(el) {
    return this.held.has(el);
  }

  /**
   * Milliseconds until held slots that are not muted may show, 0 when now.
   * @param {number} wait GRACE_MS, or MAX_HOLD_MS for a slot awaiting its frame
   */
  waitLeft(wait = GRACE_MS) {
    if (this.loadedAt === null) return wait;
    return Math.max(0, this.loadedAt + wait - performance.now());
  }

  /**
   * After a verdict: muted held slots are released for the Muter to hide;
   * the others once the page has settled, and those whose creative's frame
   * has not reported yet only once it has (or MAX_HOLD_MS). Returns when to
   * look again (ms), or null when nothing is held.
   * @param {Set<Element>} muted the elements the settings mute now
   * @param {Set<Element>} awaitingFrames held slots whose frame content is not in yet
   */
  settle(muted, awaitingFrames) {
    const settled = this.waitLeft() === 0;
    const gaveUp = this.waitLeft(MAX_HOLD_MS) === 0;
    for (const el of [...this.held.keys()]) {
      if (muted.has(el) || (settled && (!awaitingFrames.has(el) || gaveUp))) this.release(el);
    }
    if (this.held.size === 0) return null;
    return Math.max(50, settled ? this.waitLeft(MAX_HOLD_MS) : this.waitLeft());
  }

  /** Stops holding (AdLens paused here): everything shows again. */
  stop() {
    this.observer.disconnect();
    this.ids.clear();
    this.selector = '';
    for (const el of [...this.held.keys()]) this.release(el);
  }
}

/**
 * Where the top page's early script (content-hold.js, at document start)
 * leaves its hold for the page's script (content.js), which the browser
 * runs once the document is parsed. Both run in the extension's isolated
 * world, whose globals the page can neither see nor change.
 */
const SHARED_HOLD = Symbol.for('adlens.hold');

/**
 * Leaves the hold for the page's script.
 * @param {EarlyHold} hold
 */
export function shareHold(hold) {
  /** @type {Record<symbol, EarlyHold | undefined>} */ (/** @type {unknown} */ (globalThis))[SHARED_HOLD] = hold;
}

/**
 * The hold the early script left, taken once; null when it did not run.
 * @returns {EarlyHold | null}
 */
export function takeHold() {
  const shared = /** @type {Record<symbol, EarlyHold | undefined>} */ (/** @type {unknown} */ (globalThis));
  const hold = shared[SHARED_HOLD] ?? null;
  delete shared[SHARED_HOLD];
  return hold;
}
