// The one wrapper over the wasm engine's exports. The module is compiled
// once per background lifetime and shared by every handler. On start it
// loads the tracker database and the filter-list snapshot (compiled at build time, never parsed here:
// wasm memory never shrinks, and parsing lists costs ~300 ms and ~30 MB) and
// what the previous lifetime remembered (memory.js).

import init, { Engine, engineVersion, retargetingDomains, sensitiveTopics, topicNames } from '../engine/adlens.js';
import { restoreMemory } from './memory.js';
import { isNewer } from './lists-version.js';
import { forgetStoredSnapshot, loadStoredSnapshot } from './snapshot-store.js';

/** @type {Promise<Engine> | null} */
let loading = null;

/**
 * The engine, loading it on first use.
 * @returns {Promise<Engine>}
 */
export function loadEngine() {
  loading ??= start().catch((error) => {
    loading = null; // let the next message try again
    throw error;
  });
  return loading;
}

async function start() {
  // What the engine loads is read while its wasm compiles: compiling is
  // most of a cold start (Firefox ESR on this project's VM: 115–150 ms of
  // 170–220, tests/bench/startup-firefox.mjs), and the reads came after it.
  const [compiled, lists, trackers] = await Promise.allSettled([
    init({ module_or_path: chrome.runtime.getURL('engine/adlens_bg.wasm') }),
    readBestLists(),
    fetch(chrome.runtime.getURL('data/trackers.json')).then((r) => r.text()),
  ]);
  if (compiled.status === 'rejected') throw compiled.reason;
  const engine = new Engine();
  // Without lists AdLens still finds vendor markers, without the tracker
  // database it still records third parties: each failure is logged, not fatal.
  try {
    if (lists.status === 'rejected') throw lists.reason;
    await loadBestLists(engine, lists.value);
  } catch (error) {
    console.error('[AdLens] filter lists not loaded:', error instanceof Error ? error.message : error);
  }
  try {
    if (trackers.status === 'rejected') throw trackers.reason;
    engine.loadTrackers(trackers.value);
  } catch (error) {
    console.error('[AdLens] tracker database not loaded:', error instanceof Error ? error.message : error);
  }
  await restoreMemory(engine);
  return engine;
}

export { engineVersion, retargetingDomains, sensitiveTopics, topicNames };

/** The filter-list snapshot bundled with this version of the extension. */
async function bundledLists() {
  return new Uint8Array(await (await fetch(chrome.runtime.getURL('data/lists.bin'))).arrayBuffer());
}

/**
 * The newer of the lists downloaded at run time (IndexedDB) and the ones
 * bundled with this version of the extension.
 * @returns {Promise<{ bytes: Uint8Array, stored: boolean }>}
 */
async function readBestLists() {
  const [stored, bundledInfo] = await Promise.all([
    loadStoredSnapshot().catch(() => undefined),
    fetch(chrome.runtime.getURL('data/lists-info.json')).then((r) => r.json()),
  ]);
  if (stored && isNewer(stored.info, bundledInfo)) return { bytes: stored.bytes, stored: true };
  return { bytes: await bundledLists(), stored: false };
}

/**
 * Loads the lists read; a stored snapshot that no longer loads (an update
 * changed the format) is dropped, with a log line, for the bundled one.
 * @param {Engine} engine
 * @param {{ bytes: Uint8Array, stored: boolean }} best
 */
async function loadBestLists(engine, best) {
  try {
    engine.loadLists(best.bytes);
  } catch (error) {
    if (!best.stored) throw error;
    console.warn('[AdLens] stored filter lists unusable, using the bundled ones:', error instanceof Error ? error.message : error);
    await forgetStoredSnapshot();
    engine.loadLists(await bundledLists());
  }
}
