// What a page says about a product it sells, as a scan sends it: raw
// JSON-LD, meta tags and microdata; the engine reads them (and copes with
// broken ones).

import { visibleText } from './text.js';

/** @typedef {import('../messages.js').ScanPlan} ScanPlan */

/**
 * What the page says about a product it sells: raw JSON-LD, meta tags and
 * microdata; the engine reads them (and copes with broken ones).
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @returns {import('../messages.js').ProductHints}
 */
export function productHints(doc, plan) {
  const { limits } = plan;
  // Only blocks the engine can read a product from: an article's block can
  // be tens of kB, copied out with every scan.
  const jsonLd = [...doc.querySelectorAll(plan.jsonLdSelector)]
    .slice(0, limits.maxJsonLdScripts)
    .map((s) => (s.textContent ?? '').slice(0, limits.maxJsonLdChars))
    .filter((block) => block.includes(plan.jsonLdNeeds))
    .slice(0, limits.maxJsonLdBlocks);
  /** @type {[string, string][]} */
  const meta = [...doc.querySelectorAll(plan.productMetaSelector)]
    .slice(0, limits.maxProductProperties)
    .map((m) => [m.getAttribute('property') ?? m.getAttribute('name') ?? '', m.getAttribute('content') ?? '']);
  const item = doc.querySelector(plan.microdataProductSelector);
  /** @type {[string, string][]} */
  const microdata = item
    ? [...item.querySelectorAll('[itemprop]')]
        .slice(0, limits.maxProductProperties)
        .map((p) => [p.getAttribute('itemprop') ?? '', p.getAttribute('content') ?? visibleText(p, limits.maxHeadingChars)])
    : [];
  const canonical = doc.querySelector('link[rel="canonical"]');
  return { jsonLd, meta, microdata, canonical: canonical instanceof HTMLLinkElement ? canonical.href : null };
}
