// Which visit a request belongs to (extension/background/visits.js): the
// tab's current one, unless the top-level document that made it is the page
// before's (a beacon it sends as it is left, after the next page's request),
// through redirects of the next page's request too.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowArea } from '../harness/storage-area.mjs';

Object.assign(globalThis, { chrome: { storage: { session: slowArea() } } });
const { endVisit, startVisit, visitOfRequest } = await import('../../extension/background/visits.js');

/**
 * The visit id and page a request made by `madeBy` in `tab` is recorded for.
 * @param {number} tab
 * @param {string | undefined} madeBy
 */
const recordedFor = async (tab, madeBy) => {
  const { visit, page } = await visitOfRequest(tab, madeBy);
  return [visit?.visitId ?? null, page];
};

test('a request is the current visit\'s when its page made it, or when the browser does not say who did', async () => {
  startVisit(1, 'http://news.example/a', 1000, 'r1');
  assert.deepEqual(await recordedFor(1, 'http://news.example/a'), ['1.1000', 'http://news.example/a']);
  assert.deepEqual(await recordedFor(1, 'http://news.example'), ['1.1000', 'http://news.example/a'], 'Chrome gives an origin');
  assert.deepEqual(await recordedFor(1, undefined), ['1.1000', 'http://news.example/a'], 'a frame\'s request, in Chrome');
  assert.deepEqual(await recordedFor(1, 'null'), ['1.1000', 'http://news.example/a'], 'a sandboxed document');
});

test('a request the page before made as it was left is that visit\'s, through the next page\'s redirects', async () => {
  startVisit(2, 'http://blog.example/a.html', 1000, 'r1');
  startVisit(2, 'http://bank.example/', 2000, 'r2');
  startVisit(2, 'https://bank.example/', 2001, 'r2'); // the same request, redirected
  assert.deepEqual(await recordedFor(2, 'http://blog.example'), ['2.1000', 'http://blog.example/a.html']);
  assert.deepEqual(await recordedFor(2, 'https://bank.example'), ['2.2001', 'https://bank.example/']);
});

test('a request of a page neither current nor before is its own page\'s, of no visit', async () => {
  startVisit(3, 'http://blog.example/a.html', 1000, 'r1');
  startVisit(3, 'http://bank.example/', 2000, 'r2');
  startVisit(3, 'http://shop.example/', 3000, 'r3');
  assert.deepEqual(await recordedFor(3, 'http://blog.example/a.html'), [null, 'http://blog.example/a.html']);
  endVisit(3);
  assert.deepEqual(await recordedFor(3, 'http://shop.example'), [null, 'http://shop.example'], 'the tab closed');
});
