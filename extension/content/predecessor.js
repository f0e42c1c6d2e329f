// What an AdLens whose page script died leaves on a page. Firefox runs an
// updated (or re-enabled) extension's content scripts in the pages already
// open, while the old ones' scripts are gone without a chance to tidy up:
// their labels' overlay (whose buttons no longer do anything) and their
// muted placeholders stay, and the items they hid stay hidden. The new
// AdLens takes them off before it draws its own, or the page would show two
// of each. (Chrome runs no new script in open pages; there the old script
// takes its own labels off, content.js says how.)

import { HIDDEN_ATTRIBUTE, savedDisplay, unhide } from './inline-display.js';

/** The attribute on AdLens's own elements in a page: the labels' overlay and the placeholders. */
export const OURS_ATTRIBUTE = 'data-adlens';

/**
 * Takes what an earlier AdLens left off the page: its own elements removed,
 * the items it hid given back. Call before this AdLens marks anything.
 * @param {Document} doc
 * @returns {number} how many of the earlier AdLens's marks were found
 */
export function clearPredecessor(doc) {
  const ours = doc.querySelectorAll(`[${OURS_ATTRIBUTE}]`);
  const hidden = doc.querySelectorAll(`[${HIDDEN_ATTRIBUTE}]`);
  for (const el of ours) el.remove();
  for (const el of hidden) unhide(el, savedDisplay(el));
  return ours.length + hidden.length;
}
