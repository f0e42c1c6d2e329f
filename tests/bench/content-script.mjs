#!/usr/bin/env node
// Content-script cost on real saved pages, in Chromium with the built
// extension: each page is served at its original URL (through the fixture
// server), and the content script's own timing of its synchronous scan (one
// main-thread task) is read back from the background. Also measures how
// long a slot inserted after load takes to be labelled.
// Budgets (issue 3): ≤ 10 ms per scan, no task over 50 ms, new nodes
// picked up within 500 ms.
// Usage: npm run build && node tests/bench/content-script.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLabels } from '../harness/labels.mjs';
import { startSession } from '../harness/session.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = process.env.ADLENS_DATA_DIR ?? path.resolve(root, '../shared/data');
const manifest = JSON.parse(fs.readFileSync(path.join(dataDir, 'pages/manifest.json'), 'utf8'));
const pages = manifest
  .filter((/** @type {any} */ p) => p.original_url && !p.file.startsWith('negatives/'))
  .map((/** @type {any} */ p) => ({ url: p.original_url.startsWith('//') ? `https:${p.original_url}` : p.original_url, file: path.join(dataDir, 'pages', p.file), bytes: p.bytes }))
  .sort((/** @type {any} */ a, /** @type {any} */ b) => b.bytes - a.bytes);

const session = await startSession({ routes: new Map(pages.map((/** @type {any} */ p) => [p.url, p.file])) });
/** @type {number[]} */
const all = [];
try {
  console.log('page'.padEnd(48), 'kB'.padStart(6), 'items'.padStart(6), 'first scan ms'.padStart(14), 'max ms'.padStart(8));
  for (const page of pages) {
    const tab = await session.open(page.url);
    await tab.waitForTimeout(1_500); // late content and rescans
    const found = await session.tabStateFor(tab.url());
    const times = found?.state.scanMs ?? [];
    all.push(...times);
    console.log(new URL(page.url).host.padEnd(48), String(Math.round(page.bytes / 1024)).padStart(6),
      String(found?.state.report.items.length ?? 0).padStart(6), (times[0]?.toFixed(1) ?? '-').padStart(14),
      (times.length ? Math.max(...times).toFixed(1) : '-').padStart(8));
    await tab.close();
  }
  all.sort((a, b) => a - b);
  console.log(`\nscans: ${all.length}, median ${all[all.length >> 1]?.toFixed(1)} ms, max ${all.at(-1)?.toFixed(1)} ms`);

  // Latency of a slot inserted after load.
  const tab = await session.open('http://news.example/article/running.html');
  await tab.waitForTimeout(1_500);
  const before = (await readLabels(tab)).length;
  /** @type {number[]} */
  const latencies = [];
  for (let i = 0; i < 5; i++) {
    const start = Date.now();
    await tab.evaluate((n) => {
      const slot = document.createElement('div');
      slot.id = `div-gpt-ad-bench-${n}`;
      slot.style.cssText = 'width: 300px; height: 50px';
      document.getElementById('main-content')?.append(slot);
    }, i);
    while ((await readLabels(tab)).length < before + i + 1 && Date.now() - start < 5_000) await tab.waitForTimeout(10);
    latencies.push(Date.now() - start);
  }
  console.log(`slot inserted after load → labelled: ${latencies.map((l) => `${l} ms`).join(', ')}`);
} finally {
  await session.close();
}
