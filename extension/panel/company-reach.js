// "Who saw you where": for each company the visited sites sent data to, the
// sites it was on, what those sites' pages were about (the interest
// profile's topics per site, weighted by pages read) and the shops that told
// it what the user did there. What that one company could put together from
// its own vantage point, worked out from AdLens's records alone. Pure
// functions, no storage.

/**
 * @typedef {import('../storage/site-summary.js').SiteSummary} SiteSummary
 * @typedef {import('../messages.js').RememberedSite} RememberedSite
 * @typedef {{ company: string, sites: string[], visits: number, topics: string[], toldBy: string[] }} CompanyReach
 */

/**
 * AdGuard's categories of companies whose business is knowing who is
 * browsing. A company of another category (a CDN, a video player) counts
 * only where the filter lists block its requests.
 */
const TRACKING_CATEGORIES = new Set(['advertising', 'site_analytics', 'social_media', 'pornvertising', 'customer_interaction']);

/** Topics named per company. */
const TOPICS_PER_COMPANY = 3;

/**
 * Remarketing vendors are named as AdLens's engine names them ("RTB
 * House"), companies as the tracker database does ("RTB House S.A."): the
 * same company when one name starts the other, case aside.
 * @param {string} vendor
 * @param {string} company
 */
function sameCompany(vendor, company) {
  const [a, b] = [vendor.toLowerCase(), company.toLowerCase()];
  return a.startsWith(b) || b.startsWith(a);
}

/**
 * Every tracking company seen, with the sites it was on (most read first),
 * the pages read there, the topics those pages were about and the shops
 * that told it what the user did; the widest reach first.
 * @param {SiteSummary[]} summaries every site's summary
 * @param {RememberedSite[]} remembered the interest profile's sites, with their topics
 * @returns {CompanyReach[]}
 */
export function companyReach(summaries, remembered) {
  const topicsOf = new Map(remembered.map((s) => [s.site, s.topics]));
  /** @type {Map<string, { sites: SiteSummary[], toldBy: Set<string> }>} */
  const companies = new Map();
  for (const summary of summaries) {
    const here = new Set();
    for (const tp of Object.values(summary.thirdParties)) {
      if (tp.company && (TRACKING_CATEGORIES.has(tp.category ?? '') || tp.listed > 0)) here.add(tp.company);
    }
    for (const company of here) {
      const entry = companies.get(company) ?? { sites: [], toldBy: new Set() };
      entry.sites.push(summary);
      companies.set(company, entry);
    }
    for (const event of Object.values(summary.remarketing)) {
      for (const company of here) {
        if (sameCompany(event.vendor, company)) companies.get(company)?.toldBy.add(summary.site);
      }
    }
  }
  return [...companies].map(([company, { sites, toldBy }]) => {
    const read = [...sites].sort((a, b) => b.visits - a.visits || a.site.localeCompare(b.site));
    /** @type {Map<string, number>} */
    const weight = new Map();
    for (const site of read) {
      for (const topic of topicsOf.get(site.site) ?? []) weight.set(topic, (weight.get(topic) ?? 0) + Math.max(site.visits, 1));
    }
    return {
      company,
      sites: read.map((s) => s.site),
      visits: read.reduce((sum, s) => sum + Math.max(s.visits, 0), 0),
      topics: [...weight].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOPICS_PER_COMPANY).map(([topic]) => topic),
      toldBy: [...toldBy].sort(),
    };
  }).sort((a, b) => b.sites.length - a.sites.length || b.visits - a.visits || a.company.localeCompare(b.company));
}
