#!/usr/bin/env node
// What reading a whole page costs before any of AdLens's own logic: on each
// real saved page, in a fresh browser process (a new context per load) and
// a fresh isolated world (as a content script gets), only the reads a first
// scan cannot skip, each written as tightly as script allows:
//   elements   the class and id of every element that has one (the filter
//              lists' generic rules and the vendor markers are keyed on them);
//   text       every text node's length, and the trimmed text of short ones
//              (the ad-marker words: "Sponsored", "Anzeige", "广告"…);
//   headings   every heading's text (the widgets' labels);
//   page text  the main part's rendered text, up to 10,000 characters
//              (`innerText`, cheaper than the walk the scan does).
// Main-thread CPU time from a Chromium trace of the reads' marks, as
// tests/bench/content-script.mjs measures the content script's scans. No
// candidate is described, nothing is sent to the engine, nothing is drawn:
// the first scan's budget (issue 3: 10 ms) less this is what all of that
// has left.
// Usage: node tests/bench/reading-floor.mjs (no build needed)
// ADLENS_BENCH_PAGES=kotaku,yahoo picks pages; ADLENS_FLOOR_LOADS sets the
// loads per page (default 5); ADLENS_FLOOR_WORLD=main runs the same reads in
// the page's own world instead, where no content script can run (a page's
// scripts can change what they call), to show what the isolated world costs.

import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath, VIEWPORT } from '../harness/browser.mjs';
import { benchPageWords, realPages, routesFor } from '../harness/real-pages.mjs';
import { startFixtureServer } from '../harness/server.mjs';
import { traceWork } from '../harness/trace.mjs';
import { MARK_PREFIX } from '../../extension/content/work-marks.js';
import { PIECES, reads } from './floor-reads.mjs';

const LOADS = Number(process.env.ADLENS_FLOOR_LOADS ?? 5);
const pages = realPages(benchPageWords());
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const MAIN_WORLD = process.env.ADLENS_FLOOR_WORLD === 'main';

const server = await startFixtureServer({ routes: routesFor(pages) });
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs(server.port) });
try {
  const world = MAIN_WORLD ? "the page's own world" : 'a new isolated world';
  console.log(`${LOADS} loads per page, each in a new browser process, read in ${world}; main-thread CPU ms, median (min–max)\n`);
  console.log('page'.padEnd(26), ...PIECES.map((p) => p.padStart(17)), 'all reads'.padStart(17));
  /** @type {number[]} */
  const totals = [];
  for (const page of pages) {
    /** @type {Record<string, number[]>} */
    const byPiece = Object.fromEntries([...PIECES, 'all'].map((p) => [p, []]));
    for (let load = 0; load < LOADS; load++) {
      const context = await browser.newContext({ viewport: VIEWPORT });
      const tab = await context.newPage();
      await tab.goto(page.url, { waitUntil: 'load' });
      await tab.waitForTimeout(1_000); // as the content script waits for an idle moment
      const cdp = await context.newCDPSession(tab);
      const { frameTree } = await cdp.send('Page.getFrameTree');
      const { executionContextId } = MAIN_WORLD
        ? { executionContextId: undefined }
        : await cdp.send('Page.createIsolatedWorld', { frameId: frameTree.frame.id, worldName: 'floor' });
      const stopTrace = await traceWork(cdp);
      const evaluated = await cdp.send('Runtime.evaluate', {
        expression: `(${reads})(${JSON.stringify(MARK_PREFIX)}, ${JSON.stringify(PIECES)})`,
        contextId: executionContextId,
        returnByValue: true,
      });
      if (evaluated.exceptionDetails) throw new Error(`${page.url}: ${evaluated.exceptionDetails.text}`);
      const work = (await stopTrace()).scans.get(1);
      await context.close();
      if (!work) continue;
      for (const piece of PIECES) byPiece[piece].push(work.cpuByPiece[piece] ?? 0);
      byPiece.all.push(work.cpuMs);
    }
    totals.push(...byPiece.all);
    const cell = (/** @type {number[]} */ ms) => `${median(ms).toFixed(1)} (${Math.min(...ms).toFixed(1)}–${Math.max(...ms).toFixed(1)})`.padStart(17);
    console.log(new URL(page.url).host.padEnd(26), ...[...PIECES, 'all'].map((p) => cell(byPiece[p])));
  }
  console.log(`\nall pages: the reads alone take a median of ${median(totals).toFixed(1)} ms, max ${Math.max(...totals).toFixed(1)} ms`);
} finally {
  await browser.close();
  await server.close();
}
