// Reading text off the page as the native scan does: text nodes joined with
// a space, whitespace collapsed, scripts and styles left out. Reads text
// nodes directly: `innerText` would force layout.

import { onlyChildOf, parentOf, tagOf } from './dom-safe.js';

// Through Node's own getters: a page can shadow them on a form (an input
// named "firstChild"), as dom-safe.js explains.
const firstChild = /** @type {() => ChildNode | null} */ (Object.getOwnPropertyDescriptor(Node.prototype, 'firstChild')?.get);
const nextSibling = /** @type {() => ChildNode | null} */ (Object.getOwnPropertyDescriptor(Node.prototype, 'nextSibling')?.get);
const nodeType = /** @type {() => number} */ (Object.getOwnPropertyDescriptor(Node.prototype, 'nodeType')?.get);

/** Elements whose text is never visible text (tag names as `tagOf` gives them). */
const NOT_TEXT = new Set(['script', 'style', 'noscript', 'template']);

/**
 * Text outside scripts and styles, whitespace collapsed, cut at `max`
 * characters. Reads text nodes directly: `innerText` would force layout.
 * Text nodes are joined with a space, as the native scan does.
 * @param {Element} el
 * @param {number} max
 */
export function visibleText(el, max) {
  // Most headings and labels hold one text node: read it without a walker
  // (creating one per heading was most of reading a page's headings).
  const only = onlyChildOf(el);
  if (only instanceof Text) {
    if (NOT_TEXT.has(tagOf(el))) return '';
    return collapsedFor(only.data, max).slice(0, max);
  }
  // No filter callback: one call into JS per node is what makes a walk slow
  // (a 550-element widget took 2 ms). Script text is skipped by its parent.
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  let out = '';
  for (let node = walker.nextNode(); node && out.length < max; node = walker.nextNode()) {
    const single = collapsedFor(/** @type {Text} */ (node).data, max - out.length);
    if (single === '') continue;
    const parent = parentOf(node);
    if (parent && NOT_TEXT.has(tagOf(parent))) continue;
    out += out ? ` ${single}` : single;
  }
  return out.slice(0, max);
}

/**
 * Text under `root`, skipping candidates and scripts, whitespace collapsed,
 * cut at `max` characters.
 * Only the elements holding a candidate are stepped through child by child;
 * every other part of the page is read by a walk over its text nodes alone,
 * which never touches its elements (each element a content script touches
 * costs a wrapper in its world: one walk over elements and text took twice
 * as long on kotaku.com, 1.3–1.9 against 0.7–0.8 ms, same text).
 * @param {Element} root
 * @param {Set<Element>} chosen
 * @param {number} max
 */
export function mainText(root, chosen, max) {
  /** @type {Set<Element>} the candidates' ancestors up to `root` */
  const holding = new Set();
  for (const el of chosen) {
    for (let up = parentOf(el); up && !holding.has(up); up = parentOf(up)) {
      holding.add(up);
      if (up === root) break;
    }
  }
  const doc = root.ownerDocument;
  let out = '';
  /**
   * Adds a text node's text; false once `out` is full.
   * @param {string} raw
   */
  const add = (raw) => {
    const text = collapsedFor(raw, max - out.length);
    if (text && out.length + text.length + 1 <= max) {
      out += out ? ` ${text}` : text;
      return true;
    }
    if (!text) return true;
    for (const word of text.split(' ')) {
      if (out.length + word.length + 1 > max) return false;
      out += out ? ` ${word}` : word;
    }
    return true;
  };
  /**
   * Adds the text of a part holding no candidate; false once `out` is full.
   * Script text is skipped by its parent, as `visibleText` does.
   * @param {Element} el
   */
  const texts = (el) => {
    const walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const data = /** @type {Text} */ (node).data;
      if (data.trim() === '') continue;
      const parent = parentOf(node);
      if (parent && NOT_TEXT.has(tagOf(parent))) continue;
      if (!add(data)) return false;
    }
    return true;
  };
  // The elements holding candidates are stepped through without recursion:
  // a hostile page can nest elements deeper than the call stack goes.
  /** @type {(ChildNode | null)[]} where to go on after each element being stepped through */
  const after = [];
  let node = firstChild.call(root);
  for (;;) {
    if (node === null) {
      if (after.length === 0) return out;
      node = after.pop() ?? null;
      continue;
    }
    const next = nextSibling.call(node);
    const type = nodeType.call(node);
    if (type === Node.TEXT_NODE) {
      if (!add(/** @type {Text} */ (node).data)) return out;
    } else if (type === Node.ELEMENT_NODE) {
      const el = /** @type {Element} */ (node);
      if (!chosen.has(el) && !NOT_TEXT.has(tagOf(el))) {
        if (holding.has(el)) {
          after.push(next);
          node = firstChild.call(el);
          continue;
        }
        if (!texts(el)) return out;
      }
    }
    node = next;
  }
}

/**
 * `raw` trimmed and single-spaced, or only as much of its start as shows
 * that it holds more than `room` characters: enough for a caller that cuts
 * at `room` characters, or at the last whole word that fits (which the
 * cut-off end cannot be). A broken or hostile page can put megabytes in one
 * text node: collapsing all of an 8 MB one took 239 ms, one long task
 * (measured in Chromium; its start, 1.8 ms). Collapsing only shortens text,
 * so a start twice as long is tried until it is long enough.
 * @param {string} raw
 * @param {number} room characters still wanted
 */
export function collapsedFor(raw, room) {
  for (let end = 2 * room + 16; end < raw.length; end *= 2) {
    const start = collapse(raw.slice(0, end));
    if (start.length > room + 1) return start;
  }
  return collapse(raw);
}

/**
 * Whitespace that collapsing changes: a run of two or more, or one that is
 * not a space. Most text has single spaces only, so it is returned as it
 * is, not rebuilt (3× faster than replacing every `\s+`).
 */
const UNCOLLAPSED = /\s{2,}|[^\S ]/g;

/** @param {string} text trimmed, each run of whitespace one space */
function collapse(text) {
  return text.trim().replace(UNCOLLAPSED, ' ');
}
