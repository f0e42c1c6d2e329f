// Where on its item a label goes so that it hides none of the item's words.
// Its place is the item's top right, short of the corner (the ad's own
// buttons: labels.js). Where words are there (a text ad's headline running
// the item's width, a Taboola block's "by Taboola" at the right of its
// heading), the label slides left along the top to the first gap that
// holds it; in a short item (a text ad in a list), if the top has none, it
// goes to the bottom right, where the last line (a sponsor's name, a
// price) seldom reaches. Where no spot is free, it stays at the top right.
// On the 15 saved real pages, scrolled through, 5 of 174 labels hid words
// at the top right; 1 does now, beside an item narrower than its label
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
 * Whether a label may go to the item's bottom (then the words at its end
 * are wanted too): a short item, but not shorter than two labels.
 * @param {{ height: number }} box the item's
 * @param {Size} label
 */
export const triesBottom = (box, label) => box.height >= 2 * label.height && box.height <= MAX_BOTTOM_HEIGHT;

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
  if (triesBottom(box, label)) tops.push(box.bottom - label.height);
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

/** A badge's width beyond its text: the shape before it and its margin, padding and border. */
const BADGE_EXTRA = 14 + 4 + 12 + 2;
/** A badge's height: its line, padding and border (`label-style.js`: 11 px text, line height 1.4). */
export const BADGE_HEIGHT = Math.ceil(11 * 1.4) + 4 + 2;
/** Letters as wide as they are high: Chinese, Japanese, Korean, full-width forms. */
const WIDE = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uff60]/u;

/**
 * A badge's size with this text, estimated on the wide side from its
 * letters (7.2 px a letter, 12 px a wide one, at the labels' 11 px bold):
 * reading a badge not yet shown would force a layout of the page, and a
 * canvas to measure text cost 3 ms to make (kotaku.com, Chromium profile).
 * Measured in Chromium, "Ad · Generic" is 103 px wide, estimated 122;
 * "Recommended · About this page" 230, estimated 241.
 * @param {string} text what the badge shows
 * @returns {Size}
 */
export function badgeSize(text) {
  let width = BADGE_EXTRA;
  for (const letter of text) width += WIDE.test(letter) ? 12 : 7.2;
  return { width: Math.ceil(width), height: BADGE_HEIGHT };
}
