// Where AdLens puts an item's label (extension/content/labels.js): at the
// item's top, its right end short of the item's right edge by the corner it
// leaves to the ad's own buttons (Google's "Why this ad?" and close).

/** The width (px) of an item's top-right corner its label leaves free. */
export const CORNER_KEPT = 34;
/** From a label's top to the top of its text (border and padding), the point `readLabels` gives. */
const TEXT_INSET = 3;
/** How far (px) a label may be from where it goes: the page may have moved a little since. */
const SLACK = 2;

/**
 * Whether the top of a label's text is where it goes for an item whose top
 * is at `itemTop`.
 * @param {number} labelY
 * @param {number} itemTop
 */
export const atItemTop = (labelY, itemTop) => Math.abs(labelY - (itemTop + TEXT_INSET)) <= SLACK;

/**
 * Whether a label (the top-left of its text, as `readLabels` gives it) is
 * the item's: at its top, within its width.
 * @param {{ x: number, y: number } | null} label
 * @param {{ left: number, top: number, right: number }} item
 */
export const labelsItem = (label, item) =>
  label !== null && label.x >= item.left && label.x <= item.right && atItemTop(label.y, item.top);
