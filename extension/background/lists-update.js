// Keeps the filter lists fresh: once a day the lists are downloaded from
// their official URLs, compiled by the engine and swapped in; the snapshot
// is stored so the next worker start loads it (in ~20 ms) instead of the
// bundled one. A failed or garbage download changes nothing: the last good
// lists stay, and the next try comes after a growing delay (15 min, 30 min,
// … capped at a day). These are AdLens's only network requests.

import { Engine } from '../engine/adlens.js';
import { loadEngine } from './engine.js';
import { saveSnapshot } from './snapshot-store.js';

export const LIST_URLS = /** @type {const} */ ({
  easylist: 'https://easylist.to/easylist/easylist.txt',
  easyprivacy: 'https://easylist.to/easylist/easyprivacy.txt',
});
const DAILY = 'adlens-lists-daily';
const RETRY = 'adlens-lists-retry';
const DAY_MINUTES = 24 * 60;
const STATUS_KEY = 'listsStatus';

/**
 * @typedef {{ checkedAt: number | null, updatedAt: number | null, failures: number, lastError: string | null }} ListsStatus
 */

/** Registers the schedule. Call synchronously at top level. */
export function scheduleListUpdates() {
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === DAILY || alarm.name === RETRY) updateLists().catch(() => {});
  });
  chrome.runtime.onInstalled.addListener(() => {
    chrome.alarms.create(DAILY, { delayInMinutes: DAY_MINUTES, periodInMinutes: DAY_MINUTES });
  });
}

/** @returns {Promise<ListsStatus>} */
export async function listsStatus() {
  const stored = /** @type {ListsStatus | undefined} */ ((await chrome.storage.local.get(STATUS_KEY))[STATUS_KEY]);
  return stored ?? { checkedAt: null, updatedAt: null, failures: 0, lastError: null };
}

/**
 * Downloads, compiles and swaps in the lists. Throws with a clear message
 * when anything fails; the current lists then stay.
 */
export async function updateLists() {
  const status = await listsStatus();
  const now = Date.now();
  try {
    const [easylist, easyprivacy] = await Promise.all(Object.values(LIST_URLS).map(download));
    const snapshot = Engine.compileLists(easylist, easyprivacy);
    const engine = await loadEngine();
    const info = engine.loadLists(snapshot);
    await saveSnapshot({ bytes: snapshot, info, savedAt: now });
    await chrome.storage.local.set({ [STATUS_KEY]: { checkedAt: now, updatedAt: now, failures: 0, lastError: null } });
    chrome.alarms.clear(RETRY);
    return info;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failures = status.failures + 1;
    await chrome.storage.local.set({ [STATUS_KEY]: { ...status, checkedAt: now, failures, lastError: message } });
    chrome.alarms.create(RETRY, { delayInMinutes: Math.min(DAY_MINUTES, 15 * 2 ** (failures - 1)) });
    console.warn(`[AdLens] filter-list update failed (${failures} in a row), keeping the current lists:`, message);
    throw new Error(`filter-list update failed, the current lists stay: ${message}`);
  }
}

/** @param {string} url */
async function download(url) {
  const response = await fetch(url, { cache: 'no-store', credentials: 'omit' });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.text();
}
