// "Ads chosen for you": the newest ads and widgets AdLens labelled "your
// profile" or "following you", on every site, each with when and where it
// was seen, what it was and why it was chosen (its evidence, as its why
// card said it). The records are read newest first by kind (storage/),
// ADS_SHOWN more at each "show more"; the site summaries say how many there
// are in all. A
// site's page lists its own the same way (`chosenAdRows`).

import { ago, evidenceSentence } from '../evidence.js';
import { el, locale, t } from '../pages/dom.js';
import { detailOf } from '../pages/page-items.js';

/**
 * @typedef {import('../storage/site-summary.js').StoredObservation} StoredObservation
 * @typedef {import('../storage/site-summary.js').SiteSummary} SiteSummary
 * @typedef {import('../messages.js').Kind} Kind
 */

/** The kinds chosen for the user. */
const CHOSEN_KINDS = /** @type {Kind[]} */ (['behavioural', 'retargeted']);

/** Rows shown at first, the newest, and how many more each "show more" adds. */
export const ADS_SHOWN = 100;

/**
 * Whether a record is of an item chosen for the user.
 * @param {StoredObservation} record
 */
export function isChosenItem(record) {
  return record.type === 'item_seen' && CHOSEN_KINDS.includes(/** @type {Kind} */ (record.kind));
}

/**
 * How many items of these kinds the summaries count, on every site.
 * @param {SiteSummary[]} summaries
 * @param {Kind[]} kinds
 */
export function chosenCount(summaries, kinds) {
  return summaries.reduce((sum, s) => sum + kinds.reduce((n, kind) => n + Math.max(0, s.kinds[kind] ?? 0), 0), 0);
}

/**
 * The kinds the view's choice shows: one, or both chosen for the user.
 * @param {string} chosen the choice's value ('' for both)
 * @returns {Kind[]}
 */
export function kindsShown(chosen) {
  const one = CHOSEN_KINDS.find((kind) => kind === chosen);
  return one ? [one] : CHOSEN_KINDS;
}

/**
 * An item record's own words (a widget's heading phrase, else its product,
 * else the start of its text), as the popup and a site's page say them.
 * @param {Record<string, any>} record an `item_seen` record
 */
function wordsOf(record) {
  // The record keeps the lexicon's phrase ("recently viewed"), not the heading as the page wrote it.
  const phrase = typeof record.label === 'string' ? record.label : '';
  const heading = phrase && `${phrase.charAt(0).toLocaleUpperCase(locale())}${phrase.slice(1)}`;
  const label = heading ? { phrase, heading } : null;
  const text = typeof record.product === 'string' && record.product ? record.product : String(record.text ?? '');
  return detailOf(/** @type {import('../messages.js').ReportedItem} */ (/** @type {unknown} */ ({ label, text })));
}

/**
 * A table row per item: when it was seen, where (a link to the site's
 * page; left out on that page itself), what it was, its kind and why.
 * @param {StoredObservation[]} items
 * @param {boolean} withSite
 */
export function chosenAdRows(items, withSite) {
  const now = Date.now();
  const context = { nowMs: now, locale: locale() };
  return items.map((item) => {
    const r = /** @type {Record<string, any>} */ (item);
    const evidence = Array.isArray(r.evidence) ? r.evidence : [];
    const why = evidence.map((e) => evidenceSentence(e, context)).filter(Boolean).join(' · ');
    return el('tr', { 'data-kind': r.kind, 'data-site': item.site },
      el('td', { class: 'when', text: ago(item.time, now, locale()) }),
      withSite ? el('td', {}, el('a', { href: `#site/${encodeURIComponent(item.site)}`, text: item.site })) : null,
      el('td', { text: [t(r.itemType === 'recommendation' ? 'itemRecommendation' : 'itemAd'), r.vendor, wordsOf(r)].filter(Boolean).join(' · ') }),
      el('td', { class: `kind ${r.kind}`, text: t(`kind_${r.kind}`) }),
      el('td', { text: why || '—' }));
  });
}

/**
 * @param {HTMLElement} root the #view-ads section
 * @param {StoredObservation[]} items the newest items chosen for the user, newest first
 * @param {number} limit how many were asked for
 * @param {number} total how many there are in all
 */
export function renderChosenAds(root, items, limit, total) {
  /** @type {HTMLElement} */ (root.querySelector('#chosen-ads tbody')).replaceChildren(...chosenAdRows(items, true));
  /** @type {HTMLElement} */ (root.querySelector('#chosen-ads')).hidden = items.length === 0;
  /** @type {HTMLElement} */ (root.querySelector('#ads-empty')).hidden = items.length > 0;
  // Fewer than asked for: there are no more, whatever the summaries count.
  const more = /** @type {HTMLButtonElement} */ (root.querySelector('#ads-more'));
  more.hidden = items.length < limit || total <= items.length;
  more.textContent = more.hidden ? '' : t('adsShowMore', [Math.min(ADS_SHOWN, total - items.length), total]);
}
