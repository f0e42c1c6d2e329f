// The IndexedDB database that keeps everything AdLens observed, on this
// device only. Shared by the background (the one that writes as you browse),
// the panel (reads) and its export/import worker.
//
// Stores (schema version 3):
//   snapshots     the last good filter-list snapshot downloaded at run time
//                 (background/snapshot-store.js); version 1 had only this.
//   observations  keyPath "id": one record per thing seen (see
//                 crate/src/observations.rs): page_visit, item_seen,
//                 tracker_contact, remarketing_event, consent_signal, label_feedback.
//                 Indexes: time, site, followedFrom, and kindTime
//                 ([kind, time]: the items of one kind, newest last; only
//                 item_seen records have a kind; added in version 3).
//   sites         keyPath "site": per-site summaries the panel lists
//                 (storage/site-summary.js), kept in step with the
//                 observations in the same transactions.
//   memory        out-of-line keys: the engine's memory (interest profile,
//                 product memory, per-site third parties), each replaced
//                 whole.
//
// Every write is one transaction: the browser or the service worker dying
// mid-write leaves the last committed state, never half a record.

export const DB_NAME = 'adlens';
export const DB_VERSION = 3;

/**
 * Migrations: MIGRATIONS[n] upgrades a database from version n to n + 1.
 * A new version appends one; existing ones never change, so any older
 * database reaches the current shape step by step.
 * @type {((db: IDBDatabase, tx: IDBTransaction) => void)[]}
 */
const MIGRATIONS = [
  // 0 → 1 (AdLens 0.1, before observations were kept): the lists snapshot.
  (db) => {
    db.createObjectStore('snapshots');
  },
  // 1 → 2: observations, their per-site summaries, the engine's memory
  // (which lived in storage.local until then: background/memory.js moves it).
  (db) => {
    const observations = db.createObjectStore('observations', { keyPath: 'id' });
    observations.createIndex('time', 'time');
    observations.createIndex('site', 'site');
    observations.createIndex('followedFrom', 'followedFrom');
    db.createObjectStore('sites', { keyPath: 'site' });
    db.createObjectStore('memory');
  },
  // 2 → 3: the items of a kind by time, for the panel's list of the ads
  // chosen for the user (the browser indexes the records already stored).
  (_db, tx) => {
    tx.objectStore('observations').createIndex('kindTime', ['kind', 'time']);
  },
];

/**
 * Opens (creating or upgrading) the database.
 * @param {IDBFactory} [factory] indexedDB (tests pass another)
 * @param {number} [version] the version to open (tests of migrations)
 * @returns {Promise<IDBDatabase>}
 */
export function openDb(factory = indexedDB, version = DB_VERSION) {
  return new Promise((resolve, reject) => {
    const request = factory.open(DB_NAME, version);
    /** @type {Error | null} why an upgrade was abandoned (the request only says "aborted") */
    let upgradeError = null;
    request.onupgradeneeded = (event) => {
      const db = request.result;
      const tx = /** @type {IDBTransaction} */ (request.transaction);
      for (let v = event.oldVersion; v < (event.newVersion ?? version); v++) {
        const migrate = MIGRATIONS[v];
        if (!migrate) {
          upgradeError = new Error(`no migration from database version ${v}`);
          tx.abort();
          return;
        }
        migrate(db, tx);
      }
    };
    request.onsuccess = () => {
      const db = request.result;
      // Another part of AdLens (a newer version after an update) wants to
      // upgrade: let it, instead of blocking it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    request.onerror = () => reject(upgradeError ?? request.error ?? new Error('could not open the database'));
    request.onblocked = () => reject(new Error('the database is held open by an older AdLens page; close it and retry'));
  });
}

/** @type {Promise<IDBDatabase> | null} */
let shared = null;

/**
 * The database, opened once per page or worker lifetime.
 * @returns {Promise<IDBDatabase>}
 */
export function database() {
  shared ??= openDb().catch((error) => {
    shared = null;
    throw error;
  });
  return shared;
}

/**
 * A request as a promise.
 * @template T
 * @param {IDBRequest<T>} request
 * @returns {Promise<T>}
 */
export function done(request) {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/**
 * A transaction's end as a promise: resolves when it committed, rejects
 * with its error (a QuotaExceededError among them) when it aborted.
 * @param {IDBTransaction} tx
 * @returns {Promise<void>}
 */
export function committed(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // A failed request aborts its transaction; the abort carries the error.
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}
