// Writing to a storage area that can fill up (extension/background/storage-room.js):
// a write that does not fit makes room once and is tried again; other
// failures are not mistaken for a full area.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isQuotaError, oldestQuarter, setMakingRoom } from '../../extension/background/storage-room.js';

/**
 * An area that holds `capacity` keys.
 * @param {number} capacity
 * @param {string} [failure] what a full area says
 */
function smallArea(capacity, failure = 'Error: Resource::kQuotaBytes quota exceeded') {
  /** @type {Map<string, unknown>} */
  const items = new Map();
  return {
    items,
    set: async (/** @type {Record<string, unknown>} */ values) => {
      const fresh = Object.keys(values).filter((k) => !items.has(k)).length;
      if (items.size + fresh > capacity) throw new Error(failure);
      for (const [k, v] of Object.entries(values)) items.set(k, v);
    },
  };
}

test('the browsers\' words for a full area are known; other failures are not', () => {
  for (const said of ['Session storage quota bytes exceeded. Values were not stored.', 'Resource::kQuotaBytes quota exceeded',
    'QuotaExceededError: storage.session API call exceeded its quota limitations.']) assert.ok(isQuotaError(new Error(said)), said);
  assert.equal(isQuotaError(new Error('Error in invocation of storage.set')), false);
});

test('a write to a full area makes room, then is written; one that fits makes none', async () => {
  const area = smallArea(2);
  let made = 0;
  const makeRoom = async () => { made += 1; area.items.delete('a'); };
  await setMakingRoom(/** @type {any} */ (area), { a: 1 }, makeRoom);
  await setMakingRoom(/** @type {any} */ (area), { b: 2 }, makeRoom);
  assert.equal(made, 0);
  await setMakingRoom(/** @type {any} */ (area), { c: 3 }, makeRoom);
  assert.equal(made, 1);
  assert.deepEqual([...area.items.keys()], ['b', 'c']);
});

test('a write that fails for another reason fails, with no room made; one that does not fit even then fails', async () => {
  let made = 0;
  const makeRoom = async () => { made += 1; };
  await assert.rejects(setMakingRoom(/** @type {any} */ (smallArea(0, 'Error: invalid value')), { a: 1 }, makeRoom), /invalid value/);
  assert.equal(made, 0);
  await assert.rejects(setMakingRoom(/** @type {any} */ (smallArea(0)), { a: 1 }, makeRoom), /quota/);
  assert.equal(made, 1);
});

test('the quarter of what was of use longest ago goes, at least one', () => {
  assert.deepEqual(oldestQuarter([['d', 40], ['a', 10], ['c', 30], ['b', 20], ['e', 50], ['f', 60], ['g', 70], ['h', 80]]), ['a', 'b']);
  assert.deepEqual(oldestQuarter([['only', 1]]), ['only']);
  assert.deepEqual(oldestQuarter([]), []);
});
