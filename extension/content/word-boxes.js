// Where an item's words are on the screen, for placing its label where it
// hides none (`label-spot.js`).

import { parentOf, tagOf } from './dom-safe.js';

/** Most text nodes read from each end of an item: a block of 200 tiles is not read whole for its label. */
const MAX_TEXT_NODES = 48;
/** Elements whose text is never shown. */
const NOT_SHOWN = new Set(['script', 'style', 'noscript', 'template']);

/**
 * @typedef {import('./label-spot.js').Rect} Rect
 */

/**
 * Where the item's words are: the boxes of its first and last text nodes,
 * up to MAX_TEXT_NODES from each end (the words a label at its top or
 * bottom could cover). Read from the page's layout: call it among reads,
 * before any write.
 * @param {Element} el
 * @param {Range} range reused from item to item
 * @returns {Rect[]}
 */
export function wordBoxes(el, range) {
  /** @type {Rect[]} */
  const found = [];
  const walker = el.ownerDocument.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  /** @type {Set<Node>} */
  const read = new Set();
  /** @param {Node | null} node */
  const add = (node) => {
    if (!node || read.has(node)) return false;
    read.add(node);
    const text = /** @type {Text} */ (node);
    if (text.data.trim() === '') return true;
    const parent = parentOf(text);
    if (parent && NOT_SHOWN.has(tagOf(parent))) return true;
    range.selectNodeContents(text);
    for (const r of range.getClientRects()) {
      if (r.width > 0 && r.height > 0) found.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
    }
    return true;
  };
  for (let i = 0, node = walker.nextNode(); i < MAX_TEXT_NODES && add(node); i++) node = walker.nextNode();
  walker.currentNode = el;
  for (let i = 0, node = walker.lastChild(); i < MAX_TEXT_NODES && add(node); i++) node = walker.previousNode();
  return found;
}
