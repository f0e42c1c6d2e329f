// Content script entry (bundled into one classic script by the build), in
// every frame. In the top page it asks the engine what to look for, gathers
// it, and labels what the engine found. In a frame it only reports what the
// frame shows (an ad creative, its links) so the engine can attribute it to
// the slot that holds the frame. Any failure is caught and logged: AdLens
// must never break a page.

import { RESCAN, send } from './messages.js';
import { classesAndIds, ElementKeys, frameSummary, headingTexts, scanPage } from './content/scan.js';
import { LabelLayer } from './content/labels.js';
import { Muter } from './content/mute.js';
import { isMuted, isPaused, onSettingsChanged, readSettings, updateSettings } from './settings.js';

/** Quiet period after DOM changes before rescanning (late ads, infinite scroll). */
const RESCAN_DELAY_MS = 250;
/** A frame reports at most this many times (script-filled frames change). */
const MAX_FRAME_REPORTS = 5;

/**
 * Calls `run` after DOM changes have been quiet for `delay` ms.
 * @param {() => Promise<void>} run
 * @param {number} delay
 * @param {(records: MutationRecord[]) => boolean} [ignore]
 */
function onQuietChanges(run, delay, ignore = () => false) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => run().catch(report), delay);
  };
  new MutationObserver((records) => {
    if (!ignore(records)) schedule();
  }).observe(document.documentElement, { childList: true, subtree: true });
  return schedule;
}

async function topPage() {
  const plan = await send({ type: 'page/get-plan' });
  const keys = new ElementKeys();
  let settings = await readSettings();
  /** The page's site as the engine names it (registrable domain). */
  let site = '';
  /** @type {import('./content/labels.js').Labelled[]} */
  let labelled = [];
  const muter = new Muter(document);
  const layer = new LabelLayer(document, {
    site: () => site,
    onMute: (kind, scope) => {
      updateSettings((s) => {
        if (scope === 'everywhere') s.mute[kind] = true;
        else ((s.sites[site] ??= {}).mute ??= {})[kind] = true;
      }).catch(report);
    },
    onWrong: (item) => {
      send({
        type: 'feedback/label-wrong',
        url: location.href,
        kind: item.verdict.kind,
        elementId: item.elementId,
        classifierVersion: item.verdict.classifierVersion,
      }).catch(report);
    },
  });

  /** Labels and mutes as the settings say, without rescanning. */
  const show = () => {
    if (isPaused(settings, site)) {
      muter.restoreAll();
      layer.render([]);
      return;
    }
    muter.apply(labelled.filter((l) => isMuted(settings, site, l.item.verdict.kind)), settings.muteStyle, show);
    if (settings.labelStyle === 'off') layer.render([]);
    else layer.render(labelled, settings.labelStyle);
  };
  onSettingsChanged((fresh) => {
    settings = fresh;
    show();
  });

  /** Classes and ids already looked up, and the selectors they gave. */
  const looked = { classes: new Set(), ids: new Set(), selectors: /** @type {string[]} */ ([]) };
  const hidingSelectors = async () => {
    const { classes, ids } = classesAndIds(document, plan.limits.maxClassesAndIds);
    const fresh = [...classes].some((c) => !looked.classes.has(c)) || [...ids].some((i) => !looked.ids.has(i));
    if (fresh) {
      looked.selectors = await send({ type: 'page/get-cosmetic', url: location.href, classes: [...classes], ids: [...ids] });
      Object.assign(looked, { classes, ids });
    }
    return looked.selectors;
  };

  /** Heading texts already asked about, and those the engine called labels. */
  const asked = new Set();
  /** @type {Set<string>} */
  const labels = new Set();
  const labelTexts = async () => {
    const fresh = [...headingTexts(document, plan)].filter((t) => !asked.has(t));
    if (fresh.length > 0) {
      const indices = await send({ type: 'page/match-labels', texts: fresh });
      for (const text of fresh) asked.add(text);
      for (const i of indices) if (fresh[i] !== undefined) labels.add(fresh[i]);
    }
    return labels;
  };

  const scan = async () => {
    const [selectors, knownLabels] = await Promise.all([hidingSelectors(), labelTexts()]);
    // Scan at the start of a frame: the layout our box reads need is the one
    // the frame needs anyway, so flush it first rather than force an extra
    // one mid-scan. The synchronous DOM work is then one main-thread task,
    // timed so the budget (10 ms per scan) can be checked on real pages.
    await nextFrame();
    document.documentElement.getBoundingClientRect();
    const started = performance.now();
    const snapshot = scanPage(document, plan, keys, selectors, knownLabels);
    const scanMs = performance.now() - started;
    const report = await send({ type: 'page/report', page: snapshot, timing: { scanMs } });
    site = report.site;
    labelled = [];
    for (const item of report.items) {
      const element = keys.elementOf(item.key);
      if (element) labelled.push({ element, item });
    }
    show();
  };

  await scan();
  // Our own overlay and placeholders changing is not the page changing.
  const ours = (/** @type {Node} */ node) => node === layer.element || muter.ours.has(node);
  const schedule = onQuietChanges(scan, RESCAN_DELAY_MS, (records) =>
    records.every((r) => ours(r.target) || [...r.addedNodes, ...r.removedNodes].some(ours)));
  // The background asks for a rescan when a frame reported new content.
  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type === RESCAN) schedule();
  });
}

async function frame() {
  const plan = await send({ type: 'page/get-plan' });
  let reports = 0;
  let last = '';
  const reportFrame = async () => {
    const summary = frameSummary(document, plan);
    const key = JSON.stringify(summary);
    if (reports >= MAX_FRAME_REPORTS || key === last || (!summary.links.length && !summary.text && !summary.images.length)) return;
    reports += 1;
    last = key;
    await send({ type: 'frame/report', frame: summary });
  };
  await reportFrame();
  onQuietChanges(reportFrame, RESCAN_DELAY_MS);
}

/** The next animation frame, or 100 ms in a background tab (no frames there). */
function nextFrame() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

/** @param {unknown} error */
function report(error) {
  console.debug('[AdLens] content script:', error instanceof Error ? error.message : error);
}

(window.top === window ? topPage() : frame()).catch(report);
