// Labels while the page shows one of its elements fullscreen (a video
// player, with the ad playing in it). The browser then draws only that
// element, over everything; the overlay of labels, on the page, is under
// it. So while the element is fullscreen the overlay is moved into it, as
// its last child, and only the labels of items inside it are shown (the
// others' items are off the screen); it goes back when the element leaves
// fullscreen. Not into the top layer above the element (a popover):
// Chromium leaves what is outside a fullscreen element inert, so a label
// there was seen but a click on it went through, to the ad under it. Where
// the overlay cannot be drawn and clicked inside the element (a <video>, a
// player whose shadow root does not show it) it stays under it, unseen.
// When the whole page is fullscreen the overlay is already inside it.

/** Elements that do not draw their children. */
const REPLACED = new Set(['audio', 'canvas', 'embed', 'iframe', 'img', 'object', 'video']);

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
 * Puts the overlay inside `fullscreen` (or, with null, back in the page's
 * root element). Returns whether it is inside, drawn and taking clicks there.
 * @param {HTMLElement} overlay
 * @param {ShadowRoot} root the overlay's own root, for a probe
 * @param {Element | null} fullscreen
 */
export function mountOverlay(overlay, root, fullscreen) {
  const page = overlay.ownerDocument.documentElement;
  if (fullscreen && !REPLACED.has(fullscreen.localName)) {
    if (fullscreen.lastElementChild !== overlay) fullscreen.append(overlay);
    if (takesClicks(overlay, root)) return true;
  }
  if (overlay.parentNode !== page) page.append(overlay);
  return false;
}

/**
 * Whether a point of the overlay is what the page shows, and clicks reach,
 * where it is: a 2 px probe at its origin is hit-tested.
 * @param {HTMLElement} overlay
 * @param {ShadowRoot} root
 */
function takesClicks(overlay, root) {
  const probe = overlay.ownerDocument.createElement('div');
  probe.style.cssText = 'position: absolute; left: 0; top: 0; width: 2px; height: 2px; pointer-events: auto;';
  root.append(probe);
  const { left, top } = probe.getBoundingClientRect();
  // Seen from the page, a point inside the closed root is the overlay.
  const hit = overlay.ownerDocument.elementFromPoint(left + 1, top + 1) === overlay;
  probe.remove();
  return hit;
}

/**
 * Where the page's origin is in the coordinates of an overlay inside a
 * fullscreen element (its box, which may scroll, is the overlay's origin).
 * @param {Element} fullscreen
 */
export function originIn(fullscreen) {
  const box = fullscreen.getBoundingClientRect();
  return {
    x: fullscreen.scrollLeft - box.left - fullscreen.clientLeft,
    y: fullscreen.scrollTop - box.top - fullscreen.clientTop,
  };
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
