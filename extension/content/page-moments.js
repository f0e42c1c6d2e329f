// The moments in a page's life the content scripts wait for (they start
// once the document is parsed, as the manifest asks, but for the early
// hold): the page loaded, its main thread idle, the next frame, and DOM
// changes gone quiet.

import { logFailure } from './log.js';

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
 * Calls `run` after DOM changes have been quiet for `delay` ms, until
 * `stop` is called. `schedule` calls it after `delay` ms of quiet from now.
 * @param {() => Promise<void>} run
 * @param {number} delay
 * @param {{ ignore?: (records: MutationRecord[]) => boolean, watch?: MutationObserverInit,
 *   record?: (records: MutationRecord[]) => void }} [options] records that are not a reason to
 *   run; what to observe (nodes added or removed, by default); every record, as it comes
 */
export function onQuietChanges(run, delay, { ignore = () => false, watch = { childList: true, subtree: true }, record } = {}) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => run().catch(logFailure), delay);
  };
  const observer = new MutationObserver((records) => {
    record?.(records);
    if (!ignore(records)) schedule();
  });
  observer.observe(document.documentElement, watch);
  const stop = () => {
    observer.disconnect();
    clearTimeout(timer);
  };
  return { schedule, stop };
}
