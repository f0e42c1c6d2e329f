// The observation store on a real IndexedDB implementation (fake-indexeddb):
// live writes merge, imports de-duplicate, summaries always equal what their
// observations add up to, retention and "forget this site" subtract exactly,
// a full disk drops the oldest tenth and says so.
import 'fake-indexeddb/auto';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IDBFactory } from 'fake-indexeddb';
import { done, openDb } from '../../extension/storage/db.js';
import {
  countObservations, forgetSiteObservations, pruneBefore, readNewestItems, readNotice, readSiteSummaries, readSiteSummary,
  withQuotaRecovery, writeObservations,
} from '../../extension/storage/observations.js';
import { applyRecord, emptySummary } from '../../extension/storage/site-summary.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 1);

/** @param {Partial<Record<string, unknown>>} over */
function contact(over = {}) {
  return { type: 'tracker_contact', id: '1.1/contact/criteo.com', time: T0, lastTime: T0, site: 'shop.example',
    pageUrl: 'https://shop.example/p/1', visitId: '1.1', domain: 'criteo.com', requests: 1, listed: 1,
    tracker: 'Criteo', company: 'Criteo', category: 'advertising', retargetingVendor: true, ...over };
}

/** @param {Partial<Record<string, unknown>>} over */
function item(over = {}) {
  return { type: 'item_seen', id: '2.1/item/1', time: T0 + DAY, site: 'news.example', pageUrl: 'https://news.example/a',
    visitId: '2.1', itemType: 'ad', source: 'marker', vendor: 'Criteo', network: 'Criteo', elementId: 'crt', locator: null,
    label: null, landingUrl: 'https://shop.example/p/1', landingDomain: 'shop.example', firstParty: false, text: 'Trail Runner X',
    kind: 'retargeted', confidence: 0.9, evidence: [], topics: [], followedFrom: 'shop.example', product: 'Trail Runner X',
    classifierVersion: 'c', listsVersion: null, ...over };
}

/** @param {Partial<Record<string, unknown>>} over */
function visit(over = {}) {
  return { type: 'page_visit', id: '1.1/page', time: T0, site: 'shop.example', pageUrl: 'https://shop.example/p/1',
    visitId: '1.1', language: 'en', topics: [], product: null, ...over };
}

/** @param {Partial<Record<string, unknown>>} over */
function consent(over = {}) {
  return { type: 'consent_signal', id: '2.1/consent/7/3+4', time: T0, lastTime: T0, site: 'news.example',
    pageUrl: 'https://news.example/a', visitId: '2.1', cmpId: 7, refused: [3, 4], count: 1, ...over };
}

const fresh = () => openDb(new IDBFactory());

/**
 * Summaries recomputed from every stored observation, as the stored ones
 * should be (first/last seen aside: they only grow).
 * @param {IDBDatabase} db
 */
async function recomputed(db) {
  const all = await done(db.transaction('observations').objectStore('observations').getAll());
  /** @type {Map<string, import('../../extension/storage/site-summary.js').SiteSummary>} */
  const sums = new Map();
  const of = (/** @type {string} */ s) => sums.get(s) ?? sums.set(s, emptySummary(s)).get(s);
  for (const r of all) applyRecord(/** @type {any} */ (of), r, 1);
  return strip([...sums.values()]);
}

/** @param {import('../../extension/storage/site-summary.js').SiteSummary[]} list */
function strip(list) {
  return list.map(({ firstSeen, lastSeen, ...rest }) => rest).sort((a, b) => a.site.localeCompare(b.site));
}

test('live records with a known id merge: counts add up, the first time stays', async () => {
  const db = await fresh();
  await writeObservations(db, [contact()]);
  await writeObservations(db, [contact({ time: T0 + 5_000, lastTime: T0 + 9_000, requests: 3, listed: 0 })]);
  assert.equal(await countObservations(db), 1);
  const stored = await done(db.transaction('observations').objectStore('observations').get('1.1/contact/criteo.com'));
  assert.deepEqual([stored.requests, stored.listed, stored.time, stored.lastTime], [4, 1, T0, T0 + 9_000]);
  const shop = await readSiteSummary(db, 'shop.example');
  assert.deepEqual(shop?.thirdParties['criteo.com'], {
    requests: 4, listed: 1, tracker: 'Criteo', company: 'Criteo', category: 'advertising', retargeting: true,
  });
});

test('the consent a site passed on is counted per answer, and goes with its records', async () => {
  const db = await fresh();
  await writeObservations(db, [consent()]);
  await writeObservations(db, [consent({ time: T0 + 1_000, lastTime: T0 + 2_000, count: 2 })]);
  await writeObservations(db, [consent({ id: '3.1/consent/7/none', refused: [], time: T0 + DAY, lastTime: T0 + DAY })]);
  // A US string (GPP): no CMP, what the user opted out of.
  await writeObservations(db, [consent({ id: '4.1/consent/gpp/none/none/sale+targeted_advertising', framework: 'gpp', cmpId: null,
    refused: [], optedOut: ['sale', 'targeted_advertising'], time: T0 + 2 * DAY, lastTime: T0 + 2 * DAY })]);
  assert.equal(await countObservations(db), 3);
  assert.deepEqual((await readSiteSummary(db, 'news.example'))?.consent, {
    '7|3+4': { cmpId: 7, refused: [3, 4], count: 3, lastTime: T0 + 2_000, framework: 'tcf', optedOut: [] },
    '7|': { cmpId: 7, refused: [], count: 1, lastTime: T0 + DAY, framework: 'tcf', optedOut: [] },
    'gpp|null||sale+targeted_advertising': { cmpId: null, refused: [], count: 1, lastTime: T0 + 2 * DAY, framework: 'gpp',
      optedOut: ['sale', 'targeted_advertising'] },
  });
  await forgetSiteObservations(db, 'news.example');
  assert.equal(await readSiteSummary(db, 'news.example'), null, 'nothing is left of the site');
});

test('a rescanned item with a new verdict moves between kinds, and its shop learns it followed you', async () => {
  const db = await fresh();
  await writeObservations(db, [item({ kind: 'generic', followedFrom: null, product: null })]);
  assert.deepEqual((await readSiteSummary(db, 'news.example'))?.kinds, { contextual: 0, behavioural: 0, retargeted: 0, generic: 1 });
  assert.equal(await readSiteSummary(db, 'shop.example'), null);
  await writeObservations(db, [item()]);
  const news = await readSiteSummary(db, 'news.example');
  assert.deepEqual(news?.kinds, { contextual: 0, behavioural: 0, retargeted: 1, generic: 0 });
  assert.deepEqual(news?.days, { '2026-11-02': { contextual: 0, behavioural: 0, retargeted: 1, generic: 0 } });
  const shop = await readSiteSummary(db, 'shop.example');
  assert.deepEqual(shop?.followedTo, { 'news.example': { count: 1, lastTime: T0 + DAY, products: { 'Trail Runner X': 1 } } });
  assert.deepEqual(strip(await readSiteSummaries(db)), await recomputed(db));
});

test('ads chosen for the profile are counted per site by the interest that picked them, and go with their records', async () => {
  const db = await fresh();
  const fromProfile = (/** @type {string} */ id, /** @type {string} */ topic, over = {}) => item({ id, kind: 'behavioural',
    followedFrom: null, product: null, topics: [topic],
    evidence: [{ type: 'topic_matches_profile', topic, share: 0.75 }, { type: 'served_by', vendor: 'Google Ad Manager' }], ...over });
  await writeObservations(db, [
    fromProfile('2.1/item/1', 'health'),
    fromProfile('2.1/item/2', 'health'),
    fromProfile('2.1/item/3', 'running'),
    // Chosen for the profile but by no named interest, and a contextual ad about health: neither counts.
    fromProfile('2.1/item/4', 'health', { evidence: [{ type: 'cross_site_ids_present', providers: ['ID5'] }] }),
    fromProfile('2.1/item/5', 'health', { kind: 'contextual', evidence: [{ type: 'topic_matches_page', topic: 'health', words: [] }] }),
    fromProfile('3.1/item/1', 'health', { site: 'blog.example', pageUrl: 'https://blog.example/' }),
  ]);
  assert.deepEqual((await readSiteSummary(db, 'news.example'))?.interestAds, { health: 2, running: 1 });
  assert.deepEqual((await readSiteSummary(db, 'blog.example'))?.interestAds, { health: 1 });
  // Rescanned with a verdict of another kind, an item no longer counts.
  await writeObservations(db, [fromProfile('2.1/item/3', 'running', { kind: 'generic', evidence: [{ type: 'no_targeting_evidence' }] })]);
  assert.deepEqual((await readSiteSummary(db, 'news.example'))?.interestAds, { health: 2 });
  assert.deepEqual(strip(await readSiteSummaries(db)), await recomputed(db));
  await forgetSiteObservations(db, 'blog.example');
  assert.equal(await readSiteSummary(db, 'blog.example'), null, 'nothing is left of the site');
  // A summary stored before AdLens counted them has none to take from: no count goes below nothing.
  const old = emptySummary('old.example');
  delete old.interestAds;
  applyRecord(() => old, fromProfile('4.1/item/1', 'health', { site: 'old.example' }), -1);
  assert.deepEqual(old.interestAds, {});
});

test('the newest items of the kinds asked for, newest first, at most as many as asked', async () => {
  const db = await fresh();
  const kinds = ['behavioural', 'retargeted', 'generic', 'contextual'];
  await writeObservations(db, [
    visit({ time: T0 + 50 * DAY }),
    contact({ time: T0 + 50 * DAY, lastTime: T0 + 50 * DAY }),
    ...Array.from({ length: 40 }, (_, i) => item({ id: `v${i}/item/1`, visitId: `v${i}`, time: T0 + i * DAY, kind: kinds[i % 4] })),
  ]);
  const newest = await readNewestItems(db, ['behavioural', 'retargeted'], 5);
  assert.deepEqual(newest.map((r) => [r.id, r.kind]),
    [['v37/item/1', 'retargeted'], ['v36/item/1', 'behavioural'], ['v33/item/1', 'retargeted'], ['v32/item/1', 'behavioural'], ['v29/item/1', 'retargeted']]);
  assert.equal((await readNewestItems(db, ['behavioural', 'retargeted'], 100)).length, 20);
  assert.deepEqual(await readNewestItems(db, ['behavioural'], 0), []);
});

test('a version-2 database is upgraded in place: its stored items are found by kind', async () => {
  const factory = new IDBFactory();
  const v2 = await openDb(factory, 2);
  await writeObservations(v2, [item({ kind: 'behavioural' }), visit()]);
  v2.close();
  const db = await openDb(factory);
  assert.equal(db.version, 3);
  assert.deepEqual((await readNewestItems(db, ['behavioural'], 10)).map((r) => r.id), ['2.1/item/1']);
  assert.equal(await countObservations(db), 2, 'nothing lost');
});

test('an import keeps what is stored: the same file twice adds nothing', async () => {
  const db = await fresh();
  const records = [visit(), contact(), item()];
  assert.equal((await writeObservations(db, records, 'keep')).length, 3);
  const before = await readSiteSummaries(db);
  assert.equal((await writeObservations(db, records.map((r) => ({ ...r })), 'keep')).length, 0);
  assert.deepEqual(await readSiteSummaries(db), before);
  assert.equal(await countObservations(db), 3);
});

test('forgetting a shop removes its data and its links from other sites, which keep their own', async () => {
  const db = await fresh();
  await writeObservations(db, [visit(), contact(), item()]);
  await forgetSiteObservations(db, 'shop.example');
  assert.equal(await readSiteSummary(db, 'shop.example'), null);
  const news = await readSiteSummary(db, 'news.example');
  assert.equal(news?.kinds.retargeted, 1, 'the news site still saw its ad');
  const stored = await done(db.transaction('observations').objectStore('observations').get('2.1/item/1'));
  assert.equal(stored.followedFrom, null);
  assert.equal(await countObservations(db), 1);
  assert.deepEqual(strip(await readSiteSummaries(db)), await recomputed(db));
});

test('retention deletes in batches and leaves summaries equal to what remains', async () => {
  const db = await fresh();
  const many = Array.from({ length: 4_500 }, (_, i) => contact({
    id: `v${i}/contact/d${i % 40}.example`, visitId: `v${i}`, domain: `d${i % 40}.example`, time: T0 + i * 60_000,
    lastTime: T0 + i * 60_000, site: `s${i % 7}.example`, requests: 1 + (i % 3),
  }));
  for (let i = 0; i < many.length; i += 1_000) await writeObservations(db, many.slice(i, i + 1_000));
  const cutoff = T0 + 3_000 * 60_000;
  assert.equal(await pruneBefore(db, cutoff), 3_000);
  assert.equal(await countObservations(db), 1_500);
  assert.deepEqual(strip(await readSiteSummaries(db)), await recomputed(db));
  assert.equal(await pruneBefore(db, T0 + 10 * DAY), 1_500);
  assert.deepEqual(await readSiteSummaries(db), [], 'nothing left, no empty summaries');
});

test('a full disk drops the oldest tenth, leaves a notice and retries the write', async () => {
  const db = await fresh();
  await writeObservations(db, Array.from({ length: 50 }, (_, i) => visit({ id: `v${i}/page`, time: T0 + i })));
  let calls = 0;
  const result = await withQuotaRecovery(db, async () => {
    calls += 1;
    if (calls === 1) throw new DOMException('the disk is full', 'QuotaExceededError');
    return writeObservations(db, [visit({ id: 'new/page', time: T0 + DAY })]);
  });
  assert.equal(result.length, 1);
  assert.equal(calls, 2);
  assert.equal(await countObservations(db), 46, '5 oldest dropped, 1 added');
  const oldest = await done(db.transaction('observations').objectStore('observations').get('v0/page'));
  assert.equal(oldest, undefined);
  assert.equal((await readNotice(db))?.dropped, 5);
  await assert.rejects(withQuotaRecovery(db, async () => { throw new Error('other'); }), /other/, 'other errors pass');
});

test('summaries stay equal to their observations through random merges, imports and prunes', async () => {
  const db = await fresh();
  let seed = 7;
  const rand = (/** @type {number} */ n) => { seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31; return seed % n; };
  const kinds = ['contextual', 'behavioural', 'retargeted', 'generic'];
  for (let round = 0; round < 30; round++) {
    const batch = Array.from({ length: 20 }, () => {
      const n = rand(15);
      switch (rand(5)) {
        case 0: return visit({ id: `v${n}/page`, site: `s${n % 4}.example`, time: T0 + rand(40) * DAY });
        case 1: return contact({ id: `v${n}/contact/x.example`, site: `s${n % 4}.example`, domain: 'x.example', requests: 1 + rand(5), time: T0 + rand(40) * DAY });
        case 2: return { ...contact(), type: 'remarketing_event', id: `v${n}/rm`, vendor: 'Criteo', event: 'viewItem', productId: 'P', count: 1 + rand(3), site: `s${n % 4}.example`, time: T0 + rand(40) * DAY };
        case 3: return consent({ id: `v${n}/consent/7/3+4`, site: `s${n % 4}.example`, refused: rand(2) ? [3, 4] : [], count: 1 + rand(3), time: T0 + rand(40) * DAY });
        default: {
          const kind = kinds[rand(4)];
          return item({ id: `v${n}/item/1`, site: `s${n % 4}.example`, kind, followedFrom: kind === 'retargeted' ? `s${rand(4)}.example` : null, time: T0 + rand(40) * DAY });
        }
      }
    });
    // Drop the fields a remarketing record lacks.
    for (const r of batch) if (r.type === 'remarketing_event') for (const k of ['domain', 'requests', 'listed', 'tracker', 'company', 'category', 'retargetingVendor']) delete /** @type {any} */ (r)[k];
    await writeObservations(db, batch, rand(2) ? 'merge' : 'keep');
    if (round % 10 === 9) await pruneBefore(db, T0 + rand(20) * DAY);
    assert.deepEqual(strip(await readSiteSummaries(db)), await recomputed(db), `round ${round}`);
  }
});

test('a version-1 database (lists snapshot only) is upgraded in place, keeping the snapshot', async () => {
  const factory = new IDBFactory();
  // What AdLens 0.1 created: version 1 with the snapshots store.
  const v1 = await new Promise((resolve, reject) => {
    const request = factory.open('adlens', 1);
    request.onupgradeneeded = () => request.result.createObjectStore('snapshots');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const tx = /** @type {IDBDatabase} */ (v1).transaction('snapshots', 'readwrite');
  tx.objectStore('snapshots').put({ savedAt: 42 }, 'lists');
  await new Promise((resolve) => { tx.oncomplete = resolve; });
  /** @type {IDBDatabase} */ (v1).close();

  const db = await openDb(factory);
  assert.equal(db.version, 3);
  assert.deepEqual([...db.objectStoreNames].sort(), ['memory', 'observations', 'sites', 'snapshots']);
  assert.deepEqual([...db.transaction('observations').objectStore('observations').indexNames].sort(), ['followedFrom', 'kindTime', 'site', 'time']);
  assert.deepEqual(await done(db.transaction('snapshots').objectStore('snapshots').get('lists')), { savedAt: 42 });
  db.close();
  await assert.rejects(openDb(factory, 4), /no migration from database version 3/);
});
