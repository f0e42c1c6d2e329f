// A page that never holds still (a live ticker adding a line every 100 ms,
// as a live chat or a score feed does): rescans wait for the page to be
// quiet for 250 ms, which it never is, so they also run at most 400 ms
// after the first change they have not read (content.js, page-moments.js).
// An ad added late there is labelled all the same; and a creative that
// never holds still reports what it shows once it is written, within a
// second (content-frame.js). Left for a slow page, it goes on rescanning
// until that page is shown: those reports are its own visit's.
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLabels, waitForLabels } from '../harness/labels.mjs';
import { eventually } from '../harness/eventually.mjs';
import { ROOT } from '../harness/browser.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const TICKER = 'http://news.example/hostile/live-ticker.html';
const ANIMATED = 'http://tpc.googlesyndication.com/safeframe/1-0-40/html/animated.html';

test('on a page adding a line every 100 ms, an ad added late is labelled, within half a second', async () => {
  const page = await current().open(TICKER);
  try {
    await waitForLabels(page, 1);
    const times = [];
    for (const n of [1, 2, 3]) {
      const added = Date.now();
      await page.evaluate((i) => document.getElementById('main-content')?.insertAdjacentHTML('beforeend',
        `<div id="div-gpt-ad-late-${i}" style="width: 300px; height: 100px"><a href="https://adclick.g.doubleclick.net/aclk?adurl=https://late${i}.example/">A late offer</a></div>`), n);
      for (;;) {
        if ((await readLabels(page)).length === 1 + n) break;
        assert.ok(Date.now() - added < 3_000, `the late ad ${n} is not labelled 3 s on (${times.join(', ')} ms before)`);
        await page.waitForTimeout(20);
      }
      times.push(Date.now() - added);
    }
    // Read from outside the page, through the browser's protocol, every
    // 20 ms: a little later than the label itself.
    assert.ok(Math.max(...times) < 1_000, `labelled in ${times.join(', ')} ms`);
    console.log(`# late ads on a page that never holds still, labelled in ${times.join(', ')} ms`);
  } finally {
    await page.close();
  }
});

test('a creative that never holds still (its slogan changing every 100 ms) reports its link once written, and its slot leads there', async () => {
  const page = await current().open(TICKER);
  try {
    await waitForLabels(page, 1);
    await page.evaluate((src) => document.getElementById('main-content')?.insertAdjacentHTML('beforeend',
      `<div id="div-gpt-ad-animated-0"><iframe src="${src}" width="300" height="250" frameborder="0"></iframe></div>`), ANIMATED);
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { state } = await current().waitForReport(TICKER, 2);
      const slot = state.report.items.find((i) => i.elementId === 'div-gpt-ad-animated-0');
      if (slot?.landingDomain === 'boots.example') break;
      assert.ok(Date.now() < deadline, `the slot leads to ${slot?.landingDomain ?? 'nowhere'} 5 s on`);
      await page.waitForTimeout(100);
    }
  } finally {
    await page.close();
  }
});

test('left for a page that takes 2.5 s to answer, its rescans meanwhile are its own visit\'s: one visit of each page, the next one\'s begun with its request', async () => {
  const SLOW = 'http://bank.example/slow-offers.html';
  const { server } = current();
  server.overrides.set(SLOW, { status: 200, body: fs.readFileSync(`${ROOT}/tests/sites/bank.example/offers.html`, 'utf8'), delayMs: 2_500 });
  const page = await current().open(TICKER);
  try {
    await waitForLabels(page, 1);
    const asked = Date.now();
    await page.goto(SLOW);
    await waitForLabels(page, 1);
    const found = await current().tabStateFor(SLOW);
    assert.ok(found, 'the slow page reported');
    const inTab = `${found.tabId}.`;
    /** @type {any[]} */
    let visits = [];
    await eventually(async () => {
      visits = (await current().readDb('observations'))
        .filter((/** @type {any} */ o) => o.type === 'page_visit' && o.visitId.startsWith(inTab));
      return visits.length >= 2;
    }, 'both pages\' visits stored');
    /** @type {any[]} */
    const seen = (await current().readDb('observations'))
      .filter((/** @type {any} */ o) => o.type === 'item_seen' && o.visitId.startsWith(inTab) && o.pageUrl === TICKER);
    assert.deepEqual(visits.map((o) => o.pageUrl).sort(), [SLOW, TICKER], 'one visit of each');
    assert.equal(new Set(seen.map((o) => o.visitId)).size, 1, 'the ticker\'s ad seen in one visit');
    const slow = visits.find((o) => o.pageUrl === SLOW);
    const began = Number(slow.visitId.slice(inTab.length));
    assert.ok(began >= asked && began < asked + 1_000, `the slow page's visit began with its request (${began - asked} ms after it was asked for)`);
  } finally {
    server.overrides.delete(SLOW);
    await page.close();
  }
});
