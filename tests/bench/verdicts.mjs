#!/usr/bin/env node
// Benchmark of the classifier in the wasm engine as shipped (dist/chrome), in
// Node, with the real filter lists loaded:
//   - time per verdict: a page with 100 ads analysed, minus the same page
//     with none, divided by 100 (median of 200 runs);
//   - time to update the interest profile from one page (its topics read from
//     10,000 characters of text (the cap), then recorded): visitPage on such a page
//     with no ads (median and p99 of 1,000 distinct pages);
//   - the size of what is stored (profile + product memory, as JSON) and of
//     wasm memory after 10,000 visited pages on 2,000 sites, a third of them
//     product pages.
// Usage: npm run build && node tests/bench/verdicts.mjs

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT } from '../scenarios/content.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const engineDir = path.join(root, 'dist/chrome/engine');
const { initSync, Engine } = await import(path.join(engineDir, 'adlens.js'));
const wasm = initSync({ module: fs.readFileSync(path.join(engineDir, 'adlens_bg.wasm')) });
const engine = new Engine();
engine.loadLists(fs.readFileSync(path.join(root, 'dist/chrome/data/lists.bin')));
engine.loadTrackers(fs.readFileSync(path.join(root, 'dist/chrome/data/trackers.json'), 'utf8'));

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-20T12:00:00Z');
const articles = Object.values(CONTENT).flatMap((l) => Object.values(l.topics).map((t) => `${t.article.title}. ${t.article.text}`));
const ads = Object.values(CONTENT).flatMap((l) => Object.values(l.topics).flatMap((t) => t.ads));

/**
 * About `chars` characters of article text, starting at article `from`.
 * @param {number} chars
 */
function text(chars, from = 0) {
  let out = '';
  for (let i = from; out.length < chars; i++) out += `${articles[i % articles.length]} `;
  return out.slice(0, chars);
}

/**
 * @param {string} url
 * @param {number} adCount
 * @param {number} textChars
 */
function snapshot(url, adCount, textChars, from = 0) {
  const candidates = Array.from({ length: adCount }, (_, i) => {
    const ad = ads[i % ads.length];
    return {
      key: i + 1, source: 'marker', parent: null, tag: 'div', id: `div-gpt-ad-${i}`, classes: ['ad'], attributes: [],
      heading: null, text: ad.text,
      links: [`https://adclick.g.doubleclick.net/aclk?sa=L&adurl=${encodeURIComponent(ad.url)}`],
      frames: [], frameNames: [], images: [], rect: { x: 0, y: i * 300, width: 300, height: 250 },
    };
  });
  return {
    url, title: articles[from % articles.length].split('.')[0], lang: 'en', description: '', headings: [],
    text: text(textChars, from), candidates,
    productHints: { jsonLd: /** @type {string[]} */ ([]), meta: [], microdata: [], canonical: null },
  };
}

/** @type {(xs: number[], q: number) => number} */
const quantile = (xs, q) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
/** @param {() => void} f */
function timeMs(f) {
  const t = process.hrtime.bigint();
  f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

// A profile to classify against: 30 pages on 10 sites.
for (let i = 0; i < 30; i++) engine.visitPage(snapshot(`https://site${i % 10}.example/p/${i}`, 0, 3_000, i), NOW - (30 - i) * DAY);

// Per verdict.
const withAds = snapshot('https://news.example/a/1', 100, 5_000);
const without = snapshot('https://news.example/a/1', 0, 5_000);
const perVerdict = [];
for (let run = 0; run < 220; run++) {
  const a = timeMs(() => engine.analyzePage(withAds, NOW));
  const b = timeMs(() => engine.analyzePage(without, NOW));
  if (run >= 20) perVerdict.push(((a - b) / 100) * 1000);
}
console.log(`verdict: median ${quantile(perVerdict, 0.5).toFixed(1)} µs per item, p99 ${quantile(perVerdict, 0.99).toFixed(1)} µs (100 ads on a page, with detection)`);

// Profile update from one page of 10,000 characters (the cap).
const updates = [];
for (let i = 0; i < 1_100; i++) {
  const page = snapshot(`https://reader${i % 50}.example/story/${i}`, 0, 10_000, i);
  const ms = timeMs(() => engine.visitPage(page, NOW + i * 60_000));
  if (i >= 100) updates.push(ms);
}
console.log(`profile update from one page (10,000 chars, the cap): median ${quantile(updates, 0.5).toFixed(2)} ms, p99 ${quantile(updates, 0.99).toFixed(2)} ms`);

// 10,000 pages on 2,000 sites, a third of them product pages.
const fresh = new Engine();
const start = Date.parse('2026-08-01T00:00:00Z');
const t0 = process.hrtime.bigint();
for (let i = 0; i < 10_000; i++) {
  const page = snapshot(`https://shop${i % 2_000}.example/item/${i}`, 0, 2_000, i);
  if (i % 3 === 0) {
    page.productHints.jsonLd = [JSON.stringify({ '@type': 'Product', name: `Product ${i}`, sku: `SKU-${i}`, brand: 'Brand', offers: { price: '19.99', priceCurrency: 'EUR' } })];
  }
  fresh.visitPage(page, start + i * 600_000);
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const stored = JSON.stringify(fresh.interestProfile()).length + JSON.stringify(fresh.productMemory()).length;
console.log(`10,000 pages visited in ${seconds.toFixed(1)} s: stored profile + product memory ${(stored / 2 ** 20).toFixed(2)} MB as JSON; wasm memory ${(wasm.memory.buffer.byteLength / 2 ** 20).toFixed(1)} MB for both engines`);
