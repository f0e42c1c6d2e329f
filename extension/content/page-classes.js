// One pass over the page's classes and ids, before a scan.

import { attr, idOf, tagOf } from './dom-safe.js';

/** @typedef {import('../messages.js').ScanPlan} ScanPlan */

/**
 * What one pass over the page's classes and ids finds: the distinct classes
 * and ids (each capped at the plan's limit), for the filter lists' generic
 * element-hiding rules; the elements carrying a vendor marker on their class
 * or id; and the small labels (a class naming a sponsor or an advert). One
 * pass reads each class attribute once: a selector list the browser tried
 * on every element cost 1–2 ms more on large pages.
 * @typedef {{ classes: Set<string>, ids: Set<string>, markers: Element[], labels: Element[] }} PageClasses
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @returns {PageClasses}
 */
export function pageClasses(doc, plan) {
  const max = plan.limits.maxClassesAndIds;
  const markers = plan.classIdMarkers;
  /** @type {PageClasses} */
  const found = { classes: new Set(), ids: new Set(), markers: [], labels: [] };
  /**
   * What a class attribute says, worked out once per distinct attribute:
   * whether it marks a vendor's element (for any tag, or for these tags),
   * and whether it names a sponsor or an advert.
   * @type {Map<string, { marker: boolean, tags: string[], label: boolean }>}
   */
  const said = new Map();
  /** @param {string} classAttr */
  const read = (classAttr) => {
    const tokens = classAttr.split(/\s+/).filter(Boolean);
    for (const c of tokens) if (found.classes.size < max) found.classes.add(c);
    const facts = {
      marker: tokens.some((c) => markers.classes.includes(c) || markers.classPrefixes.some((p) => c.startsWith(p))),
      tags: markers.tagClasses.filter(([, c]) => tokens.includes(c)).map(([t]) => t),
      label: plan.labelClassParts.some((part) => classAttr.includes(part)),
    };
    said.set(classAttr, facts);
    return facts;
  };
  const all = doc.querySelectorAll('[class],[id]');
  for (let i = 0; i < all.length; i++) {
    const el = all[i];
    const classAttr = attr(el, 'class');
    const facts = classAttr ? said.get(classAttr) ?? read(classAttr) : null;
    const id = idOf(el);
    if (id && found.ids.size < max) found.ids.add(id);
    const marked = facts !== null && (facts.marker || (facts.tags.length > 0 && facts.tags.includes(tagOf(el))));
    if (marked || (id !== null && markers.idPrefixes.some((p) => id.startsWith(p)))) found.markers.push(el);
    if (facts?.label) found.labels.push(el);
  }
  return found;
}
