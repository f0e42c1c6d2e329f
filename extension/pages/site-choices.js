// The sites with choices of their own (AdLens paused there, or a kind muted
// or shown there against the defaults), listed in the options, each with a
// button that resets it to the defaults: so a site paused long ago can be
// found and resumed without visiting it.

import { el, t } from './dom.js';
import { KINDS } from './kinds.js';

/**
 * @typedef {import('../settings.js').SiteSettings} SiteSettings
 * @typedef {import('../messages.js').Kind} Kind
 * @typedef {{ site: string, paused: boolean, muted: Kind[], shown: Kind[] }} SiteChoice
 */

/**
 * The sites whose own choices change anything, sorted by name: paused, or
 * a kind muted or shown there whatever the defaults say (a site's "shown"
 * lifts a kind muted everywhere).
 * @param {Record<string, SiteSettings>} sites
 * @returns {SiteChoice[]}
 */
export function siteChoices(sites) {
  /** @type {SiteChoice[]} */
  const found = [];
  for (const [site, own] of Object.entries(sites)) {
    const muted = KINDS.filter((kind) => own.mute?.[kind] === true);
    const shown = KINDS.filter((kind) => own.mute?.[kind] === false);
    const paused = own.paused === true;
    if (paused || muted.length > 0 || shown.length > 0) found.push({ site, paused, muted, shown });
  }
  return found.sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : 0));
}

/**
 * What a site's own choices are, in words.
 * @param {SiteChoice} choice
 */
export function describeChoice(choice) {
  const names = (/** @type {Kind[]} */ kinds) => kinds.map((kind) => t(`kind_${kind}`)).join(', ');
  return [
    choice.paused ? t('optionsSitesPaused') : null,
    choice.muted.length > 0 ? t('optionsSitesMuted', [names(choice.muted)]) : null,
    choice.shown.length > 0 ? t('optionsSitesShown', [names(choice.shown)]) : null,
  ].filter(Boolean).join(' · ');
}

/**
 * Draws the list: a row per site with its choices and a reset button, or
 * a line saying there is none.
 * @param {HTMLElement} section holding a `table` with a `tbody`, and `.none`
 * @param {Record<string, SiteSettings>} sites
 * @param {(site: string) => void} onReset
 */
export function renderSiteChoices(section, sites, onReset) {
  const choices = siteChoices(sites);
  const table = /** @type {HTMLTableElement} */ (section.querySelector('table'));
  /** @type {HTMLElement} */ (section.querySelector('.none')).hidden = choices.length > 0;
  table.hidden = choices.length === 0;
  /** @type {HTMLElement} */ (table.querySelector('tbody')).replaceChildren(...choices.map((choice) => {
    const reset = el('button', { type: 'button', text: t('optionsSitesReset'), 'aria-label': t('optionsSitesResetLabel', [choice.site]) });
    reset.addEventListener('click', () => onReset(choice.site));
    return el('tr', { 'data-site': choice.site },
      el('td', { text: choice.site }), el('td', { text: describeChoice(choice) }), el('td', {}, reset));
  }));
}
