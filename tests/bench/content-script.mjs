#!/usr/bin/env node
// Content-script cost on real saved pages, in Chromium with the built
// extension: each page is served at its original URL (through the fixture
// server), and the content script's own timing of each scan is read back
// from the background. A scan's main-thread time is all of its synchronous
// work: reading the page (the classes and headings it asks the engine
// about, then the candidates and their features) and labelling it (drawing
// the labels, muting). Each page is loaded three times (the first scan runs
// right after the page loads, while the browser still competes for this
// 2-core machine's CPU, so one sample says little), then rescanned five
// times (a node added, then quiet) for the steady state. Also measures how
// long a slot inserted after load takes to be labelled.
// Two clocks: the content script's own wall time (performance.now(), which
// also counts time the main thread waited for a CPU on this busy machine),
// and the main thread's CPU time, from a Chromium trace of the script's work
// marks (extension/content/work-marks.js): the budget's "main-thread time".
// That also counts, in the tasks where a scan starts and where the engine's
// verdicts arrive, the time before the first mark (tests/harness/trace.mjs:
// the browser deserialising the reply, our code up to the mark). Printed
// apart: the content scripts' start (compiling them, their top level), the
// early hold's at document start and the page's once the document is parsed.
// Budgets (issue 3): ≤ 10 ms per scan, no task over 50 ms, new nodes
// picked up within 500 ms.
// Usage: npm run build && node tests/bench/content-script.mjs
// Last, every kind is muted and each page loaded twice more: the slots its
// earlier loads labelled are then held from the moment the parser adds them
// (content/hold.js), so the hold watches the whole parse, and the first scan
// mutes what it finds.
// ADLENS_BENCH_PAGES=kotaku,yahoo measures only the pages whose host holds
// one of those words, and prints each page's first scans piece by piece.

import { readLabels } from '../harness/labels.mjs';
import { benchPageWords, realPages, routesFor } from '../harness/real-pages.mjs';
import { startSession } from '../harness/session.mjs';
import { tracedLoad, traceWork } from '../harness/trace.mjs';

/** Host words from ADLENS_BENCH_PAGES, or null for every page. */
const only = benchPageWords();
const pages = realPages(only);
const routes = routesFor(pages);
const session = await startSession({ routes });
/** How many times each page is loaded (its first scan is measured each time). */
const ROUNDS = 3;
/** Rescans forced on each page (a node added, then quiet) for the steady state. */
const RESCANS = 5;
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** @typedef {import('../../extension/messages.js').ScanTiming} ScanTiming */
/** @param {ScanTiming} t */
const total = (t) => t.scanMs + t.labelMs;
/** @type {ScanTiming[]} */
const firsts = [];
/** @type {ScanTiming[]} */
const steadies = [];
/** Main-thread CPU time (ms) of first scans and of rescans, from the trace. */
const cpu = { firsts: /** @type {number[]} */ ([]), rescans: /** @type {number[]} */ ([]) };
/** The early hold's work while the page is parsed (its marks count to scan 0), CPU ms per load. */
const holds = /** @type {number[]} */ ([]);
/** First scans' CPU time per piece of work (classes, candidates, labels…). */
const firstPieces = /** @type {Record<string, number[]>} */ ({});
/** The content scripts' start on each load (compiling, running the top level), CPU ms: the early hold's, the page's. */
const starts = { hold: /** @type {number[]} */ ([]), page: /** @type {number[]} */ ([]) };
try {
  console.log('page'.padEnd(26), 'kB'.padStart(5), 'items'.padStart(6), `first scan: read + label ms (${ROUNDS} loads)`.padStart(44), 'rescans: median ms'.padStart(19), 'first scan CPU ms'.padStart(24));
  for (const page of pages) {
    /** @type {ScanTiming[]} */
    const first = [];
    /** @type {ScanTiming[]} */
    const steady = [];
    /** @type {number[]} */
    const firstCpu = [];
    let items = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const tab = await session.browser.context.newPage();
      const cdp = await session.browser.context.newCDPSession(tab);
      const stopTrace = await traceWork(cdp);
      await tab.goto(page.url);
      await tab.waitForTimeout(1_500); // late content and rescans
      const rescans = round === ROUNDS - 1 ? RESCANS : 0;
      for (let i = 0; i < rescans; i++) {
        await tab.evaluate(() => document.body?.append(document.createElement('p')));
        await tab.waitForTimeout(450); // the content script rescans after 250 ms of quiet
      }
      const { scans: work, starts: started } = await stopTrace();
      await cdp.detach();
      if (started.hold !== null) starts.hold.push(started.hold);
      if (started.page !== null) starts.page.push(started.page);
      const found = await session.tabStateFor(tab.url());
      const scans = found?.state.scans ?? [];
      items = found?.state.report.items.length ?? 0;
      if (scans.length > 0) first.push(scans[0]);
      if (rescans > 0) steady.push(...scans.slice(1)); // every scan after the first is a rescan
      holds.push(work.get(0)?.cpuByPiece.hold ?? 0);
      const firstWork = work.get(1);
      if (firstWork) {
        firstCpu.push(firstWork.cpuMs);
        for (const [piece, ms] of Object.entries(firstWork.cpuByPiece)) (firstPieces[piece] ??= []).push(ms);
        if (only) printPieces(round, firstWork);
      }
      if (rescans > 0) for (const [n, w] of work) if (n > 1) cpu.rescans.push(w.cpuMs);
      await tab.close();
    }
    firsts.push(...first);
    cpu.firsts.push(...firstCpu);
    steadies.push(...steady);
    const shown = first.map((t) => `${t.scanMs.toFixed(1)}+${t.labelMs.toFixed(1)}`).join(' / ');
    console.log(new URL(page.url).host.padEnd(26), String(Math.round(page.bytes / 1024)).padStart(5), String(items).padStart(6),
      shown.padStart(44), (steady.length ? median(steady.map(total)).toFixed(1) : '-').padStart(19),
      firstCpu.map((c) => c.toFixed(1)).join(' / ').padStart(24));
  }
  /** @param {string} name @param {ScanTiming[]} scans */
  const summary = (name, scans) => {
    const totals = scans.map(total);
    const within = totals.filter((t) => t <= 10).length;
    const longestTask = Math.max(...scans.map((t) => t.longestMs));
    console.log(`${name}: ${scans.length}, total median ${median(totals).toFixed(1)} ms, max ${Math.max(...totals).toFixed(1)} ms,`
      + ` ${within}/${scans.length} within 10 ms (read median ${median(scans.map((t) => t.scanMs)).toFixed(1)},`
      + ` label median ${median(scans.map((t) => t.labelMs)).toFixed(1)}); longest task ${longestTask.toFixed(1)} ms`);
  };
  /** @param {string} name @param {number[]} ms */
  const cpuSummary = (name, ms) => console.log(`${name}, main-thread CPU time: ${ms.length}, median ${median(ms).toFixed(1)} ms,`
    + ` max ${Math.max(...ms).toFixed(1)} ms, ${ms.filter((t) => t <= 10).length}/${ms.length} within 10 ms`);
  console.log('');
  summary('first scans (wall)', firsts);
  summary('rescans (wall)', steadies);
  cpuSummary('first scans', cpu.firsts);
  cpuSummary('rescans', cpu.rescans);
  console.log(`first scans' CPU time by piece (median ms): ${Object.entries(firstPieces)
    .map(([piece, ms]) => `${piece} ${median(ms).toFixed(1)}`).join(', ')}`);
  /** @param {number[]} ms */
  const spread = (ms) => `${ms.length}, median ${median(ms).toFixed(1)} ms, max ${Math.max(...ms).toFixed(1)} ms`;
  console.log(`content scripts' start (compile + top level), main-thread CPU time: at document start (content-hold.js) ${spread(starts.hold)};`
    + ` once the document is parsed (content.js) ${spread(starts.page)}`);
  console.log(`the early hold's work while the page is parsed (vendor-like slots, until storage answers), main-thread CPU time: ${spread(holds)}`);

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
  await tab.close();
  await measureMuted();
} finally {
  await session.close();
}

/**
 * Prints a first scan's CPU time piece by piece.
 * @param {number} round
 * @param {import('../harness/trace.mjs').ScanWork} work
 */
function printPieces(round, work) {
  console.log(`  load ${round + 1}: ${Object.entries(work.cpuByPiece).map(([piece, ms]) => `${piece} ${ms.toFixed(2)}`).join(', ')}`);
}

/**
 * Every kind muted: the early hold's work over a whole load (it holds the
 * slots the page's earlier loads labelled, watching every element the
 * parser adds) and the first scans, which now also mute, per page.
 */
async function measureMuted() {
  const worker = await session.browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { contextual: true, behavioural: true, retargeted: true, generic: true } } }));
  /** @type {number[]} */
  const holdMs = [];
  /** @type {number[]} */
  const firstMs = [];
  console.log('');
  console.log('every kind muted'.padEnd(26), 'slots held'.padStart(10), 'hold while parsed, CPU ms'.padStart(28), 'first scan CPU ms'.padStart(20));
  for (const page of pages) {
    const host = new URL(page.url).hostname;
    const held = await worker.evaluate((key) => chrome.storage.local.get(key)
      .then((got) => Object.keys(/** @type {{ slots?: object } | undefined} */ (got[key])?.slots ?? {}).length), `slots:${host}`);
    /** @type {number[]} */
    const hold = [];
    /** @type {number[]} */
    const first = [];
    for (let round = 0; round < 2; round++) {
      const { scans: work } = await tracedLoad(session.browser.context, page.url);
      hold.push(work.get(0)?.cpuByPiece.hold ?? 0);
      const firstWork = work.get(1);
      if (firstWork) first.push(firstWork.cpuMs);
      if (firstWork && only) printPieces(round, firstWork);
    }
    holdMs.push(...hold);
    firstMs.push(...first);
    console.log(host.padEnd(26), String(held).padStart(10), hold.map((c) => c.toFixed(1)).join(' / ').padStart(28), first.map((c) => c.toFixed(1)).join(' / ').padStart(20));
  }
  console.log(`every kind muted: the hold's work over a load, main-thread CPU time: ${holdMs.length}, median ${median(holdMs).toFixed(1)} ms, max ${Math.max(...holdMs).toFixed(1)} ms;`
    + ` first scans (labelling and muting) median ${median(firstMs).toFixed(1)} ms, max ${Math.max(...firstMs).toFixed(1)} ms, ${firstMs.filter((t) => t <= 10).length}/${firstMs.length} within 10 ms`);
}
