// Content script entry (bundled into one classic script by the build).
// Asks the engine what to look for, gathers it, and labels what the engine
// found. Any failure is caught and logged: AdLens must never break a page.

import { send } from './messages.js';
import { classesAndIds, ElementKeys, headingTexts, scanPage } from './content/scan.js';
import { LabelLayer } from './content/labels.js';

/** Quiet period after DOM changes before rescanning (late ads, infinite scroll). */
const RESCAN_DELAY_MS = 250;

async function main() {
  if (window.top !== window) return; // frames are attributed to their slot later
  const plan = await send({ type: 'page/get-plan' });
  const keys = new ElementKeys();
  const layer = new LabelLayer(document);

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
    const labelled = [];
    for (const item of report.items) {
      const element = keys.elementOf(item.key);
      if (element) labelled.push({ element, item });
    }
    layer.render(labelled);
  };

  await scan();

  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  new MutationObserver((records) => {
    if (records.every((r) => r.target === layer.element || [...r.addedNodes].includes(layer.element))) return;
    clearTimeout(timer);
    timer = setTimeout(() => scan().catch(report), RESCAN_DELAY_MS);
  }).observe(document.documentElement, { childList: true, subtree: true });
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

main().catch(report);
