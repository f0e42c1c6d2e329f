#!/usr/bin/env node
// What reading a whole page costs Firefox before any of AdLens's logic, and
// how much of it the content script's world adds: the reads of
// reading-floor.mjs (floor-reads.mjs) on each real saved page, in Firefox
// ESR, once in a new sandbox of the page (WebDriver BiDi's sandboxes see
// the page through Xray wrappers, as a content script does) and once in the
// page's own world, loads alternated. Wall time per piece (Firefox traces
// no marks to count CPU time by); the profile turns off Firefox's coarsened
// page clock (privacy.reduceTimerPrecision), which changes what the clock
// shows, not the work.
// Usage: node --experimental-websocket tests/bench/reading-floor-firefox.mjs (Node 20; no build needed)
// ADLENS_BENCH_PAGES=kotaku,yahoo picks pages; ADLENS_FLOOR_LOADS loads per world (default 3).

import { launchFirefoxWithExtension } from '../harness/firefox.mjs';
import { benchPageWords, realPages, routesFor } from '../harness/real-pages.mjs';
import { startFixtureServer } from '../harness/server.mjs';
import { MARK_PREFIX } from '../../extension/content/work-marks.js';
import { PIECES, reads } from './floor-reads.mjs';

const LOADS = Number(process.env.ADLENS_FLOOR_LOADS ?? 3);
const WORLDS = ['sandbox', 'page'];
const pages = realPages(benchPageWords());
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const server = await startFixtureServer({ routes: routesFor(pages) });
const firefox = await launchFirefoxWithExtension({ proxyPort: server.port, prefs: [['privacy.reduceTimerPrecision', false]] });
try {
  console.log(`Firefox ESR, ${LOADS} loads per page and world, wall ms of all reads, median (min–max); by piece, medians (${PIECES.join(', ')})\n`);
  console.log('page'.padEnd(26), ...WORLDS.map((w) => `${w === 'sandbox' ? "a content script's view (sandbox)" : "the page's own world"}`.padStart(44)));
  /** @type {Record<string, number[]>} */
  const totals = { sandbox: [], page: [] };
  for (const page of pages) {
    /** @type {Record<string, Record<string, number>[]>} */
    const byWorld = { sandbox: [], page: [] };
    for (let load = 0; load < LOADS; load++) {
      for (const world of WORLDS) {
        await firefox.send('browsingContext.navigate', { context: firefox.context, url: 'about:blank', wait: 'complete' });
        await firefox.send('browsingContext.navigate', { context: firefox.context, url: page.url, wait: 'complete' }).catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 1_000)); // as the content script waits for an idle moment
        const target = world === 'sandbox' ? { context: firefox.context, sandbox: `floor-${load}` } : { context: firefox.context };
        const { result, exceptionDetails } = await firefox.send('script.evaluate', {
          expression: `JSON.stringify((${reads})(${JSON.stringify(MARK_PREFIX)}, ${JSON.stringify(PIECES)}))`,
          target,
          awaitPromise: false,
        });
        if (!result) throw new Error(`${page.url}: ${exceptionDetails?.text}`);
        byWorld[world].push(JSON.parse(result.value));
      }
    }
    const cells = WORLDS.map((world) => {
      const all = byWorld[world].map((ms) => PIECES.reduce((sum, p) => sum + ms[p], 0));
      totals[world].push(...all);
      const pieces = PIECES.map((p) => median(byWorld[world].map((ms) => ms[p])).toFixed(1)).join(' ');
      return `${median(all).toFixed(1)} (${Math.min(...all).toFixed(1)}–${Math.max(...all).toFixed(1)}); ${pieces}`.padStart(44);
    });
    console.log(new URL(page.url).host.padEnd(26), ...cells);
  }
  const ratio = median(totals.sandbox) / median(totals.page);
  console.log(`\nall pages: the reads take a median of ${median(totals.sandbox).toFixed(1)} ms as a content script sees the page,`
    + ` ${median(totals.page).toFixed(1)} ms in the page's own world (${ratio.toFixed(1)}×)`);
} finally {
  await firefox.close();
  await server.close();
}
