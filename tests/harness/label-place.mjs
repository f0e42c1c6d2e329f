// Where AdLens puts an item's label (extension/content/labels.js): its
// bottom on the item's top edge, its right end at the item's right edge,
// just outside the item's top-right corner; on the corner itself where
// there is no room above (the page's top, or the window's for an item that
// does not scroll with the page), and for a video ad in its player.

/** A label's height (px): it ends this far above its item's top. */
export const LABEL_HEIGHT = 22;
/** From a label's top to the top of its text (border and padding), the point `readLabels` gives. */
const TEXT_INSET = 3;
/** How far (px) a label may be from where it goes: the page may have moved a little since. */
const SLACK = 2;

/**
 * Whether the top of a label's text is where it goes for an item whose top
 * is at `itemTop`: just above it, or on it.
 * @param {number} labelY
 * @param {number} itemTop
 */
export const atItemTop = (labelY, itemTop) =>
  Math.abs(labelY - (itemTop - LABEL_HEIGHT + TEXT_INSET)) <= SLACK || Math.abs(labelY - (itemTop + TEXT_INSET)) <= SLACK;

/**
 * Whether a label (the top-left of its text, as `readLabels` gives it) is
 * the item's: at its top, within its width.
 * @param {{ x: number, y: number } | null} label
 * @param {{ left: number, top: number, right: number }} item
 */
export const labelsItem = (label, item) =>
  label !== null && label.x >= item.left && label.x <= item.right && atItemTop(label.y, item.top);
