// When the user allows AdLens on every site from the popup, the tab the
// popup was about is reloaded: its content scripts and request observation
// start only with a page's load. Done here, not in the popup, which the
// browser may have closed for its prompt.

import { ALL_SITES, RELOAD_WHEN_ALLOWED_KEY } from '../site-access.js';

/** How long a popup's request stays worth acting on. */
const ASKED_WITHIN_MS = 10 * 60 * 1000;

/** Registers the listener. Call synchronously at top level. */
export function watchSiteAccess() {
  chrome.permissions.onAdded.addListener(() => {
    reloadAskedTab().catch((error) => console.error('[AdLens] site access:', error));
  });
}

/** Reloads the tab whose popup asked for access, once every site is allowed. */
export async function reloadAskedTab() {
  if (!(await chrome.permissions.contains({ origins: ALL_SITES }))) return;
  const { [RELOAD_WHEN_ALLOWED_KEY]: asked } = await chrome.storage.session.get(RELOAD_WHEN_ALLOWED_KEY);
  if (!asked) return;
  await chrome.storage.session.remove(RELOAD_WHEN_ALLOWED_KEY);
  const { tabId, time } = /** @type {{ tabId?: unknown, time?: unknown }} */ (asked);
  if (typeof tabId !== 'number' || typeof time !== 'number' || Date.now() - time > ASKED_WITHIN_MS) return;
  await chrome.tabs.reload(tabId).catch(() => {}); // closed since: nothing to reload
}
