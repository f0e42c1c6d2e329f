// Reads the content script's work marks (extension/content/work-marks.js)
// from a Chromium trace: the main-thread CPU time and wall time of each scan.

import { MARK_PREFIX } from '../../extension/content/work-marks.js';

/**
 * @typedef {{ name: string, ph: string, ts: number, tts?: number, pid: number, tid: number,
 *   args?: { data?: { message?: string } } }} TraceEvent
 * @typedef {{ cpuMs: number, wallMs: number, pieces: number, cpuByPiece: Record<string, number> }} ScanWork
 */

/**
 * Sums each scan's marked pieces of work: CPU time from the thread clock
 * (`tts`), wall time from the trace clock (`ts`), and CPU time per kind of
 * piece. A piece is a `begin:N:piece` mark and the next `end:N:piece` mark
 * on the same thread; an unpaired mark (the trace stopped mid-piece) is left
 * out.
 * @param {TraceEvent[]} events
 * @returns {Map<number, ScanWork>} by scan number (1 is the first scan)
 */
export function scanWork(events) {
  /** @type {Map<string, TraceEvent>} open piece per thread and scan */
  const open = new Map();
  /** @type {Map<number, ScanWork>} */
  const scans = new Map();
  const marks = events
    .filter((e) => e.name === 'TimeStamp' && e.args?.data?.message?.startsWith(MARK_PREFIX))
    .sort((a, b) => a.ts - b.ts);
  for (const mark of marks) {
    const [what, n, piece = ''] = (mark.args?.data?.message ?? '').slice(MARK_PREFIX.length).split(':');
    const key = `${mark.pid}/${mark.tid}/${n}/${piece}`;
    if (what === 'begin') {
      open.set(key, mark);
      continue;
    }
    const begin = open.get(key);
    if (what !== 'end' || !begin || begin.tts === undefined || mark.tts === undefined) continue;
    open.delete(key);
    const scan = scans.get(Number(n)) ?? { cpuMs: 0, wallMs: 0, pieces: 0, cpuByPiece: {} };
    const cpuMs = (mark.tts - begin.tts) / 1000;
    scan.cpuMs += cpuMs;
    scan.cpuByPiece[piece] = (scan.cpuByPiece[piece] ?? 0) + cpuMs;
    scan.wallMs += (mark.ts - begin.ts) / 1000;
    scan.pieces += 1;
    scans.set(Number(n), scan);
  }
  return scans;
}

/**
 * Records a trace of the browser (the category holding console.timeStamp
 * marks) until the returned function is called, which gives each scan's
 * work.
 * @param {import('playwright-core').CDPSession} cdp a session on a page of the browser
 * @returns {Promise<() => Promise<Map<number, ScanWork>>>}
 */
export async function traceWork(cdp) {
  /** @type {TraceEvent[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(.../** @type {TraceEvent[]} */ (/** @type {unknown} */ (e.value))));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline'] }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return scanWork(events);
  };
}
