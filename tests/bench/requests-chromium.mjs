#!/usr/bin/env node
// The same request benchmark inside Chromium, where the extension really
// runs (a newer V8 than Node's): the shipped engine is loaded in an
// extension page of the built extension (requests-in-page.mjs).
// Usage: npm run build && node tests/bench/requests-chromium.mjs [EXTENSION_DIR]
// (default dist/chrome; another build's, to compare two side by side).

import path from 'node:path';
import { startSession } from '../harness/session.mjs';
import { classifyInPage, decisionRows } from './requests-in-page.mjs';

const rows = decisionRows();

const session = await startSession(process.argv[2] ? { extensionDir: path.resolve(process.argv[2]) } : {});
try {
  const page = await session.browser.context.newPage();
  await page.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  const result = await page.evaluate(classifyInPage, /** @type {any} */ (rows));
  console.log(`Chromium: engine ready from snapshot ${result.readyMs.toFixed(1)} ms`);
  console.log(`Chromium: request classification (list match + third party) over ${result.n} requests: median ${result.median.toFixed(2)} µs, p99 ${result.p99.toFixed(2)} µs`);
  console.log(`Chromium: observed request (classified, recorded for its site, logged for its visit; records taken with their tracker every 500): median ${result.observedMedian.toFixed(2)} µs, p99 ${result.observedP99.toFixed(2)} µs; the last ${result.taken} records taken in ${result.takeMs.toFixed(1)} ms`);
} finally {
  await session.close();
}
