// The one wrapper over the wasm engine's exports. The module is compiled
// once per background lifetime and shared by every handler. On start it
// loads the tracker database and the filter-list snapshot (compiled at build time, never parsed here:
// wasm memory never shrinks, and parsing lists costs ~300 ms and ~30 MB) and
// what the previous lifetime remembered (memory.js).

import init, { Engine, engineVersion, retargetingDomains, topicNames } from '../engine/adlens.js';
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
  await init({ module_or_path: new URL('../engine/adlens_bg.wasm', import.meta.url) });
  const engine = new Engine();
  // Without lists AdLens still finds vendor markers, without the tracker
  // database it still records third parties: each failure is logged, not fatal.
  await Promise.all([
    loadBestLists(engine).catch((error) =>
      console.error('[AdLens] filter lists not loaded:', error instanceof Error ? error.message : error)),
    fetch(new URL('../data/trackers.json', import.meta.url))
      .then((r) => r.text())
      .then((json) => engine.loadTrackers(json))
      .catch((error) => console.error('[AdLens] tracker database not loaded:', error instanceof Error ? error.message : error)),
  ]);
  await restoreMemory(engine);
  return engine;
}

export { engineVersion, retargetingDomains, topicNames };

/**
 * Loads the newer of the lists downloaded at run time (IndexedDB) and the
 * ones bundled with this version of the extension. A stored snapshot that no
 * longer loads (an update changed the format) is dropped, with a log line.
 * @param {Engine} engine
 */
async function loadBestLists(engine) {
  const [stored, bundledInfo] = await Promise.all([
    loadStoredSnapshot().catch(() => undefined),
    fetch(new URL('../data/lists-info.json', import.meta.url)).then((r) => r.json()),
  ]);
  if (stored && isNewer(stored.info, bundledInfo)) {
    try {
      engine.loadLists(stored.bytes);
      return;
    } catch (error) {
      console.warn('[AdLens] stored filter lists unusable, using the bundled ones:', error instanceof Error ? error.message : error);
      await forgetStoredSnapshot();
    }
  }
  const bytes = await (await fetch(new URL('../data/lists.bin', import.meta.url))).arrayBuffer();
  engine.loadLists(new Uint8Array(bytes));
}
