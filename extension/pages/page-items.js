// The popup's list of what the page shows: each ad or widget as its label
// reads on the page, with who served it, the ones chosen for you first.
// Choosing one brings it into view on the page and opens its "why" card
// (the page's content script does it: `SHOW_ITEM`).

import { msg } from '../i18n.js';
import { labelText } from '../item-label.js';
import { SHOW_ITEM } from '../messages.js';
import { openedForTab } from './tab.js';

/** Most items listed; the rest are counted. */
export const MAX_LISTED = 12;
/** The kinds' order in the list: the ones chosen for you first. */
const ORDER = { retargeted: 0, behavioural: 1, contextual: 2, generic: 3 };

/**
 * @param {HTMLElement} box the list's section (`#page-items`), hidden when there is nothing to list
 * @param {number} tabId
 * @param {import('../messages.js').ReportedItem[]} items the tab's report's items
 * @param {(kind: import('../messages.js').Kind) => boolean} hidden whether items of a kind are hidden on the page
 *   (muted, or AdLens paused there): those are not listed
 */
export function renderPageItems(box, tabId, items, hidden) {
  const listed = items
    .filter((item) => !hidden(item.verdict.kind))
    .sort((a, b) => ORDER[a.verdict.kind] - ORDER[b.verdict.kind] || a.rect.y - b.rect.y);
  const list = /** @type {HTMLElement} */ (box.querySelector('ul'));
  list.replaceChildren(...listed.slice(0, MAX_LISTED).map((item) => {
    const li = document.createElement('li');
    li.className = item.verdict.kind;
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.key = String(item.key);
    const by = item.vendor ?? item.landingDomain;
    button.textContent = by ? `${labelText(item)} — ${by}` : labelText(item);
    button.setAttribute('aria-label', msg('popupShowItem', [button.textContent]));
    button.addEventListener('click', () => {
      showOnPage(box, tabId, item.key).catch((error) => console.error('[AdLens] popup:', error));
    });
    li.append(button);
    return li;
  }));
  if (listed.length > MAX_LISTED) {
    const more = document.createElement('li');
    more.textContent = msg('andMore', [listed.length - MAX_LISTED]);
    list.append(more);
  }
  box.hidden = listed.length === 0;
}

/**
 * Asks the page to show an item; the toolbar's popup then closes, so the
 * page and the item's card are in view.
 * @param {HTMLElement} box
 * @param {number} tabId
 * @param {number} key
 */
async function showOnPage(box, tabId, key) {
  const status = /** @type {HTMLElement} */ (box.querySelector('[role="status"]'));
  status.textContent = '';
  /** @type {unknown} */
  let answer = null;
  try {
    answer = await chrome.tabs.sendMessage(tabId, { type: SHOW_ITEM, key }, { frameId: 0 });
  } catch {
    // No page script there any more (the tab went elsewhere).
  }
  if (!(/** @type {{ shown?: unknown } | null} */ (answer)?.shown === true)) {
    status.textContent = msg('popupItemGone');
    return;
  }
  if (!openedForTab()) window.close();
}
