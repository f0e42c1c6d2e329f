// The site list: every site AdLens saw, from the per-site summaries alone
// (one read, however many observations there are), sortable by any column
// and searchable by site or company.

import { ago } from '../evidence.js';
import { kindMeaning } from '../item-label.js';
import { el, locale, t } from '../pages/dom.js';
import { KINDS } from '../pages/kinds.js';

/**
 * @typedef {import('../storage/site-summary.js').SiteSummary} SiteSummary
 * @typedef {{ site: string, lastSeen: number, visits: number, thirdParties: number, companies: string[],
 *   kinds: SiteSummary['kinds'], personalised: number }} Row
 * @typedef {'site' | 'lastSeen' | 'visits' | 'thirdParties' | 'companies' | 'personalised'} SortKey
 */

/** Rows shown before "show all" (a long table costs time to lay out). */
const FIRST_ROWS = 300;

/**
 * @param {SiteSummary} s
 * @returns {Row}
 */
function rowOf(s) {
  const companies = [...new Set(Object.values(s.thirdParties).map((tp) => tp.company).filter((c) => c !== null))];
  return {
    site: s.site,
    lastSeen: s.lastSeen,
    visits: s.visits,
    thirdParties: Object.keys(s.thirdParties).length,
    companies: /** @type {string[]} */ (companies).sort((a, b) => a.localeCompare(b)),
    kinds: s.kinds,
    personalised: s.kinds.behavioural + s.kinds.retargeted,
  };
}

/** @type {Record<SortKey, (a: Row, b: Row) => number>} */
const ORDER = {
  site: (a, b) => a.site.localeCompare(b.site),
  lastSeen: (a, b) => a.lastSeen - b.lastSeen,
  visits: (a, b) => a.visits - b.visits,
  thirdParties: (a, b) => a.thirdParties - b.thirdParties,
  companies: (a, b) => a.companies.length - b.companies.length,
  personalised: (a, b) => a.personalised - b.personalised,
};

export class SitesView {
  /** @param {HTMLElement} root the #view-sites section */
  constructor(root) {
    this.root = root;
    /** @type {Row[]} */
    this.rows = [];
    /** @type {SortKey} */
    this.sort = 'lastSeen';
    this.descending = true;
    this.showAll = false;
    this.search = /** @type {HTMLInputElement} */ (root.querySelector('#site-search'));
    this.search.addEventListener('input', () => this.render());
    for (const th of root.querySelectorAll('th[data-sort]')) {
      th.querySelector('button')?.addEventListener('click', () => {
        const key = /** @type {SortKey} */ (th.getAttribute('data-sort'));
        this.descending = this.sort === key ? !this.descending : key !== 'site';
        this.sort = key;
        this.render();
      });
    }
    root.querySelector('#sites-more')?.addEventListener('click', () => {
      this.showAll = true;
      this.render();
    });
  }

  /** @param {SiteSummary[]} summaries */
  show(summaries) {
    this.rows = summaries.map(rowOf);
    this.render();
  }

  render() {
    const needle = this.search.value.trim().toLowerCase();
    const matching = this.rows.filter((r) => !needle || r.site.includes(needle)
      || r.companies.some((c) => c.toLowerCase().includes(needle)));
    const order = ORDER[this.sort];
    matching.sort((a, b) => (this.descending ? -order(a, b) : order(a, b)) || a.site.localeCompare(b.site));
    const shown = this.showAll ? matching : matching.slice(0, FIRST_ROWS);
    const now = Date.now();
    const number = new Intl.NumberFormat(locale());
    /** @type {HTMLElement} */ (this.root.querySelector('#sites tbody')).replaceChildren(...shown.map((r) => el('tr', { 'data-site': r.site },
      el('th', { scope: 'row' }, el('a', { href: `#site/${encodeURIComponent(r.site)}`, text: r.site })),
      el('td', { title: new Date(r.lastSeen).toLocaleString(locale()), text: r.lastSeen ? ago(r.lastSeen, now, locale()) : '' }),
      el('td', { class: 'num', text: number.format(r.visits) }),
      el('td', { class: 'num', text: number.format(r.thirdParties) }),
      el('td', { text: companiesText(r.companies) }),
      el('td', {}, kindCounts(r.kinds)),
    )));
    for (const th of this.root.querySelectorAll('th[data-sort]')) {
      if (th.getAttribute('data-sort') === this.sort) th.setAttribute('aria-sort', this.descending ? 'descending' : 'ascending');
      else th.removeAttribute('aria-sort');
    }
    /** @type {HTMLElement} */ (this.root.querySelector('#sites-empty')).hidden = this.rows.length > 0;
    const more = /** @type {HTMLButtonElement} */ (this.root.querySelector('#sites-more'));
    more.hidden = shown.length === matching.length;
    more.textContent = t('sitesMore', [number.format(matching.length)]);
  }
}

/** @param {string[]} companies */
function companiesText(companies) {
  if (companies.length <= 3) return companies.join(', ');
  return `${companies.slice(0, 3).join(', ')} ${t('andMore', [companies.length - 3])}`;
}

/**
 * The kinds seen, each as a count with its word in its colour (never colour
 * alone), and what the kind means on hover; kinds not seen are left out.
 * @param {SiteSummary['kinds']} kinds
 */
export function kindCounts(kinds) {
  const seen = KINDS.filter((kind) => kinds[kind] > 0);
  if (seen.length === 0) return el('span', { class: 'note', text: '—' });
  return el('span', { class: 'kind-counts' }, ...seen.map((kind) => el('span', {
    class: `pill ${kind}`,
    'data-kind': kind,
    'data-count': kinds[kind],
    text: `${kinds[kind]} ${t(`kind_${kind}`)}`,
    title: kindMeaning(kind),
  })));
}
