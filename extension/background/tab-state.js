// Per-tab state: the latest engine report for the page shown in each tab.
//
// Shape, in chrome.storage.session under `tab:<tabId>`:
//   { url: string, report: PageReport, updatedAt: epoch ms,
//     scans: the content script's last scan timings on this page (≤ 20) }
// and under `frames:<tabId>`: { [frameId]: { at: epoch ms, report: FrameReport } },
// what the page's frames reported about their content, and when, until the
// tab navigates.
// storage.session survives the service worker being stopped and restarted
// (which Chrome does after 30 s idle) and is cleared when the browser quits.
// Each write replaces one key, which the storage API does atomically, and
// writes to one key are made one after the other (`update`): a report and a
// timing, or two frames, arriving together must not each overwrite the
// other's change with what they read before it.

import { tabStateKey } from '../messages.js';
import { forgetPage } from './page-snapshots.js';
import { oldestQuarter, setMakingRoom } from './storage-room.js';

/** @typedef {import('../messages.js').TabState} TabState */

/**
 * @typedef {import('../messages.js').FrameReport} FrameReport
 * @typedef {Record<string, { at: number, report: FrameReport }>} TabFrames a tab's frames' reports by frame id, each
 *   with when it came
 */

/** @param {number} tabId */
const framesKeyOf = (tabId) => `frames:${tabId}`;
/** Most frames remembered per tab: past it, the one that reported longest ago goes. */
export const MAX_FRAMES = 200;

/** The last pending update of each key. */
const updates = new Map();

/**
 * Reads one of a tab's keys, computes its new value and writes it, after any
 * update of the same key still under way. `change` returns undefined to
 * leave it as it is.
 * @template T
 * @param {number} tabId
 * @param {(tabId: number) => string} keyOf which of the tab's keys
 * @param {(current: T | undefined) => T | undefined} change
 * @returns {Promise<void>}
 */
function update(tabId, keyOf, change) {
  const key = keyOf(tabId);
  const run = async () => {
    const current = /** @type {T | undefined} */ ((await chrome.storage.session.get(key))[key]);
    const next = change(current);
    if (next !== undefined) await storeMakingRoom({ [key]: next }, tabId);
  };
  const done = (updates.get(key) ?? Promise.resolve()).then(run, run);
  updates.set(key, done);
  const forget = () => { if (updates.get(key) === done) updates.delete(key); };
  done.then(forget, forget);
  return done;
}

/**
 * Writes to storage.session (a tab's state took 0.6–66 kB on the saved real
 * pages): when it is full (hundreds of tabs open), the quarter of the other
 * tabs whose pages reported longest ago are forgotten (their popups are
 * empty until their pages change), and the write is tried again.
 * @param {Record<string, unknown>} items
 * @param {number} tabId the tab written for (whose state stays)
 */
export function storeMakingRoom(items, tabId) {
  return setMakingRoom(chrome.storage.session, items, () => forgetLeastRecentTabs(tabId));
}

/** @param {number} keep the tab whose state stays */
async function forgetLeastRecentTabs(keep) {
  const all = await chrome.storage.session.get(null);
  /** @type {Map<number, number>} each tab with anything kept, and when its page last reported (0: never) */
  const tabs = new Map();
  for (const [key, value] of Object.entries(all)) {
    const match = /^(?:tab|frames):(\d+)$/.exec(key);
    if (!match || Number(match[1]) === keep) continue;
    const id = Number(match[1]);
    const reported = key.startsWith('tab:') ? Number(/** @type {TabState} */ (value)?.updatedAt) || 0 : 0;
    tabs.set(id, Math.max(tabs.get(id) ?? 0, reported));
  }
  const oldest = oldestQuarter([...tabs]);
  console.warn(`[AdLens] storage.session is full: forgetting the pages of ${oldest.length} of ${tabs.size} other tabs, those reported longest ago`);
  await chrome.storage.session.remove(oldest.flatMap((id) => [tabStateKey(id), framesKeyOf(id)]));
}

/**
 * What the frames of the tab's page reported, the latest report of each.
 * @param {number} tabId
 * @returns {Promise<FrameReport[]>}
 */
export async function readFrames(tabId) {
  const key = framesKeyOf(tabId);
  const stored = /** @type {TabFrames | undefined} */ ((await chrome.storage.session.get(key))[key]);
  return Object.values(stored ?? {}).map((frame) => frame.report);
}

/**
 * Keeps a frame's report. A page that lives for hours (a live blog whose ad
 * frames come and go) may have more frames than are kept: the newest report
 * is the one on screen, so the oldest goes.
 * @param {number} tabId
 * @param {number} frameId
 * @param {FrameReport} report
 */
export function writeFrame(tabId, frameId, report) {
  return update(tabId, framesKeyOf, (/** @type {TabFrames | undefined} */ frames = {}) => {
    /** @type {TabFrames} */
    const kept = { ...frames, [frameId]: { at: Date.now(), report } };
    const ids = Object.keys(kept);
    if (ids.length > MAX_FRAMES) {
      const oldest = ids.reduce((a, b) => (kept[b].at < kept[a].at ? b : a));
      delete kept[oldest];
    }
    return kept;
  });
}

/**
 * Forgets what a frame reported: its document is going.
 * @param {number} tabId
 * @param {number} frameId
 */
export function dropFrame(tabId, frameId) {
  return update(tabId, framesKeyOf, (/** @type {TabFrames | undefined} */ frames) => {
    if (!frames || !(frameId in frames)) return undefined;
    const { [frameId]: _gone, ...rest } = frames;
    return rest;
  });
}

/**
 * Forgets what frames reported before the tab's page began: they were in an
 * earlier document of the same address, gone without saying so (its
 * process crashed, or the browser discarded the tab), and their creatives
 * would be added to their slots' new ones.
 * @param {number} tabId
 * @param {number} began when the page's document began (its time origin, epoch ms)
 */
export function dropFramesBefore(tabId, began) {
  return update(tabId, framesKeyOf, (/** @type {TabFrames | undefined} */ frames) => {
    if (!frames) return undefined;
    const kept = Object.entries(frames).filter(([, frame]) => frame.at >= began);
    return kept.length === Object.keys(frames).length ? undefined : Object.fromEntries(kept);
  });
}

/**
 * @param {number} tabId
 * @returns {Promise<TabState | null>}
 */
export async function readTab(tabId) {
  const key = tabStateKey(tabId);
  const stored = await chrome.storage.session.get(key);
  return /** @type {TabState | undefined} */ (stored[key]) ?? null;
}

/** How many scan times are kept per tab. */
const MAX_TIMINGS = 20;

/**
 * @param {number} tabId
 * @param {import('../messages.js').PageReport} report
 */
export function writeTabReport(tabId, report) {
  return update(tabId, tabStateKey, (/** @type {TabState | undefined} */ previous) => ({
    url: report.url,
    report,
    updatedAt: Date.now(),
    scans: previous?.url === report.url ? previous.scans ?? [] : [],
  }));
}

/**
 * Adds a scan's timing to the tab's state (for benchmarks), if the tab still
 * shows the page it was measured on.
 * @param {number} tabId
 * @param {string} url
 * @param {import('../messages.js').ScanTiming} timing
 */
export function writeTabTiming(tabId, url, timing) {
  return update(tabId, tabStateKey, (/** @type {TabState | undefined} */ state) => {
    if (state?.url !== url) return undefined;
    const { scanMs, labelMs, longestMs, whole } = timing;
    const scans = [...(state.scans ?? []), { scanMs, labelMs, longestMs, whole }].slice(-MAX_TIMINGS);
    return { ...state, scans };
  });
}

/**
 * A URL without its fragment: a jump within a page is the same page.
 * @param {string} url
 */
const pageOf = (url) => url.split('#', 1)[0];

/**
 * Forgets a tab's state (its page's report, its frames' reports) when it
 * closes, is replaced, or shows another page. A tab is "loading" again
 * when a frame of its page navigates (an ad refreshed), when the page
 * jumps within itself, and when it shows another document: forgetting the
 * page at each frame's navigation lost the reports of its other frames,
 * which do not report again (their slots lost their creatives' links and
 * words). So the state is kept while the tab shows an address of the page
 * it is of (its fragment aside: the page tells it again at a jump,
 * content.js). The same address loaded again replaces it with its first
 * report, and its old frames' reports went as their documents did
 * (`frame/gone`), or go as it reports (`dropFramesBefore`). A request
 * for a new top document does not forget it: a link that turns out to be
 * a download leaves the page where it was.
 */
export function watchTabs() {
  const forget = (/** @type {number} */ tabId) => {
    forgetPage(tabId);
    chrome.storage.session.remove([tabStateKey(tabId), framesKeyOf(tabId)]).catch(() => {});
  };
  chrome.tabs.onRemoved.addListener(forget);
  // Chrome gives a tab it discards (Memory Saver, or an extension's
  // `tabs.discard`) a new id, and tells of the old one only here (measured,
  // Chromium 156): its state would stay until the browser quits.
  chrome.tabs.onReplaced?.addListener((_added, removed) => forget(removed));
  chrome.tabs.onUpdated.addListener((tabId, change, tab) => {
    // Looked at as the tab starts loading, and as its address changes
    // (which may be told apart, after). Its address needs no "tabs"
    // permission on the sites AdLens may see.
    if (change.status !== 'loading' && change.url === undefined) return;
    const showing = change.url ?? tab.url;
    if (!showing) {
      forget(tabId);
      return;
    }
    readTab(tabId).then((state) => {
      if (!state || pageOf(state.url) !== pageOf(showing)) forget(tabId);
    }).catch(() => forget(tabId));
  });
}
