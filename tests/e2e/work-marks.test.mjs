// The content script marks its main-thread work in the browser's trace, so
// the content-script benchmark can measure CPU time (tests/bench): here, in
// Chromium, a page's first scan shows up in a real trace with every piece of
// its work, and its CPU time is no more than its wall time.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';
import { traceWork } from '../harness/trace.mjs';

const current = sessionForTests();
const SHOP = 'http://shop.example/product/trail-runner-x.html';

test('a first scan’s pieces of work are marked in the trace with the thread’s CPU time, none of it compiling the script', async () => {
  const { browser } = current();
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  const stop = await traceWork(cdp, ['disabled-by-default-v8.compile']);
  await page.goto('http://news.example/article/running.html');
  await waitForLabels(page, 5, 5_000);
  const { scans: work, starts, events } = await stop();
  await cdp.detach();
  assert.ok(starts.hold !== null && starts.hold > 0, 'the early hold’s start is in the trace');
  assert.ok(starts.page !== null && starts.page > 0, 'the page’s script’s start is in the trace');
  const first = work.get(1);
  assert.ok(first, `no marks of the first scan in the trace (scans: ${[...work.keys()].join(', ') || 'none'})`);
  for (const piece of ['start', 'classes', 'headings', 'marker-words', 'product', 'candidates', 'report', 'reply', 'labels', 'placing']) {
    assert.ok(piece in first.cpuByPiece, `piece ${piece} not marked: ${JSON.stringify(first.cpuByPiece)}`);
  }
  assert.ok(first.cpuMs > 0, 'CPU time counted');
  // The thread clock cannot run faster than the wall clock (1 ms for clock granularity).
  assert.ok(first.cpuMs <= first.wallMs + 1, `CPU ${first.cpuMs} ms within wall ${first.wallMs} ms`);
  // The script is compiled when it starts (build.mjs: V8's compile hint),
  // not function by function in the first scan's pieces.
  const at = (/** @type {string} */ message) => events.find((e) => e.name === 'TimeStamp' && e.args?.data?.message === message);
  const compiled = events.filter((e) => e.name === 'V8.CompileCode' && Object.keys(first.cpuByPiece).some((piece) => {
    const [begin, end] = [at(`adlens:begin:1:${piece}`), at(`adlens:end:1:${piece}`)];
    return begin && end && e.tid === begin.tid && e.ts >= begin.ts && e.ts <= end.ts;
  }));
  assert.equal(compiled.length, 0, 'functions compiled one by one inside the first scan’s pieces');
  await page.close();
});

test('work outside the scans is marked too: the early hold while the page is parsed, and recording the page’s changes for the next scan', async () => {
  const { browser } = current();
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  // The same categories as the test before: a trace without V8's compile
  // events, after one with them, held none of the pages' marks in 3 runs of 5.
  const stop = await traceWork(cdp, ['disabled-by-default-v8.compile']);
  await page.goto(SHOP);
  await waitForLabels(page, 2, 5_000);
  const before = (await current().tabStateFor(page.url()))?.state.scans.length ?? 0;
  await page.evaluate(() => document.body.append(document.createElement('p')));
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    if (((await current().tabStateFor(page.url()))?.state.scans.length ?? 0) > before) break;
  }
  const { scans: work } = await stop();
  await cdp.detach();
  // Marks before the first scan count to scan 0: the early hold's.
  assert.ok(work.get(0)?.cpuByPiece.hold !== undefined, `the early hold's work is marked (scans: ${[...work.keys()].join(', ') || 'none'})`);
  const rescan = work.get(before + 1);
  assert.ok(rescan, `the rescan after the change is in the trace (scans: ${[...work.keys()].join(', ')})`);
  assert.ok('changes' in rescan.cpuByPiece, `the change's recording counts to the rescan that reads it: ${JSON.stringify(rescan.cpuByPiece)}`);
  await page.close();
});
