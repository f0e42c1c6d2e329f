#!/usr/bin/env node
// Two builds of the extension side by side: the first scan's main-thread CPU
// time on real saved pages, each build in its own Chromium, their loads
// alternated (A then B, then B then A…) so that both see the same moment of
// this machine. On this VM the same build's first scans move by a quarter
// from one minute to the next, so only such paired runs can tell a change
// of a millisecond or two; tests/bench/content-script.mjs gives the absolute
// numbers.
// Usage: cp -r dist/chrome /tmp/a; (change, npm run build);
//   node tests/bench/content-script-ab.mjs /tmp/a dist/chrome
// ADLENS_BENCH_PAGES=kotaku,yahoo picks pages (default: all), and prints each
// page's pieces too; ADLENS_AB_LOADS sets the loads per page and build
// (default 8).

import path from 'node:path';
import { benchPageWords, realPages, routesFor } from '../harness/real-pages.mjs';
import { startSession } from '../harness/session.mjs';
import { tracedLoad } from '../harness/trace.mjs';

const dirs = process.argv.slice(2, 4).map((d) => path.resolve(d));
if (dirs.length !== 2) {
  console.error('usage: node tests/bench/content-script-ab.mjs EXTENSION_DIR_A EXTENSION_DIR_B');
  process.exit(2);
}
const LOADS = Number(process.env.ADLENS_AB_LOADS ?? 8);
const only = benchPageWords();
const pages = realPages(only);
const routes = routesFor(pages);
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const fmt = (/** @type {number} */ ms) => ms.toFixed(1);

const sessions = [];
for (const extensionDir of dirs) sessions.push(await startSession({ routes, extensionDir }));

/**
 * One load of the page in one build: its first scan's CPU time, in all and by piece.
 * @param {Awaited<ReturnType<typeof startSession>>} session
 * @param {string} url
 */
async function firstScan(session, url) {
  return (await tracedLoad(session.browser.context, url)).scans.get(1) ?? null;
}

/**
 * Each piece's median CPU ms in A and in B.
 * @param {Record<string, number[]>[]} pieces per build
 */
function byPiece(pieces) {
  const names = [...new Set([...Object.keys(pieces[0]), ...Object.keys(pieces[1])])];
  return names.map((n) => `${n} ${fmt(median(pieces[0][n] ?? [0]))} → ${fmt(median(pieces[1][n] ?? [0]))}`).join(', ');
}

try {
  console.log(`A: ${dirs[0]}\nB: ${dirs[1]}\n${LOADS} loads per page and build, alternated\n`);
  console.log('page'.padEnd(26), 'A median'.padStart(9), 'B median'.padStart(9), 'B−A (paired median)'.padStart(20), 'B faster'.padStart(9));
  /** @type {number[][]} every load's CPU ms, per build */
  const all = [[], []];
  /** @type {number[]} */
  const allDiffs = [];
  /** @type {Record<string, number[]>[]} CPU ms per piece, per build */
  const pieces = [{}, {}];
  for (const page of pages) {
    /** @type {number[][]} */
    const cpu = [[], []];
    /** @type {number[]} */
    const diffs = [];
    /** @type {Record<string, number[]>[]} this page's CPU ms per piece, per build */
    const pagePieces = [{}, {}];
    for (let load = 0; load < LOADS; load++) {
      const order = load % 2 === 0 ? [0, 1] : [1, 0];
      /** @type {(number | null)[]} */
      const pair = [null, null];
      for (const which of order) {
        const work = await firstScan(sessions[which], page.url);
        if (!work) continue;
        pair[which] = work.cpuMs;
        cpu[which].push(work.cpuMs);
        for (const [piece, ms] of Object.entries(work.cpuByPiece)) {
          (pieces[which][piece] ??= []).push(ms);
          (pagePieces[which][piece] ??= []).push(ms);
        }
      }
      const [a, b] = pair;
      if (a !== null && b !== null) diffs.push(b - a);
    }
    all[0].push(...cpu[0]);
    all[1].push(...cpu[1]);
    allDiffs.push(...diffs);
    console.log(new URL(page.url).host.padEnd(26), fmt(median(cpu[0])).padStart(9), fmt(median(cpu[1])).padStart(9),
      fmt(median(diffs)).padStart(20), `${diffs.filter((d) => d < 0).length}/${diffs.length}`.padStart(9));
    if (only) console.log(`  by piece, median ms A → B: ${byPiece(pagePieces)}`);
  }
  console.log(`\nall pages: A median ${fmt(median(all[0]))} ms (${all[0].filter((t) => t <= 10).length}/${all[0].length} within 10 ms),`
    + ` B median ${fmt(median(all[1]))} ms (${all[1].filter((t) => t <= 10).length}/${all[1].length} within 10 ms),`
    + ` B−A paired median ${fmt(median(allDiffs))} ms, B faster in ${allDiffs.filter((d) => d < 0).length}/${allDiffs.length}`);
  console.log(`by piece, median ms A → B: ${byPiece(pieces)}`);
} finally {
  for (const session of sessions) await session.close();
}
