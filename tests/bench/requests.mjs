#!/usr/bin/env node
// Benchmark of the wasm engine as shipped (dist/chrome), in Node:
//   - engine ready from the filter-list snapshot (ms),
//   - wasm memory with both lists and the tracker database loaded (MB),
//   - request classification (list match + third-party check) per request,
//     over the 6,462 real requests of the decisions file: median and p99.
// Usage: npm run build && node tests/bench/requests.mjs
// Reads the decisions file from ADLENS_DATA_DIR or ../shared/data.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.ADLENS_DATA_DIR ?? path.resolve(root, '../shared/data');
const decisionsFile = path.join(dataDir, 'requests/decisions-easylist+easyprivacy-202608130520.dev.jsonl.gz');
const engineDir = path.join(root, 'dist/chrome/engine');

const { initSync, Engine } = await import(path.join(engineDir, 'adlens.js'));
const wasm = initSync({ module: fs.readFileSync(path.join(engineDir, 'adlens_bg.wasm')) });
const snapshot = fs.readFileSync(path.join(root, 'dist/chrome/data/lists.bin'));
const memoryBefore = wasm.memory.buffer.byteLength;

const trackers = fs.readFileSync(path.join(root, 'dist/chrome/data/trackers.json'), 'utf8');
const t0 = process.hrtime.bigint();
const engine = new Engine();
engine.loadLists(snapshot);
const readyMs = Number(process.hrtime.bigint() - t0) / 1e6;
const listsMb = wasm.memory.buffer.byteLength / 2 ** 20;
const t1 = process.hrtime.bigint();
engine.loadTrackers(trackers);
const trackersMs = Number(process.hrtime.bigint() - t1) / 1e6;
const memoryMb = wasm.memory.buffer.byteLength / 2 ** 20;

const rows = zlib.gunzipSync(fs.readFileSync(decisionsFile)).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
/** @type {number[]} */
const samples = [];
for (let pass = 0; pass < 4; pass++) {
  for (const row of rows) {
    const start = process.hrtime.bigint();
    engine.classifyRequest(row.url, row.sourceUrl, row.type);
    const ns = Number(process.hrtime.bigint() - start);
    if (pass > 0) samples.push(ns); // pass 0 warms up the JIT and caches
  }
}
samples.sort((a, b) => a - b);
const at = (/** @type {number} */ q) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] / 1000;

console.log(`engine ready from snapshot: ${readyMs.toFixed(1)} ms (snapshot ${(snapshot.length / 2 ** 20).toFixed(1)} MB)`);
console.log(`tracker database loaded in ${trackersMs.toFixed(1)} ms`);
console.log(`wasm memory: ${(memoryBefore / 2 ** 20).toFixed(1)} MB empty, ${listsMb.toFixed(1)} MB with both lists, ${memoryMb.toFixed(1)} MB with the tracker database too`);
console.log(`request classification over ${rows.length} requests × 3 passes: median ${at(0.5).toFixed(2)} µs, p99 ${at(0.99).toFixed(2)} µs, max ${at(1).toFixed(1)} µs`);
