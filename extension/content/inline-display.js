// Hiding a page's element and giving it back exactly as it was: the one
// change AdLens makes to page elements (muted items, and slots held before
// the first paint). Only the inline `display` is touched, and restored with
// its priority, so the page's own styles are unaffected. The element also
// carries what it had (`data-adlens-hidden`) while hidden: an AdLens whose
// page script died with an update (Firefox then runs the new one in the
// open page) leaves it hidden, and the new one gives it back
// (content/predecessor.js).

/** @typedef {{ display: string, priority: string }} SavedDisplay */

/** The attribute a hidden element carries: its inline display and priority, as `display|priority`. */
export const HIDDEN_ATTRIBUTE = 'data-adlens-hidden';

/**
 * Hides `el` (inline `display: none !important`) and returns what to restore.
 * @param {Element} el
 * @returns {SavedDisplay}
 */
export function hide(el) {
  const style = /** @type {HTMLElement} */ (el).style;
  const saved = { display: style.getPropertyValue('display'), priority: style.getPropertyPriority('display') };
  style.setProperty('display', 'none', 'important');
  el.setAttribute(HIDDEN_ATTRIBUTE, `${saved.display}|${saved.priority}`);
  return saved;
}

/**
 * Puts back the inline `display` that `hide` saved.
 * @param {Element} el
 * @param {SavedDisplay} saved
 */
export function unhide(el, saved) {
  const style = /** @type {HTMLElement} */ (el).style;
  if (saved.display) style.setProperty('display', saved.display, saved.priority);
  else style.removeProperty('display');
  el.removeAttribute(HIDDEN_ATTRIBUTE);
}

/**
 * What an element hidden by `hide` had, from its attribute.
 * @param {Element} el
 * @returns {SavedDisplay}
 */
export function savedDisplay(el) {
  const [display = '', priority = ''] = (el.getAttribute(HIDDEN_ATTRIBUTE) ?? '').split('|');
  return { display, priority: priority === 'important' ? 'important' : '' };
}
