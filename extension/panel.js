// Tracking panel. For now: the items found on one tab with their evidence,
// and what AdLens has learnt from the user's browsing (the interest profile
// and the sites behind it), with "forget this site" and "forget everything".
// The per-site history view builds on this page.

import { evidenceSentence, topicName } from './evidence.js';
import { send } from './messages.js';
import { localise } from './pages/i18n.js';
import { renderCounts } from './pages/kinds.js';
import { targetTabId } from './pages/tab.js';

/** Shows the interest profile and the remembered sites. */
async function renderMemory() {
  const view = await send({ type: 'memory/get-interests' });
  const name = (/** @type {string} */ id) => topicName(id) || view.topicNames[id] || id;
  const interests = /** @type {HTMLElement} */ (document.getElementById('interests'));
  const number = new Intl.NumberFormat(chrome.i18n.getUILanguage(), { style: 'percent' });
  interests.replaceChildren(
    ...(view.interests.topics.length === 0
      ? [Object.assign(document.createElement('li'), { textContent: chrome.i18n.getMessage('memoryEmpty') })]
      : view.interests.topics.slice(0, 10).map(([topic, share]) => {
          const li = document.createElement('li');
          li.dataset.topic = topic;
          li.textContent = `${name(topic)} · ${number.format(share)}`;
          return li;
        })),
  );
  const body = /** @type {HTMLElement} */ (document.querySelector('#memory-sites tbody'));
  body.replaceChildren(
    ...view.sites.map((site) => {
      const row = document.createElement('tr');
      row.dataset.site = site.site;
      for (const text of [site.site, String(site.visits), site.topics.map(name).join(', ')]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      const forget = document.createElement('button');
      forget.type = 'button';
      forget.textContent = chrome.i18n.getMessage('memoryForget');
      forget.setAttribute('aria-label', `${chrome.i18n.getMessage('memoryForget')} ${site.site}`);
      forget.addEventListener('click', () => {
        send({ type: 'memory/forget-site', site: site.site }).then(renderMemory).catch(showError);
      });
      const cell = document.createElement('td');
      cell.append(forget);
      row.append(cell);
      return row;
    }),
  );
}

/** @param {unknown} error */
function showError(error) {
  console.error('[AdLens] panel:', error);
}

async function main() {
  localise(document);
  /** @type {HTMLElement} */ (document.getElementById('wipe')).addEventListener('click', () => {
    if (!confirm(chrome.i18n.getMessage('memoryWipeConfirm'))) return;
    send({ type: 'memory/wipe' }).then(renderMemory).catch(showError);
  });
  await renderMemory();
  const tabId = await targetTabId();
  if (tabId === null) {
    document.body.dataset.ready = 'true';
    return;
  }
  const summary = await send({ type: 'tab/get-summary', tabId });
  /** @type {HTMLElement} */ (document.getElementById('page-url')).textContent = summary.url ?? '';
  renderCounts(/** @type {HTMLElement} */ (document.getElementById('counts')), summary.counts);
  const body = /** @type {HTMLElement} */ (document.querySelector('#items tbody'));
  body.replaceChildren(
    ...summary.items.map((item) => {
      const row = document.createElement('tr');
      const what = [item.itemType, item.vendor, item.label?.phrase].filter(Boolean).join(' · ');
      const context = { nowMs: Date.now(), locale: chrome.i18n.getUILanguage() };
      const why = item.verdict.evidence.map((e) => evidenceSentence(e, context)).join(' · ');
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
