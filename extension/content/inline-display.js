// Hiding a page's element and giving it back exactly as it was: the one
// change AdLens makes to page elements (muted items, and slots held before
// the first paint). Only the inline `display` is touched, and restored with
// its priority, so the page's own styles are unaffected.

/** @typedef {{ display: string, priority: string }} SavedDisplay */

/**
 * Hides `el` (inline `display: none !important`) and returns what to restore.
 * @param {Element} el
 * @returns {SavedDisplay}
 */
export function hide(el) {
  const style = /** @type {HTMLElement} */ (el).style;
  const saved = { display: style.getPropertyValue('display'), priority: style.getPropertyPriority('display') };
  style.setProperty('display', 'none', 'important');
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
}
