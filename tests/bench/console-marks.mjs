#!/usr/bin/env node
// What one trace mark (console.timeStamp, content/work-marks.js) costs a
// page when nothing is tracing: in Chromium and in Firefox ESR, each with
// AdLens's build loaded, on a fixture page. Why the Firefox build has its
// marks compiled out (extension/tools/build.mjs, __WORK_MARKS__).
// Usage: node --experimental-websocket tests/bench/console-marks.mjs (Node 20;
// the flag is not needed from Node 22), after npm run build.
// Firefox's clock in pages is coarse (1 ms), so each round is 2,000 marks.

import { launchWithExtension } from '../harness/browser.mjs';
import { launchFirefoxWithExtension } from '../harness/firefox.mjs';
import { startFixtureServer } from '../harness/server.mjs';

const URL = 'http://news.example/article/running.html';
const MARKS = 2_000;
const ROUNDS = 7;
/** Runs in the page: ms for each round of MARKS marks. */
const PROBE = `(() => {
  const rounds = [];
  for (let r = 0; r < ${ROUNDS}; r++) {
    const start = performance.now();
    for (let i = 0; i < ${MARKS}; i++) console.timeStamp('adlens:begin:1:classes');
    rounds.push(performance.now() - start);
  }
  return JSON.stringify(rounds);
})()`;

const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
/** @param {string} name @param {number[]} rounds ms per round */
const report = (name, rounds) => {
  const perMark = rounds.map((ms) => (ms * 1000) / MARKS);
  console.log(`${name.padEnd(12)} µs per mark: median ${median(perMark).toFixed(2)}, min ${Math.min(...perMark).toFixed(2)}, max ${Math.max(...perMark).toFixed(2)} (${ROUNDS} rounds of ${MARKS})`);
};

const server = await startFixtureServer();
try {
  const chromium = await launchWithExtension({ proxyPort: server.port });
  try {
    const page = await chromium.context.newPage();
    await page.goto(URL);
    report('Chromium', JSON.parse(await page.evaluate(PROBE)));
  } finally {
    await chromium.close();
  }
  const firefox = await launchFirefoxWithExtension({ proxyPort: server.port });
  try {
    await firefox.send('browsingContext.navigate', { context: firefox.context, url: URL, wait: 'complete' });
    const { result } = await firefox.send('script.evaluate', { expression: PROBE, target: { context: firefox.context }, awaitPromise: false });
    report('Firefox ESR', JSON.parse(result.value));
  } finally {
    await firefox.close();
  }
} finally {
  await server.close();
}
