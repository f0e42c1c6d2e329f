// Observes every request (observation only: nothing is blocked or changed)
// and hands it to the engine, which records which third parties each site
// contacted and logs it as an observation of the tab's page visit. A
// request is recorded as it is sent (`onSendHeaders`), so one an ad blocker
// or AdLens's own retargeting block stopped, which never left the browser,
// is not taken for data the site sent (Chrome and Firefox alike fire
// `onBeforeRequest` for it, then only `onErrorOccurred`; one answered from
// the HTTP cache is sent as far as these events go). The page
// is the tab's top-level page, learnt from its main_frame request; after a
// worker restart the visit is read back from storage.session (visits.js);
// failing that (a page loaded before AdLens was updated), the tab's page
// stands in for a Chrome frame's request, else its own document or
// initiator. A request the page
// before sent as it was left (an analytics beacon on `pagehide`, sent after
// the next page's request) is that page's: the browsers say which
// top-level document made it (madeBy()). A private tab's requests are not
// recorded (private-tabs.js).

import { loadEngine } from './engine.js';
import { scheduleSave } from './memory.js';
import { scheduleFlush } from './observations.js';
import { forgetTab, isPrivateTab } from './private-tabs.js';
import { requestDocumentIds } from './visit-documents.js';
import { endVisit, startVisit, visitForPage, visitOfRequest } from './visits.js';

/** Registers the observer. Call synchronously at top level. */
export function observeRequests() {
  // A visit starts as its page is asked for, before any of its requests.
  chrome.webRequest.onBeforeRequest.addListener(
    (details) => {
      if (details.tabId >= 0 && !prerendering(details)) startVisit(details.tabId, details.url, details.timeStamp, details.requestId);
      return undefined;
    },
    { urls: ['http://*/*', 'https://*/*'], types: ['main_frame'] },
  );
  chrome.webRequest.onSendHeaders.addListener(
    (details) => {
      if (details.tabId < 0 || details.type === 'main_frame') return;
      // Firefox says whether the request is private; Chrome does not. A
      // page's being prerendered has its requests recorded for its
      // initiator's site, of no visit (prerendering()).
      const d = /** @type {{ initiator?: string, documentUrl?: string, incognito?: boolean }} */ (details);
      const prerendered = prerendering(details);
      const own = { visit: null, page: d.documentUrl ?? d.initiator };
      const ids = requestDocumentIds(details);
      Promise.all([loadEngine(), prerendered ? own : visitOfRequest(details.tabId, madeBy(details), ids), isPrivateTab(details.tabId, d.incognito)])
        .then(async ([engine, { visit, page }, hidden]) => {
          if (hidden) return;
          const pageUrl = page ?? (frameOfUnknownPage(details) ? await tabPage(details.tabId) : own.page);
          if (!pageUrl) return;
          engine.observeRequest(details.url, pageUrl, details.type, details.timeStamp, visit?.visitId);
          scheduleSave(engine);
          scheduleFlush(engine);
        })
        .catch((error) => console.warn('[AdLens] request not recorded:', error));
    },
    { urls: ['http://*/*', 'https://*/*'] },
  );
  // A page shown with no request of its own (one prerendered, or kept in
  // the back/forward cache) is a visit from the moment it is shown: its
  // requests from then on are its own, not the page's before it.
  chrome.tabs.onUpdated.addListener((tabId, change) => {
    if (change.url !== undefined) visitForPage(tabId, change.url, Date.now()).catch(() => {});
  });
  const forget = (/** @type {number} */ tabId) => {
    endVisit(tabId);
    forgetTab(tabId);
  };
  chrome.tabs.onRemoved.addListener(forget);
  // A tab Chrome discards goes on under a new id (tab-state.js); shown
  // again, it loads its page anew, a new visit.
  chrome.tabs.onReplaced?.addListener((_added, removed) => forget(removed));
}

/**
 * Whether a request is a page's being prerendered, which Chrome says (one
 * it guesses the user opens next, which may never be shown): not the tab's
 * page yet, so it starts no visit, and its requests are its initiator's
 * site's, of no visit (one prerendered from the address bar has no
 * initiator, and is not recorded).
 * @param {object} details a webRequest event's
 */
function prerendering(details) {
  return /** @type {{ documentLifecycle?: string }} */ (details).documentLifecycle === 'prerender';
}

/**
 * The top-level document that made a request, as far as the browser says.
 * Firefox names it: the request's own document in the top frame, or its
 * frame's top ancestor. Chrome gives only its origin, for the top
 * document's own requests (`frameType`, which stays `outermost_frame` for
 * the document being left though its `frameId` changes).
 * @param {object} details a webRequest event's
 * @returns {string | undefined}
 */
function madeBy(details) {
  const d = /** @type {{ frameId: number, frameType?: string, initiator?: string, documentUrl?: string, frameAncestors?: { url: string }[] }} */ (details);
  const ancestors = d.frameAncestors;
  if (ancestors?.length) return ancestors[ancestors.length - 1].url;
  if (d.frameId === 0 && d.documentUrl) return d.documentUrl;
  if (d.frameType === 'outermost_frame') return d.initiator;
  return undefined;
}

/**
 * Whether a request is a frame's in Chrome, which names neither its page
 * nor its top document: with no visit known for the tab (a page loaded
 * before AdLens was updated), its initiator is the frame's own origin, an
 * ad server's, not the site's.
 * @param {object} details a webRequest event's
 */
function frameOfUnknownPage(details) {
  return /** @type {{ frameType?: string }} */ (details).frameType === 'sub_frame';
}

/**
 * The page a tab shows, if it is a web page.
 * @param {number} tabId
 * @returns {Promise<string | undefined>}
 */
async function tabPage(tabId) {
  const tab = await chrome.tabs.get(tabId).catch(() => null);
  return tab?.url && /^https?:/.test(tab.url) ? tab.url : undefined;
}
