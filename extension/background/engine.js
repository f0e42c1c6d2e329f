// The one wrapper over the wasm engine's exports. The module is compiled
// once per background lifetime and shared by every handler. On start it
// loads the filter-list snapshot (compiled at build time, never parsed here:
// wasm memory never shrinks, and parsing lists costs ~300 ms and ~30 MB) and
// the per-site records saved by the previous lifetime.

import init, { Engine, engineVersion } from '../engine/adlens.js';
import { restoreSiteRecords } from './site-records.js';

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
  try {
    const response = await fetch(new URL('../data/lists.bin', import.meta.url));
    engine.loadLists(new Uint8Array(await response.arrayBuffer()));
  } catch (error) {
    // Without lists AdLens still finds vendor markers; say so in the log.
    console.error('[AdLens] filter lists not loaded:', error instanceof Error ? error.message : error);
  }
  await restoreSiteRecords(engine);
  return engine;
}

export { engineVersion };
