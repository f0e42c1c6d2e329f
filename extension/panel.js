// Tracking panel. For now: the items found on one tab with their evidence.
// The per-site history view builds on this page.

import { send } from './messages.js';
import { localise } from './pages/i18n.js';
import { renderCounts } from './pages/kinds.js';
import { targetTabId } from './pages/tab.js';

async function main() {
  localise(document);
  const tabId = await targetTabId();
  if (tabId === null) return;
  const summary = await send({ type: 'tab/get-summary', tabId });
  /** @type {HTMLElement} */ (document.getElementById('page-url')).textContent = summary.url ?? '';
  renderCounts(/** @type {HTMLElement} */ (document.getElementById('counts')), summary.counts);
  const body = /** @type {HTMLElement} */ (document.querySelector('#items tbody'));
  body.replaceChildren(
    ...summary.items.map((item) => {
      const row = document.createElement('tr');
      const what = [item.itemType, item.vendor, item.label?.phrase].filter(Boolean).join(' · ');
      const why = item.verdict.evidence.map((e) => e.sentence).join(' · ');
      for (const text of [what, chrome.i18n.getMessage(`kind_${item.verdict.kind}`), why]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] panel:', error));
