#!/usr/bin/env node
// A stopped service worker's cold start, in Chromium: Chrome stops the
// extension's worker after 30 s idle, and the next page's message must not
// wait long. Stops the worker (DevTools), then times one message from an
// extension page until the engine answers: the worker starting, the wasm
// module compiling, the filter-list snapshot and tracker database loading,
// the stored memory restored. 10 times (ADLENS_STARTS for more).
// Usage: npm run build && node tests/bench/startup.mjs [BUILD_DIR]
// (BUILD_DIR: an unpacked build to measure instead of dist/chrome, to
// compare two builds in the same hour)

import { waitForLabels } from '../harness/labels.mjs';
import { startSession } from '../harness/session.mjs';

const session = await startSession(process.argv[2] ? { extensionDir: process.argv[2] } : {});
try {
  const page = await session.open('http://shop.example/product/trail-runner-x.html');
  await waitForLabels(page, 2);
  await page.close();
  /** @type {number[]} */
  const times = [];
  const starts = Number(process.env.ADLENS_STARTS ?? 10);
  for (let i = 0; i < starts; i++) {
    await session.stopServiceWorker();
    const tab = await session.browser.context.newPage();
    await tab.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    const ms = await tab.evaluate(async () => {
      const start = performance.now();
      const reply = await chrome.runtime.sendMessage({ type: 'engine/get-info' });
      if (!reply?.ok) throw new Error(`engine/get-info: ${reply?.error}`);
      return performance.now() - start;
    });
    times.push(ms);
    await tab.close();
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`cold start to the engine's first answer (worker stopped): median ${median.toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms over ${times.length}`);
} finally {
  await session.close();
}
