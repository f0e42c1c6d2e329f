// Where labels go inside a fullscreen element (extension/content/fullscreen.js):
// the overlay's origin is the element's padding box, which scrolls with its
// content, so a point of the page in the viewport is placed from the
// element's box, its border and its scroll offset, not the page's.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { originIn } from '../../extension/content/fullscreen.js';

/**
 * A fullscreen element as the browser reports it.
 * @param {{ left: number, top: number, clientLeft: number, clientTop: number, scrollLeft: number, scrollTop: number }} e
 */
const element = (e) => /** @type {Element} */ (/** @type {unknown} */ ({
  ...e, getBoundingClientRect: () => ({ left: e.left, top: e.top }),
}));

test('inside a fullscreen element at the window\'s corner, with no border and not scrolled, a point goes where it is in the window', () => {
  assert.deepEqual(originIn(element({ left: 0, top: 0, clientLeft: 0, clientTop: 0, scrollLeft: 0, scrollTop: 0 })), { x: 0, y: 0 });
});

test('inside a fullscreen element scrolled 300 px down, with a 2 px border, a point 50 px down the window is 348 px down its content', () => {
  const origin = originIn(element({ left: 0, top: 0, clientLeft: 2, clientTop: 2, scrollLeft: 0, scrollTop: 300 }));
  assert.deepEqual(origin, { x: -2, y: 298 });
  // The overlay's own origin is drawn at the padding box's top, less the
  // scroll: 2 − 300 = −298 px; the label, 348 px below it, at 50 px.
  assert.equal(2 - 300 + (50 + origin.y), 50);
});

test('inside a fullscreen element that does not fill the window (a letterboxed player), its box is subtracted', () => {
  assert.deepEqual(originIn(element({ left: 40, top: 100, clientLeft: 0, clientTop: 0, scrollLeft: 10, scrollTop: 0 })), { x: -30, y: -100 });
});
