// A site's choices made in a private window (mute a kind there, pause
// AdLens there) name the site, so they are not kept like other settings:
// they live in storage.session (in memory, settings.js) and apply to
// private tabs only, over the ordinary choices. The background answers a
// private tab's content script, which cannot read storage.session; keeps
// "mute on this site" from its why card; tells every private tab when the
// choices change, whoever changed them (the popup writes them itself); and
// forgets them when the last private window closes, as the browser forgets
// the private browsing itself.

import { PRIVATE_SITES_CHANGED } from '../messages.js';
import { normalisePrivateSites, PRIVATE_SITES_KEY, readPrivateSites, updatePrivateSite } from '../settings.js';
import { isPrivateTab } from './private-tabs.js';

/** @param {unknown} error */
function report(error) {
  console.error('[AdLens] private-window settings:', error);
}

/** Registers the listeners. Call synchronously at top level. */
export function watchPrivateSettings() {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'session' && changes[PRIVATE_SITES_KEY]) {
      tellPrivateTabs(normalisePrivateSites(changes[PRIVATE_SITES_KEY].newValue)).catch(report);
    }
  });
  chrome.windows.onRemoved.addListener(() => {
    forgetWithoutPrivateWindows().catch(report);
  });
}

/**
 * Sends the new choices to the page of every private tab.
 * @param {Record<string, import('../settings.js').SiteSettings>} sites
 */
async function tellPrivateTabs(sites) {
  const tabs = await chrome.tabs.query({});
  await Promise.all(tabs.filter((tab) => tab.incognito && tab.id !== undefined).map((tab) =>
    chrome.tabs.sendMessage(/** @type {number} */ (tab.id), { type: PRIVATE_SITES_CHANGED, sites }, { frameId: 0 })
      .catch(() => {}))); // a tab without AdLens's script (a new tab page) has no one to tell
}

async function forgetWithoutPrivateWindows() {
  const windows = await chrome.windows.getAll();
  if (!windows.some((window) => window.incognito)) await chrome.storage.session.remove(PRIVATE_SITES_KEY);
}

/**
 * Throws unless the sender is a private tab: these choices are private
 * windows' only.
 * @param {chrome.runtime.MessageSender} sender
 * @param {string} type
 */
async function requirePrivate(sender, type) {
  if (!(await isPrivateTab(/** @type {number} */ (sender.tab?.id), sender.tab?.incognito))) {
    throw new Error(`${type}: only for tabs in a private window`);
  }
}

/**
 * The choices, for a private tab's content script.
 * @param {chrome.runtime.MessageSender} sender
 */
export async function privateSitesFor(sender) {
  await requirePrivate(sender, 'settings/get-private');
  return readPrivateSites();
}

/**
 * "Mute on this site", from a private tab's why card. The site must be the
 * sender's own (its host or a parent domain of it).
 * @param {import('../messages.js').MutePrivateSiteMessage} message
 * @param {chrome.runtime.MessageSender} sender
 */
export async function mutePrivateSite(message, sender) {
  await requirePrivate(sender, message.type);
  const host = URL.canParse(sender.url ?? '') ? new URL(/** @type {string} */ (sender.url)).hostname : '';
  if (host !== message.site && !host.endsWith(`.${message.site}`)) {
    throw new Error(`${message.type}: ${message.site} is not the sending page's site`);
  }
  await updatePrivateSite(message.site, (own) => {
    (own.mute ??= {})[message.kind] = true;
  });
  return null;
}
