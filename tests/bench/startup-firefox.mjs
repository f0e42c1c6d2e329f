#!/usr/bin/env node
// The background's cold start in Firefox ESR, as startup.mjs measures the
// service worker's in Chromium. Firefox's build runs an event page, which
// Firefox stops once idle (30 s; here 1 s, a profile preference, so ten
// stops take seconds, not minutes). Each time: the page is left idle until
// stopped, then one message from the add-on's options page (open all the
// while) is timed until the engine answers: the page starting, the wasm
// module compiling, the filter-list snapshot and tracker database loading,
// the stored memory restored. A mark left on the running page's window,
// gone afterwards, shows the start was cold. Extension pages' clocks count
// whole ms here.
// Usage: npm run build && node --experimental-websocket tests/bench/startup-firefox.mjs (Node 20)

import { firefoxLabelsWhen, inExtensionPage, launchFirefoxWithExtension } from '../harness/firefox.mjs';
import { startFixtureServer } from '../harness/server.mjs';

const IDLE_MS = 1_000;
const ROUNDS = 10;

const server = await startFixtureServer();
const firefox = await launchFirefoxWithExtension({ proxyPort: server.port, prefs: [['extensions.background.idle.timeout', IDLE_MS]] });
try {
  // A product seen, so there is stored memory to restore.
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: 'http://shop.example/product/trail-runner-x.html', wait: 'complete' });
  await firefoxLabelsWhen(firefox, (labels) => labels.length >= 2);
  // The add-on's options page stays open (it does not keep the background
  // page running); each round, from it, the stopped page is woken by the
  // message that is timed, and nothing else.
  await inExtensionPage(firefox, 'options.html', 'true');
  /** @type {number[]} */
  const times = [];
  let warm = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const { result } = await firefox.send('script.evaluate', {
      expression: `(async () => {
        (await browser.runtime.getBackgroundPage()).adlensBenchMark = true;
        await new Promise((resolve) => setTimeout(resolve, ${IDLE_MS + 1_500}));
        const start = performance.now();
        const reply = await browser.runtime.sendMessage({ type: 'engine/get-info' });
        if (!reply?.ok) throw new Error('engine/get-info: ' + reply?.error);
        const ms = performance.now() - start;
        const cold = (await browser.runtime.getBackgroundPage()).adlensBenchMark !== true;
        return JSON.stringify({ ms, cold });
      })()`,
      target: { context: firefox.context },
      awaitPromise: true,
    });
    const { ms, cold } = JSON.parse(result.value);
    if (cold) times.push(ms);
    else warm += 1;
  }
  times.sort((a, b) => a - b);
  if (times.length === 0) throw new Error('the background page was never stopped');
  console.log(`Firefox ESR: cold start to the engine's first answer (event page stopped when idle): median ${times[times.length >> 1].toFixed(0)} ms, `
    + `max ${times[times.length - 1].toFixed(0)} ms over ${times.length}${warm ? ` (${warm} rounds found it still running, left out)` : ''}`);
} finally {
  await firefox.close();
  await server.close();
}
