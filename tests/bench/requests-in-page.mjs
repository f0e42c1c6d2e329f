import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DATA_DIR } from '../harness/real-pages.mjs';

/**
 * The decisions file's requests, as the browser benchmarks pass them to
 * the page: url, source URL, type.
 * @returns {[string, string, string][]}
 */
export function decisionRows() {
  const file = path.join(DATA_DIR, 'requests/decisions-easylist+easyprivacy-202608130520.dev.jsonl.gz');
  return zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').trim().split('\n').map((line) => {
    const r = JSON.parse(line);
    return [r.url, r.sourceUrl, r.type];
  });
}

// The request benchmark's work inside a browser, in one of the built
// extension's own pages (where the engine really runs): the shipped engine
// loaded from the extension's files, then timed over the decisions file's
// requests. Passed as a function to the page (requests-chromium.mjs) or as
// its source (requests-firefox.mjs): it must use nothing outside itself.
// Extension pages' timers are coarse (Chromium: about 100 µs), so each
// request is timed as the mean of 250 repeats; the median and p99 are over
// requests.

/**
 * @param {[string, string, string][]} rows url, source URL, type
 */
export async function classifyInPage(rows) {
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
}
