// Per-tab state: the latest engine report for the page shown in each tab.
//
// Shape, in chrome.storage.session under `tab:<tabId>`:
//   { url: string, report: PageReport, updatedAt: epoch ms,
//     scanMs: the content script's last scan times on this page (≤ 20) }
// and under `frames:<tabId>`: { [frameId]: FrameReport }, what the page's
// frames reported about their content, until the tab navigates.
// storage.session survives the service worker being stopped and restarted
// (which Chrome does after 30 s idle) and is cleared when the browser quits.
// Each write replaces one key, which the storage API does atomically.

/** @typedef {import('../messages.js').TabState} TabState */

/** @param {number} tabId */
const keyOf = (tabId) => `tab:${tabId}`;
/** @param {number} tabId */
const framesKeyOf = (tabId) => `frames:${tabId}`;
/** Most frames remembered per tab. */
const MAX_FRAMES = 200;

/**
 * @param {number} tabId
 * @returns {Promise<Record<string, import('../messages.js').FrameReport>>}
 */
export async function readFrames(tabId) {
  const key = framesKeyOf(tabId);
  const stored = /** @type {Record<string, import('../messages.js').FrameReport> | undefined} */ (
    (await chrome.storage.session.get(key))[key]);
  return stored ?? {};
}

/**
 * @param {number} tabId
 * @param {number} frameId
 * @param {import('../messages.js').FrameReport} frame
 */
export async function writeFrame(tabId, frameId, frame) {
  const frames = await readFrames(tabId);
  if (!(frameId in frames) && Object.keys(frames).length >= MAX_FRAMES) return;
  frames[frameId] = frame;
  await chrome.storage.session.set({ [framesKeyOf(tabId)]: frames });
}

/**
 * @param {number} tabId
 * @returns {Promise<TabState | null>}
 */
export async function readTab(tabId) {
  const key = keyOf(tabId);
  const stored = await chrome.storage.session.get(key);
  return /** @type {TabState | undefined} */ (stored[key]) ?? null;
}

/** How many scan times are kept per tab. */
const MAX_TIMINGS = 20;

/**
 * @param {number} tabId
 * @param {import('../messages.js').PageReport} report
 * @param {number | undefined} scanMs the content script's time for this scan
 */
export async function writeTabReport(tabId, report, scanMs) {
  const previous = await readTab(tabId);
  const times = previous?.url === report.url ? previous.scanMs ?? [] : [];
  /** @type {TabState} */
  const state = {
    url: report.url,
    report,
    updatedAt: Date.now(),
    scanMs: scanMs === undefined ? times : [...times, scanMs].slice(-MAX_TIMINGS),
  };
  await chrome.storage.session.set({ [keyOf(tabId)]: state });
}

/** Forgets a tab's state when it closes or navigates away. */
export function watchTabs() {
  const forget = (/** @type {number} */ tabId) =>
    chrome.storage.session.remove([keyOf(tabId), framesKeyOf(tabId)]).catch(() => {});
  chrome.tabs.onRemoved.addListener(forget);
  chrome.tabs.onUpdated.addListener((tabId, change) => {
    // `status` needs no "tabs" permission; a new document starts "loading".
    if (change.status === 'loading') forget(tabId);
  });
}
