// Marks the content script's main-thread work in the browser's trace, so a
// benchmark can read how much CPU time each scan really took on the page's
// main thread. `performance.now()` only gives wall time, which on a busy
// machine also counts the time the thread waited for a CPU (measured on this
// project's 2-core machine: a 18.7 ms task had run 6.3 ms).
//
// console.timeStamp() writes nothing to the console and adds nothing to the
// page's performance timeline (page scripts cannot see it); it is a no-op
// unless a trace is being recorded (DevTools, or tests/bench over CDP),
// where each mark carries the thread's CPU clock (`tts`).

/**
 * Prefix of every mark: `adlens:begin:<scan>:<piece>` and
 * `adlens:end:<scan>:<piece>`, which a bench pairs.
 */
export const MARK_PREFIX = 'adlens:';

/**
 * Whether marks are written: the build says (`__WORK_MARKS__`, false for
 * Firefox, where each mark is a console message its listeners receive,
 * WebDriver BiDi's among them: 17.5 µs, against 0.1 µs in Chromium when
 * nothing traces, tests/bench/console-marks.mjs); unbundled, in unit
 * tests, they are.
 */
const MARKING = typeof __WORK_MARKS__ === 'undefined' ? true : __WORK_MARKS__;

/** The scan that work is currently counted to (0 before the first). */
let scan = 0;

/** The next scan starts: work from now on counts to it. */
export function startScan() {
  scan += 1;
  return scan;
}

/**
 * Runs `work`, marking where it began and ended in the trace.
 * @template T
 * @param {string} piece what the work is ("classes", "labels"…), no colon
 * @param {() => T} work synchronous work
 * @returns {T}
 */
export function marked(piece, work) {
  return markedAs(`${scan}:${piece}`, work);
}

/**
 * Runs `work` done for the next scan (recording what the page changed,
 * which that scan reads), marked as that scan's.
 * @template T
 * @param {string} piece no colon
 * @param {() => T} work synchronous work
 * @returns {T}
 */
export function markedForNext(piece, work) {
  return markedAs(`${scan + 1}:${piece}`, work);
}

/**
 * @template T
 * @param {string} at `<scan>:<piece>`
 * @param {() => T} work
 * @returns {T}
 */
function markedAs(at, work) {
  if (!MARKING) return work();
  console.timeStamp(`${MARK_PREFIX}begin:${at}`);
  try {
    return work();
  } finally {
    console.timeStamp(`${MARK_PREFIX}end:${at}`);
  }
}
