// Which of the user's interests ads were chosen by: for each topic of the
// profile, the ads and widgets AdLens labelled "your profile" because they
// matched it, over the period AdLens keeps, and the sites that showed them.
// What an advertiser did with what it could infer. Pure functions, no
// storage: the per-site summaries count them (`interestAds`).

/**
 * @typedef {import('../storage/site-summary.js').SiteSummary} SiteSummary
 * @typedef {{ count: number, sites: string[] }} InterestAds
 *   count: the ads and widgets the interest picked; sites: where, the most first
 */

/**
 * @param {SiteSummary[]} summaries every site's summary
 * @returns {Map<string, InterestAds>} by topic id
 */
export function adsByInterest(summaries) {
  /** @type {Map<string, [string, number][]>} */
  const bySite = new Map();
  for (const summary of summaries) {
    for (const [topic, count] of Object.entries(summary.interestAds ?? {})) {
      if (count > 0) (bySite.get(topic) ?? bySite.set(topic, []).get(topic))?.push([summary.site, count]);
    }
  }
  /** @type {Map<string, InterestAds>} */
  const found = new Map();
  for (const [topic, sites] of bySite) {
    sites.sort(([a, m], [b, n]) => n - m || a.localeCompare(b));
    found.set(topic, { count: sites.reduce((sum, [, n]) => sum + n, 0), sites: sites.map(([site]) => site) });
  }
  return found;
}
