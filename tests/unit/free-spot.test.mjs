// Where a label goes on its item so that it hides none of the item's words
// (extension/content/free-spot.js): the top right, short of the corner;
// else the first gap to the left along the top that holds it; else, in a
// short item, the bottom right; else nowhere (the caller keeps the top right).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BADGE_HEIGHT, badgeSize, freeSpot } from '../../extension/content/free-spot.js';

const CORNER = 34;
const LABEL = { width: 100, height: 20 };
/** @param {number} left @param {number} top @param {number} right @param {number} bottom */
const box = (left, top, right, bottom) => ({ left, top, right, bottom, height: bottom - top });

test('with no words at its top right, a label takes its usual place', () => {
  const item = box(0, 0, 400, 300);
  assert.deepEqual(freeSpot(item, [box(10, 10, 200, 28)], LABEL, CORNER), { right: 366, top: 0 });
});

test('a heading\'s sponsor line at the right ("by Taboola") pushes the label left, into the gap beside the heading', () => {
  const item = box(0, 0, 600, 400);
  const heading = box(10, 2, 150, 22);
  const byTaboola = box(480, 4, 590, 20);
  assert.deepEqual(freeSpot(item, [heading, byTaboola], LABEL, CORNER), { right: 476, top: 0 });
});

test('a headline across a short item\'s top sends the label to its bottom right, clear of the last line', () => {
  const item = box(0, 0, 400, 70);
  const headline = box(8, 8, 380, 26);
  const sponsored = box(8, 44, 90, 62);
  assert.deepEqual(freeSpot(item, [headline, sponsored], LABEL, CORNER), { right: 366, top: 50 });
});

test('in a tall item the bottom is not tried (its label there would read as the next item\'s): no free spot', () => {
  const item = box(0, 0, 400, 500);
  assert.equal(freeSpot(item, [box(8, 4, 390, 24)], LABEL, CORNER), null);
});

test('an item narrower than the label has no free spot', () => {
  assert.equal(freeSpot(box(0, 0, 120, 60), [], LABEL, CORNER), null);
});

test('words wholly in the kept corner do not move the label', () => {
  const item = box(0, 0, 400, 300);
  assert.deepEqual(freeSpot(item, [box(372, 2, 398, 18)], LABEL, CORNER), { right: 366, top: 0 });
});

test('a badge\'s size is estimated on the wide side of what Chromium draws (103 and 230 px), wide letters wider', () => {
  assert.equal(badgeSize('Ad · Generic').height, BADGE_HEIGHT);
  const generic = badgeSize('Ad · Generic').width;
  const recommended = badgeSize('Recommended · About this page').width;
  assert.ok(generic >= 103 && generic <= 103 * 1.25, String(generic));
  assert.ok(recommended >= 230 && recommended <= 230 * 1.25, String(recommended));
  assert.ok(badgeSize('推荐 · 关于此页').width > badgeSize('ab · cdefgh').width);
});
