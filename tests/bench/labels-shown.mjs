#!/usr/bin/env node
// Which of the items found on the 15 saved real pages get a label the user
// can see, in Chromium with the built extension: each page served at its own
// address and left 5 s to settle, then its labels read (a hidden badge has
// no box). Counts per page the items found, the labels shown, and the
// labels stacked exactly on another one (the same spot: one hides the
// other), and the labels that hide some of the page's words (a headline, a
// vendor's "by Taboola": content/free-spot.js), once the page has been
// scrolled through a window at a time and back (a label is looked at when a
// scroll ends near it). Then, with every kind muted, the placeholders drawn. Labels are
// for what the page shows (content/shown-box.js): a slot for another
// screen size or an empty one has none.
// Usage: npm run build && node tests/bench/labels-shown.mjs [BUILD_DIR]
// (BUILD_DIR: an unpacked build to count instead of dist/chrome);
// ADLENS_BENCH_PAGES=kotaku,yahoo picks pages.

import { readLabels, readPlaceholders, wordsUnder } from '../harness/labels.mjs';
import { benchPageWords, realPages, routesFor } from '../harness/real-pages.mjs';
import { startSession } from '../harness/session.mjs';

/** How long a page is left to load its late content and be labelled. */
const SETTLE_MS = 5_000;
const pages = realPages(benchPageWords());

/**
 * Scrolls the page down a window at a time to its end, then back to its
 * top, each scroll left to end and its labels to be placed.
 * @param {import('playwright-core').Page} tab
 */
async function scrollThrough(tab) {
  const { height, page } = await tab.evaluate(() => ({ height: innerHeight, page: document.documentElement.scrollHeight }));
  for (let y = height; y < page; y += height) {
    await tab.evaluate((to) => window.scrollTo(0, to), y);
    await tab.waitForTimeout(100);
  }
  await tab.evaluate(() => window.scrollTo(0, 0));
  await tab.waitForTimeout(300);
}
const session = await startSession({ routes: routesFor(pages), ...(process.argv[2] ? { extensionDir: process.argv[2] } : {}) });
try {
  const worker = await session.browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  /** @type {Map<string, { items: number, shown: number, stacked: number, hiding: number, placeholders: number }>} */
  const counts = new Map();
  for (const page of pages) {
    const tab = await session.browser.context.newPage();
    await tab.goto(page.url);
    await tab.waitForTimeout(SETTLE_MS);
    const labels = await readLabels(tab);
    /** @type {Map<string, number>} */
    const spots = new Map();
    for (const { box } of labels) if (box) spots.set(`${Math.round(box.x)} ${Math.round(box.y)}`, (spots.get(`${Math.round(box.x)} ${Math.round(box.y)}`) ?? 0) + 1);
    const stacked = [...spots.values()].filter((n) => n > 1).reduce((sum, n) => sum + n, 0);
    await scrollThrough(tab);
    // Read at the top of the page: the labels' and the words' boxes are then in the same coordinates.
    const hidden = (await wordsUnder(tab, await readLabels(tab))).filter((words) => words !== null);
    if (hidden.length > 0) console.log(`${new URL(page.url).host}: labels over ${hidden.map((w) => JSON.stringify(w)).join(', ')}`);
    counts.set(page.url, { items: labels.length, shown: labels.filter((l) => l.box !== null).length, stacked, hiding: hidden.length, placeholders: 0 });
    await tab.close();
  }
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { contextual: true, behavioural: true, retargeted: true, generic: true } } }));
  for (const page of pages) {
    const tab = await session.browser.context.newPage();
    await tab.goto(page.url);
    await tab.waitForTimeout(SETTLE_MS);
    const count = counts.get(page.url);
    if (count) count.placeholders = (await readPlaceholders(tab)).length;
    await tab.close();
  }
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  console.log('page'.padEnd(26), 'items'.padStart(6), 'labels shown'.padStart(13), 'stacked'.padStart(8), 'hiding words'.padStart(13), 'muted: placeholders'.padStart(20));
  const total = { items: 0, shown: 0, stacked: 0, hiding: 0, placeholders: 0 };
  for (const [url, count] of counts) {
    console.log(new URL(url).host.padEnd(26), String(count.items).padStart(6), String(count.shown).padStart(13),
      String(count.stacked).padStart(8), String(count.hiding).padStart(13), String(count.placeholders).padStart(20));
    for (const key of /** @type {const} */ (['items', 'shown', 'stacked', 'hiding', 'placeholders'])) total[key] += count[key];
  }
  console.log(`\nall pages: ${total.items} items, ${total.shown} labels shown (${total.stacked} stacked on another, ${total.hiding} hiding some of the page's words), ${total.placeholders} placeholders with every kind muted`);
} finally {
  await session.close();
}
