// Keeps what the engine remembers across service-worker lifetimes: each
// site's third parties and remarketing events, the products the user viewed
// and the interest profile (topics of visited pages, per site). Saved to storage.local at most once per SAVE_DELAY_MS after a
// change (one key per store, each replaced whole, so a write is atomic) and
// restored on start. A worker killed inside that window loses at most that
// last second of observations. Nothing here ever leaves the device.

/** @typedef {import('../engine/adlens.js').Engine} Engine */

const SAVE_DELAY_MS = 1_000;

/**
 * The stores: storage key, how to read one from the engine, how to put it back.
 * @type {{ key: string, read: (e: Engine) => unknown, restore: (e: Engine, v: unknown) => void }[]}
 */
const STORES = [
  { key: 'siteRecords', read: (e) => e.siteRecords(), restore: (e, v) => e.restoreSiteRecords(v) },
  { key: 'productMemory', read: (e) => e.productMemory(), restore: (e, v) => e.restoreProductMemory(v) },
  { key: 'interestProfile', read: (e) => e.interestProfile(), restore: (e, v) => e.restoreInterestProfile(v) },
];

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pending;

/** @param {Engine} engine */
export async function restoreMemory(engine) {
  const stored = await chrome.storage.local.get(STORES.map((s) => s.key));
  for (const store of STORES) {
    if (stored[store.key] === undefined) continue;
    try {
      store.restore(engine, stored[store.key]);
    } catch (error) {
      // A corrupt store must not stop the engine: start it afresh, and say so.
      console.error(`[AdLens] stored ${store.key} unreadable, starting afresh:`, error instanceof Error ? error.message : error);
    }
  }
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
 * Saves every store now (after the user deleted something: it must not come
 * back if the worker stops within the second).
 * @param {Engine} engine
 */
export async function saveNow(engine) {
  if (pending !== undefined) {
    clearTimeout(pending);
    pending = undefined;
  }
  const entries = Object.fromEntries(STORES.map((s) => [s.key, s.read(engine)]));
  await chrome.storage.local.set(entries);
}

/** Most "this label is wrong" reports kept (the oldest go first). */
const MAX_FEEDBACK = 1_000;

/**
 * Keeps one "this label is wrong" report, locally, for the user's export.
 * @param {{ time: number, url: string, kind: string, elementId: string | null, classifierVersion: string }} entry
 */
export async function recordFeedback(entry) {
  const { feedback } = await chrome.storage.local.get('feedback');
  const list = Array.isArray(feedback) ? feedback : [];
  list.push(entry);
  await chrome.storage.local.set({ feedback: list.slice(-MAX_FEEDBACK) });
}
