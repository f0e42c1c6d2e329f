// Keeps what the engine remembers across service-worker lifetimes: each
// site's third parties and remarketing events, the products the user viewed
// and the interest profile. Saved to IndexedDB's `memory` store (all three
// and the save's time in one transaction, so a write is atomic) at most once
// per SAVE_DELAY_MS after a change, and restored on start. The observations
// are stored as they come (observations.js), before a page is answered, so
// a worker killed before the memory was saved loses almost nothing: on
// start, what was observed after the last save is applied again (all of it
// if nothing was ever saved). A stop within a second of a save can still
// leave a site's count of requests short: a record is found by when it
// began, so not the requests a visit sent a company after the save when it
// had contacted it before, nor one sent before the save and seen after it.
// The panel's summaries are not affected (stored with the observations, in
// one transaction: storage/observations.js). Nothing here ever leaves the
// device.
//
// AdLens 0.1 kept the memory in storage.local; the first start after the
// update moves it here (and old "label is wrong" reports into observations).

import { committed, database, done } from '../storage/db.js';
import { writeObservations } from '../storage/observations.js';

/** @typedef {import('../engine/adlens.js').Engine} Engine */

const SAVE_DELAY_MS = 1_000;

/**
 * The stores: key, how to read one from the engine, how to put it back.
 * @type {{ key: string, read: (e: Engine) => unknown, restore: (e: Engine, v: unknown) => void }[]}
 */
const STORES = [
  { key: 'siteRecords', read: (e) => e.siteRecords(), restore: (e, v) => e.restoreSiteRecords(v) },
  { key: 'productMemory', read: (e) => e.productMemory(), restore: (e, v) => e.restoreProductMemory(v) },
  { key: 'interestProfile', read: (e) => e.interestProfile(), restore: (e, v) => e.restoreInterestProfile(v) },
];
const LEGACY_FEEDBACK_KEY = 'feedback';
/** When the memory was last saved (epoch ms): later observations are not in it. */
const SAVED_AT_KEY = 'savedAt';
/** Observation types that feed the memory. */
const MEMORY_TYPES = new Set(['page_visit', 'tracker_contact', 'remarketing_event', 'consent_signal']);

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pending;

/** @param {Engine} engine */
export async function restoreMemory(engine) {
  const db = await database();
  await moveLegacyMemory(db);
  const tx = db.transaction(['memory', 'observations']);
  const memory = tx.objectStore('memory');
  const [savedAt, ...values] = await Promise.all([SAVED_AT_KEY, ...STORES.map((s) => s.key)].map((k) => done(memory.get(k))));
  const since = missedSince(savedAt, values);
  const missed = since === 'none' ? [] : await done(tx.objectStore('observations').index('time').getAll(since === 'all' ? null : since));
  STORES.forEach((store, i) => {
    if (values[i] === undefined) return;
    try {
      store.restore(engine, values[i]);
    } catch (error) {
      // A corrupt store must not stop the engine: start it afresh, and say so.
      console.error(`[AdLens] stored ${store.key} unreadable, starting afresh:`, error instanceof Error ? error.message : error);
    }
  });
  const catchUp = missed.filter((o) => MEMORY_TYPES.has(o.type));
  if (catchUp.length > 0) engine.applyObservations(catchUp);
}

/**
 * Which observations a start applies again: those after the last save; all
 * of them when nothing was ever saved (a worker stopped in its first
 * second); none when the memory came from AdLens 0.1, saved with no time,
 * which holds them all.
 * @param {unknown} savedAt
 * @param {unknown[]} stored the stores' values
 * @returns {IDBKeyRange | 'all' | 'none'}
 */
function missedSince(savedAt, stored) {
  if (typeof savedAt === 'number') return IDBKeyRange.lowerBound(savedAt, true);
  return stored.some((v) => v !== undefined) ? 'none' : 'all';
}

/**
 * Moves AdLens 0.1's storage.local memory into IndexedDB, once: written
 * there first, removed from storage.local after.
 * @param {IDBDatabase} db
 */
async function moveLegacyMemory(db) {
  const keys = [...STORES.map((s) => s.key), LEGACY_FEEDBACK_KEY];
  const legacy = await chrome.storage.local.get(keys);
  if (Object.keys(legacy).length === 0) return;
  const tx = db.transaction('memory', 'readwrite');
  for (const store of STORES) {
    if (legacy[store.key] !== undefined) tx.objectStore('memory').put(legacy[store.key], store.key);
  }
  await committed(tx);
  const feedback = Array.isArray(legacy[LEGACY_FEEDBACK_KEY]) ? legacy[LEGACY_FEEDBACK_KEY] : [];
  await writeObservations(db, feedback.flatMap(feedbackRecord), 'keep');
  await chrome.storage.local.remove(keys);
  console.info('[AdLens] moved the stored memory from storage.local to IndexedDB');
}

/**
 * An AdLens 0.1 "label is wrong" report as an observation.
 * @param {unknown} entry
 */
function feedbackRecord(entry) {
  const e = /** @type {Record<string, unknown>} */ (entry ?? {});
  if (typeof e.time !== 'number' || typeof e.url !== 'string' || typeof e.kind !== 'string') return [];
  let site = '';
  try { site = new URL(e.url).hostname; } catch { return []; }
  return [{
    type: 'label_feedback', id: `feedback/${e.time}/${e.elementId ?? ''}`, time: e.time, site, pageUrl: e.url,
    kind: e.kind, elementId: typeof e.elementId === 'string' ? e.elementId : null,
    classifierVersion: typeof e.classifierVersion === 'string' ? e.classifierVersion : '',
  }];
}

/** @param {Engine} engine */
export function scheduleSave(engine) {
  if (pending !== undefined) return;
  pending = setTimeout(() => {
    pending = undefined;
    saveNow(engine).catch((error) => console.error('[AdLens] could not save what was observed:', error));
  }, SAVE_DELAY_MS);
}

/**
 * Saves every store now, in one transaction (after the user deleted
 * something: it must not come back if the worker stops within the second).
 * @param {Engine} engine
 */
export async function saveNow(engine) {
  if (pending !== undefined) {
    clearTimeout(pending);
    pending = undefined;
  }
  const db = await database();
  const tx = db.transaction('memory', 'readwrite');
  // Everything observed up to now is in what is read next.
  tx.objectStore('memory').put(Date.now(), SAVED_AT_KEY);
  for (const store of STORES) tx.objectStore('memory').put(store.read(engine), store.key);
  await committed(tx);
}
