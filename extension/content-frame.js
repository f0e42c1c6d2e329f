// Content script entry for frames (bundled into one classic script by the
// build), in every frame: it reports what the frame shows (an ad creative,
// its text, links and images, and its name) so the engine can attribute it
// to the slot in the top page that holds the frame. Kept apart from the top
// page's script (content.js): an ad frame, most often a process of its own,
// compiles only this. Any failure is caught and logged: AdLens must never
// break a page.

import { send } from './messages.js';
import { frameSummary } from './content/frame-summary.js';
import { logFailure } from './content/log.js';
import { onQuietChanges, shown } from './content/page-moments.js';
import { marked } from './content/work-marks.js';

/** Quiet period after DOM changes before reporting again (script-filled frames change). */
const REPORT_DELAY_MS = 250;
/**
 * Most time (ms) a change waits for its report in a frame that never holds
 * still (a creative whose slogan changes every 100 ms).
 */
const REPORT_MAX_WAIT_MS = 1000;
/** A frame reports at most this many times. */
const MAX_FRAME_REPORTS = 5;

async function frame() {
  // A frame of a page being prerendered reports once the page is shown.
  await shown();
  // Its document going (the frame navigates: an ad refreshed, or the page
  // does), what it reported goes too.
  addEventListener('pagehide', () => {
    send({ type: 'frame/gone' }).catch(() => {});
  });
  const plan = await send({ type: 'page/get-plan' });
  let reports = 0;
  let last = '';
  /** @type {ReturnType<typeof onQuietChanges> | null} the watch on the frame's changes */
  let watching = null;
  const reportFrame = async () => {
    // Once it has reported all it may, the frame is read no more, nor
    // watched: an animated creative changes for as long as it shows.
    if (reports >= MAX_FRAME_REPORTS) {
      watching?.stop();
      return;
    }
    // Marked for the benchmarks (tests/bench/frame-start.mjs), apart from
    // any scan: a frame has none.
    const { summary, key } = marked('frame-report', () => {
      const read = frameSummary(document, plan);
      return { summary: read, key: JSON.stringify(read) };
    });
    // A frame that only holds another frame reports too: that is how the
    // inner one's content finds the slot in the top page.
    const empty = !summary.links.length && !summary.text && !summary.images.length && !summary.frames.length && !summary.frameNames.length;
    if (key === last || empty) return;
    reports += 1;
    last = key;
    await marked('frame-report', () => send({ type: 'frame/report', frame: summary }));
  };
  const watch = () => onQuietChanges(reportFrame, REPORT_DELAY_MS, { maxWait: REPORT_MAX_WAIT_MS });
  await reportFrame();
  watching = watch();
  // A frame shown again from the back/forward cache reports afresh: the
  // background forgot the tab's frames when it moved on to another page.
  // After the quiet delay, as a change would: the browser's report of the
  // navigation, on which the background forgets, must come first.
  addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    reports = 0;
    last = '';
    watching?.stop();
    watching = watch();
    watching.schedule();
  });
}

// The manifest injects this script into every frame, the top page too
// (no manifest key leaves it out): there it stops here.
if (window.top !== window) frame().catch(logFailure);
