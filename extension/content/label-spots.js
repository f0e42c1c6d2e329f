// Where each label goes on its item so that it hides none of the item's
// words (`free-spot.js`), kept while the item keeps its size: an item that
// only moved (a page grown above it, a fixed ad followed frame by frame) is
// not read again. An item far from the window is not read until a scroll
// ends near it: reading the words under all of kotaku.com's 111 labels took
// about 3 ms of its first scan (a sampling profile), and most of those
// labels are never scrolled to.

import { badgeSize, freeSpot, triesBottom } from './free-spot.js';
import { wordBoxes } from './word-boxes.js';

export class LabelSpots {
  /**
   * @param {Document} doc
   * @param {number} cornerKept the width of an item's top-right corner a label leaves free
   */
  constructor(doc, cornerKept) {
    this.cornerKept = cornerKept;
    this.range = doc.createRange();
    /** @type {Map<number, { size: string, offset: { right: number, top: number } | null }>} each label's spot, from its item's box, for its item's size */
    this.known = new Map();
    /** @type {Set<number>} labels put in their usual place without looking at their item's words: it was far from the window */
    this.notLooked = new Set();
    /** @type {Map<string, import('./free-spot.js').Size>} a badge's size by its text */
    this.sizes = new Map();
  }

  /**
   * Where on its item a label showing `text` hides none of its words
   * (the label's right edge and top, in the window's coordinates), or null
   * for its usual place. Call it among reads, before any write.
   * @param {number} key the item's
   * @param {Element} element
   * @param {import('./shown-box.js').Box} box where the page shows it
   * @param {string} text the label's
   * @param {boolean} near the item is within a window's height of the window
   */
  spot(key, element, box, text, near) {
    const size = `${box.width} ${box.height} ${text}`;
    let known = this.known.get(key);
    if (known?.size !== size) {
      if (!near) {
        this.notLooked.add(key);
        return null;
      }
      let label = this.sizes.get(text);
      if (!label) this.sizes.set(text, (label = badgeSize(text)));
      const words = wordBoxes(element, this.range, box.top + label.height, triesBottom(box, label) ? box.bottom - label.height : null);
      const spot = freeSpot(box, words, label, this.cornerKept);
      known = { size, offset: spot && { right: box.right - spot.right, top: spot.top - box.top } };
      this.known.set(key, known);
    }
    this.notLooked.delete(key);
    const { offset } = known;
    return offset && { right: box.right - offset.right, top: box.top + offset.top };
  }

  /**
   * Whether this label was put in its usual place without looking at its
   * item's words (the item was far from the window then).
   * @param {number} key the item's
   */
  unlooked(key) {
    return this.notLooked.has(key);
  }

  /** @param {number} key an item gone, or whose element changed */
  forget(key) {
    this.known.delete(key);
    this.notLooked.delete(key);
  }
}
