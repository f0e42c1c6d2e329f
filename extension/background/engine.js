// The one wrapper over the wasm engine's exports. The module is compiled
// once per background lifetime and shared by every handler.

import init, { Engine, engineVersion } from '../engine/adlens.js';

/** @type {Promise<Engine> | null} */
let loading = null;

/**
 * The engine, loading it on first use.
 * @returns {Promise<Engine>}
 */
export function loadEngine() {
  loading ??= init({ module_or_path: new URL('../engine/adlens_bg.wasm', import.meta.url) }).then(
    () => new Engine(),
    (error) => {
      loading = null; // let the next message try again
      throw error;
    },
  );
  return loading;
}

export { engineVersion };
