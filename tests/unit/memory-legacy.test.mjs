// AdLens 0.1's memory, moved from storage.local on the first start after the
// update (extension/background/memory.js), holds what was observed before
// it: a start applies none of the stored observations again over it (its
// own process, so a database of its own: memory.test.mjs has the others).
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { database } from '../../extension/storage/db.js';
import { writeObservations } from '../../extension/storage/observations.js';
import { slowArea } from '../harness/storage-area.mjs';

const local = slowArea(); // AdLens 0.1's memory, if any, is in storage.local
Object.assign(local.items, { siteRecords: { sites: {} } });
Object.assign(globalThis, { chrome: { storage: { local } } });
const { restoreMemory } = await import('../../extension/background/memory.js');

test('over AdLens 0.1\'s memory, moved with no save time, no stored observation is applied again', async () => {
  const time = Date.now();
  await writeObservations(await database(), [{
    type: 'tracker_contact', id: '1.1/contact/criteo.com', time, lastTime: time, site: 'shop.example',
    pageUrl: 'https://shop.example/p/1', visitId: '1.1', domain: 'criteo.com', requests: 1, listed: 1,
    tracker: 'Criteo', company: 'Criteo', category: 'advertising', retargetingVendor: true,
  }]);
  /** @type {unknown[]} */
  const restored = [];
  /** @type {string[]} */
  const applied = [];
  await restoreMemory(/** @type {any} */ ({
    applyObservations: (/** @type {{ id: string }[]} */ records) => applied.push(...records.map((r) => r.id)),
    restoreSiteRecords: (/** @type {unknown} */ v) => restored.push(v),
    restoreProductMemory() {}, restoreInterestProfile() {},
  }));
  assert.deepEqual(restored, [{ sites: {} }], 'the old memory, moved');
  assert.deepEqual(applied, [], 'nothing applied again over it');
  assert.deepEqual(local.items, {}, 'and gone from storage.local');
});
