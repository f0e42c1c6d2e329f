// Moves the engine's observations into IndexedDB. A page report's records
// are stored before the report is answered; request records (many, small)
// are gathered for FLUSH_DELAY_MS and stored together. Writes run one after
// another, each one transaction; a full disk drops the oldest tenth of the
// observations (with a notice the panel shows) and tries again.

import { database } from '../storage/db.js';
import { withQuotaRecovery, writeObservations } from '../storage/observations.js';

/** @typedef {import('../engine/adlens.js').Engine} Engine */

/** How long request records wait to be stored together. */
const FLUSH_DELAY_MS = 200;

/** @type {ReturnType<typeof setTimeout> | undefined} */
let timer;
/** The write in progress: the next one waits for it. */
let queue = Promise.resolve();

/**
 * Stores what the engine observed since the last flush, now.
 * @param {Engine} engine
 * @returns {Promise<void>}
 */
export function flushObservations(engine) {
  clearTimeout(timer);
  timer = undefined;
  const records = engine.takeObservations();
  if (records.length === 0) return queue;
  queue = queue
    .catch(() => {})
    .then(async () => {
      const db = await database();
      await withQuotaRecovery(db, () => writeObservations(db, records));
    });
  queue.catch((error) => console.error('[AdLens] observations not stored:', error instanceof Error ? `${error.name}: ${error.message}` : error));
  return queue;
}

/**
 * Stores the engine's observations soon (request records).
 * @param {Engine} engine
 */
export function scheduleFlush(engine) {
  timer ??= setTimeout(() => {
    timer = undefined;
    flushObservations(engine).catch(() => {});
  }, FLUSH_DELAY_MS);
}
