// One pass over the page's classes and ids, before a scan.

import { attr, tagOf } from './dom-safe.js';

/** @typedef {import('../messages.js').ScanPlan} ScanPlan */

/** @param {string} text a literal for a regular expression */
const literal = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A class attribute has this class (a whole token). */
const hasClass = (/** @type {string[]} */ classes) => `(?:^|\\s)(?:${classes.map(literal).join('|')})(?:\\s|$)`;
/** A class attribute has a class starting like this. */
const hasClassPrefix = (/** @type {string[]} */ prefixes) => `(?:^|\\s)(?:${prefixes.map(literal).join('|')})`;
/** Matches nothing: for a plan with no markers of a kind. */
const NOTHING = /(?!)/;

/**
 * What the plan's markers on classes and ids become for one pass: one
 * regular expression per question, run once per distinct class attribute
 * (the browser runs them natively; a loop over the marker lists per class
 * ran as cold script, 2–3× slower on a page's first scan).
 * @param {ScanPlan} plan
 */
function markerTests(plan) {
  const { idPrefixes, classes, classPrefixes, tagClasses } = plan.classIdMarkers;
  const parts = [...(classes.length ? [hasClass(classes)] : []), ...(classPrefixes.length ? [hasClassPrefix(classPrefixes)] : [])];
  return {
    idMarker: idPrefixes.length ? new RegExp(`^(?:${idPrefixes.map(literal).join('|')})`) : NOTHING,
    classMarker: parts.length ? new RegExp(parts.join('|')) : NOTHING,
    label: plan.labelClassParts.length ? new RegExp(plan.labelClassParts.map(literal).join('|')) : NOTHING,
    /** @type {[string, RegExp][]} a vendor's element by tag and class */
    tagClass: tagClasses.map(([tag, c]) => [tag, new RegExp(hasClass([c]))]),
  };
}

/**
 * What one pass over the page's classes and ids finds: the distinct classes
 * and ids (each capped at the plan's limit), for the filter lists' generic
 * element-hiding rules; the elements carrying a vendor marker on their class
 * or id; and the small labels (a class naming a sponsor or an advert). One
 * pass reads each element's class and id once, and works out what a class
 * attribute says once per distinct attribute: a selector list the browser
 * tried on every element cost 1–2 ms more on large pages.
 * @typedef {{ classes: Set<string>, ids: Set<string>, markers: Element[], labels: Element[] }} PageClasses
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @returns {PageClasses}
 */
export function pageClasses(doc, plan) {
  const max = plan.limits.maxClassesAndIds;
  const tests = markerTests(plan);
  /** @type {PageClasses} */
  const found = { classes: new Set(), ids: new Set(), markers: [], labels: [] };
  /**
   * What a class attribute says, worked out once per distinct attribute:
   * whether it marks a vendor's element (for any tag, or only for `tags`),
   * and whether it names a sponsor or an advert.
   * @type {Map<string, { marker: boolean, label: boolean, tags: string[] | null }>}
   */
  const said = new Map();
  /** @param {string} classAttr */
  const read = (classAttr) => {
    for (const c of classAttr.split(/\s+/)) if (c && found.classes.size < max) found.classes.add(c);
    /** @type {string[] | null} */
    let tags = null;
    for (const [tag, test] of tests.tagClass) if (test.test(classAttr)) (tags ??= []).push(tag);
    const facts = { marker: tests.classMarker.test(classAttr), label: tests.label.test(classAttr), tags };
    said.set(classAttr, facts);
    return facts;
  };
  // A tight loop: on a first scan it runs as cold script, once per element.
  const all = doc.querySelectorAll('[class],[id]');
  const count = all.length;
  for (let i = 0; i < count; i++) {
    const el = all[i];
    const classAttr = attr(el, 'class');
    const id = attr(el, 'id');
    let marked = false;
    if (classAttr) {
      const facts = said.get(classAttr) ?? read(classAttr);
      marked = facts.marker || (facts.tags !== null && facts.tags.includes(tagOf(el)));
      if (facts.label) found.labels.push(el);
    }
    if (id) {
      if (found.ids.size < max) found.ids.add(id);
      if (!marked) marked = tests.idMarker.test(id);
    }
    if (marked) found.markers.push(el);
  }
  return found;
}
