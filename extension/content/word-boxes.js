// Where an item's words are on the screen, for placing its label where it
// hides none (`free-spot.js`).

import { parentOf, tagOf } from './dom-safe.js';

/** Most text nodes read from each end of an item (a hostile page's words need not flow down). */
const MAX_TEXT_NODES = 24;
/** Elements whose text is never shown. */
const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template']);

/**
 * @typedef {import('./free-spot.js').Rect} Rect
 */

/**
 * Where the item's words are, at its top and, if `bottomFrom` is given, at
 * its bottom: the boxes of its first text nodes, up to the first below
 * `topUntil`, and of its last, back to the first above `bottomFrom` (words
 * flow down the page, so the rest are out of the label's way), at most
 * MAX_TEXT_NODES from each end. Read from the page's layout: call it among
 * reads, before any write.
 * @param {Element} el
 * @param {Range} range reused from item to item
 * @param {number} topUntil the bottom of a label at the item's top
 * @param {number | null} bottomFrom the top of a label at its bottom, or null where it may not go there
 * @returns {Rect[]}
 */
export function wordBoxes(el, range, topUntil, bottomFrom) {
  /** @type {Rect[]} */
  const found = [];
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  /** @type {Set<Node>} */
  const read = new Set();
  /**
   * Adds a text node's boxes; false when there is none left to read, or
   * this one is past `beyond`.
   * @param {Node | null} node
   * @param {(r: DOMRect) => boolean} beyond
   */
  const add = (node, beyond) => {
    if (!node || read.has(node)) return false;
    read.add(node);
    const text = /** @type {Text} */ (node);
    if (text.data.trim() === '') return true;
    const parent = parentOf(text);
    if (parent && NOT_SHOWN.has(tagOf(parent))) return true;
    range.selectNodeContents(text);
    let past = false;
    for (const r of range.getClientRects()) {
      if (r.width === 0 || r.height === 0) continue;
      found.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      past ||= beyond(r);
    }
    return !past;
  };
  /** @param {DOMRect} r */
  const belowTop = (r) => r.top >= topUntil;
  for (let i = 0, node = walker.nextNode(); i < MAX_TEXT_NODES && add(node, belowTop); i++) node = walker.nextNode();
  if (bottomFrom === null) return found;
  /** @param {DOMRect} r */
  const aboveBottom = (r) => r.bottom <= bottomFrom;
  walker.currentNode = el;
  for (let i = 0, node = walker.lastChild(); i < MAX_TEXT_NODES && add(node, aboveBottom); i++) node = walker.previousNode();
  return found;
}
