// What a start applies again of the observations stored
// (extension/background/memory.js): those after the memory's last save, so
// a worker stopped before it saved loses them not; all of them when it never
// saved (stopped in its first second).
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { database } from '../../extension/storage/db.js';
import { writeObservations } from '../../extension/storage/observations.js';
import { slowArea } from '../harness/storage-area.mjs';

const local = slowArea(); // AdLens 0.1's memory, if any, is in storage.local
Object.assign(globalThis, { chrome: { storage: { local } } });
const { restoreMemory, saveNow } = await import('../../extension/background/memory.js');

/**
 * An engine that tells what was applied to it.
 * @returns {any}
 */
function engine() {
  return {
    applied: /** @type {string[]} */ ([]),
    /** @param {{ id: string }[]} records */
    applyObservations(records) { this.applied.push(...records.map((r) => r.id)); },
    restoreSiteRecords() {}, restoreProductMemory() {}, restoreInterestProfile() {},
    siteRecords: () => ({}), productMemory: () => ({}), interestProfile: () => ({}),
  };
}

/**
 * @param {string} visitId
 * @param {number} time
 */
const contact = (visitId, time) => ({
  type: 'tracker_contact', id: `${visitId}/contact/criteo.com`, time, lastTime: time, site: 'shop.example',
  pageUrl: 'https://shop.example/p/1', visitId, domain: 'criteo.com', requests: 1, listed: 1,
  tracker: 'Criteo', company: 'Criteo', category: 'advertising', retargetingVendor: true,
});

test('a start applies again what was observed after the last save; all of it before any save', async () => {
  const db = await database();
  const now = Date.now();
  await writeObservations(db, [contact('1.1', now - 5_000)]);
  const first = engine();
  await restoreMemory(first);
  assert.deepEqual(first.applied, ['1.1/contact/criteo.com'], 'never saved: all of it');

  await saveNow(first);
  await writeObservations(db, [contact('2.1', Date.now() + 1_000)]);
  const second = engine();
  await restoreMemory(second);
  assert.deepEqual(second.applied, ['2.1/contact/criteo.com'], 'only what came after the save');
});
