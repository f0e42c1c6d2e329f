// The last good filter-list snapshot downloaded at run time, in IndexedDB
// (6 MB: too large for storage.local's quota). One record, replaced whole in
// one transaction, so a worker killed mid-write leaves the previous one.

import { database } from '../storage/db.js';

const STORE = 'snapshots';
const KEY = 'lists';

/**
 * @typedef {{ bytes: Uint8Array, info: { lists: import('../messages.js').ListInfo[] }, savedAt: number }} StoredSnapshot
 */

/**
 * @template T
 * @param {IDBTransactionMode} mode
 * @param {(store: IDBObjectStore) => IDBRequest} act
 * @returns {Promise<T>}
 */
async function withStore(mode, act) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(STORE, mode);
    const request = act(tx.objectStore(STORE));
    tx.oncomplete = () => resolve(request.result);
    tx.onabort = () => reject(tx.error);
  });
}

/** @returns {Promise<StoredSnapshot | undefined>} */
export const loadStoredSnapshot = () => withStore('readonly', (s) => s.get(KEY));

/** @param {StoredSnapshot} snapshot */
export const saveSnapshot = (snapshot) => withStore('readwrite', (s) => s.put(snapshot, KEY));

export const forgetStoredSnapshot = () => withStore('readwrite', (s) => s.delete(KEY));
