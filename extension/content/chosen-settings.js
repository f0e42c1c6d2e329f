// The settings a page goes by, kept current. In a private tab these are the
// ordinary settings with the private windows' per-site choices over them:
// those live in storage.session, which a content script cannot read, so the
// background hands them over and tells of each change; "mute on this site"
// from a private tab's card is kept there too (settings.js says why).

import { PRIVATE_SITES_CHANGED, send } from '../messages.js';
import {
  normalisePrivateSites, normaliseSettings, onSettingsChanged, SETTINGS_KEY, updateSettings, withPrivateSites,
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

/** A page's settings, as they change. */
export class ChosenSettings {
  /**
   * @param {Settings} ordinary the ordinary settings, as stored
   * @param {Record<string, SiteSettings>} privateSites
   */
  constructor(ordinary, privateSites) {
    this.ordinary = ordinary;
    this.privateSites = privateSites;
    this.private = chrome.extension.inIncognitoContext;
  }

  /** @returns {Promise<ChosenSettings>} the settings as stored now */
  static async read() {
    const { ordinary, privateSites } = await readTabSettings();
    return new ChosenSettings(ordinary, privateSites);
  }

  /** @returns {Settings} what this tab goes by */
  get current() {
    return this.private ? withPrivateSites(this.ordinary, this.privateSites) : this.ordinary;
  }

  /**
   * Calls `callback` with the new settings whenever either part changes.
   * @param {(settings: Settings) => void} callback
   */
  onChange(callback) {
    onSettingsChanged((fresh) => {
      this.ordinary = fresh;
      callback(this.current);
    });
    if (!this.private) return;
    chrome.runtime.onMessage.addListener((message, sender) => {
      if (sender.id !== chrome.runtime.id || message?.type !== PRIVATE_SITES_CHANGED) return;
      this.privateSites = normalisePrivateSites(message.sites);
      callback(this.current);
    });
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
}
