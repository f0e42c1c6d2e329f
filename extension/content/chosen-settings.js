// The settings a page goes by, kept current. In a private tab these are the
// ordinary settings with the private windows' per-site choices over them:
// those live in storage.session, which a content script cannot read, so the
// background hands them over and tells of each change; "mute on this site"
// from a private tab's card is kept there too (settings.js says why).

import { PRIVATE_SITES_CHANGED, send } from '../messages.js';
import {
  defaultSettings, normalisePrivateSites, normaliseSettings, onSettingsChanged, SETTINGS_KEY, updateSettings, withPrivateSites,
} from '../settings.js';

/**
 * @typedef {import('../settings.js').Settings} Settings
 * @typedef {import('../settings.js').SiteSettings} SiteSettings
 * @typedef {import('../messages.js').Kind} Kind
 */

/**
 * The private windows' per-site choices, in a private tab; none elsewhere
 * (not asked: the background would refuse).
 * @returns {Promise<Record<string, SiteSettings>>}
 */
export function privateSitesOfThisTab() {
  return chrome.extension.inIncognitoContext ? send({ type: 'settings/get-private' }) : Promise.resolve({});
}

/**
 * Reads the settings and storage.local's other `keys`, then in a private tab
 * the private choices. Then, not at once: the early hold's script runs
 * while the page's parser waits for it, and the first touch of
 * `chrome.extension` there cost 0.15 ms of its 2.1 (tests/bench/frame-start.mjs).
 * @param {string[]} keys
 * @returns {Promise<{ ordinary: Settings, privateSites: Record<string, SiteSettings>, stored: Record<string, unknown> }>}
 */
export async function readTabSettings(keys = []) {
  const stored = await chrome.storage.local.get([SETTINGS_KEY, ...keys]);
  const privateSites = await privateSitesOfThisTab();
  return { ordinary: normaliseSettings(stored[SETTINGS_KEY]), privateSites, stored };
}

/**
 * A page's settings, as they change. It listens from before it reads: a
 * change made while the page loads (a switch flipped in the popup before
 * the first scan) is newer than what was read, and is told to the page as
 * soon as it listens.
 */
export class ChosenSettings {
  constructor() {
    /** @type {Settings} the ordinary settings, as stored */
    this.ordinary = defaultSettings();
    /** @type {Record<string, SiteSettings>} the private windows' choices (a private tab's only) */
    this.privateSites = {};
    this.private = chrome.extension.inIncognitoContext;
    /** @type {((settings: Settings) => void) | null} */
    this.listener = null;
    /** Which part changed since it was made (a change outranks the read), and whether the page missed one. */
    this.changed = { ordinary: false, privateSites: false, untold: false };
    onSettingsChanged((fresh) => {
      this.ordinary = fresh;
      this.changed.ordinary = true;
      this.tell();
    });
    if (!this.private) return;
    chrome.runtime.onMessage.addListener((message, sender) => {
      if (sender.id !== chrome.runtime.id || message?.type !== PRIVATE_SITES_CHANGED) return;
      this.privateSites = normalisePrivateSites(message.sites);
      this.changed.privateSites = true;
      this.tell();
    });
  }

  /** @returns {Promise<ChosenSettings>} the settings as stored now, and as they change */
  static async read() {
    const chosen = new ChosenSettings();
    const { ordinary, privateSites } = await readTabSettings();
    if (!chosen.changed.ordinary) chosen.ordinary = ordinary;
    if (!chosen.changed.privateSites) chosen.privateSites = privateSites;
    chosen.changed.untold = false; // what was read includes them
    return chosen;
  }

  /**
   * Reads both parts again and tells the listener: a page shown again from
   * the back/forward cache missed what changed while it was away (Firefox
   * tells it none of it; Chrome takes the page out of the cache instead).
   * A change told meanwhile is newer than what was read.
   */
  async reread() {
    this.changed.ordinary = false;
    this.changed.privateSites = false;
    const { ordinary, privateSites } = await readTabSettings();
    if (!this.changed.ordinary) this.ordinary = ordinary;
    if (!this.changed.privateSites) this.privateSites = privateSites;
    this.tell();
  }

  /** @returns {Settings} what this tab goes by */
  get current() {
    return this.private ? withPrivateSites(this.ordinary, this.privateSites) : this.ordinary;
  }

  tell() {
    if (this.listener) this.listener(this.current);
    else this.changed.untold = true;
  }

  /**
   * Calls `callback` with the new settings whenever either part changes,
   * at once if one did before.
   * @param {(settings: Settings) => void} callback
   */
  onChange(callback) {
    this.listener = callback;
    if (this.changed.untold) {
      this.changed.untold = false;
      callback(this.current);
    }
  }

  /**
   * Mutes a kind everywhere, or on this site: in a private tab only for
   * private windows, until the last one closes.
   * @param {Kind} kind
   * @param {'everywhere' | 'site'} scope
   * @param {string} site
   */
  mute(kind, scope, site) {
    if (scope === 'site' && this.private) return send({ type: 'settings/mute-private-site', site, kind });
    return updateSettings((s) => {
      if (scope === 'everywhere') s.mute[kind] = true;
      else ((s.sites[site] ??= {}).mute ??= {})[kind] = true;
    });
  }

  /** Mutes everywhere the items picked by a sensitive topic (a choice of the options page, as "mute everywhere" is). */
  muteSensitive() {
    return updateSettings((s) => { s.muteSensitive = true; });
  }
}
