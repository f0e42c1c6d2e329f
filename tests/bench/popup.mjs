#!/usr/bin/env node
// How fast the toolbar popup opens in Chromium: time from navigation start to
// a popup filled with the tab's counts and this site's switches (the page
// records it when ready), over 30 openings for a labelled news article.
// Usage: npm run build && node tests/bench/popup.mjs [BUILD_DIR]
// (BUILD_DIR: an unpacked build to measure instead of dist/chrome, to
// compare two builds in the same hour)

import { startSession } from '../harness/session.mjs';

const NEWS = 'http://news.example/article/running.html';
const session = await startSession(process.argv[2] ? { extensionDir: process.argv[2] } : {});
try {
  const page = await session.open(NEWS);
  const { tabId } = await session.waitForReport(NEWS, 5);
  /** @type {number[]} */
  const times = [];
  for (let i = 0; i < 32; i++) {
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('body[data-ready="true"]');
    const ms = Number(await popup.evaluate(() => document.body.dataset.readyMs));
    if (i >= 2) times.push(ms); // the first two warm the service worker and caches
    await popup.close();
  }
  times.sort((a, b) => a - b);
  const at = (/** @type {number} */ q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  console.log(`popup ready: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms over ${times.length} openings`);
  await page.close();
} finally {
  await session.close();
}
