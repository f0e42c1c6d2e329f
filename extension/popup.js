// Toolbar popup: what AdLens found on the current tab, and this site's
// switches: mute each kind here (overriding the global default), pause. In
// a private window the switches hold for private windows only, until the
// last one closes (settings.js says why).

import { send } from './messages.js';
import { applyChosenLanguage, localise } from './pages/i18n.js';
import { renderCounts, renderKindToggles } from './pages/kinds.js';
import { targetTabId } from './pages/tab.js';
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

async function main() {
  await applyChosenLanguage();
  localise(document);
  const tabId = await targetTabId();
  if (tabId === null) return;
  const summary = await send({ type: 'tab/get-summary', tabId });
  renderCounts(/** @type {HTMLElement} */ (document.getElementById('counts')), summary.counts);
  /** @type {HTMLElement} */ (document.getElementById('nothing')).hidden = summary.items.length > 0;
  /** @type {HTMLElement} */ (document.getElementById('private')).hidden = !summary.privateWindow;
  /** @type {HTMLAnchorElement} */ (document.getElementById('panel')).href = `panel.html?tabId=${tabId}`;
  if (summary.site) await renderSiteControls(summary.site, summary.privateWindow);
  // Time from navigation start to a filled popup, read by tests/bench/popup.mjs.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] popup:', error));
