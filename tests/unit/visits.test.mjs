// Which visit a request belongs to (extension/background/visits.js,
// visit-documents.js): the tab's current one, unless the top-level document
// that made it is the page before's (a beacon it sends as it is left, after
// the next page's request), through redirects of the next page's request
// too; in Chrome, by the document that made it, frames included.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowArea } from '../harness/storage-area.mjs';

Object.assign(globalThis, { chrome: { storage: { session: slowArea() } } });
const { endVisit, startVisit, visitForPage, visitOfRequest } = await import('../../extension/background/visits.js');
const { requestDocumentIds } = await import('../../extension/background/visit-documents.js');

/**
 * The visit id and page a request made by `madeBy` in `tab` is recorded for.
 * @param {number} tab
 * @param {string | undefined} madeBy
 * @param {{ documentId?: string, parentDocumentId?: string }} [ids] Chrome's
 */
const recordedFor = async (tab, madeBy, ids) => {
  const { visit, page } = await visitOfRequest(tab, madeBy, ids);
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

test('Chrome\'s documents: a page left on the same site, and its frames two deep, send as the page before\'s', async () => {
  startVisit(4, 'http://news.example/a', 1000, 'r1');
  // The page's own request binds its document; a frame's, then its frame's, follow their parents.
  assert.deepEqual(await recordedFor(4, 'http://news.example', { documentId: 'top-a' }), ['4.1000', 'http://news.example/a']);
  assert.deepEqual(await recordedFor(4, undefined, { documentId: 'ad-frame', parentDocumentId: 'top-a' }), ['4.1000', 'http://news.example/a']);
  assert.deepEqual(await recordedFor(4, undefined, { documentId: 'creative', parentDocumentId: 'ad-frame' }), ['4.1000', 'http://news.example/a']);
  startVisit(4, 'http://news.example/b', 2000, 'r2');
  // As /a is left: its own beacon (the same origin as /b), its frames'.
  assert.deepEqual(await recordedFor(4, 'http://news.example', { documentId: 'top-a' }), ['4.1000', 'http://news.example/a']);
  assert.deepEqual(await recordedFor(4, undefined, { documentId: 'creative' }), ['4.1000', 'http://news.example/a']);
  assert.deepEqual(await recordedFor(4, undefined, { documentId: 'new-frame', parentDocumentId: 'other' }), ['4.2000', 'http://news.example/b'],
    'a frame of a document not known is the current visit\'s');
  // Two pages on, /a's documents are forgotten.
  startVisit(4, 'http://shop.example/', 3000, 'r3');
  assert.deepEqual(await recordedFor(4, undefined, { documentId: 'creative' }), ['4.3000', 'http://shop.example/']);
});

test('Chrome\'s documents: a page that changes its address without loading is the same document, now the new visit\'s', async () => {
  startVisit(5, 'http://shop.example/list', 1000, 'r1');
  await recordedFor(5, 'http://shop.example', { documentId: 'spa' });
  startVisit(5, 'http://shop.example/item', 2000); // no page request: history.pushState
  assert.deepEqual(await recordedFor(5, 'http://shop.example', { documentId: 'spa' }), ['5.2000', 'http://shop.example/item']);
});

test('a worker started again by the next page\'s request reads the visit before back, with its page\'s document', async () => {
  // What an earlier worker kept of tab 8, whose page and ad frame were bound (Chrome).
  /** @type {any} */ (chrome.storage.session).items['visit:8'] = {
    url: 'http://blog.example/post', visitId: '8.1000', navigation: 'r1', shown: true, document: 'top-blog',
  };
  startVisit(8, 'http://bank.example/', 2000, 'r2');
  assert.deepEqual(await recordedFor(8, 'http://blog.example', { documentId: 'top-blog' }), ['8.1000', 'http://blog.example/post'],
    'the page left\'s own beacon');
  assert.deepEqual(await recordedFor(8, undefined, { documentId: 'ad', parentDocumentId: 'top-blog' }), ['8.1000', 'http://blog.example/post'],
    'its ad frame\'s');
  assert.deepEqual(await recordedFor(8, 'http://bank.example', { documentId: 'top-bank' }), ['8.2000', 'http://bank.example/']);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the writes, a turn or two each
  assert.equal(/** @type {any} */ (chrome.storage.session).items['visit:8'].document, 'top-bank', 'the new page\'s document kept with its visit');
});

test('a worker started again by a page changing its address reads the visit before back, but not its document: it is the new visit\'s', async () => {
  /** @type {any} */ (chrome.storage.session).items['visit:9'] = {
    url: 'http://shop.example/list', visitId: '9.1000', navigation: 'r1', shown: true, document: 'spa',
  };
  startVisit(9, 'http://shop.example/item', 2000); // history.pushState: no page request
  assert.deepEqual(await recordedFor(9, 'http://shop.example', { documentId: 'spa' }), ['9.2000', 'http://shop.example/item']);
});

test('a page request and its redirect, told after the tab showed its page (Firefox, starting its event page again for them), are that visit\'s, and keep the visit before', async () => {
  /** @type {any} */ (chrome.storage.session).items['visit:10'] = { url: 'http://blog.example/post', visitId: '10.1000', navigation: 'r1', shown: true };
  const shown = await visitForPage(10, 'https://bank.example/', 2100); // tabs.onUpdated, told first
  const asked = startVisit(10, 'http://bank.example/', 2000, 'r2'); // the bank's request, asked for before
  assert.equal(asked, shown, 'the same visit');
  assert.equal(startVisit(10, 'https://bank.example/', 2001, 'r2'), shown, 'and so is its redirect, told late too');
  assert.deepEqual(await recordedFor(10, 'http://blog.example/post'), ['10.1000', 'http://blog.example/post'], 'the blog\'s beacon');
  assert.deepEqual(await recordedFor(10, 'https://bank.example/'), ['10.2100', 'https://bank.example/']);
  startVisit(10, 'https://bank.example/', 3000, 'r3'); // reloaded: asked for after the visit began
  assert.deepEqual(await recordedFor(10, 'https://bank.example/'), ['10.3000', 'https://bank.example/'], 'a reload is a new visit');
});

test('a page request told while a worker started again reads the tab\'s visit back begins the visit that stays', async () => {
  /** @type {any} */ (chrome.storage.session).items['visit:11'] = { url: 'http://bank.example/', visitId: '11.1000', navigation: 'r1', shown: true };
  const shown = visitForPage(11, 'http://shop.example/item', 2100); // tabs.onUpdated: reads the visit back
  const asked = startVisit(11, 'http://shop.example/item', 2000, 'r2'); // the page's request, meanwhile
  assert.equal(await shown, asked, 'one visit');
  assert.deepEqual(await recordedFor(11, 'http://shop.example'), ['11.2000', 'http://shop.example/item']);
  assert.deepEqual(await recordedFor(11, 'http://bank.example'), ['11.1000', 'http://bank.example/'], 'the visit before read back');
});

test('in Firefox, a frame\'s beacon as its page is left is that page\'s, though its ids name the next page\'s document as its parent\'s', async () => {
  startVisit(12, 'http://blog.example/post', 1000, 'r1');
  startVisit(12, 'http://bank.example/offers', 2000, 'r2');
  // The bank's own request binds its document to its visit (as it would in Chrome).
  await visitOfRequest(12, 'http://bank.example/offers', { documentId: 'bank' });
  const beacon = { documentId: 'frame', parentDocumentId: 'bank', frameAncestors: [{ url: 'http://blog.example/post' }] };
  assert.deepEqual(await recordedFor(12, 'http://blog.example/post', requestDocumentIds(beacon)), ['12.1000', 'http://blog.example/post'],
    'the top document Firefox names decides');
  const inChrome = { documentId: 'frame2', parentDocumentId: 'bank' };
  assert.deepEqual(requestDocumentIds(inChrome), inChrome, 'Chrome\'s ids are used');
});
