// Which slots of a host the background remembers for the early hold
// (background/slot-memory.js), with Chrome's storage stubbed: slots the page
// showed, by element id and last kind; not one the page did not show (it
// cannot flash, and a held slot is given a placeholder), unless remembered
// already (hidden as muted, a slot reads 0×0); and which of them an ad
// picked by a sensitive topic filled last.
import assert from 'node:assert/strict';
import { test } from 'node:test';

/** @type {Record<string, unknown>} storage.local */
const local = {};
Object.assign(globalThis, {
  chrome: {
    storage: {
      local: {
        /** @param {string} key */
        get: async (key) => (key in local ? { [key]: structuredClone(local[key]) } : {}),
        /** @param {Record<string, unknown>} items */
        set: async (items) => { Object.assign(local, structuredClone(items)); },
      },
    },
  },
});
const { rememberSlots, slotsKey } = await import('../../extension/background/slot-memory.js');

/**
 * A report's item, as much of it as the slot memory reads.
 * @param {string} elementId
 * @param {'contextual' | 'behavioural' | 'retargeted' | 'generic'} kind
 * @param {number} width
 * @param {number} height
 * @param {string} [reveals] what the sensitive topic it was picked by can reveal
 */
const item = (elementId, kind, width, height, reveals) => ({
  elementId, rect: { x: 0, y: 0, width, height },
  verdict: { kind, evidence: reveals ? [{ type: 'topic_matches_profile', topic: 'health', share: 0.5, reveals }] : [] },
});

/** @param {ReturnType<typeof item>[]} items */
const report = (items) => /** @type {import('../../extension/messages.js').PageReport} */ (/** @type {unknown} */ ({
  url: 'http://news.example/a.html', site: 'news.example', items,
}));

test('a slot the page showed is remembered with its kind; one without area (0×0, or collapsed to a line) is not', async () => {
  await rememberSlots(report([item('div-gpt-ad-1', 'generic', 728, 90), item('div-gpt-ad-2', 'generic', 0, 0),
    item('div-gpt-ad-3', 'retargeted', 970, 0)]), 1_000);
  assert.deepEqual(/** @type {any} */ (local[slotsKey('news.example')]).slots, { 'div-gpt-ad-1': 'generic' }, 'neither the 0×0 nor the flat one');
});

test('a remembered slot hidden as muted (0×0) is still followed to its new kind', async () => {
  await rememberSlots(report([item('div-gpt-ad-1', 'retargeted', 0, 0)]), 2_000);
  assert.equal(/** @type {any} */ (local[slotsKey('news.example')]).slots['div-gpt-ad-1'], 'retargeted');
});

test('a slot an ad picked by a sensitive topic filled is marked so, until another ad fills it', async () => {
  const key = slotsKey('news.example');
  await rememberSlots(report([item('div-gpt-ad-vitamins', 'behavioural', 300, 80, 'health'), item('div-gpt-ad-4', 'behavioural', 300, 250)]), 3_000);
  assert.deepEqual(/** @type {any} */ (local[key]).sensitive, ['div-gpt-ad-vitamins']);
  // Hidden as muted (0×0) and filled by the same kind of ad: still marked.
  await rememberSlots(report([item('div-gpt-ad-vitamins', 'behavioural', 0, 0, 'health')]), 4_000);
  assert.deepEqual(/** @type {any} */ (local[key]).sensitive, ['div-gpt-ad-vitamins']);
  // Another behavioural ad, from a topic that reveals nothing: no longer marked (a kind unchanged is a change all the same).
  await rememberSlots(report([item('div-gpt-ad-vitamins', 'behavioural', 300, 80)]), 5_000);
  assert.equal(/** @type {any} */ (local[key]).sensitive, undefined);
  assert.equal(/** @type {any} */ (local[key]).time, 5_000);
});

test('a damaged list of sensitive slots is started afresh', async () => {
  const key = slotsKey('news.example');
  local[key] = { site: 'news.example', time: 6_000, slots: { 'div-gpt-ad-1': 'generic' }, sensitive: 'garbage' };
  await rememberSlots(report([item('div-gpt-ad-5', 'behavioural', 300, 250, 'religious_beliefs')]), 7_000);
  assert.deepEqual(/** @type {any} */ (local[key]).sensitive, ['div-gpt-ad-5']);
});
