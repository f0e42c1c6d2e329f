// Which slots of a host the background remembers for the early hold
// (background/slot-memory.js), with Chrome's storage stubbed: slots the page
// showed, by element id and last kind; not one the page did not show (it
// cannot flash, and a held slot is given a placeholder), unless remembered
// already (hidden as muted, a slot reads 0×0).
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
 */
const item = (elementId, kind, width, height) => ({ elementId, verdict: { kind }, rect: { x: 0, y: 0, width, height } });

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
