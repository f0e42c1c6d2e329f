// Toolbar popup: what AdLens found on the current tab.

import { send } from './messages.js';
import { localise } from './pages/i18n.js';
import { renderCounts } from './pages/kinds.js';
import { targetTabId } from './pages/tab.js';

async function main() {
  localise(document);
  const tabId = await targetTabId();
  if (tabId === null) return;
  const summary = await send({ type: 'tab/get-summary', tabId });
  renderCounts(/** @type {HTMLElement} */ (document.getElementById('counts')), summary.counts);
  /** @type {HTMLElement} */ (document.getElementById('nothing')).hidden = summary.items.length > 0;
  /** @type {HTMLAnchorElement} */ (document.getElementById('panel')).href = `panel.html?tabId=${tabId}`;
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] popup:', error));
