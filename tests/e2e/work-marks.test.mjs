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
