// Reading text off the page as the native scan does: text nodes joined with
// a space, whitespace collapsed, scripts and styles left out. Reads text
// nodes directly: `innerText` would force layout.

import { onlyChildOf, parentOf, tagOf } from './dom-safe.js';

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
 * @param {Element} root
 * @param {Set<Element>} chosen
 * @param {number} max
 */
export function mainText(root, chosen, max) {
  // No filter callback: one call into JS per node is what made this slow on
  // big pages. Candidates and scripts are skipped by stepping over them.
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
  let out = '';
  let node = walker.nextNode();
  while (node && out.length < max) {
    if (node.nodeType !== Node.TEXT_NODE) {
      const el = /** @type {Element} */ (node);
      node = chosen.has(el) || NOT_TEXT.has(tagOf(el)) ? nextAfter(walker) : walker.nextNode();
      continue;
    }
    const text = collapsedFor(node.nodeValue ?? '', max - out.length);
    if (text && out.length + text.length + 1 <= max) {
      out += out ? ` ${text}` : text; // every word fits: no need to count them
    } else if (text) {
      for (const word of text.split(' ')) {
        if (out.length + word.length + 1 > max) return out;
        out += out ? ` ${word}` : word;
      }
    }
    node = walker.nextNode();
  }
  return out;
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

/**
 * The node after the walker's current one and its whole subtree.
 * @param {TreeWalker} walker
 */
function nextAfter(walker) {
  for (;;) {
    const sibling = walker.nextSibling();
    if (sibling) return sibling;
    if (!walker.parentNode()) return null;
  }
}
