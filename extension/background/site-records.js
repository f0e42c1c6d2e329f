// Keeps the engine's per-site third-party records across service-worker
// lifetimes: saved to storage.local at most once per SAVE_DELAY_MS after a
// change (one key, replaced whole, so a write is atomic), restored on start.
// A worker killed inside that window loses at most those requests.

const KEY = 'siteRecords';
const SAVE_DELAY_MS = 1_000;

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pending;

/** @param {import('../engine/adlens.js').Engine} engine */
export async function restoreSiteRecords(engine) {
  const stored = (await chrome.storage.local.get(KEY))[KEY];
  if (stored === undefined) return;
  try {
    engine.restoreSiteRecords(stored);
  } catch (error) {
    // Corrupt records must not stop the engine: start afresh, and say so.
    console.error('[AdLens] stored site records unreadable, starting afresh:', error instanceof Error ? error.message : error);
  }
}

/** @param {import('../engine/adlens.js').Engine} engine */
export function scheduleSave(engine) {
  if (pending !== undefined) return;
  pending = setTimeout(() => {
    pending = undefined;
    chrome.storage.local.set({ [KEY]: engine.siteRecords() }).catch((error) =>
      console.error('[AdLens] could not save site records:', error));
  }, SAVE_DELAY_MS);
}
