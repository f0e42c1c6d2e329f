// Reading and writing observations, with their site summaries kept in step
// in the same transaction (see db.js for the stores, site-summary.js for the
// summaries). Every function takes the database, so tests can pass their own.

import { committed, done } from './db.js';
import { applyRecord, emptySummary, isEmpty, mergeRecords, sitesOf } from './site-summary.js';

/**
 * @typedef {import('./site-summary.js').StoredObservation} StoredObservation
 * @typedef {import('./site-summary.js').SiteSummary} SiteSummary
 * @typedef {{ time: number, dropped: number }} StorageNotice
 */

/** Records deleted per transaction by retention (big prunes are split). */
const PRUNE_BATCH = 2_000;
/** Share of the oldest observations dropped when storage is full. */
const QUOTA_DROP_SHARE = 0.1;
/** The memory-store key of the "storage was full" notice. */
export const NOTICE_KEY = 'storageNotice';

/**
 * Summaries of `sites`, read inside `tx`, to change and put back.
 * @param {IDBObjectStore} store
 * @param {Iterable<string>} sites
 * @returns {Promise<Map<string, SiteSummary>>}
 */
async function readSummaries(store, sites) {
  const unique = [...new Set(sites)];
  const found = await Promise.all(unique.map((site) => done(store.get(site))));
  return new Map(unique.map((site, i) => [site, /** @type {SiteSummary | undefined} */ (found[i]) ?? emptySummary(site)]));
}

/**
 * @param {IDBObjectStore} store
 * @param {Map<string, SiteSummary>} summaries
 */
function writeSummaries(store, summaries) {
  for (const [site, summary] of summaries) {
    if (isEmpty(summary)) store.delete(site);
    else store.put(summary);
  }
}

/**
 * Stores observations in one transaction. Live records (`merge`) whose id is
 * already stored are merged with it (counts add up, the latest verdict
 * wins); imported ones (`keep`) leave a stored record as it is, so
 * importing a file twice changes nothing.
 * @param {IDBDatabase} db
 * @param {StoredObservation[]} records
 * @param {'merge' | 'keep'} [mode]
 * @returns {Promise<StoredObservation[]>} the records that were new
 */
export async function writeObservations(db, records, mode = 'merge') {
  if (records.length === 0) return [];
  const tx = db.transaction(['observations', 'sites'], 'readwrite');
  const end = committed(tx);
  const store = tx.objectStore('observations');
  const sitesStore = tx.objectStore('sites');
  /** @type {StoredObservation[]} */
  const added = [];
  try {
    const ids = [...new Set(records.map((r) => r.id))];
    const stored = await Promise.all(ids.map((id) => done(store.get(id))));
    /** @type {Map<string, StoredObservation>} */
    const current = new Map();
    ids.forEach((id, i) => { if (stored[i]) current.set(id, stored[i]); });
    const touched = records.flatMap((r) => [...sitesOf(r), ...(current.has(r.id) ? sitesOf(/** @type {StoredObservation} */ (current.get(r.id))) : [])]);
    const summaries = await readSummaries(sitesStore, touched);
    const summaryOf = (/** @type {string} */ site) => {
      let s = summaries.get(site);
      if (!s) summaries.set(site, (s = emptySummary(site)));
      return s;
    };
    for (const record of records) {
      const old = current.get(record.id);
      if (old && mode === 'keep') continue;
      const next = old ? mergeRecords(old, record) : record;
      if (old) applyRecord(summaryOf, old, -1);
      else added.push(record);
      applyRecord(summaryOf, next, 1);
      current.set(record.id, next);
      store.put(next);
    }
    writeSummaries(sitesStore, summaries);
  } catch (error) {
    try { tx.abort(); } catch { /* already ended */ }
    await end.catch(() => {});
    throw error;
  }
  await end;
  return added;
}

/**
 * Deletes the observations matched by `range` on the `time` index, oldest
 * first, at most PRUNE_BATCH per transaction, subtracting their shares.
 * @param {IDBDatabase} db
 * @param {IDBKeyRange} range
 * @param {number} [limit] most to delete in all
 * @returns {Promise<number>} how many were deleted
 */
async function deleteByTime(db, range, limit = Infinity) {
  let deleted = 0;
  for (;;) {
    const batch = Math.min(PRUNE_BATCH, limit - deleted);
    if (batch <= 0) return deleted;
    const tx = db.transaction(['observations', 'sites'], 'readwrite');
    const end = committed(tx);
    /** @type {StoredObservation[]} */
    const gone = await new Promise((resolve, reject) => {
      /** @type {StoredObservation[]} */
      const found = [];
      const cursor = tx.objectStore('observations').index('time').openCursor(range);
      cursor.onerror = () => reject(cursor.error);
      cursor.onsuccess = () => {
        const c = cursor.result;
        if (!c || found.length >= batch) return resolve(found);
        found.push(c.value);
        c.delete();
        c.continue();
      };
    });
    const sitesStore = tx.objectStore('sites');
    const summaries = await readSummaries(sitesStore, gone.flatMap(sitesOf));
    const summaryOf = (/** @type {string} */ site) => summaries.get(site) ?? emptySummary(site);
    for (const record of gone) applyRecord(summaryOf, record, -1);
    writeSummaries(sitesStore, summaries);
    await end;
    deleted += gone.length;
    if (gone.length < batch) return deleted;
  }
}

/**
 * Retention: forgets every observation older than `cutoff` (epoch ms).
 * @param {IDBDatabase} db
 * @param {number} cutoff
 */
export function pruneBefore(db, cutoff) {
  return deleteByTime(db, IDBKeyRange.upperBound(cutoff, true));
}

/**
 * Storage is full: drops the oldest tenth of the observations and leaves a
 * notice the panel shows.
 * @param {IDBDatabase} db
 * @returns {Promise<number>} how many were dropped
 */
export async function dropOldest(db) {
  const total = await done(db.transaction('observations').objectStore('observations').count());
  const dropped = await deleteByTime(db, IDBKeyRange.lowerBound(0), Math.max(1, Math.ceil(total * QUOTA_DROP_SHARE)));
  const tx = db.transaction('memory', 'readwrite');
  /** @type {StorageNotice} */
  const notice = { time: Date.now(), dropped };
  tx.objectStore('memory').put(notice, NOTICE_KEY);
  await committed(tx);
  return dropped;
}

/**
 * Runs a write; when storage is full, drops the oldest observations (with a
 * notice for the user) and tries once more.
 * @template T
 * @param {IDBDatabase} db
 * @param {() => Promise<T>} write
 * @returns {Promise<T>}
 */
export async function withQuotaRecovery(db, write) {
  try {
    return await write();
  } catch (error) {
    if (!(error instanceof DOMException) || error.name !== 'QuotaExceededError') throw error;
    const dropped = await dropOldest(db);
    console.warn(`[AdLens] storage full: the oldest ${dropped} observations were dropped`);
    return write();
  }
}

/**
 * Forgets one site: its observations and summary, and the "followed you
 * from" links other sites' items had to it.
 * @param {IDBDatabase} db
 * @param {string} site
 */
export async function forgetSiteObservations(db, site) {
  const tx = db.transaction(['observations', 'sites'], 'readwrite');
  const end = committed(tx);
  const store = tx.objectStore('observations');
  const sitesStore = tx.objectStore('sites');
  const [own, followers] = await Promise.all([
    done(store.index('site').getAll(site)),
    done(store.index('followedFrom').getAll(site)),
  ]);
  const summaries = await readSummaries(sitesStore, [...own, ...followers].flatMap(sitesOf));
  const summaryOf = (/** @type {string} */ s) => summaries.get(s) ?? emptySummary(s);
  for (const record of own) {
    applyRecord(summaryOf, record, -1);
    store.delete(record.id);
  }
  for (const record of followers.filter((r) => r.site !== site)) {
    applyRecord(summaryOf, record, -1);
    const unlinked = { ...record, followedFrom: null, product: null };
    applyRecord(summaryOf, unlinked, 1);
    store.put(unlinked);
  }
  summaries.delete(site);
  writeSummaries(sitesStore, summaries);
  sitesStore.delete(site);
  await end;
}

/**
 * Forgets every observation and summary.
 * @param {IDBDatabase} db
 */
export async function wipeObservations(db) {
  const tx = db.transaction(['observations', 'sites', 'memory'], 'readwrite');
  tx.objectStore('observations').clear();
  tx.objectStore('sites').clear();
  tx.objectStore('memory').delete(NOTICE_KEY);
  await committed(tx);
}

/**
 * Every site's summary.
 * @param {IDBDatabase} db
 * @returns {Promise<SiteSummary[]>}
 */
export function readSiteSummaries(db) {
  return done(db.transaction('sites').objectStore('sites').getAll());
}

/**
 * One site's summary, or null.
 * @param {IDBDatabase} db
 * @param {string} site
 * @returns {Promise<SiteSummary | null>}
 */
export async function readSiteSummary(db, site) {
  return (await done(db.transaction('sites').objectStore('sites').get(site))) ?? null;
}

/**
 * One site's observations (at most `limit`).
 * @param {IDBDatabase} db
 * @param {string} site
 * @param {number} [limit]
 * @returns {Promise<StoredObservation[]>}
 */
export function readSiteObservations(db, site, limit = 20_000) {
  return done(db.transaction('observations').objectStore('observations').index('site').getAll(site, limit));
}

/**
 * The newest items of these kinds, newest first (at most `limit`): one
 * walk back in time per kind over the kindTime index, which holds only
 * items, so none reads more than `limit` records, however many others
 * are stored.
 * @param {IDBDatabase} db
 * @param {import('../messages.js').Kind[]} kinds
 * @param {number} limit
 * @returns {Promise<StoredObservation[]>}
 */
export async function readNewestItems(db, kinds, limit) {
  const index = db.transaction('observations').objectStore('observations').index('kindTime');
  const perKind = await Promise.all(kinds.map((kind) => new Promise((resolve, reject) => {
    /** @type {StoredObservation[]} */
    const found = [];
    const request = index.openCursor(IDBKeyRange.bound([kind, -Infinity], [kind, Infinity]), 'prev');
    request.onsuccess = () => {
      const cursor = request.result;
      if (!cursor || found.length >= limit) {
        resolve(found);
        return;
      }
      found.push(cursor.value);
      cursor.continue();
    };
    request.onerror = () => reject(request.error);
  })));
  return /** @type {StoredObservation[]} */ (perKind.flat()).sort((a, b) => b.time - a.time).slice(0, limit);
}

/**
 * How many observations are stored.
 * @param {IDBDatabase} db
 */
export function countObservations(db) {
  return done(db.transaction('observations').objectStore('observations').count());
}

/**
 * The "storage was full" notice, if any.
 * @param {IDBDatabase} db
 * @returns {Promise<StorageNotice | null>}
 */
export async function readNotice(db) {
  return (await done(db.transaction('memory').objectStore('memory').get(NOTICE_KEY))) ?? null;
}
