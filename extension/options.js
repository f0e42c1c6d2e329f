// Options page: the kinds muted by default and how a muted item looks; how
// long data is kept and "forget everything"; which
// engine, rules and filter lists are running, how fresh the lists are, and
// "update now".

import { send } from './messages.js';
import { localise } from './pages/i18n.js';
import { renderKindToggles } from './pages/kinds.js';
import { RETENTION_CHOICES, readSettings, updateSettings } from './settings.js';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {number | null} time epoch ms */
function ago(time) {
  if (time === null) return chrome.i18n.getMessage('optionsNever');
  const minutes = Math.round((Date.now() - time) / 60_000);
  const format = new Intl.RelativeTimeFormat(chrome.i18n.getUILanguage(), { numeric: 'auto' });
  if (minutes < 60) return format.format(-minutes, 'minute');
  if (minutes < 48 * 60) return format.format(-Math.round(minutes / 60), 'hour');
  return format.format(-Math.round(minutes / 1440), 'day');
}

/** @param {import('./messages.js').EngineInfo} info */
function render(info) {
  byId('engine-version').textContent = info.engineVersion;
  byId('rules-version').textContent = info.rulesVersion;
  const body = /** @type {HTMLElement} */ (document.querySelector('#lists tbody'));
  body.replaceChildren(
    ...(info.lists?.lists ?? []).map((list) => {
      const row = document.createElement('tr');
      row.dataset.list = list.name;
      for (const text of [list.title ?? list.name, list.version ?? '?', list.rules.toLocaleString(chrome.i18n.getUILanguage())]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  const { listsStatus: status } = info;
  const parts = [chrome.i18n.getMessage('optionsUpdatedAgo', [ago(status.updatedAt)])];
  if (status.lastError) parts.push(chrome.i18n.getMessage('optionsLastError', [status.lastError]));
  byId('lists-status').textContent = parts.join(' ');
}

/** The global mute switches and the muted-item style, bound to the settings. */
async function renderMuteDefaults() {
  const settings = await readSettings();
  const save = (/** @type {(s: import('./settings.js').Settings) => void} */ change) =>
    updateSettings(change).catch((error) => console.error('[AdLens] options:', error));
  renderKindToggles(byId('mute-defaults'), (kind) => settings.mute[kind], (kind, checked) => save((s) => { s.mute[kind] = checked; }));
  for (const radio of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="mute-style"]'))) {
    radio.checked = radio.value === settings.muteStyle;
    radio.addEventListener('change', () => save((s) => { s.muteStyle = radio.value === 'hide' ? 'hide' : 'placeholder'; }));
  }
  const block = /** @type {HTMLInputElement} */ (byId('block-retargeting'));
  block.checked = settings.blockRetargeting;
  block.addEventListener('change', () => save((s) => { s.blockRetargeting = block.checked; }));
  for (const radio of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="label-style"]'))) {
    radio.checked = radio.value === settings.labelStyle;
    radio.addEventListener('change', () => save((s) => {
      s.labelStyle = radio.value === 'outline' || radio.value === 'off' ? radio.value : 'badge';
    }));
  }
}

/** How long data is kept, and "forget everything". */
async function renderDataControls() {
  const settings = await readSettings();
  const days = new Intl.NumberFormat(chrome.i18n.getUILanguage(), { style: 'unit', unit: 'day', unitDisplay: 'long' });
  const select = /** @type {HTMLSelectElement} */ (byId('retention'));
  select.replaceChildren(
    ...RETENTION_CHOICES.map((n) => Object.assign(document.createElement('option'), { value: String(n), textContent: days.format(n) })),
  );
  select.value = String(settings.retentionDays);
  select.addEventListener('change', () => {
    updateSettings((s) => { s.retentionDays = Number(select.value); }).catch((error) => console.error('[AdLens] options:', error));
  });
  byId('wipe-all').addEventListener('click', () => {
    if (!confirm(chrome.i18n.getMessage('memoryWipeConfirm'))) return;
    send({ type: 'memory/wipe' })
      .then(() => { byId('wipe-status').textContent = chrome.i18n.getMessage('optionsWiped'); })
      .catch((error) => console.error('[AdLens] options:', error));
  });
}

async function main() {
  localise(document);
  await renderMuteDefaults();
  await renderDataControls();
  render(await send({ type: 'engine/get-info' }));
  const button = /** @type {HTMLButtonElement} */ (byId('update-lists'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    byId('lists-status').textContent = chrome.i18n.getMessage('optionsUpdating');
    try {
      render(await send({ type: 'lists/update-now' }));
    } catch {
      // The status line shows the failure the background recorded.
      render(await send({ type: 'engine/get-info' }));
    } finally {
      button.disabled = false;
    }
  });
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] options:', error));
