// For tests that run the content script's page reading on a real DOM: the
// engine as built (dist/chrome/engine, after `npm run build`) in Node, and
// content-script modules bundled into one script a page can take.

import fs from 'node:fs';
import * as esbuild from 'esbuild';

const CONTENT_DIR = new URL('../../extension/content/', import.meta.url);

/** The built wasm engine, started in this process, and its scan plan. */
export async function builtEngine() {
  const engineDir = new URL('../../dist/chrome/engine/', import.meta.url);
  const { initSync, Engine } = await import(new URL('adlens.js', engineDir).href);
  initSync({ module: fs.readFileSync(new URL('adlens_bg.wasm', engineDir)) });
  const engine = new Engine();
  return { engine, plan: engine.scanPlan() };
}

/**
 * Content-script modules as one script that sets `window[globalName]`.
 * @param {string} exports what the script exports, as a module would say it
 *   (`export { PageReading } from './page-reading.js';`), paths from extension/content/
 * @param {string} globalName
 */
export async function bundled(exports, globalName) {
  const built = await esbuild.build({
    stdin: { contents: exports, resolveDir: CONTENT_DIR.pathname },
    bundle: true,
    format: 'iife',
    globalName,
    write: false,
  });
  return built.outputFiles[0].text;
}
