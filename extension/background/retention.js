// Data retention: once a day, and whenever the setting changes, AdLens
// forgets what it saw longer ago than the user's retention period (30 days
// unless changed in the options): the engine's memory, and the stored
// observations with their site summaries.

import { loadEngine } from './engine.js';
import { saveNow } from './memory.js';
import { readSettings, SETTINGS_KEY } from '../settings.js';
import { database } from '../storage/db.js';
import { pruneBefore } from '../storage/observations.js';
import { forgetSlots } from './slot-memory.js';

const ALARM = 'adlens-retention-daily';
const DAY_MS = 24 * 60 * 60 * 1000;

/** Registers the schedule. Call synchronously at top level. */
export function scheduleRetention() {
  chrome.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALARM) applyRetention().catch((error) => console.error('[AdLens] retention:', error));
  });
  chrome.runtime.onInstalled.addListener(() => {
    chrome.alarms.create(ALARM, { delayInMinutes: 60, periodInMinutes: 24 * 60 });
  });
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) applyRetention().catch((error) => console.error('[AdLens] retention:', error));
  });
}

/** Forgets what is older than the retention period, now. */
export async function applyRetention() {
  const { retentionDays } = await readSettings();
  const cutoff = Date.now() - retentionDays * DAY_MS;
  const engine = await loadEngine();
  engine.forgetBefore(cutoff);
  await Promise.all([saveNow(engine), forgetSlots({ before: cutoff })]);
  const pruned = await pruneBefore(await database(), cutoff);
  if (pruned > 0) console.info(`[AdLens] retention: ${pruned} observations older than ${retentionDays} days forgotten`);
}
