#!/usr/bin/env node
// The same request benchmark inside Chromium, where the extension really
// runs (a newer V8 than Node's): the shipped engine is loaded in an
// extension page of the built extension. Extension pages' timers are coarse
// (about 100 µs), so each request is timed as the mean of 250 repeats (0.4 µs resolution); the
// median and p99 are over requests.
// Usage: npm run build && node tests/bench/requests-chromium.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { startSession } from '../harness/session.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.ADLENS_DATA_DIR ?? path.resolve(root, '../shared/data');
const file = path.join(dataDir, 'requests/decisions-easylist+easyprivacy-202608130520.dev.jsonl.gz');
const rows = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n').map((line) => {
  const r = JSON.parse(line);
  return [r.url, r.sourceUrl, r.type];
});

const session = await startSession();
try {
  const page = await session.browser.context.newPage();
  await page.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
  const result = await page.evaluate(async (rows) => {
    const engineUrl = '/engine/adlens.js'; // resolved in the extension page, not here
    /** @type {typeof import('../../extension/engine/adlens.js')} */
    const m = await import(engineUrl);
    await m.default({ module_or_path: '/engine/adlens_bg.wasm' });
    const bytes = new Uint8Array(await (await fetch('/data/lists.bin')).arrayBuffer());
    const t0 = performance.now();
    const engine = new m.Engine();
    engine.loadLists(bytes);
    const readyMs = performance.now() - t0;
    for (const [u, s, t] of rows) engine.classifyRequest(u, s, t); // warm-up
    /** @type {number[]} */
    const perRequest = [];
    for (const [u, s, t] of rows) {
      const start = performance.now();
      for (let i = 0; i < 250; i++) engine.classifyRequest(u, s, t);
      perRequest.push(((performance.now() - start) * 1000) / 250);
    }
    perRequest.sort((a, b) => a - b);
    const at = (/** @type {number[]} */ xs, /** @type {number} */ q) => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))];
    // What the background really does per request: classify, record it for
    // its site and log it for its page visit; the tracker database is
    // consulted when the records are taken (every 200 ms in the extension,
    // here every 500 requests), so that cost is spread over the requests.
    await engine.loadTrackers(await (await fetch('/data/trackers.json')).text());
    /** @type {number[]} */
    const observed = [];
    let n = 0;
    for (const [u, s, t] of rows) {
      const start = performance.now();
      for (let i = 0; i < 250; i++) engine.observeRequest(u, s, t, 1_795_000_000_000 + i, `bench.${n % 20}`);
      if (++n % 500 === 0) engine.takeObservations();
      observed.push(((performance.now() - start) * 1000) / 250);
    }
    const takeStart = performance.now();
    const taken = engine.takeObservations().length;
    const takeMs = performance.now() - takeStart;
    observed.sort((a, b) => a - b);
    return { readyMs, median: at(perRequest, 0.5), p99: at(perRequest, 0.99), n: rows.length,
      observedMedian: at(observed, 0.5), observedP99: at(observed, 0.99), taken, takeMs };
  }, rows);
  console.log(`Chromium: engine ready from snapshot ${result.readyMs.toFixed(1)} ms`);
  console.log(`Chromium: request classification (list match + third party) over ${result.n} requests: median ${result.median.toFixed(2)} µs, p99 ${result.p99.toFixed(2)} µs`);
  console.log(`Chromium: observed request (classified, recorded for its site, logged for its visit; records taken with their tracker every 500): median ${result.observedMedian.toFixed(2)} µs, p99 ${result.observedP99.toFixed(2)} µs; the last ${result.taken} records taken in ${result.takeMs.toFixed(1)} ms`);
} finally {
  await session.close();
}
