#!/usr/bin/env node
// Rescans of a page that grows as it is scrolled (infinite scroll), in
// Chromium with the built extension: a real saved page (kotaku.com, the
// one with the most items) is loaded, then 25 stories and 2 ad slots are
// appended to it every 450 ms (past the 250 ms of quiet that starts a
// rescan), 45 times, from 2,400 to 14,000 elements. Prints each rescan's
// main-thread CPU time (from a Chromium trace of the content script's work
// marks, tests/harness/trace.mjs) against the page's size. A rescan reads
// what changed since the last one (extension/content/page-changes.js), so
// its time should not grow with the page; the budget (issue 3) is 10 ms
// per scan.
// Usage: npm run build && node tests/bench/growing-page.mjs (ADLENS_GROW_STEPS=150
// grows it further: 50,000 elements, 415 items)

import { realPages, routesFor } from '../harness/real-pages.mjs';
import { startSession } from '../harness/session.mjs';
import { traceWork } from '../harness/trace.mjs';

const saved = realPages(['kotaku.com'])[0];
if (!saved) throw new Error('kotaku.com is not among the saved pages');
const { url } = saved;
const routes = routesFor([saved]);
/** How many times the page grows (ADLENS_GROW_STEPS, 45 by default: 15,000 elements). */
const STEPS = Number(process.env.ADLENS_GROW_STEPS ?? 45);
const median = (/** @type {number[]} */ xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const session = await startSession({ routes });
try {
  const tab = await session.browser.context.newPage();
  const cdp = await session.browser.context.newCDPSession(tab);
  const stopTrace = await traceWork(cdp);
  await tab.goto(url);
  await tab.waitForTimeout(1_500);
  /** @type {number[]} elements on the page after each step */
  const sizes = [];
  for (let step = 0; step < STEPS; step++) {
    sizes.push(await tab.evaluate((n) => {
      const block = document.createElement('div');
      for (let a = 0; a < 25; a++) {
        const story = document.createElement('article');
        story.className = `feed-story story-${a % 5}`;
        story.innerHTML = `<div class="media"><a href="/story/${n}-${a}"><img src="/img/${n}-${a}.jpg" alt=""></a></div>`
          + `<div class="body"><h2 class="headline"><a href="/story/${n}-${a}">Story ${n}.${a} about games and consoles</a></h2>`
          + `<p class="dek">A longer summary of the story with <em>some</em> words in it, number ${a}.</p>`
          + `<span class="byline">By Writer ${a}</span><time>2 hours ago</time></div>`;
        block.append(story);
      }
      for (let k = 0; k < 2; k++) {
        const slot = document.createElement('div');
        slot.id = `div-gpt-ad-feed-${n}-${k}`;
        slot.className = 'ad-container';
        slot.innerHTML = '<span>Advertisement</span>';
        block.append(slot);
      }
      document.body.append(block);
      return document.getElementsByTagName('*').length;
    }, step));
    await tab.waitForTimeout(450);
  }
  const { scans } = await stopTrace();
  const items = (await session.tabStateFor(tab.url()))?.state.report.items.length ?? 0;
  const rescanWork = [...scans].filter(([n]) => n > 1).sort(([a], [b]) => a - b).map(([, work]) => work);
  const rescans = rescanWork.map((work) => work.cpuMs);
  console.log(`first scan (the page as saved): ${scans.get(1)?.cpuMs.toFixed(1)} ms CPU`);
  console.log('rescan  elements  CPU ms');
  rescans.forEach((ms, i) => {
    if (i % 5 === 0 || i === rescans.length - 1) console.log(String(i + 1).padStart(6), String(sizes[i] ?? '-').padStart(9), ms.toFixed(1).padStart(7));
  });
  const firstTen = rescans.slice(0, 10);
  const lastTen = rescans.slice(-10);
  console.log(`rescans: ${rescans.length}, median ${median(rescans).toFixed(1)} ms, max ${Math.max(...rescans).toFixed(1)} ms,`
    + ` ${rescans.filter((ms) => ms <= 10).length}/${rescans.length} within 10 ms; first ten median ${median(firstTen).toFixed(1)},`
    + ` last ten median ${median(lastTen).toFixed(1)} (page ${sizes[0]} → ${sizes.at(-1)} elements, ${items} items at the end)`);
  /** @type {Record<string, number[]>} */
  const pieces = {};
  for (const work of rescanWork.slice(-10)) for (const [piece, ms] of Object.entries(work.cpuByPiece)) (pieces[piece] ??= []).push(ms);
  console.log(`last ten rescans by piece (median ms): ${Object.entries(pieces).map(([piece, ms]) => `${piece} ${median(ms).toFixed(1)}`).join(', ')}`);
} finally {
  await session.close();
}
