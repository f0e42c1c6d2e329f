// Export and import, in a worker so the panel never blocks: it reads and
// writes the observations in IndexedDB itself, and formats or parses them
// with the engine (crate/src/export.rs), so the format is the one
// `adlens replay --export` writes and `adlens validate` checks.
//
// Jobs (from panel/data-view.js), answered with progress messages and one
// final message:
//   { type: 'export', options }  → { type: 'progress', done, total }…,
//                                  { type: 'exported', blob, count, format }
//   { type: 'import', file }     → { type: 'imported', added, total, memory }
//   anything failing             → { type: 'failed', error }
// An import is all or nothing: the whole file is checked before anything is
// stored, and then stored in one transaction.

import init, { engineVersion, ExportWriter, parseExport } from './engine/adlens.js';
import { database, done } from './storage/db.js';
import { writeObservations } from './storage/observations.js';

/** Observations read and formatted per step. */
const BATCH = 2_000;
/** Record types that feed the engine's memory after an import. */
const MEMORY_TYPES = new Set(['page_visit', 'tracker_contact', 'remarketing_event', 'consent_signal']);
/** Largest file imported (a year of heavy browsing is far below it). */
const MAX_IMPORT_BYTES = 200 * 1024 * 1024;

/** @type {Promise<unknown> | null} */
let engineReady = null;
const engine = () => (engineReady ??= init({ module_or_path: new URL('engine/adlens_bg.wasm', import.meta.url) }));

/** @param {object} message */
const post = (message) => self.postMessage(message);

self.onmessage = (event) => {
  const job = /** @type {{ type?: string, options?: unknown, file?: unknown }} */ (event.data ?? {});
  const run = job.type === 'export' ? runExport(job.options) : job.type === 'import' ? runImport(job.file) : null;
  if (!run) return post({ type: 'failed', error: `unknown job ${String(job.type)}` });
  run.catch((error) => post({ type: 'failed', error: error instanceof Error ? error.message : String(error) }));
};

/**
 * Writes every stored observation the options keep, oldest first.
 * @param {unknown} options see ExportOptions in crate/src/export.rs
 */
async function runExport(options) {
  await engine();
  const salt = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const writer = new ExportWriter(options, salt, `AdLens extension ${engineVersion()}`, Date.now());
  const opts = /** @type {{ from?: number | null, to?: number | null, format?: string }} */ (options ?? {});
  const db = await database();
  const range = timeRange(opts.from ?? null, opts.to ?? null);
  const total = await done(db.transaction('observations').objectStore('observations').index('time').count(range ?? undefined));
  /** @type {string[]} */
  const parts = [writer.headerLine()];
  let count = 0;
  let read = 0;
  for await (const batch of batchesByTime(db, opts.from ?? null, opts.to ?? null)) {
    const text = writer.lines(JSON.stringify(batch));
    if (text) {
      parts.push(text);
      count += text.split('\n').length - 1;
    }
    read += batch.length;
    post({ type: 'progress', done: read, total });
  }
  const type = opts.format === 'csv' ? 'text/csv' : 'application/x-ndjson';
  post({ type: 'exported', blob: new Blob(parts, { type }), count, format: opts.format === 'csv' ? 'csv' : 'jsonl' });
}

/**
 * @param {number | null} from
 * @param {number | null} to
 * @returns {IDBKeyRange | null}
 */
function timeRange(from, to) {
  if (from !== null && to !== null) return IDBKeyRange.bound(from, to, false, true);
  if (from !== null) return IDBKeyRange.lowerBound(from);
  if (to !== null) return IDBKeyRange.upperBound(to, true);
  return null;
}

/**
 * The observations in [from, to), oldest first, BATCH at a time. Each batch
 * is one `getAll` on the time index; records sharing the boundary time are
 * told apart by id, so none is read twice or skipped. The next batch is
 * asked for before this one is handed on: the database reads it while this
 * one is formatted (an export of 100,000 records: 3.2 → 1.9 s in a
 * slow hour).
 * @param {IDBDatabase} db
 * @param {number | null} from
 * @param {number | null} to
 */
async function* batchesByTime(db, from, to) {
  /**
   * @param {number | null} lower
   * @param {Set<string>} seenAtLower ids already read at time `lower`
   */
  const ask = (lower, seenAtLower) => {
    const asked = BATCH + seenAtLower.size;
    const index = db.transaction('observations').objectStore('observations').index('time');
    /** @type {Promise<{ id: string, time: number }[]>} */
    const rows = done(index.getAll(timeRange(lower, to) ?? undefined, asked));
    return { lower, seenAtLower, asked, rows };
  };
  let next = ask(from, new Set());
  for (;;) {
    const { lower, seenAtLower, asked } = next;
    const rows = await next.rows;
    const fresh = rows.filter((r) => !(r.time === lower && seenAtLower.has(r.id)));
    const more = rows.length === asked && fresh.length > 0;
    if (more) {
      const last = fresh[fresh.length - 1].time;
      const atLast = fresh.filter((r) => r.time === last).map((r) => r.id);
      next = ask(last, new Set(last === lower ? [...seenAtLower, ...atLast] : atLast));
    }
    if (fresh.length > 0) yield fresh;
    if (!more) return;
  }
}

/**
 * Imports a JSON Lines export: checked whole first, then stored in one
 * transaction keeping what is already stored. Replies with the new records
 * that feed the engine's memory, for the panel to hand to the background.
 * @param {unknown} file a File or Blob
 */
async function runImport(file) {
  if (!(file instanceof Blob)) throw new Error('no file to import');
  if (file.size > MAX_IMPORT_BYTES) throw new Error(`the file is ${file.size} bytes, more than the ${MAX_IMPORT_BYTES} AdLens imports`);
  await engine();
  const text = await file.text();
  /** @type {{ observations: import('./storage/site-summary.js').StoredObservation[] }} */
  const parsed = JSON.parse(parseExport(text));
  const db = await database();
  const added = await writeObservations(db, parsed.observations, 'keep');
  post({
    type: 'imported',
    added: added.length,
    total: parsed.observations.length,
    memory: added.filter((r) => MEMORY_TYPES.has(r.type)),
  });
}
