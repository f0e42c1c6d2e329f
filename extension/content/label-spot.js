// Where on its item a label goes so that it hides none of the item's words.
// Its place is the item's top right, short of the corner (the ad's own
// buttons: labels.js). Where words are there (a text ad's headline running
// the item's width, a Taboola block's "by Taboola" at the right of its
// heading), the label slides left along the top to the first gap that
// holds it; in a short item (a text ad in a list), if the top has none, it
// goes to the bottom right, where the last line (a sponsor's name, a
// price) seldom reaches. Where no spot is free, it stays at the top right.
// On the 15 saved real pages, 5 of 174 labels hid words at the top right
// (`tests/bench/labels-shown.mjs`). Where the words are: `word-boxes.js`.

/** Gap (px) kept between a label and the words beside it. */
const GAP = 4;
/** Tallest item (px) whose label may go to its bottom: in a taller one it would be read as the next item's label. */
const MAX_BOTTOM_HEIGHT = 100;

/**
 * @typedef {{ left: number, top: number, right: number, bottom: number }} Rect viewport coordinates
 * @typedef {{ width: number, height: number }} Size
 */

/**
 * The first spot, from the top right, where a label of this size covers
 * none of these rectangles of words, as its right edge and top; null when
 * there is none.
 * @param {Rect & { height: number }} box the item's
 * @param {Rect[]} words where the item's words are
 * @param {Size} label
 * @param {number} cornerKept the width of the item's top-right corner a label leaves free
 * @returns {{ right: number, top: number } | null}
 */
export function freeSpot(box, words, label, cornerKept) {
  const tops = [box.top];
  if (box.height >= 2 * label.height && box.height <= MAX_BOTTOM_HEIGHT) tops.push(box.bottom - label.height);
  for (const top of tops) {
    const bottom = top + label.height;
    const inBand = words.filter((w) => w.top < bottom && w.bottom > top);
    let right = box.right - cornerKept;
    for (;;) {
      if (right - label.width < box.left) break;
      const left = right - label.width;
      const hit = inBand.filter((w) => w.left < right + GAP && w.right > left - GAP);
      if (hit.length === 0) return { right, top };
      right = Math.min(...hit.map((w) => w.left)) - GAP;
    }
  }
  return null;
}

/** The labels' font, as `label-style.js` sets it. */
const FONT = '600 11px system-ui, sans-serif';
/** A badge's width beyond its text: the shape before it and its margin, padding, border, and a little to spare. */
const BADGE_EXTRA = 14 + 4 + 12 + 2 + 4;
/** A badge's height: its line, padding and border. */
export const BADGE_HEIGHT = Math.ceil(11 * 1.4) + 4 + 2;

/**
 * A badge's size with this text, from the font's measures (reading a badge
 * not yet shown would force a layout of the page).
 */
export class BadgeSizes {
  constructor() {
    /** @type {Map<string, Size>} */
    this.known = new Map();
    /** @type {OffscreenCanvasRenderingContext2D | null | undefined} */
    this.context = undefined;
  }

  /** @param {string} text what the badge shows */
  of(text) {
    let size = this.known.get(text);
    if (size) return size;
    if (this.context === undefined) {
      this.context = typeof OffscreenCanvas === 'function' ? new OffscreenCanvas(1, 1).getContext('2d') : null;
      if (this.context) this.context.font = FONT;
    }
    // Without a canvas, a wide letter's width for each.
    const width = this.context ? this.context.measureText(text).width : 8 * text.length;
    size = { width: Math.ceil(width) + BADGE_EXTRA, height: BADGE_HEIGHT };
    this.known.set(text, size);
    return size;
  }
}
