// Data retention: once a day, and whenever the setting changes, the engine
// forgets what it last saw longer ago than the user's retention period
// (30 days unless changed in the options), and the result is saved.

import { loadEngine } from './engine.js';
import { saveNow } from './memory.js';
import { readSettings, SETTINGS_KEY } from '../settings.js';

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
  const engine = await loadEngine();
  engine.forgetBefore(Date.now() - retentionDays * DAY_MS);
  await saveNow(engine);
}
