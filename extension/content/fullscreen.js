// Labels while the page shows one of its elements fullscreen (a video
// player, with the ad playing in it). The browser then draws only that
// element, in its top layer, over the page; the overlay of labels, on the
// page, is under it. So the overlay is put in the top layer too, above it,
// as a manual popover (the page's own popovers do not close it), and only
// the labels of items inside the fullscreen element are shown there: the
// others' items are off the screen. When the whole page is fullscreen the
// overlay is inside it, and nothing changes. (Chromium leaves what is
// outside a fullscreen element inert: there the labels are seen, and open
// their cards once the player leaves fullscreen.)

import { logFailure } from './log.js';

/**
 * The element the page shows fullscreen, when it covers the overlay (which
 * sits in the root element); else null.
 * @param {Document} doc
 */
export function coveringFullscreen(doc) {
  const full = doc.fullscreenElement;
  return full && full !== doc.documentElement ? full : null;
}

/**
 * Puts the overlay in the top layer, above the fullscreen element (`above`),
 * or back on the page. The fullscreen element entered the top layer last,
 * so the overlay is taken out and put in again to be drawn over it.
 * @param {HTMLElement} overlay
 * @param {boolean} above
 */
export function raise(overlay, above) {
  // A browser without popovers leaves the labels under the player.
  if (typeof overlay.showPopover !== 'function') return;
  if (overlay.matches(':popover-open')) overlay.hidePopover();
  if (!above) {
    overlay.removeAttribute('popover');
    return;
  }
  if (!overlay.isConnected) return; // raised when it is added
  overlay.popover = 'manual';
  try {
    overlay.showPopover();
  } catch (error) {
    // (A document being unloaded refuses it.) The labels stay under.
    logFailure(error);
  }
}

/**
 * Whether `element` is inside `container`, also from inside shadow roots
 * (a player made of custom elements).
 * @param {Element} container
 * @param {Element} element
 */
export function isInside(container, element) {
  for (let el = /** @type {Element | null} */ (element); el; ) {
    if (container.contains(el)) return true;
    const root = el.getRootNode();
    el = root instanceof ShadowRoot ? root.host : null;
  }
  return false;
}
