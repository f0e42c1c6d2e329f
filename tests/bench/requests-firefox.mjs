#!/usr/bin/env node
// The request benchmark inside Firefox ESR, where the Firefox build runs
// (SpiderMonkey's wasm, not V8's): the shipped engine loaded in the add-on's
// own options page, timed as in Chromium (requests-in-page.mjs). Firefox
// coarsens pages' clocks to whole milliseconds, too coarse for 250 repeats
// of a 2 µs call: this profile turns that off (privacy.reduceTimerPrecision),
// which changes what the clock shows, not how fast the engine runs.
// Usage: npm run build && node --experimental-websocket tests/bench/requests-firefox.mjs (Node 20)

import { inExtensionPage, launchFirefoxWithExtension } from '../harness/firefox.mjs';
import { startFixtureServer } from '../harness/server.mjs';
import { classifyInPage, decisionRows } from './requests-in-page.mjs';

const rows = decisionRows();
const server = await startFixtureServer();
const firefox = await launchFirefoxWithExtension({ proxyPort: server.port, prefs: [['privacy.reduceTimerPrecision', false]] });
try {
  await inExtensionPage(firefox, 'options.html', 'true');
  const { result, exceptionDetails } = await firefox.send('script.callFunction', {
    functionDeclaration: `async (json) => JSON.stringify(await (${classifyInPage})(JSON.parse(json)))`,
    arguments: [{ type: 'string', value: JSON.stringify(rows) }],
    target: { context: firefox.context },
    awaitPromise: true,
  });
  if (!result) throw new Error(`the benchmark failed in the page: ${exceptionDetails?.text}`);
  const r = JSON.parse(result.value);
  console.log(`Firefox ESR: engine ready from snapshot ${r.readyMs.toFixed(1)} ms`);
  console.log(`Firefox ESR: request classification (list match + third party) over ${r.n} requests: median ${r.median.toFixed(2)} µs, p99 ${r.p99.toFixed(2)} µs`);
  console.log(`Firefox ESR: observed request (classified, recorded for its site, logged for its visit; records taken with their tracker every 500): median ${r.observedMedian.toFixed(2)} µs, p99 ${r.observedP99.toFixed(2)} µs; the last ${r.taken} records taken in ${r.takeMs.toFixed(1)} ms`);
} finally {
  await firefox.close();
  await server.close();
}
