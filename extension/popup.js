// Toolbar popup: what AdLens found on the current tab, and this site's
// switches: mute each kind here (overriding the global default), pause.

import { send } from './messages.js';
import { applyChosenLanguage, localise } from './pages/i18n.js';
import { renderCounts, renderKindToggles } from './pages/kinds.js';
import { targetTabId } from './pages/tab.js';
import { isMuted, isPaused, readSettings, updateSettings } from './settings.js';

/**
 * The per-site switches, from and back to the settings.
 * @param {string} site
 */
async function renderSiteControls(site) {
  const settings = await readSettings();
  renderKindToggles(/** @type {HTMLElement} */ (document.getElementById('mutes')), (kind) => isMuted(settings, site, kind), (kind, checked) => {
    updateSettings((s) => {
      ((s.sites[site] ??= {}).mute ??= {})[kind] = checked;
    }).catch((error) => console.error('[AdLens] popup:', error));
  });
  const pause = /** @type {HTMLInputElement} */ (document.getElementById('pause'));
  pause.checked = isPaused(settings, site);
  pause.addEventListener('change', () => {
    updateSettings((s) => {
      const own = (s.sites[site] ??= {});
      if (pause.checked) own.paused = true;
      else delete own.paused;
    }).catch((error) => console.error('[AdLens] popup:', error));
  });
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
  if (summary.site) await renderSiteControls(summary.site);
  // Time from navigation start to a filled popup, read by tests/bench/popup.mjs.
  document.body.dataset.readyMs = String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] popup:', error));
