// Observes every request (observation only: nothing is blocked or changed)
// and hands it to the engine, which records which third parties each site
// contacted. The site is the tab's top-level page, learnt from its
// main_frame request; after a worker restart, until the next navigation,
// the request's initiator stands in.

import { loadEngine } from './engine.js';
import { scheduleSave } from './memory.js';

/** @type {Map<number, string>} tab id → top-level page URL */
const pageOfTab = new Map();

/** Registers the observer. Call synchronously at top level. */
export function observeRequests() {
  chrome.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.type === 'main_frame') {
        pageOfTab.set(details.tabId, details.url);
        return undefined;
      }
      const d = /** @type {{ initiator?: string, documentUrl?: string }} */ (details);
      const page = pageOfTab.get(details.tabId) ?? d.documentUrl ?? d.initiator;
      if (!page || details.tabId < 0) return undefined;
      loadEngine()
        .then((engine) => {
          engine.observeRequest(details.url, page, details.type, details.timeStamp);
          scheduleSave(engine);
        })
        .catch((error) => console.warn('[AdLens] request not recorded:', error));
      return undefined;
    },
    { urls: ['http://*/*', 'https://*/*'] },
  );
  chrome.tabs.onRemoved.addListener((tabId) => pageOfTab.delete(tabId));
}
