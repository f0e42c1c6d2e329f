// One pass over the page's classes and ids, before a scan: what the engine
// is asked about (the filter lists' generic rules, and the vendor markers
// on classes and ids, both decided in the engine).

import { attr, classesOf, within } from './dom-safe.js';
import { LiveQuery } from './live-query.js';

/** @typedef {import('../messages.js').ScanPlan} ScanPlan */

/**
 * Most characters of class attributes sent: with the ids (each at most
 * the plan's count), the question stays well inside its message cap even
 * when every character needs escaping.
 */
const MAX_CLASS_CHARS = 250_000;

/**
 * What one pass over the page's classes and ids finds: the distinct class
 * attributes and ids (each capped), which the engine answers about; and the
 * small labels (a class naming a sponsor or an advert): on a first scan each
 * distinct attribute is tested for the plan's parts, on a rescan the labels'
 * query follows what changed. The pass reads each element's class and id
 * once and keeps the attributes whole: splitting them and testing them
 * against the vendor markers in script cost 1.5–2× the pass itself on large
 * pages (a fresh content-script world runs it as cold code); the engine
 * does both.
 * @typedef {{ classAttributes: Set<string>, ids: Set<string>, complete: boolean, labels: Element[] }} PageClasses
 *   complete: no class attribute or id was left out for the caps
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @param {{ before: PageClasses, changes: import('./page-changes.js').Changes } | null} [since] a
 *   rescan: what the last scan found, and what changed since; the class attributes and ids of the
 *   added and changed elements join the ones already known (a name that has gone asks the engine
 *   about one more name, which is harmless)
 * @param {LiveQuery} [labelQuery] the small labels' selector, kept from scan to scan
 * @returns {PageClasses}
 */
export function pageClasses(doc, plan, since = null, labelQuery = new LiveQuery(plan.labelSelector)) {
  const max = plan.limits.maxClassesAndIds;
  if (!since) {
    // The small labels found in the same pass: their own query was one
    // more walk of the whole page (yahoo.com: 0.8 ms).
    /** @type {Element[]} */
    const labels = [];
    /** @type {PageClasses} */
    const found = { classAttributes: new Set(), ids: new Set(), complete: true, labels };
    readAll(doc.querySelectorAll('[class],[id]'), found, max, 0, { parts: plan.labelClassParts, labels });
    labelQuery.seed(labels);
    return found;
  }
  const { before, changes } = since;
  const labels = labelQuery.run(doc, changes);
  /** @type {PageClasses} */
  const found = { classAttributes: new Set(before.classAttributes), ids: new Set(before.ids), complete: before.complete, labels };
  let chars = 0;
  for (const c of found.classAttributes) chars += c.length;
  /** @type {Element[]} */
  const changed = [...changes.attributed];
  for (const node of changes.added) if (node instanceof Element) changed.push(node, ...within(node, '[class],[id]'));
  readAll(changed, found, max, chars);
  return found;
}

/**
 * Reads the class attribute and id of every element of a list into `found`.
 * A tight loop, with nothing called per element but the DOM: on a first
 * scan it runs as cold script, once per element. (Calling the element's
 * own getAttribute directly, rather than through `attr`, measured no
 * faster: the cost is in the DOM, not the call.) With `small`, the
 * elements whose class attribute holds one of its parts are added to its
 * labels, in page order, as `[class*="…"]` finds them; each distinct
 * attribute is tested once.
 * @param {ArrayLike<Element>} all
 * @param {Omit<PageClasses, 'labels'>} found
 * @param {number} max most class attributes, and most ids
 * @param {number} chars characters of class attributes already in `found`
 * @param {{ parts: readonly string[], labels: Element[] }} [small]
 */
function readAll(all, found, max, chars, small) {
  const { classAttributes, ids } = found;
  /** @type {Map<string, boolean>} each class attribute met, and whether it makes a small label */
  const met = new Map();
  const count = all.length;
  for (let i = 0; i < count; i++) {
    const el = all[i];
    const classAttr = attr(el, 'class');
    if (classAttr) {
      let label = met.get(classAttr);
      if (label === undefined) {
        label = !!small && small.parts.some((part) => classAttr.includes(part));
        met.set(classAttr, label);
        if (!classAttributes.has(classAttr)) {
          if (classAttributes.size < max && chars + classAttr.length <= MAX_CLASS_CHARS) {
            classAttributes.add(classAttr);
            chars += classAttr.length;
          } else found.complete = false;
        }
      }
      if (label) small?.labels.push(el);
    }
    const id = attr(el, 'id');
    if (id && !ids.has(id)) {
      if (ids.size < max) ids.add(id);
      else found.complete = false;
    }
  }
}

/**
 * The elements carrying the vendor markers the engine named among the
 * page's classes and ids (and the tags that are markers on its site), each
 * once, in the order named. Looked up by name: a selector per class, one
 * for every class prefix, one for every id prefix and one for the tags,
 * which a rescan asks only of what changed.
 * @param {Document} doc
 * @param {import('../messages.js').MarkedNames} marked
 * @param {(selector: string) => Element[]} [select] a selector's matches in page order
 * @returns {Set<Element>}
 */
export function markedElements(doc, marked, select = (selector) => [...doc.querySelectorAll(selector)]) {
  /** @type {Set<Element>} */
  const found = new Set();
  /** @param {string} selector */
  const add = (selector) => {
    for (const el of select(selector)) found.add(el);
  };
  for (const c of marked.classes) add(`.${CSS.escape(c)}`);
  if (marked.classPrefixes.length > 0) {
    // One query for every prefix (by name, each class would be one walk of
    // the page: a Taboola widget has 50 `trc_…` classes; 1.3–1.5 against
    // 0.5 ms on breitbart.com), then the class that really begins with one.
    const prefixes = marked.classPrefixes;
    for (const el of select(prefixes.map((p) => `[class*="${CSS.escape(p)}"]`).join(','))) {
      if (classesOf(el).some((c) => prefixes.some((p) => c.startsWith(p)))) found.add(el);
    }
  }
  for (const [tag, c] of marked.tagClasses) add(`${CSS.escape(tag)}.${CSS.escape(c)}`);
  // One query for every id prefix, as for class prefixes: by name, each of
  // a feed's slots (every GPT slot has its own id) was one more selector to
  // follow at every rescan (415 of them: 1.8 ms of each).
  if (marked.idPrefixes.length > 0) add(marked.idPrefixes.map((p) => `[id^="${CSS.escape(p)}"]`).join(','));
  // A site's own elements (YouTube's), named only on its pages: one walk
  // of the page for all of them.
  if (marked.tags.length > 0) add(marked.tags.map((t) => CSS.escape(t)).join(','));
  return found;
}
