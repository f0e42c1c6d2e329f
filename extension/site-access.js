// Whether AdLens may see a tab's site. Both browsers let the user withhold
// an extension's host access (Chrome's "site access: on click / on specific
// sites", Firefox's extensions panel and about:addons); AdLens then sees
// nothing of those pages, neither their ads nor their requests, and its
// popup must say so rather than "no ads found" on a page full of them, and
// offer to ask again. Content scripts start with a page's load, so a tab the
// user allowed AdLens on from the popup is reloaded (by the background,
// which outlives the popup: a browser may close the popup for its prompt).

/** The sites AdLens asks for: its manifest's host permissions. */
export const ALL_SITES = ['http://*/*', 'https://*/*'];

/**
 * `storage.session` key: the tab whose popup asked for access, reloaded by
 * the background once it is granted ({ tabId, time }).
 */
export const RELOAD_WHEN_ALLOWED_KEY = 'access:reload';

/**
 * What AdLens's access means for one tab:
 * - `all`: it may see every site;
 * - `limited`: it sees this one, not every site, so ads following the user
 *   from the others go unnoticed;
 * - `withheld`: it may not see this one (its access is limited);
 * - `closed`: no extension runs there (the browser's own pages and stores).
 * @typedef {'all' | 'limited' | 'withheld' | 'closed'} Access
 */

/**
 * A tab's access from what an extension page can know of it.
 * @param {{ allSites: boolean, seen: boolean, url: string | null }} facts
 *   allSites: the host permissions for every site are granted;
 *   seen: AdLens has a report from the tab;
 *   url: the tab's URL when AdLens may read it (a granted site, or the tab
 *   the user just clicked AdLens's button in), else null
 * @returns {{ access: Access, site: string | null }} site: the tab's host when known
 */
export function accessOf({ allSites, seen, url }) {
  const web = url !== null && /^https?:/i.test(url);
  const site = web ? hostOf(url) : null;
  if (allSites) return { access: seen || web ? 'all' : 'closed', site };
  if (seen) return { access: 'limited', site };
  // A page the browser names but that is not a web page is closed to every
  // extension, whatever its access.
  return { access: url !== null && !web ? 'closed' : 'withheld', site };
}

/** @param {string} url */
function hostOf(url) {
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/**
 * What the browser lets AdLens know of a tab's access (for `accessOf`,
 * with whether AdLens has a report from it): asked alongside that report.
 * @param {number} tabId
 * @returns {Promise<{ allSites: boolean, url: string | null }>}
 */
export async function tabAccessFacts(tabId) {
  const [tab, allSites] = await Promise.all([
    chrome.tabs.get(tabId).catch(() => null),
    chrome.permissions.contains({ origins: ALL_SITES }),
  ]);
  return { allSites, url: tab?.url || tab?.pendingUrl || null };
}

/**
 * Calls `show` with whether AdLens may see every site, now and whenever the
 * user changes its site access (in the browser or through `askForAllSites`).
 * @param {(allSites: boolean) => void} show
 * @param {(error: unknown) => void} onError
 * @returns {Promise<void>} once `show` has been called the first time
 */
export function followAllSitesAccess(show, onError) {
  const check = () => chrome.permissions.contains({ origins: ALL_SITES }).then(show).catch(onError);
  chrome.permissions.onAdded.addListener(() => { void check(); });
  chrome.permissions.onRemoved.addListener(() => { void check(); });
  return check();
}

/**
 * Asks the user to allow AdLens on every site (the browser's own prompt),
 * and has the background reload `tabId`, if given, once allowed. Must be
 * called in the click's handler, before anything is awaited: both browsers
 * prompt only for a user's gesture. Resolves true when allowed.
 * @param {number} [tabId] the tab the popup is about
 */
export function askForAllSites(tabId) {
  const noted = tabId === undefined ? null : chrome.storage.session.set({ [RELOAD_WHEN_ALLOWED_KEY]: { tabId, time: Date.now() } });
  const asked = chrome.permissions.request({ origins: ALL_SITES });
  return Promise.all([noted, asked]).then(([, granted]) => granted);
}
