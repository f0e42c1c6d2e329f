// Content script entry (bundled into one classic script by the build).
// Asks the engine what to look for, gathers it, and labels what the engine
// found. Any failure is caught and logged: AdLens must never break a page.

import { send } from './messages.js';
import { classesAndIds, ElementKeys, scanPage } from './content/scan.js';
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

  const scan = async () => {
    const snapshot = scanPage(document, plan, keys, await hidingSelectors());
    const report = await send({ type: 'page/report', page: snapshot });
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

/** @param {unknown} error */
function report(error) {
  console.debug('[AdLens] content script:', error instanceof Error ? error.message : error);
}

main().catch(report);
