// What the user chose: the kinds muted everywhere, per-site overrides,
// whether ads picked by a sensitive topic are muted whatever their kind, how
// a muted item looks, and the sites where AdLens is paused. One storage.local
// key, replaced whole on every change (a write is atomic), read by the
// content script, the popup and the options page; a change applies at once
// in open tabs (storage.onChanged), without a reload.
//
// A site's choices made in a private window name the site, so they are not
// kept there: they live in storage.session (in memory) under their own key,
// apply to private tabs over the ordinary choices, and are forgotten when
// the last private window closes (background/private-settings.js).

/**
 * @typedef {import('./messages.js').Kind} Kind
 * @typedef {{ mute?: Partial<Record<Kind, boolean>>, paused?: boolean }} SiteSettings
 * @typedef {{ mute: Record<Kind, boolean>, muteSensitive: boolean, sites: Record<string, SiteSettings>, muteStyle: 'placeholder' | 'hide',
 *   retentionDays: number, labelStyle: 'badge' | 'outline' | 'off', blockRetargeting: boolean, language: string }} Settings
 *   muteSensitive: items picked by a sensitive topic (`item-sensitive.js`) muted everywhere, whatever their kind
 */

import { AUTO, LANGUAGE_PATTERN } from './i18n.js';
import { revealedBy } from './item-sensitive.js';
import { forgetLeastRecentHosts } from './background/slot-memory.js';
import { setMakingRoom } from './background/storage-room.js';

export const SETTINGS_KEY = 'settings';
/** storage.session: the per-site choices made in private windows. */
export const PRIVATE_SITES_KEY = 'settings:private';
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
    muteSensitive: false,
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
  settings.muteSensitive = value.muteSensitive === true;
  if (value.muteStyle === 'hide') settings.muteStyle = 'hide';
  if (value.labelStyle === 'outline' || value.labelStyle === 'off') settings.labelStyle = value.labelStyle;
  settings.blockRetargeting = value.blockRetargeting === true;
  if (typeof value.language === 'string' && LANGUAGE_PATTERN.test(value.language)) settings.language = value.language;
  if (typeof value.retentionDays === 'number' && RETENTION_CHOICES.includes(value.retentionDays)) {
    settings.retentionDays = value.retentionDays;
  }
  settings.sites = normaliseSites(value.sites, false);
  return settings;
}

/**
 * Per-site choices from storage, the newest MAX_SITES, malformed ones left out.
 * @param {unknown} raw
 * @param {boolean} keepUnpaused whether `paused: false` is kept: a private
 *   window's choice to resume a site paused in ordinary browsing
 * @returns {Record<string, SiteSettings>}
 */
function normaliseSites(raw, keepUnpaused) {
  /** @type {Record<string, SiteSettings>} */
  const sites = {};
  const entries = typeof raw === 'object' && raw !== null ? Object.entries(raw) : [];
  for (const [site, s] of entries.slice(-MAX_SITES)) {
    if (typeof s !== 'object' || s === null) continue;
    const own = /** @type {Record<string, unknown>} */ (s);
    /** @type {SiteSettings} */
    const clean = {};
    if (own.paused === true || (keepUnpaused && own.paused === false)) clean.paused = own.paused === true;
    const siteMute = /** @type {Record<string, unknown>} */ (own.mute ?? {});
    for (const kind of KINDS) {
      if (typeof siteMute[kind] === 'boolean') (clean.mute ??= {})[kind] = /** @type {boolean} */ (siteMute[kind]);
    }
    sites[site] = clean;
  }
  return sites;
}

/** @returns {Promise<Settings>} */
export async function readSettings() {
  const stored = await chrome.storage.local.get(SETTINGS_KEY);
  return normaliseSettings(stored[SETTINGS_KEY]);
}

/** This page's changes to the settings, one after the other (see `inTurn`). */
let updating = Promise.resolve();

/**
 * Runs a read-change-write of stored choices after this page's earlier
 * ones: two switches flipped in quick succession would otherwise both read
 * before either wrote, and the second write would undo the first.
 * @template T
 * @param {() => Promise<T>} update
 * @returns {Promise<T>}
 */
function inTurn(update) {
  const done = updating.then(update);
  updating = done.then(() => {}, () => {});
  return done;
}

/**
 * Reads, changes and writes the settings back whole, after this page's
 * earlier changes.
 * @param {(settings: Settings) => void} change
 * @returns {Promise<Settings>}
 */
export function updateSettings(change) {
  return inTurn(async () => {
    const settings = await readSettings();
    change(settings);
    // A choice the user made must be kept: a full area forgets some hosts'
    // remembered slots for it.
    await setMakingRoom(chrome.storage.local, { [SETTINGS_KEY]: settings }, () => forgetLeastRecentHosts());
    return settings;
  });
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
 * Whether an item is muted on `site`: its kind is, or it was picked by a
 * sensitive topic while those are muted (everywhere: no site's choice of
 * kinds shows them again).
 * @param {Settings} settings
 * @param {string} site
 * @param {import('./item-sensitive.js').SeenVerdict} verdict
 */
export function isItemMuted(settings, site, verdict) {
  return isMuted(settings, site, verdict.kind) || (settings.muteSensitive && revealedBy(verdict) !== null);
}

/**
 * Whether muting hides an item on `site`: it is muted, and not an ad playing
 * in the site's own video player (hiding the layer the player draws over it
 * would not stop the ad, only take its "Skip" button away).
 * @param {Settings} settings
 * @param {string} site
 * @param {{ inPlayer?: boolean, verdict: import('./item-sensitive.js').SeenVerdict }} item
 */
export function isItemHidden(settings, site, item) {
  return !item.inPlayer && isItemMuted(settings, site, item.verdict);
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

/**
 * Per-site choices made in private windows, as stored or as a message
 * carried them (anything malformed left out).
 * @param {unknown} raw
 * @returns {Record<string, SiteSettings>}
 */
export function normalisePrivateSites(raw) {
  return normaliseSites(raw, true);
}

/**
 * The settings a private tab goes by: the ordinary ones, with each site's
 * private choices over its ordinary ones (kind by kind).
 * @param {Settings} settings
 * @param {Record<string, SiteSettings>} privateSites
 * @returns {Settings}
 */
export function withPrivateSites(settings, privateSites) {
  const sites = { ...settings.sites };
  for (const [site, own] of Object.entries(privateSites)) {
    const ordinary = sites[site] ?? {};
    /** @type {SiteSettings} */
    const merged = { ...ordinary };
    if (own.mute) merged.mute = { ...ordinary.mute, ...own.mute };
    if (own.paused !== undefined) merged.paused = own.paused;
    sites[site] = merged;
  }
  return { ...settings, sites };
}

/**
 * The private windows' per-site choices. storage.session is open to the
 * extension's own pages and background only; content scripts ask the
 * background (`settings/get-private`).
 * @returns {Promise<Record<string, SiteSettings>>}
 */
export async function readPrivateSites() {
  return normalisePrivateSites((await chrome.storage.session.get(PRIVATE_SITES_KEY))[PRIVATE_SITES_KEY]);
}

/**
 * Changes one site's private-window choices and writes them back whole.
 * @param {string} site
 * @param {(own: SiteSettings) => void} change
 */
export function updatePrivateSite(site, change) {
  return inTurn(async () => {
    const sites = await readPrivateSites();
    change((sites[site] ??= {}));
    await chrome.storage.session.set({ [PRIVATE_SITES_KEY]: sites });
    return sites;
  });
}
