// What the user chose: the kinds muted everywhere, per-site overrides, how a
// muted item looks, and the sites where AdLens is paused. One storage.local
// key, replaced whole on every change (a write is atomic), read by the
// content script, the popup and the options page; a change applies at once
// in open tabs (storage.onChanged), without a reload.

/**
 * @typedef {import('./messages.js').Kind} Kind
 * @typedef {{ mute?: Partial<Record<Kind, boolean>>, paused?: boolean }} SiteSettings
 * @typedef {{ mute: Record<Kind, boolean>, sites: Record<string, SiteSettings>, muteStyle: 'placeholder' | 'hide',
 *   retentionDays: number, labelStyle: 'badge' | 'outline' | 'off', blockRetargeting: boolean, language: string }} Settings
 */

import { AUTO, LANGUAGE_PATTERN } from './i18n.js';

export const SETTINGS_KEY = 'settings';
/** @type {readonly Kind[]} */
const KINDS = ['contextual', 'behavioural', 'retargeted', 'generic'];
/** How long what AdLens saw is kept, in days: the choices offered. */
export const RETENTION_CHOICES = [7, 30, 90, 365];
/** Most sites with their own settings (the oldest beyond it are dropped). */
const MAX_SITES = 5_000;

/** @returns {Settings} */
export function defaultSettings() {
  return {
    mute: { contextual: false, behavioural: false, retargeted: false, generic: false },
    sites: {},
    muteStyle: 'placeholder',
    retentionDays: 30,
    labelStyle: 'badge',
    blockRetargeting: false,
    language: AUTO,
  };
}

/**
 * Settings from storage, with anything malformed replaced by the default
 * (storage is ours, but an old or damaged value must not break a page).
 * @param {unknown} raw
 * @returns {Settings}
 */
export function normaliseSettings(raw) {
  const settings = defaultSettings();
  if (typeof raw !== 'object' || raw === null) return settings;
  const value = /** @type {Record<string, unknown>} */ (raw);
  const mute = /** @type {Record<string, unknown>} */ (value.mute ?? {});
  for (const kind of KINDS) settings.mute[kind] = mute[kind] === true;
  if (value.muteStyle === 'hide') settings.muteStyle = 'hide';
  if (value.labelStyle === 'outline' || value.labelStyle === 'off') settings.labelStyle = value.labelStyle;
  settings.blockRetargeting = value.blockRetargeting === true;
  if (typeof value.language === 'string' && LANGUAGE_PATTERN.test(value.language)) settings.language = value.language;
  if (typeof value.retentionDays === 'number' && RETENTION_CHOICES.includes(value.retentionDays)) {
    settings.retentionDays = value.retentionDays;
  }
  const sites = typeof value.sites === 'object' && value.sites !== null ? Object.entries(value.sites) : [];
  for (const [site, s] of sites.slice(-MAX_SITES)) {
    if (typeof s !== 'object' || s === null) continue;
    const own = /** @type {Record<string, unknown>} */ (s);
    /** @type {SiteSettings} */
    const clean = {};
    if (own.paused === true) clean.paused = true;
    const siteMute = /** @type {Record<string, unknown>} */ (own.mute ?? {});
    for (const kind of KINDS) {
      if (typeof siteMute[kind] === 'boolean') (clean.mute ??= {})[kind] = /** @type {boolean} */ (siteMute[kind]);
    }
    settings.sites[site] = clean;
  }
  return settings;
}

/** @returns {Promise<Settings>} */
export async function readSettings() {
  const stored = await chrome.storage.local.get(SETTINGS_KEY);
  return normaliseSettings(stored[SETTINGS_KEY]);
}

/**
 * Reads, changes and writes the settings back whole.
 * @param {(settings: Settings) => void} change
 */
export async function updateSettings(change) {
  const settings = await readSettings();
  change(settings);
  await chrome.storage.local.set({ [SETTINGS_KEY]: settings });
  return settings;
}

/**
 * Whether items of `kind` are muted on `site`: the site's own choice wins over
 * the global default.
 * @param {Settings} settings
 * @param {string} site
 * @param {Kind} kind
 */
export function isMuted(settings, site, kind) {
  return settings.sites[site]?.mute?.[kind] ?? settings.mute[kind];
}

/**
 * @param {Settings} settings
 * @param {string} site
 */
export function isPaused(settings, site) {
  return settings.sites[site]?.paused === true;
}

/**
 * Calls `callback` with the new settings whenever they change.
 * @param {(settings: Settings) => void} callback
 */
export function onSettingsChanged(callback) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) callback(normaliseSettings(changes[SETTINGS_KEY].newValue));
  });
}
