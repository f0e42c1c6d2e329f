// Options page: whether AdLens may see every site (the browser's site
// access), with a button to ask; the kinds muted by default, whether ads picked
// by a sensitive topic are muted too, and how a muted item looks; the
// sites with choices of their own, each resettable; how
// long data is kept and "forget everything"; which
// engine, rules and filter lists are running, how fresh the lists are, and
// "update now".

import { send } from './messages.js';
import { applyChosenLanguage, localise } from './pages/i18n.js';
import { renderKindToggles } from './pages/kinds.js';
import { RETENTION_CHOICES, onSettingsChanged, readSettings, updateSettings } from './settings.js';
import { renderSiteChoices } from './pages/site-choices.js';
import { askForAllSites, followAllSitesAccess } from './site-access.js';
import { AUTO, msg, uiLocale } from './i18n.js';

/** @param {string} id */
const byId = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** @param {number | null} time epoch ms */
function ago(time) {
  if (time === null) return msg('optionsNever');
  const minutes = Math.round((Date.now() - time) / 60_000);
  const format = new Intl.RelativeTimeFormat(uiLocale(), { numeric: 'auto' });
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
      for (const text of [list.title ?? list.name, list.version ?? '?', list.rules.toLocaleString(uiLocale())]) {
        const cell = document.createElement('td');
        cell.textContent = text;
        row.append(cell);
      }
      return row;
    }),
  );
  const { listsStatus: status } = info;
  const parts = [msg('optionsUpdatedAgo', [ago(status.updatedAt)])];
  if (status.lastError) parts.push(msg('optionsLastError', [status.lastError]));
  byId('lists-status').textContent = parts.join(' ');
}

/** The global mute switches and the muted-item style, bound to the settings. */
async function renderMuteDefaults() {
  const settings = await readSettings();
  const save = (/** @type {(s: import('./settings.js').Settings) => void} */ change) =>
    updateSettings(change).catch((error) => console.error('[AdLens] options:', error));
  renderKindToggles(byId('mute-defaults'), (kind) => settings.mute[kind], (kind, checked) => save((s) => { s.mute[kind] = checked; }),
    { explained: true });
  for (const radio of /** @type {NodeListOf<HTMLInputElement>} */ (document.querySelectorAll('input[name="mute-style"]'))) {
    radio.checked = radio.value === settings.muteStyle;
    radio.addEventListener('change', () => save((s) => { s.muteStyle = radio.value === 'hide' ? 'hide' : 'placeholder'; }));
  }
  const sensitive = /** @type {HTMLInputElement} */ (byId('mute-sensitive'));
  sensitive.checked = settings.muteSensitive;
  sensitive.addEventListener('change', () => save((s) => { s.muteSensitive = sensitive.checked; }));
  // A why card's "mute ads picked by sensitive topics" shows here at once.
  onSettingsChanged((fresh) => { sensitive.checked = fresh.muteSensitive; });
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

/**
 * The language AdLens speaks: the browser's, or one of the _locales (listed
 * by the build in data/languages.json, each in its own name). A change
 * re-draws this page; open tabs follow at once.
 */
async function renderLanguage() {
  const settings = await readSettings();
  const languages = /** @type {{ code: string, name: string }[]} */ (await (await fetch('data/languages.json')).json());
  const browsers = chrome.i18n.getUILanguage();
  const browserName = new Intl.DisplayNames([uiLocale()], { type: 'language' }).of(browsers) ?? browsers;
  const select = /** @type {HTMLSelectElement} */ (byId('language'));
  select.replaceChildren(
    Object.assign(document.createElement('option'), { value: AUTO, textContent: msg('optionsLanguageAuto', [browserName]) }),
    ...languages.map((l) => Object.assign(document.createElement('option'), { value: l.code, textContent: l.name, lang: l.code.replace('_', '-') })),
  );
  select.value = settings.language;
  select.addEventListener('change', () => {
    updateSettings((s) => { s.language = select.value; }).then(() => location.reload()).catch((error) => console.error('[AdLens] options:', error));
  });
}

/** How long data is kept, and "forget everything". */
async function renderDataControls() {
  const settings = await readSettings();
  const days = new Intl.NumberFormat(uiLocale(), { style: 'unit', unit: 'day', unitDisplay: 'long' });
  const select = /** @type {HTMLSelectElement} */ (byId('retention'));
  select.replaceChildren(
    ...RETENTION_CHOICES.map((n) => Object.assign(document.createElement('option'), { value: String(n), textContent: days.format(n) })),
  );
  select.value = String(settings.retentionDays);
  select.addEventListener('change', () => {
    updateSettings((s) => { s.retentionDays = Number(select.value); }).catch((error) => console.error('[AdLens] options:', error));
  });
  byId('wipe-all').addEventListener('click', () => {
    if (!confirm(msg('memoryWipeConfirm'))) return;
    send({ type: 'memory/wipe' })
      .then(() => { byId('wipe-status').textContent = msg('optionsWiped'); })
      .catch((error) => console.error('[AdLens] options:', error));
  });
}

/**
 * The sites with choices of their own (from the popup or a why card), kept
 * current as they change anywhere; "Reset" gives a site the defaults back.
 */
async function renderSitesWithChoices() {
  const section = byId('site-choices');
  /** @param {string} site */
  const reset = (site) => {
    updateSettings((s) => { delete s.sites[site]; }).catch((error) => console.error('[AdLens] options:', error));
  };
  onSettingsChanged((settings) => renderSiteChoices(section, settings.sites, reset));
  renderSiteChoices(section, (await readSettings()).sites, reset);
}

/**
 * Whether AdLens may see every site, kept current as the user changes its
 * site access in the browser; where it may not, a button asks for it.
 * @returns {Promise<void>} once the section is drawn
 */
function renderSiteAccess() {
  const state = byId('access-state');
  const allow = /** @type {HTMLButtonElement} */ (byId('allow-all-sites'));
  const failed = (/** @type {unknown} */ error) => console.error('[AdLens] options:', error);
  allow.addEventListener('click', () => {
    // Asked at once: the browser prompts only within the click. Once
    // allowed, the section follows the change like any other.
    askForAllSites().then((granted) => { if (!granted) state.textContent = msg('popupAllowRefused'); }).catch(failed);
  });
  return followAllSitesAccess((all) => {
    state.textContent = msg(all ? 'optionsAccessAll' : 'optionsAccessLimited');
    allow.hidden = all;
  }, failed);
}

async function main() {
  await applyChosenLanguage();
  localise(document);
  await renderSiteAccess();
  await renderMuteDefaults();
  await renderSitesWithChoices();
  await renderDataControls();
  await renderLanguage();
  render(await send({ type: 'engine/get-info' }));
  const button = /** @type {HTMLButtonElement} */ (byId('update-lists'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    byId('lists-status').textContent = msg('optionsUpdating');
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
