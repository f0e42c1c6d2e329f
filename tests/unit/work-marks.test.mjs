// The content script's work marks and how the benchmark reads them back
// from a trace: a scan's CPU time is the sum of its marked pieces.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MARK_PREFIX, marked, startScan } from '../../extension/content/work-marks.js';
import { scanWork } from '../harness/trace.mjs';

/**
 * A TimeStamp trace event, as Chromium writes console.timeStamp().
 * @param {string} message @param {number} ts µs @param {number} tts µs of thread CPU @param {number} [tid]
 */
const stamp = (message, ts, tts, tid = 1) => ({ name: 'TimeStamp', ph: 'I', ts, tts, pid: 7, tid, args: { data: { message } } });

test('marked work is bracketed by begin and end marks of the current scan, also when it throws', (t) => {
  /** @type {string[]} */
  const marks = [];
  t.mock.method(console, 'timeStamp', (/** @type {string} */ label) => marks.push(label));
  const scan = startScan();
  assert.equal(marked('classes', () => 42), 42);
  assert.throws(() => marked('labels', () => { throw new Error('page broke'); }), /page broke/);
  assert.deepEqual(marks, [`${MARK_PREFIX}begin:${scan}:classes`, `${MARK_PREFIX}end:${scan}:classes`,
    `${MARK_PREFIX}begin:${scan}:labels`, `${MARK_PREFIX}end:${scan}:labels`]);
  assert.equal(startScan(), scan + 1);
});

test('a scan’s work sums its pieces: CPU from the thread clock, wall from the trace clock, per piece too', () => {
  const work = scanWork([
    stamp('adlens:begin:1:classes', 1_000, 500),
    stamp('adlens:end:1:classes', 5_000, 3_500), // 4 ms wall, 3 ms CPU
    { name: 'FunctionCall', ph: 'X', ts: 5_500, tts: 3_600, pid: 7, tid: 1 },
    stamp('adlens:begin:1:candidates', 9_000, 4_000),
    stamp('adlens:end:1:candidates', 11_000, 6_000), // 2 ms, 2 ms
    stamp('adlens:begin:2:classes', 20_000, 9_000),
    stamp('adlens:end:2:classes', 20_500, 9_400),
    stamp('someone else:begin:1:classes', 30_000, 10_000),
  ]);
  assert.deepEqual([...work.keys()], [1, 2]);
  assert.deepEqual(work.get(1), { cpuMs: 5, wallMs: 6, pieces: 2, cpuByPiece: { classes: 3, candidates: 2 } });
  assert.ok(Math.abs((work.get(2)?.cpuMs ?? 0) - 0.4) < 1e-9);
});

test('unpaired marks (the trace stopped mid-piece) and other threads’ ends are left out', () => {
  const work = scanWork([
    stamp('adlens:begin:1:classes', 1_000, 100),
    stamp('adlens:end:1:classes', 2_000, 900, 2), // another thread: not this piece's end
    stamp('adlens:begin:1:labels', 3_000, 1_000),
    stamp('adlens:end:1:labels', 3_500, 1_300),
    stamp('adlens:begin:1:placing', 4_000, 1_400), // never ended
  ].reverse()); // in any order: sorted by time first
  assert.deepEqual(work.get(1), { cpuMs: 0.3, wallMs: 0.5, pieces: 1, cpuByPiece: { labels: 0.3 } });
});

test('the time a scan’s first piece and its labels wait in their own task counts: the start, and the verdicts arriving', () => {
  const task = (/** @type {number} */ ts, /** @type {number} */ dur, /** @type {number} */ tts) =>
    ({ name: 'ThreadControllerImpl::RunTask', ph: 'X', ts, dur, tts, pid: 7, tid: 1 });
  const work = scanWork([
    task(900, 5_000, 400), // the idle callback: 0.1 ms of CPU before the classes mark
    stamp('adlens:begin:1:classes', 1_000, 500),
    stamp('adlens:end:1:classes', 2_000, 1_500),
    task(2_500, 2_000, 1_600), // an animation frame: the page's callbacks run first, not counted
    stamp('adlens:begin:1:candidates', 3_000, 2_000),
    stamp('adlens:end:1:candidates', 4_000, 3_000),
    task(9_000, 400, 4_000), // the verdicts arrive: 0.4 ms of CPU deserialising them…
    { ...task(9_450, 2_000, 4_400), name: 'BlinkScheduler_PerformMicrotaskCheckpoint' },
    stamp('adlens:begin:1:labels', 10_000, 4_600), // …and 0.2 ms of the code awaiting them
    stamp('adlens:end:1:labels', 11_000, 5_100),
    task(12_000, 1_000, 5_200), // after the checkpoint
    { ...task(9_200, 100, 4_100), tid: 2 }, // another thread's task
  ]);
  const first = work.get(1);
  assert.ok(first);
  assert.deepEqual(Object.keys(first.cpuByPiece).sort(), ['candidates', 'classes', 'labels', 'reply', 'start']);
  assert.ok(Math.abs(first.cpuByPiece.start - 0.1) < 1e-9 && Math.abs(first.cpuByPiece.reply - 0.6) < 1e-9);
  assert.ok(Math.abs(first.cpuMs - 3.2) < 1e-9, `CPU ${first.cpuMs}`);
});
