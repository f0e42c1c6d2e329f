// Reads the content script's work marks (extension/content/work-marks.js)
// from a Chromium trace: the main-thread CPU time and wall time of each scan.

import { MARK_PREFIX } from '../../extension/content/work-marks.js';

/**
 * @typedef {{ name: string, ph: string, ts: number, tts?: number, dur?: number, tdur?: number, pid: number, tid: number,
 *   args?: { data?: { message?: string, url?: string } } }} TraceEvent
 * @typedef {{ cpuMs: number, wallMs: number, pieces: number, cpuByPiece: Record<string, number> }} ScanWork
 */

/** A task the thread ran, as Chromium traces it ("toplevel" category). */
const TASK = 'ThreadControllerImpl::RunTask';
/**
 * The microtasks a task queued, run right after it ("toplevel" too): a
 * message's reply is delivered in a task, and the code awaiting it runs in
 * the checkpoint that follows.
 */
const MICROTASKS = 'BlinkScheduler_PerformMicrotaskCheckpoint';
/** Most time (µs) between a task's end and the checkpoint that follows it. */
const CHECKPOINT_GAP_US = 100;

/**
 * Pieces whose task runs nothing of the page's before them, and what the
 * time before them in that task is: the browser handing our code what it
 * waited for, and our code up to the mark. (The other pieces share their
 * task with the page's own work: the animation frame's callbacks and
 * layout, before `candidates` and `placing`.)
 */
const TASK_LEAD = /** @type {Record<string, string>} */ ({
  classes: 'start', // the idle callback or timer that starts a scan
  labels: 'reply', // the engine's verdicts arriving: the browser deserialising them
});

/**
 * Sums each scan's marked pieces of work: CPU time from the thread clock
 * (`tts`), wall time from the trace clock (`ts`), and CPU time per kind of
 * piece. A piece is a `begin:N:piece` mark and the next `end:N:piece` mark
 * on the same thread; an unpaired mark (the trace stopped mid-piece) is left
 * out. Before the pieces of `TASK_LEAD`, the time their task ran before the
 * mark counts too (as a piece of its own): our code's work starts there.
 * @param {TraceEvent[]} events
 * @returns {Map<number, ScanWork>} by scan number (1 is the first scan; 0 is
 *   the early hold's work, while the page is parsed, before any scan)
 */
export function scanWork(events) {
  /** @type {Map<string, TraceEvent>} open piece per thread and scan */
  const open = new Map();
  /** @type {Map<number, ScanWork>} */
  const scans = new Map();
  const marks = events
    .filter((e) => e.name === 'TimeStamp' && e.args?.data?.message?.startsWith(MARK_PREFIX))
    .sort((a, b) => a.ts - b.ts);
  const tasks = events.filter((e) => (e.name === TASK || e.name === MICROTASKS) && e.ph === 'X').sort((a, b) => a.ts - b.ts);
  /** @param {number} n @param {string} piece @param {number} cpuMs @param {number} wallMs */
  const add = (n, piece, cpuMs, wallMs) => {
    const scan = scans.get(n) ?? { cpuMs: 0, wallMs: 0, pieces: 0, cpuByPiece: {} };
    scan.cpuMs += cpuMs;
    scan.cpuByPiece[piece] = (scan.cpuByPiece[piece] ?? 0) + cpuMs;
    scan.wallMs += wallMs;
    scan.pieces += 1;
    scans.set(n, scan);
  };
  for (const mark of marks) {
    const [what, n, piece = ''] = (mark.args?.data?.message ?? '').slice(MARK_PREFIX.length).split(':');
    const key = `${mark.pid}/${mark.tid}/${n}/${piece}`;
    if (what === 'begin') {
      open.set(key, mark);
      const lead = TASK_LEAD[piece];
      if (lead && mark.tts !== undefined) {
        const first = leadingTask(tasks, mark);
        if (first?.tts !== undefined) add(Number(n), lead, (mark.tts - first.tts) / 1000, (mark.ts - first.ts) / 1000);
      }
      continue;
    }
    const begin = open.get(key);
    if (what !== 'end' || !begin || begin.tts === undefined || mark.tts === undefined) continue;
    open.delete(key);
    add(Number(n), piece, (mark.tts - begin.tts) / 1000, (mark.ts - begin.ts) / 1000);
  }
  return scans;
}

/**
 * Where the work leading to the mark began: the outermost task on its
 * thread running at the mark, or, when that is a microtask checkpoint, the
 * task it follows.
 * @param {TraceEvent[]} tasks tasks and checkpoints, sorted by start
 * @param {TraceEvent} mark
 */
function leadingTask(tasks, mark) {
  const mine = tasks.filter((t) => t.tid === mark.tid && t.pid === mark.pid);
  const around = mine.find((t) => t.ts <= mark.ts && mark.ts <= t.ts + (t.dur ?? 0));
  if (around?.name !== MICROTASKS) return around;
  const before = mine.filter((t) => t.name === TASK && t.ts + (t.dur ?? 0) <= around.ts).at(-1);
  return before && around.ts - (before.ts + (before.dur ?? 0)) <= CHECKPOINT_GAP_US ? before : around;
}

/**
 * Each evaluation of the extension's content scripts (compiling the script
 * and running its top level), in the order they ran: the script file
 * (`content.js`, `content-frame.js`…), the frame it ran in (the trace's
 * frame id), when it started (the trace's clock, µs) and its main-thread
 * CPU ms. The first is the top page's: its document-start script runs
 * before any frame of it exists.
 * @param {TraceEvent[]} events
 * @returns {{ script: string, frame: string, ts: number, ms: number }[]}
 */
export function scriptEvaluations(events) {
  /** @type {{ script: string, frame: string, ts: number, ms: number }[]} */
  const evaluations = [];
  for (const e of events.filter((x) => x.name === 'EvaluateScript' && x.ph === 'X').sort((a, b) => a.ts - b.ts)) {
    const data = /** @type {{ url?: string, frame?: string } | undefined} */ (e.args?.data);
    const script = String(data?.url ?? '').match(/^chrome-extension:\/\/[^/]+\/(content[^/]*\.js)$/)?.[1];
    if (script && e.tdur !== undefined) evaluations.push({ script, frame: String(data?.frame ?? ''), ts: e.ts, ms: e.tdur / 1000 });
  }
  return evaluations;
}

/**
 * The main-thread CPU time (ms) of the top page's content scripts starting
 * (compiling the script, running its top level): `hold` at document start
 * (content-hold.js, which holds up the page's parser), `page` once the
 * document is parsed (content.js). Null for one the trace does not hold.
 * @param {TraceEvent[]} events
 * @returns {{ hold: number | null, page: number | null }}
 */
export function scriptStarts(events) {
  const evaluations = scriptEvaluations(events);
  /** @param {string} script */
  const first = (script) => evaluations.find((e) => e.script === script)?.ms ?? null;
  return { hold: first('content-hold.js'), page: first('content.js') };
}

/**
 * Records a trace of the browser (the categories holding console.timeStamp
 * marks, tasks and script evaluations) until the returned function is
 * called, which gives each scan's work and the script's start.
 * @param {import('playwright-core').CDPSession} cdp a session on a page of the browser
 * @param {string[]} [moreCategories] to trace as well (their events are in `events`)
 * @returns {Promise<() => Promise<{ scans: Map<number, ScanWork>, starts: { hold: number | null, page: number | null }, events: TraceEvent[] }>>}
 */
export async function traceWork(cdp, moreCategories = []) {
  /** @type {TraceEvent[]} */
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(.../** @type {TraceEvent[]} */ (/** @type {unknown} */ (e.value))));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'toplevel', ...moreCategories] }, transferMode: 'ReportEvents' });
  return async () => {
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return { scans: scanWork(events), starts: scriptStarts(events), events };
  };
}

/**
 * Loads `url` in a new tab of `context` while tracing, waits `settleMs` for
 * late content and rescans, and closes the tab.
 * @param {import('playwright-core').BrowserContext} context
 * @param {string} url
 * @param {number} [settleMs]
 */
export async function tracedLoad(context, url, settleMs = 1_500) {
  const tab = await context.newPage();
  const cdp = await context.newCDPSession(tab);
  const stop = await traceWork(cdp);
  await tab.goto(url);
  await tab.waitForTimeout(settleMs);
  const traced = await stop();
  await cdp.detach();
  await tab.close();
  return traced;
}
