// The moments in a page's life the content scripts wait for (they start
// once the document is parsed, as the manifest asks, but for the early
// hold): the page shown, loaded, its main thread idle, the next frame, and
// DOM changes gone quiet.

import { logFailure } from './log.js';

/**
 * Resolves once the page is shown in its tab: at once, unless the browser
 * is prerendering it, a page it guesses the user opens next (Chrome, from
 * a page's speculation rules or its own address bar), which the user may
 * never see. Until then it is no visit, and not its tab's top frame (its
 * frame id is not 0): the background refuses its report, and forgets the
 * tab's page anyway as this one is shown.
 */
export function shown() {
  const doc = /** @type {Document & { prerendering?: boolean }} */ (document);
  if (!doc.prerendering) return Promise.resolve();
  return new Promise((resolve) => {
    doc.addEventListener('prerenderingchange', () => resolve(undefined), { once: true });
  });
}

/**
 * Resolves when the page has loaded, or after `timeout` ms: AdLens does not
 * compete with the page's own start-up (measured: first scans during load
 * took twice as long on heavy pages, and slowed the page).
 * @param {number} timeout
 */
export function loaded(timeout) {
  if (document.readyState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeout);
    addEventListener('load', () => { clearTimeout(timer); resolve(undefined); }, { once: true });
  });
}

/**
 * Resolves when the page's main thread is idle, or after `timeout` ms: the
 * first scan then does not compete with the page's own start-up (slots known
 * to be muted are held meanwhile: content/hold.js).
 * @param {number} timeout
 */
export function idle(timeout) {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') requestIdleCallback(() => resolve(undefined), { timeout });
    else setTimeout(resolve, 0);
  });
}

/** The next animation frame, or 100 ms in a background tab (no frames there). */
export function nextFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/**
 * Calls `run` after DOM changes have been quiet for `delay` ms, or `maxWait`
 * ms after the first change it has not run for, whichever comes first, until
 * `stop` is called (a page that never stops changing, such as a live chat
 * adding a line every 100 ms, would otherwise never be quiet).
 * `schedule` calls it as a change would.
 * @param {() => Promise<void>} run
 * @param {number} delay
 * @param {{ ignore?: (records: MutationRecord[]) => boolean, watch?: MutationObserverInit,
 *   record?: (records: MutationRecord[]) => void, maxWait?: number }} [options] records that are not a reason to
 *   run; what to observe (nodes added or removed, by default); every record, as it comes; the longest wait
 */
export function onQuietChanges(run, delay, { ignore = () => false, watch = { childList: true, subtree: true }, record, maxWait = Infinity } = {}) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  /** @type {number | null} when `run` is due at the latest: `maxWait` after the first change it has not run for */
  let due = null;
  const schedule = () => {
    clearTimeout(timer);
    const now = performance.now();
    due ??= now + maxWait;
    timer = setTimeout(() => {
      due = null;
      run().catch(logFailure);
    }, Math.max(0, Math.min(delay, due - now)));
  };
  const observer = new MutationObserver((records) => {
    record?.(records);
    if (!ignore(records)) schedule();
  });
  // The document, not its root element: a page that writes itself anew
  // (`document.open()` after it loaded) takes that element out, and what
  // it writes is in another one.
  observer.observe(document, watch);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  return { schedule, stop };
}
