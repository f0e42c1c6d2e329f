// The toolbar button of each tab: a badge with how many personalised items
// (behavioural + retargeted) the page shows, empty when none, and a title
// saying what that number counts, in the user's language. The title is what
// a pointer hovering the button shows and what a screen reader reads for it:
// without it, "1" on the button explains nothing.

import { fetchMessages, msg, uiLocale, useLanguage } from '../i18n.js';
import { onSettingsChanged, readSettings } from '../settings.js';
import { readTab } from './tab-state.js';

/** @typedef {import('../messages.js').KindCounts} KindCounts */

/** The language titles are written in, once known (settings.language). */
let language = /** @type {string | null} */ (null);

/**
 * The items chosen for you: behavioural and retargeted.
 * @param {KindCounts} counts
 */
const personalisedOf = (counts) => counts.behavioural + counts.retargeted;

/**
 * The button's title for a page with these counts.
 * @param {KindCounts} counts
 */
export function toolbarTitle(counts) {
  const number = new Intl.NumberFormat(uiLocale());
  const personalised = personalisedOf(counts);
  const total = personalised + counts.contextual + counts.generic;
  return msg('toolbarTitle', [number.format(total), number.format(personalised)]);
}

/**
 * @param {number} tabId
 * @param {KindCounts} counts
 */
export async function showPersonalisedCount(tabId, counts) {
  language ??= (await readSettings()).language;
  await useLanguage(language, fetchMessages);
  const personalised = personalisedOf(counts);
  await Promise.all([
    chrome.action.setBadgeText({ tabId, text: personalised > 0 ? String(personalised) : '' }),
    chrome.action.setBadgeBackgroundColor({ tabId, color: '#6b3fa0' }),
    chrome.action.setTitle({ tabId, title: toolbarTitle(counts) }),
  ]);
}

/**
 * Rewrites the open tabs' titles when the user picks another language, as
 * the pages' labels and the popup follow it at once.
 */
export function watchToolbarLanguage() {
  onSettingsChanged((settings) => {
    if (settings.language === language) return;
    language = settings.language;
    retitleTabs(settings.language).catch((error) => console.warn('[AdLens] toolbar titles not rewritten:', error));
  });
}

/** @param {string} chosen */
async function retitleTabs(chosen) {
  await useLanguage(chosen, fetchMessages);
  for (const tab of await chrome.tabs.query({})) {
    if (tab.id === undefined) continue;
    const state = await readTab(tab.id);
    // A tab closed meanwhile refuses the title: nothing to rewrite there.
    if (state) await chrome.action.setTitle({ tabId: tab.id, title: toolbarTitle(state.report.counts) }).catch(() => {});
  }
}
