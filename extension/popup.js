// Toolbar popup: what AdLens found on the current tab, and this site's
// switches: mute each kind here (overriding the global default), pause. In
// a private window the switches hold for private windows only, until the
// last one closes (settings.js says why). Where the user has kept AdLens
// off the site (its site access), it says so and offers to ask for access.
// It follows the tab while open: what a scan finds shows at once. It lists
// the page's ads and widgets (pages/page-items.js): choosing one brings it
// into view on the page with its "why" card open; and what each kind means.

import { optOutsNamed } from './evidence.js';
import { msg, uiLocale } from './i18n.js';
import { send, tabStateKey } from './messages.js';
import { applyChosenLanguage, localise } from './pages/i18n.js';
import { renderCounts, renderKindMeanings, renderKindToggles } from './pages/kinds.js';
import { renderPageItems } from './pages/page-items.js';
import { openedForTab, targetTabId } from './pages/tab.js';
import { accessOf, askForAllSites, tabAccessFacts } from './site-access.js';
import { PRIVATE_SITES_KEY, SETTINGS_KEY, isItemHidden, isMuted, isPaused, readPrivateSites, readSettings, updatePrivateSite, updateSettings, withPrivateSites } from './settings.js';

/**
 * Changes this site's own choices: in the settings, or for a private tab
 * in the private windows' choices.
 * @param {string} site
 * @param {boolean} privateWindow
 * @param {(own: import('./settings.js').SiteSettings) => void} change
 */
function changeSite(site, privateWindow, change) {
  const done = privateWindow ? updatePrivateSite(site, change) : updateSettings((s) => change((s.sites[site] ??= {})));
  done.catch((error) => console.error('[AdLens] popup:', error));
}

/**
 * The settings the tab goes by: in a private window, with the private
 * windows' choices.
 * @param {boolean} privateWindow
 * @param {import('./settings.js').Settings} [read] the settings, if just read
 */
async function tabSettings(privateWindow, read) {
  const [ordinary, privateSites] = await Promise.all([read ?? readSettings(), privateWindow ? readPrivateSites() : {}]);
  return withPrivateSites(ordinary, privateSites);
}

/**
 * The per-site switches, from and back to the settings.
 * @param {string} site
 * @param {boolean} privateWindow whether the tab is in a private window
 * @param {import('./settings.js').Settings} settings as the tab goes by them
 */
function renderSiteControls(site, privateWindow, settings) {
  renderKindToggles(/** @type {HTMLElement} */ (document.getElementById('mutes')), (kind) => isMuted(settings, site, kind), (kind, checked) => {
    changeSite(site, privateWindow, (own) => {
      (own.mute ??= {})[kind] = checked;
    });
  });
  const pause = /** @type {HTMLInputElement} */ (document.getElementById('pause'));
  pause.checked = isPaused(settings, site);
  pause.addEventListener('change', () => {
    changeSite(site, privateWindow, (own) => {
      // A private window's "not paused" must say so: it wins over an ordinary pause.
      if (pause.checked || privateWindow) own.paused = pause.checked;
      else delete own.paused;
    });
  });
  /** @type {HTMLElement} */ (document.getElementById('private-switches')).hidden = !privateWindow;
  /** @type {HTMLElement} */ (document.getElementById('site-controls')).hidden = false;
}

/**
 * What AdLens's site access means for this tab, and a button asking for
 * every site where it is limited.
 * @param {import('./site-access.js').Access} access
 * @param {string | null} site the tab's host, when AdLens may read it
 */
function renderAccess(access, site) {
  /** @type {HTMLElement} */ (document.getElementById('access')).hidden = access === 'all';
  if (access === 'all') return;
  const note = {
    limited: () => msg('popupLimitedAccess'),
    withheld: () => (site ? msg('popupNoAccessSite', [site]) : msg('popupNoAccess')),
    closed: () => msg('popupClosedPage'),
  }[access]();
  /** @type {HTMLElement} */ (document.getElementById('access-note')).textContent = note;
  /** @type {HTMLElement} */ (document.getElementById('allow-all-sites')).hidden = access === 'closed';
}

/**
 * The button asking for every site: the background reloads the tab once
 * allowed.
 * @param {number} tabId
 */
function setUpAllowButton(tabId) {
  document.getElementById('allow-all-sites')?.addEventListener('click', () => {
    // Asked at once: the browser prompts only within the click.
    askForAllSites(tabId).then((granted) => {
      if (!granted) {
        /** @type {HTMLElement} */ (document.getElementById('access-status')).textContent = msg('popupAllowRefused');
        return;
      }
      // The background reloads the tab; the toolbar's popup has done its work,
      // a popup opened for a tab (the panel's link, tests) shows the change.
      if (openedForTab()) location.reload();
      else window.close();
    }).catch((error) => console.error('[AdLens] popup:', error));
  });
}

/**
 * Shows what AdLens found on the tab, and what its site access means there.
 * @param {import('./messages.js').TabSummary} summary
 * @param {{ allSites: boolean, url: string | null }} facts
 * @param {import('./settings.js').Settings} settings as the tab goes by them
 */
function renderSummary(summary, facts, settings) {
  const { site } = summary;
  const hidden = (/** @type {import('./messages.js').ReportedItem} */ item) =>
    site !== null && (isPaused(settings, site) || isItemHidden(settings, site, item));
  renderPageItems(/** @type {HTMLElement} */ (document.getElementById('page-items')), summary.tabId, summary.items, hidden);
  const { access, site: named } = accessOf({ ...facts, seen: site !== null });
  const counts = /** @type {HTMLElement} */ (document.getElementById('counts'));
  renderCounts(counts, summary.counts);
  // Where AdLens sees nothing, no count or "nothing found" can be true.
  const blind = access === 'withheld' || access === 'closed';
  counts.hidden = blind;
  /** @type {HTMLElement} */ (document.getElementById('meanings')).hidden = blind;
  /** @type {HTMLElement} */ (document.getElementById('nothing')).hidden = summary.items.length > 0 || blind;
  renderConsentNote(summary.items, hidden, blind);
  renderAccess(access, named);
  /** @type {HTMLElement} */ (document.getElementById('private')).hidden = !summary.privateWindow;
}

/** The evidence that an ad chosen for the user went against what they asked. */
const AGAINST = new Set(['personalised_ads_refused', 'targeted_ads_opted_out', 'global_privacy_control']);

/**
 * Where the site told ad companies the user did not consent to personalised
 * ads (TCF), or opted out of them (US strings: what of), or the user's
 * browser asked the site not to sell or share their data (GPC), and ads on the page
 * (of kinds not hidden) were chosen for them all the same, says so, with
 * how many.
 * @param {import('./messages.js').ReportedItem[]} items
 * @param {(item: import('./messages.js').ReportedItem) => boolean} hidden
 * @param {boolean} blind AdLens cannot see the page
 */
function renderConsentNote(items, hidden, blind) {
  /** @type {import('./messages.js').Evidence[]} */
  const against = items.filter((i) => !hidden(i)).flatMap((i) => i.verdict.evidence
    .filter((e) => AGAINST.has(e.type)).slice(0, 1));
  const note = /** @type {HTMLElement} */ (document.getElementById('consent-note'));
  note.hidden = against.length === 0 || blind;
  const optedOut = against.find((e) => e.type === 'targeted_ads_opted_out');
  const what = optedOut ? optOutsNamed(optedOut.optOuts, uiLocale()) : '';
  const count = String(against.length);
  // What the site itself passed on comes first; else what the browser asked of it.
  note.textContent = note.hidden ? ''
    : what ? msg('popupOptedOut', [what, count])
      : against.some((e) => e.type === 'personalised_ads_refused') ? msg('popupConsentRefused', [count]) : msg('popupGpc', [count]);
}

async function main() {
  // The tab's summary is asked for while the language loads: each is a
  // round trip (to the background, to storage), and they do not depend on
  // each other.
  const settings = readSettings();
  const target = targetTabId();
  /** @param {number} tabId */
  const ask = (tabId) => Promise.all([send({ type: 'tab/get-summary', tabId }), tabAccessFacts(tabId)]);
  const found = target.then((tabId) => (tabId === null ? null : ask(tabId)));
  found.catch(() => {}); // awaited below; a failure is reported there
  await applyChosenLanguage(await settings);
  localise(document);
  renderKindMeanings(/** @type {HTMLElement} */ (document.querySelector('#meanings dl')));
  const tabId = await target;
  const answers = await found;
  if (tabId === null || answers === null) return;
  setUpAllowButton(tabId);
  const [summary, facts] = answers;
  const applied = await tabSettings(summary.privateWindow, await settings);
  renderSummary(summary, facts, applied);
  /** @type {HTMLAnchorElement} */ (document.getElementById('panel')).href = `panel.html?tabId=${tabId}`;
  let site = summary.site;
  if (site) renderSiteControls(site, summary.privateWindow, applied);
  // Followed while open: a popup opened before the page's first scan (which
  // waits for its load, up to 3 s) fills in when it ends, the counts follow
  // late ads, and the list of items follows the switches.
  chrome.storage.onChanged.addListener((changes, area) => {
    const followed = area === 'session' ? tabStateKey(tabId) in changes || PRIVATE_SITES_KEY in changes : SETTINGS_KEY in changes;
    if (!followed) return;
    ask(tabId).then(async ([fresh, freshFacts]) => {
      const freshSettings = await tabSettings(fresh.privateWindow);
      renderSummary(fresh, freshFacts, freshSettings);
      if (!site && fresh.site) {
        site = fresh.site;
        renderSiteControls(site, fresh.privateWindow, freshSettings);
      }
    }).catch((error) => console.error('[AdLens] popup:', error));
  });
  // Time from navigation start to a filled popup, read by tests/bench/popup.mjs.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] popup:', error));
