// Where the page shows an item, if anywhere. Most items have a box of their
// own. Some have none or a flat one: a slot for another screen size
// (`display: none`), an empty slot collapsed to a line, but also a
// container whose content floats or is positioned out of it (Outbrain's
// block on bbc.com: 0 px high, its tiles shown). Such an item is shown
// where its content is, and an empty one not at all: a label or a mute
// placeholder for it stood for nothing on the screen, often over the next
// item's (on tmz.com three empty slots' labels covered an "Around the web"
// block's).

import { within } from './dom-safe.js';
import { hasArea } from '../item-shown.js';

const getBox = Element.prototype.getBoundingClientRect;
const checkVisibility = Element.prototype.checkVisibility;

/**
 * What makes an element inside an item unseen though it has a box: hidden
 * or transparent, itself or through an ancestor (a Taboola "why this ad"
 * popover waiting, `visibility: hidden; opacity: 0`). Both spellings:
 * Chrome 121 renamed the options, and Firefox knows the first.
 */
const SEEN = { checkOpacity: true, checkVisibilityCSS: true, opacityProperty: true, visibilityProperty: true };

/** Most elements inside an item looked at when it has no area of its own. */
const MAX_LOOKED = 64;

/**
 * @typedef {{ left: number, top: number, right: number, bottom: number, width: number, height: number }} Box
 *   viewport coordinates, as `getBoundingClientRect` gives them
 */

/**
 * Whether an element's box is off the page for good: above or left of the
 * page, or, fixed to the viewport, above or left of that (a box merely
 * scrolled past is on the page).
 * @param {Element} el
 * @param {Box} box
 */
function offPage(el, box) {
  if (box.bottom > 0 && box.right > 0) return false;
  const view = el.ownerDocument.defaultView;
  if (box.bottom + (view?.scrollY ?? 0) <= 0 || box.right + (view?.scrollX ?? 0) <= 0) return true;
  return view?.getComputedStyle(el).position === 'fixed';
}

/**
 * The element's box when it has an area; else the box around those of the
 * first MAX_LOOKED elements inside it that have one and can be seen, on the
 * page (not moved off it: Outbrain's widget on bbc.com holds a
 * `position: fixed; top: -200px` span); else its own box (which has no
 * area: the page shows nothing of it).
 * @param {Element} el
 * @returns {Box}
 */
export function shownBox(el) {
  const own = getBox.call(el);
  if (hasArea(own)) return own;
  // Not rendered at all (`display: none`, itself or an ancestor): nothing
  // inside it is either (the common case: slots for other screen sizes,
  // slots the page hides while empty).
  if (own.width === 0 && own.height === 0 && checkVisibility && !checkVisibility.call(el)) return own;
  let [left, top, right, bottom] = [Infinity, Infinity, -Infinity, -Infinity];
  const inside = within(el, '*');
  for (let i = 0; i < inside.length && i < MAX_LOOKED; i++) {
    const box = getBox.call(inside[i]);
    if (!hasArea(box) || offPage(inside[i], box)) continue;
    if (checkVisibility && !checkVisibility.call(inside[i], SEEN)) continue;
    left = Math.min(left, box.left);
    top = Math.min(top, box.top);
    right = Math.max(right, box.right);
    bottom = Math.max(bottom, box.bottom);
  }
  if (left === Infinity) return own;
  return { left, top, right, bottom, width: right - left, height: bottom - top };
}
