// The popup's list of the page's items (pages/page-items.js): which items
// it lists, in what order, which read the same and are one entry, and the
// words under each label (chrome.i18n stubbed: a message reads as its name).
import assert from 'node:assert/strict';
import { test } from 'node:test';

await import('../harness/i18n-stub.mjs');
const { detailOf, listedEntries } = await import('../../extension/pages/page-items.js');

/** @typedef {import('../../extension/messages.js').ReportedItem} ReportedItem */

let nextKey = 1;
/**
 * @param {Partial<ReportedItem> & { kind?: import('../../extension/messages.js').Kind, y?: number }} fields
 * @returns {ReportedItem}
 */
function item({ kind = 'generic', y = 0, ...fields }) {
  return {
    key: nextKey++, elementId: null, itemType: 'ad', source: 'cosmetic', vendor: null, network: null, label: null,
    landingUrl: null, landingDomain: null, firstParty: false, text: '', images: [], frames: [], nonPersonalised: false, inPlayer: false,
    rect: { x: 0, y, width: 300, height: 250 },
    verdict: { kind, confidence: 0.9, evidence: [], topics: { topics: [], language: null }, classifierVersion: 'test' },
    ...fields,
  };
}

const none = () => false;

test('items that read the same are one entry, counted, standing for the first from the top', () => {
  const slots = [item({ y: 900, text: 'Advertisement' }), item({ y: 300, text: 'Advertisement' }), item({ y: 600, text: 'Advertisement' })];
  const widget = item({ y: 2000, itemType: 'recommendation', vendor: 'Taboola', text: 'You May Like Ten shoes' });
  const entries = listedEntries([...slots, widget], none);
  assert.deepEqual(entries.map((e) => [e.line, e.detail, e.count, e.first.key]), [
    ['itemAd · kind_generic', 'Advertisement', 3, slots[1].key],
    ['itemRecommendation · kind_generic — Taboola', 'You May Like Ten shoes', 1, widget.key],
  ]);
});

test('the same label with other words, or from another company, is another entry', () => {
  const entries = listedEntries([
    item({ y: 1, text: 'Winter sun from £299' }),
    item({ y: 2, text: 'Autumn city breaks' }),
    item({ y: 3, text: 'Winter sun from £299', vendor: 'Criteo' }),
    item({ y: 4, text: 'Winter sun from £299', landingDomain: 'travel.example' }),
  ], none);
  assert.deepEqual(entries.map((e) => [e.line, e.detail, e.count]), [
    ['itemAd · kind_generic', 'Winter sun from £299', 1],
    ['itemAd · kind_generic', 'Autumn city breaks', 1],
    ['itemAd · kind_generic — Criteo', 'Winter sun from £299', 1],
    ['itemAd · kind_generic — travel.example', 'Winter sun from £299', 1],
  ]);
});

test('chosen for you first, then from the top; hidden kinds and items the page does not show (no box, or one collapsed to a line) are left out', () => {
  const entries = listedEntries([
    item({ y: 10, text: 'a generic one' }),
    item({ y: 50, kind: 'contextual', text: 'about the page' }),
    item({ y: 900, kind: 'retargeted', text: 'following you' }),
    item({ y: 20, kind: 'behavioural', text: 'your profile' }),
    item({ y: 5, kind: 'behavioural', text: 'your profile, higher up' }),
    item({ y: 1, kind: 'contextual', text: 'muted' }),
    item({ y: 2, text: 'collapsed', rect: { x: 0, y: 2, width: 0, height: 0 } }),
    item({ y: 3, text: 'a line', rect: { x: 0, y: 3, width: 728, height: 0 } }),
  ], (i) => i.verdict.kind === 'contextual');
  assert.deepEqual(entries.map((e) => e.detail), ['following you', 'your profile, higher up', 'your profile', 'a generic one']);
});

test('under the label: a widget\'s heading, else its text single-spaced, cut whole characters at 60', () => {
  // The heading as the page writes it, which the engine gives beside the
  // lexicon's lower-case phrase; a report from before it, the phrase.
  assert.equal(detailOf(item({ label: { phrase: 'around the web', lang: 'en', hint: 'widget', heading: 'Around The Web' }, text: 'Around The Web Ten shoes' })),
    'Around The Web');
  assert.equal(detailOf(item({ label: { phrase: 'sponsored', lang: 'en', hint: 'ad_marker', heading: 'SPONSORED' }, text: 'Ten shoes SPONSORED' })),
    'SPONSORED', 'a heading that does not open the text');
  assert.equal(detailOf(item({ label: { phrase: 'sponsored', lang: 'en', hint: 'ad_marker' }, text: 'Ten shoes' })), 'sponsored');
  assert.equal(detailOf(item({ text: '  Trail Runner X\n\n  Now €129 ' })), 'Trail Runner X Now €129');
  // A line the page repeats for small and large screens (breitbart.com's Taboola block), said once.
  assert.equal(detailOf(item({ text: 'by Taboola by Taboola Sponsored Links Sponsored Links Promoted Links Promoted Links We Recommend' })),
    'by Taboola Sponsored Links Promoted Links We Recommend');
  assert.equal(detailOf(item({ text: 'Ad Ad Ad Trail Runner X' })), 'Ad Trail Runner X', 'three times, once');
  assert.equal(detailOf(item({ text: 'New New York deals' })), 'New York deals');
  assert.equal(detailOf(item({ text: 'a b c d e a b c d e' })), 'a b c d e a b c d e', 'a run longer than four words is kept');
  assert.equal(detailOf(item({ text: '' })), '');
  const long = `${['alfa', 'brav', 'char', 'delt', 'echo', 'foxt', 'golf', 'hote', 'indi', 'juli', 'kilo'].join(' ')} ${'😀'.repeat(6)}`; // 61 characters, 67 UTF-16 units
  const cut = detailOf(item({ text: long }));
  assert.equal(Array.from(cut).length, 60);
  assert.ok(cut.endsWith('😀😀…'), cut);
  assert.equal(detailOf(item({ text: 'x'.repeat(60) })), 'x'.repeat(60));
});

test('an item picked by a sensitive topic says what that can reveal, and is not one entry with one that was not', () => {
  const profile = (/** @type {string | undefined} */ reveals) => ({
    kind: /** @type {const} */ ('behavioural'), confidence: 0.8, topics: { topics: [], language: null }, classifierVersion: 'test',
    evidence: [{ type: 'topic_matches_profile', topic: reveals ? 'health' : 'travel', share: 0.4, sentence: '', ...(reveals ? { reveals } : {}) }],
  });
  const health = item({ y: 100, text: 'Vitamins', verdict: profile('health') });
  const travel = item({ y: 200, text: 'Vitamins', verdict: profile(undefined) });
  const entries = listedEntries([health, travel], none);
  assert.deepEqual(entries.map((e) => [e.reveals, e.count]), [['health', 1], [null, 1]]);
});
