// Toolbar popup: what AdLens found on the current tab, and this site's
// switches: mute each kind here (overriding the global default), pause. In
// a private window the switches hold for private windows only, until the
// last one closes (settings.js says why). Where the user has kept AdLens
// off the site (its site access), it says so and offers to ask for access.

import { msg } from './i18n.js';
import { send } from './messages.js';
import { applyChosenLanguage, localise } from './pages/i18n.js';
import { renderCounts, renderKindToggles } from './pages/kinds.js';
import { targetTabId } from './pages/tab.js';
import { accessOf, askForAllSites, tabAccessFacts } from './site-access.js';
import { isMuted, isPaused, readPrivateSites, readSettings, updatePrivateSite, updateSettings, withPrivateSites } from './settings.js';

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
 * The per-site switches, from and back to the settings.
 * @param {string} site
 * @param {boolean} privateWindow whether the tab is in a private window
 */
async function renderSiteControls(site, privateWindow) {
  const [ordinary, privateSites] = await Promise.all([readSettings(), privateWindow ? readPrivateSites() : {}]);
  const settings = withPrivateSites(ordinary, privateSites);
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
 * @param {number} tabId
 */
function renderAccess(access, site, tabId) {
  const box = /** @type {HTMLElement} */ (document.getElementById('access'));
  if (access === 'all') return;
  const note = {
    limited: () => msg('popupLimitedAccess'),
    withheld: () => (site ? msg('popupNoAccessSite', [site]) : msg('popupNoAccess')),
    closed: () => msg('popupClosedPage'),
  }[access]();
  /** @type {HTMLElement} */ (document.getElementById('access-note')).textContent = note;
  const allow = /** @type {HTMLButtonElement} */ (document.getElementById('allow-all-sites'));
  allow.hidden = access === 'closed';
  allow.addEventListener('click', () => {
    // Asked at once: the browser prompts only within the click.
    askForAllSites(tabId).then((granted) => {
      if (!granted) {
        /** @type {HTMLElement} */ (document.getElementById('access-status')).textContent = msg('popupAllowRefused');
        return;
      }
      // The background reloads the tab; the toolbar's popup has done its work,
      // a popup opened for a tab (the panel's link, tests) shows the change.
      if (new URLSearchParams(location.search).has('tabId')) location.reload();
      else window.close();
    }).catch((error) => console.error('[AdLens] popup:', error));
  });
  box.hidden = false;
  // Where AdLens sees nothing, no count or "nothing found" can be true.
  if (access !== 'limited') /** @type {HTMLElement} */ (document.getElementById('counts')).hidden = true;
}

async function main() {
  await applyChosenLanguage();
  localise(document);
  const tabId = await targetTabId();
  if (tabId === null) return;
  const [summary, facts] = await Promise.all([send({ type: 'tab/get-summary', tabId }), tabAccessFacts(tabId)]);
  const { access, site } = accessOf({ ...facts, seen: summary.site !== null });
  renderCounts(/** @type {HTMLElement} */ (document.getElementById('counts')), summary.counts);
  /** @type {HTMLElement} */ (document.getElementById('nothing')).hidden = summary.items.length > 0 || access === 'withheld' || access === 'closed';
  renderAccess(access, site, tabId);
  /** @type {HTMLElement} */ (document.getElementById('private')).hidden = !summary.privateWindow;
  /** @type {HTMLAnchorElement} */ (document.getElementById('panel')).href = `panel.html?tabId=${tabId}`;
  if (summary.site) await renderSiteControls(summary.site, summary.privateWindow);
  // Time from navigation start to a filled popup, read by tests/bench/popup.mjs.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] popup:', error));
