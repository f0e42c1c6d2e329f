// Which tabs count as private (background/private-tabs.js), with Chrome's
// tab lookup stubbed: what an event says wins, a tab is looked up once,
// and a tab that cannot be looked up counts as private.
import assert from 'node:assert/strict';
import { test } from 'node:test';

/** @type {number[]} the tabs looked up, in order */
const lookedUp = [];
/** @type {Map<number, boolean>} the tabs that exist, and whether each is private */
const tabs = new Map([[1, false], [2, true]]);
Object.assign(globalThis, {
  chrome: {
    tabs: {
      /** @param {number} id */
      get: async (id) => {
        lookedUp.push(id);
        if (!tabs.has(id)) throw new Error(`No tab with id: ${id}.`);
        return { id, incognito: tabs.get(id) };
      },
    },
  },
});
const { forgetTab, isPrivateTab } = await import('../../extension/background/private-tabs.js');

test('what the event says is taken as it is, without a lookup', async () => {
  assert.equal(await isPrivateTab(1, true), true);
  assert.equal(await isPrivateTab(2, false), false);
  assert.deepEqual(lookedUp, []);
});

test('otherwise each tab is looked up once, and the answer kept until it closes', async () => {
  assert.deepEqual(await Promise.all([isPrivateTab(1), isPrivateTab(2), isPrivateTab(1), isPrivateTab(2)]), [false, true, false, true]);
  assert.deepEqual(lookedUp, [1, 2]);
  forgetTab(1);
  assert.equal(await isPrivateTab(1), false);
  assert.deepEqual(lookedUp, [1, 2, 1]);
});

test('a tab that cannot be looked up counts as private: nothing of it is kept', async () => {
  assert.equal(await isPrivateTab(99), true);
});
