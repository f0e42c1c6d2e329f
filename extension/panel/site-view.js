// One site's page: the companies it sent data to (by category), what it told
// advertisers, the ads that followed the user from it, the ads chosen for
// the user there (the newest, with why), the kinds of ads and widgets seen
// there over time, and (opened from the popup) what the current tab shows
// now.

import { ago, evidenceSentence, optOutsNamed } from '../evidence.js';
import { el, locale, t } from '../pages/dom.js';
import { renderCounts } from '../pages/kinds.js';
import { detailOf } from '../pages/page-items.js';
import { chosenAdRows, isChosenItem } from './ads-view.js';
import { drawKindsChart } from './chart.js';
import { msg } from '../i18n.js';

/**
 * @typedef {import('../storage/site-summary.js').SiteSummary} SiteSummary
 * @typedef {import('../storage/site-summary.js').StoredObservation} StoredObservation
 * @typedef {import('../messages.js').TabSummary} TabSummary
 */

const EVENTS = new Set(['viewItem', 'viewBasket', 'trackTransaction', 'viewList']);

/** The site's ads chosen for the user shown, the newest. */
const CHOSEN_SHOWN = 20;

/**
 * A tracker category's name in the user's language.
 * @param {string | null} id
 */
export function categoryName(id) {
  return msg(`category_${id ?? 'unknown'}`) || String(id).replaceAll('_', ' ');
}

/**
 * @param {HTMLElement} root the #view-site section
 * @param {string} site
 * @param {SiteSummary | null} summary
 * @param {StoredObservation[]} observations the site's own
 * @param {TabSummary | null} tab what the tab the panel was opened for shows
 * @param {number} periodDays the days AdLens keeps, which its chart covers
 */
export function renderSite(root, site, summary, observations, tab, periodDays) {
  const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (root.querySelector(`#${id}`));
  $('site-name').textContent = site;
  const now = Date.now();
  $('site-meta').textContent = summary
    ? t('siteMeta', [new Intl.NumberFormat(locale()).format(summary.visits), summary.lastSeen ? ago(summary.lastSeen, now, locale()) : '—'])
    : t('siteUnknown');
  $('forget-site').textContent = t('forgetSite', [site]);
  renderThisPage(root, tab && tab.site === site ? tab : null);
  renderCompanies($('companies'), summary);
  renderRemarketing($('remarketing'), site, summary, observations);
  renderFollowed($('followed'), site, summary);
  renderChosenHere(root, observations);
  drawKindsChart($('kinds-chart'), summary?.days ?? {}, periodDays);
}

/**
 * @param {HTMLElement} root
 * @param {TabSummary | null} tab
 */
function renderThisPage(root, tab) {
  const section = /** @type {HTMLElement} */ (root.querySelector('#this-page'));
  section.hidden = !tab;
  if (!tab) return;
  /** @type {HTMLElement} */ (root.querySelector('#page-url')).textContent = tab.url ?? '';
  // What this page sends other companies is not recorded from a private
  // window: the sections below would otherwise seem to say it sent nothing.
  /** @type {HTMLElement} */ (root.querySelector('#page-private')).hidden = !tab.privateWindow;
  renderCounts(/** @type {HTMLElement} */ (root.querySelector('#counts')), tab.counts);
  const context = { nowMs: Date.now(), locale: locale() };
  /** @type {HTMLElement} */ (root.querySelector('#items tbody')).replaceChildren(...tab.items.map((item) => el('tr', {},
    el('td', { text: [t(item.itemType === 'ad' ? 'itemAd' : 'itemRecommendation'), item.vendor, detailOf(item)].filter(Boolean).join(' · ') }),
    el('td', { class: item.verdict.kind, text: t(`kind_${item.verdict.kind}`) }),
    el('td', { text: item.verdict.evidence.map((e) => evidenceSentence(e, context)).join(' · ') }),
  )));
}

/**
 * Third parties grouped by category, then company, advertising first.
 * @param {HTMLElement} box
 * @param {SiteSummary | null} summary
 */
function renderCompanies(box, summary) {
  const parties = Object.entries(summary?.thirdParties ?? {});
  if (parties.length === 0) {
    box.replaceChildren(el('p', { class: 'note', text: t('companiesNone') }));
    return;
  }
  /** @type {Map<string, Map<string, { domains: string[], requests: number, retargeting: boolean }>>} */
  const groups = new Map();
  for (const [domain, tp] of parties) {
    const category = tp.category ?? 'unknown';
    const company = tp.company ?? domain;
    const byCompany = groups.get(category) ?? groups.set(category, new Map()).get(category);
    const entry = byCompany?.get(company) ?? { domains: [], requests: 0, retargeting: false };
    entry.domains.push(domain);
    entry.requests += tp.requests;
    entry.retargeting ||= tp.retargeting;
    byCompany?.set(company, entry);
  }
  const rank = (/** @type {string} */ c) => (c === 'advertising' ? 0 : c === 'unknown' ? 2 : 1);
  const number = new Intl.NumberFormat(locale());
  box.replaceChildren(...[...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || categoryName(a).localeCompare(categoryName(b)))
    .map(([category, companies]) => el('div', { class: 'category', 'data-category': category },
      el('h4', { text: `${categoryName(category)} (${companies.size})` }),
      el('ul', { class: 'companies' }, ...[...companies.entries()]
        .sort(([, a], [, b]) => b.requests - a.requests)
        .map(([company, info]) => el('li', { 'data-company': company },
          el('span', { class: 'company', text: company }),
          info.retargeting ? el('span', { class: 'tag retargeted', text: t('tagRetargeting') }) : null,
          el('div', { class: 'domains', text: `${info.domains.sort().join(', ')} · ${t('companyRequests', [number.format(info.requests)])}` }),
        ))),
    )));
}

/**
 * "shop.example told Criteo you viewed Trail Runner X": the product's name
 * comes from the page visit the event was sent from.
 * @param {HTMLElement} list
 * @param {string} site
 * @param {SiteSummary | null} summary
 * @param {StoredObservation[]} observations
 */
function renderRemarketing(list, site, summary, observations) {
  /** @type {Map<string, string>} visit → product name */
  const productOfVisit = new Map();
  /** @type {Map<string, string>} product id → product name */
  const names = new Map();
  for (const o of observations) {
    const product = /** @type {{ name?: string, sku?: string | null } | null | undefined} */ (o.product);
    if (o.type === 'page_visit' && product?.name) {
      productOfVisit.set(String(o.visitId), product.name);
      if (product.sku) names.set(product.sku, product.name);
    }
  }
  for (const o of observations) {
    const name = productOfVisit.get(String(o.visitId));
    if (o.type === 'remarketing_event' && typeof o.productId === 'string' && name) names.set(o.productId, name);
  }
  const events = Object.values(summary?.remarketing ?? {}).sort((a, b) => b.lastTime - a.lastTime);
  const asked = [consentLine(site, summary, observations), gpcLine(site, observations)].filter((line) => line !== null);
  if (events.length === 0) {
    list.replaceChildren(...asked, el('li', { text: t('remarketingNone') }));
    return;
  }
  list.replaceChildren(...asked, ...events.map((e) => {
    const product = e.productId ? names.get(e.productId) ?? e.productId : null;
    const what = e.event === 'viewItem' && product
      ? t('ev_event_viewItem_product', [product])
      : t(`ev_event_${EVENTS.has(e.event) ? e.event : 'other'}`);
    return el('li', { 'data-vendor': e.vendor, text: `${t('ev_remarketing_tag_seen', [site, e.vendor, what])} (${t('timesCount', [e.count])})` });
  }));
}

/** The evidence types of an ad chosen for the user against what the site passed on. */
const DESPITE = new Set(['personalised_ads_refused', 'targeted_ads_opted_out']);

/**
 * What the site last told the ad companies it called about the user's
 * consent to personalised ads (its IAB TCF string) or their opt-outs (its
 * GPP or US Privacy string), and when; then how many ads seen there were
 * chosen for the user all the same. Null when it passed none on.
 * @param {string} site
 * @param {SiteSummary | null} summary
 * @param {StoredObservation[]} observations the site's own
 */
function consentLine(site, summary, observations) {
  const [latest] = Object.values(summary?.consent ?? {}).sort((a, b) => b.lastTime - a.lastTime);
  if (!latest) return null;
  const optedOut = optOutsNamed(latest.optedOut ?? [], locale());
  const refused = latest.refused.length > 0 || optedOut !== '';
  // A TCF string (or a GPP string's TCF section) says consent; a US one, opt-outs.
  const us = latest.refused.length === 0 && (latest.framework === 'gpp' || latest.framework === 'usp');
  const sentence = !us ? t(refused ? 'consentRefusedSite' : 'consentGivenSite', [site])
    : optedOut ? t('consentOptedOutSite', [site, optedOut]) : t('consentNotOptedOutSite', [site]);
  const despite = observations.filter((o) => o.type === 'item_seen' && Array.isArray(o.evidence)
    && o.evidence.some((/** @type {{ type?: unknown }} */ e) => DESPITE.has(String(e?.type)))).length;
  const line = `${sentence} (${ago(latest.lastTime, Date.now(), locale())})`;
  return el('li', { 'data-consent': refused ? 'refused' : 'given', 'data-despite': String(despite),
    text: despite > 0 ? `${line}. ${t('consentDespiteSite', [despite])}` : line });
}

/**
 * The newest ads and widgets chosen for the user on the site, with why, as
 * the panel's "ads chosen for you" lists them.
 * @param {HTMLElement} root
 * @param {StoredObservation[]} observations the site's own
 */
function renderChosenHere(root, observations) {
  const chosen = observations.filter(isChosenItem).sort((a, b) => b.time - a.time);
  const shown = chosen.slice(0, CHOSEN_SHOWN);
  /** @type {HTMLElement} */ (root.querySelector('#site-chosen tbody')).replaceChildren(...chosenAdRows(shown, false));
  /** @type {HTMLElement} */ (root.querySelector('#site-chosen')).hidden = shown.length === 0;
  /** @type {HTMLElement} */ (root.querySelector('#site-chosen-none')).hidden = shown.length > 0;
  const more = /** @type {HTMLElement} */ (root.querySelector('#site-chosen-more'));
  more.hidden = chosen.length <= shown.length;
  more.textContent = more.hidden ? '' : t('andMore', [chosen.length - shown.length]);
}

/**
 * Where the user's browser asked the site not to sell or share their data
 * (Global Privacy Control) and ads seen there were chosen for them all the
 * same, says so with how many; null otherwise (the browser's setting is
 * seen only with such ads' evidence).
 * @param {string} site
 * @param {StoredObservation[]} observations the site's own
 */
function gpcLine(site, observations) {
  const despite = observations.filter((o) => o.type === 'item_seen' && Array.isArray(o.evidence)
    && o.evidence.some((/** @type {{ type?: unknown }} */ e) => e?.type === 'global_privacy_control')).length;
  return despite > 0 ? el('li', { 'data-gpc': String(despite), text: t('gpcSite', [site, despite]) }) : null;
}

/**
 * "Trail Runner X followed you to news.example and blog.example".
 * @param {HTMLElement} list
 * @param {string} site
 * @param {SiteSummary | null} summary
 */
function renderFollowed(list, site, summary) {
  const listFormat = new Intl.ListFormat(locale(), { type: 'conjunction' });
  /** @type {Map<string, string[]>} product (or '' for the shop) → sites */
  const byProduct = new Map();
  for (const [to, followed] of Object.entries(summary?.followedTo ?? {})) {
    const products = Object.keys(followed.products);
    for (const product of products.length > 0 ? products : ['']) {
      byProduct.set(product, [...(byProduct.get(product) ?? []), to]);
    }
  }
  if (byProduct.size === 0) {
    list.replaceChildren(el('li', { text: t('followedNone') }));
    return;
  }
  list.replaceChildren(...[...byProduct.entries()].map(([product, sites]) => el('li', { 'data-product': product },
    product
      ? t('followedProduct', [product, listFormat.format(sites.sort())])
      : t('followedShop', [site, listFormat.format(sites.sort())]))));
}
