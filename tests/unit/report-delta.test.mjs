// What a page's scans send (extension/content/report-delta.js) and what the
// background makes of it (extension/background/page-snapshots.js): the whole
// snapshot, then only what changed, merged back into the whole one; and the
// verdicts told back, only those that changed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReportDelta } from '../../extension/content/report-delta.js';
import { MAX_KEPT_BYTES, MAX_SNAPSHOT_BYTES, forgetPage, keepSnapshot, keptSize, merged, verdictsToTell } from '../../extension/background/page-snapshots.js';

const URL_ = 'http://news.example/a';
/** When the page's document began (epoch ms). */
const BEGAN = 1_765_000_000_123.4;
const hints = { jsonLd: [], meta: [], microdata: [], canonical: null };
/** @param {number} key @param {string} [text] */
const candidate = (key, text = `item ${key}`) => ({ key, source: /** @type {const} */ ('marker'), parent: null, tag: 'div', id: null,
  classes: [], attributes: [], heading: null, text, links: [], frames: [], frameNames: [], images: [], rect: { x: 0, y: 0, width: 1, height: 1 } });
/** @param {object[]} candidates @param {object} [more] */
const snapshot = (candidates, more = {}) => /** @type {any} */ ({ url: URL_, title: 'A', lang: 'en', description: '', headings: ['A'], text: 'words',
  candidates, productHints: hints, ...more });

test('a page sends its whole snapshot, then what changed: candidates that are new objects, keys gone, page fields changed', () => {
  const reports = new ReportDelta(BEGAN);
  const [one, two, three] = [candidate(1), candidate(2), candidate(3)];
  const first = reports.message(snapshot([one, two]), true);
  assert.deepEqual([first.type, /** @type {any} */ (first).seq, /** @type {any} */ (first).began], ['page/report', 1, BEGAN],
    'the whole snapshot says when its document began');
  // Nothing changed: the same objects, the same fields (headings equal, not the same array).
  const same = /** @type {any} */ (reports.message(snapshot([one, two]), false));
  assert.deepEqual(same, { type: 'page/update', url: URL_, base: 1, seq: 2, page: {}, candidates: [], removed: [] });
  // A candidate read again, one gone, one new, the text and title changed.
  const twoAgain = candidate(2, 'item 2, read again');
  const changed = /** @type {any} */ (reports.message(snapshot([twoAgain, three], { text: 'more words', title: 'B' }), false));
  assert.deepEqual(changed, { type: 'page/update', url: URL_, base: 2, seq: 3, page: { title: 'B', text: 'more words' },
    candidates: [twoAgain, three], removed: [1] });
  // A whole read, or another address, sends the whole snapshot.
  assert.equal(reports.message(snapshot([twoAgain, three]), true).type, 'page/report');
  assert.equal(reports.message(snapshot([twoAgain, three], { url: 'http://news.example/b' }), false).type, 'page/report');
  // Asked again, it sends the last one whole, as the next report.
  const again = /** @type {any} */ (reports.resend());
  assert.deepEqual([again.type, again.seq, again.page.url, again.began], ['page/report', 6, 'http://news.example/b', BEGAN]);
});

test('the background makes the whole snapshot again from an update, only on the base it has, and tells only changed verdicts', () => {
  const tab = 7;
  forgetPage(tab);
  const reports = new ReportDelta(BEGAN);
  const [one, two, three] = [candidate(1), candidate(2), candidate(3)];
  const whole = /** @type {any} */ (reports.message(snapshot([one, two, three]), true));
  keepSnapshot(tab, whole.page, whole.seq, 1_000);
  const verdict = (/** @type {number} */ key, /** @type {string} */ kind) => ({ key, elementId: null, itemType: /** @type {const} */ ('ad'), frames: 0,
    verdict: { kind: /** @type {any} */ (kind), confidence: 0.5, evidence: [], classifierVersion: 'v' } });
  const told = verdictsToTell(tab, { url: URL_, site: 'news.example', items: [verdict(1, 'generic'), verdict(2, 'generic'), verdict(3, 'generic')] }, true);
  assert.deepEqual([told.whole, told.items.length, told.removed], [true, 3, []]);

  const twoAgain = candidate(2, 'changed');
  const four = candidate(4);
  const update = /** @type {any} */ (reports.message(snapshot([one, twoAgain, four], { text: 'new text' }), false));
  const made = merged(tab, update, 200);
  assert.ok(made);
  const page = made.snapshot;
  assert.equal(made.bytes, 1_200, 'the whole report, and the update, counted');
  // Read again in its place, the new one last, the gone one gone; page fields as sent.
  assert.deepEqual(page.candidates, [one, twoAgain, four]);
  assert.equal(page.text, 'new text');
  assert.equal(page.title, 'A');
  keepSnapshot(tab, page, update.seq, made.bytes, false);
  const next = verdictsToTell(tab, { url: URL_, site: 'news.example', items: [verdict(1, 'generic'), verdict(2, 'contextual'), verdict(4, 'generic')] }, false);
  assert.deepEqual({ keys: next.items.map((i) => i.key), removed: next.removed, whole: next.whole }, { keys: [2, 4], removed: [3], whole: false });

  // An update on another base (a report went missing), or after the worker
  // lost its memory, cannot be applied: the page must send its whole snapshot.
  assert.equal(merged(tab, { ...update, base: update.base + 5 }, 10), null);
  assert.equal(merged(tab, { ...update, base: update.seq, url: 'http://news.example/other' }, 10), null);
  // Nor one that would grow it past what a whole report may carry.
  assert.equal(merged(tab, { ...update, base: update.seq }, MAX_SNAPSHOT_BYTES - 1_000), null);
  assert.ok(merged(tab, { ...update, base: update.seq }, MAX_SNAPSHOT_BYTES - 1_200));
  forgetPage(tab);
  assert.equal(merged(tab, { ...update, base: update.seq }, 10), null);
  // A whole report without a number cannot be the base of an update.
  keepSnapshot(tab, whole.page, undefined, 1_000);
  assert.equal(merged(tab, { ...update, base: 0 }, 10), null);
  forgetPage(tab);
});

test('the background keeps a bounded number of bytes of snapshots: the least recently reported tabs are forgotten first', () => {
  const start = keptSize();
  const page = snapshot([candidate(1)]);
  const share = MAX_SNAPSHOT_BYTES;
  const tabs = Array.from({ length: MAX_KEPT_BYTES / share + 2 }, (_, i) => 100 + i);
  for (const tab of tabs) keepSnapshot(tab, page, 1, share);
  const kept = keptSize();
  assert.ok(kept.bytes <= MAX_KEPT_BYTES, JSON.stringify(kept));
  assert.equal(merged(tabs[0], { type: 'page/update', url: URL_, base: 1, seq: 2, page: {}, candidates: [], removed: [] }, 0), null, 'the oldest forgotten');
  assert.ok(merged(tabs[tabs.length - 1], { type: 'page/update', url: URL_, base: 1, seq: 2, page: {}, candidates: [], removed: [] }, 0), 'the newest kept');
  for (const tab of tabs) forgetPage(tab);
  assert.deepEqual(keptSize(), start, 'forgetting gives every byte back');
});
