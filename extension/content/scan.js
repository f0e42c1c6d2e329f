// Gathers what the engine's scan plan asks for: candidate elements and their
// features. It decides nothing about ads; the engine does.

/**
 * @typedef {import('../messages.js').ScanPlan} ScanPlan
 * @typedef {import('../messages.js').Candidate} Candidate
 * @typedef {import('../messages.js').PageSnapshot} PageSnapshot
 */

/**
 * Stable handles for elements across scans of the same document, and the
 * last scan's candidates by handle (the elements the engine's verdicts are
 * about). Only those are kept: a page scrolled for hours has seen thousands
 * of candidates come and go, and each handle once given out stays in a
 * weak map, which frees it with its element.
 */
export class ElementKeys {
  constructor() {
    /** @type {WeakMap<Element, number>} */
    this.keys = new WeakMap();
    /** @type {Map<number, Element>} the last scan's candidates */
    this.elements = new Map();
    this.next = 1;
  }

  /** @param {Element} element */
  keyOf(element) {
    let key = this.keys.get(element);
    if (key === undefined) {
      key = this.next++;
      this.keys.set(element, key);
    }
    return key;
  }

  /**
   * Makes these the elements found by key, and no others.
   * @param {Iterable<Element>} candidates a scan's candidates
   */
  keepOnly(candidates) {
    this.elements = new Map();
    for (const el of candidates) this.elements.set(this.keyOf(el), el);
  }

  /**
   * The last scan's candidate with this handle, if it is still in the page.
   * @param {number} key
   */
  elementOf(key) {
    const el = this.elements.get(key);
    return el && connected(el) ? el : null;
  }
}

import { attr, classesOf, closestOf, connected, firstWithin, idOf, isMatch, parentOf, tagOf } from './dom-safe.js';
import { parentCandidate, reportedHolders } from './holders.js';
import { markedElements } from './page-classes.js';
import { markedItem } from './text-markers.js';
import { mainText, visibleText } from './text.js';
import { LiveQuery } from './live-query.js';
import { resources } from './resources.js';
import { shownBox } from './shown-box.js';
import { headingSection } from './heading-section.js';

/**
 * Elements matching any of the selectors, selector by selector (as the
 * native scan takes them). One query per selector is faster than one joined
 * list: the browser has fast paths for a lone id, class or tag selector, and
 * a list must try every selector on every element (measured on real pages:
 * 0.3 against 1.2 ms on 54 selectors, and 1.9 against 4.1 ms on 83).
 * A selector this browser does not understand (`:has-text()`…) matches nothing.
 * @param {string[]} selectors
 * @param {(selector: string) => Element[]} select a selector's matches in page order
 * @returns {Element[]}
 */
function selectEach(selectors, select) {
  /** @type {Element[]} */
  const found = [];
  for (const selector of selectors) for (const el of select(selector)) found.push(el);
  return found;
}

/**
 * A selector's matches, followed from scan to scan (`LiveQuery`); the ones
 * a scan did not ask about are dropped after it.
 * @param {Described} described
 * @param {Document} doc
 * @param {import('./page-changes.js').Changes | null} changes
 */
function liveSelect(described, doc, changes) {
  const queries = described.queries ?? new Map();
  /** @type {Map<string, LiveQuery>} */
  const used = new Map();
  described.queries = used;
  /** @param {string} selector */
  return (selector) => {
    const query = used.get(selector) ?? queries.get(selector) ?? new LiveQuery(selector);
    if (used.has(selector)) return query.matches;
    used.set(selector, query);
    return query.run(doc, changes);
  };
}

/**
 * @typedef {{ text: string | null, heading: boolean, label: boolean }} HeadingText
 * @typedef {{ headings: Map<Element, HeadingText>, labels: Set<string> }} LabelTexts
 */

/**
 * The page's headings and sponsor-marked elements, with their texts (null
 * when too long to be a label). The engine says which texts are labels, so
 * only those sections get described; the scan reuses the texts.
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @param {Element[]} labels the elements whose class names a sponsor or an advert
 * @param {{ before: Map<Element, HeadingText>, changes: import('./page-changes.js').Changes } | null} [since]
 *   a rescan: the texts the last scan read, kept for the elements nothing has changed in
 * @param {LiveQuery} [headingQuery] the headings' selector, kept from scan to scan
 * @returns {Map<Element, HeadingText>}
 */
export function headingTexts(doc, plan, labels, since = null, headingQuery = new LiveQuery(plan.headingSelector)) {
  /** @type {Map<Element, HeadingText>} */
  const found = new Map();
  const max = plan.limits.maxHeadingChars;
  const isLabel = new Set(labels);
  /** @param {Element} el @param {boolean} heading @param {boolean} same nothing in it has changed */
  const add = (el, heading, same) => {
    const known = same ? since?.before.get(el) : undefined;
    /** @type {string | null} */
    let text = known ? known.text : null;
    if (!known) {
      const read = visibleText(el, max + 1);
      text = read && read.length <= max ? read : null;
    }
    found.set(el, { text, heading, label: isLabel.has(el) });
  };
  /** @param {Element} el whether its text is as the last scan read it */
  const same = (el) => !!since && !since.changes.changed(el);
  for (const el of headingQuery.run(doc, since?.changes ?? null)) {
    if (found.size >= plan.limits.maxCandidates) return found;
    add(el, true, same(el));
  }
  for (const el of labels) {
    if (found.size >= plan.limits.maxCandidates) break;
    if (!found.has(el)) add(el, false, same(el));
  }
  return found;
}

/**
 * A heading's text: as read before the scan, else read now.
 * @param {Element} el
 * @param {Map<Element, HeadingText>} known
 * @param {number} max
 */
function headingText(el, known, max) {
  const seen = known.get(el);
  if (seen) return seen.text;
  const text = visibleText(el, max + 1);
  return text && text.length <= max ? text : null;
}

/**
 * What a scan reads in its first task, before the candidates (which need
 * the page's layout, read in the next frame): two tasks of similar length
 * rather than one long one.
 * @typedef {{ texts: LabelTexts, markerWords: [Element, string][],
 *   productHints: import('../messages.js').ProductHints }} ReadBefore
 *   texts: the page's heading texts, and those the engine calls labels;
 *   markerWords: elements whose whole text is an ad marker (`textMarkers`);
 *   productHints: what the page says about a product it sells (`productHints`)
 */

/**
 * Builds a page snapshot from the current DOM.
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @param {ElementKeys} keys
 * @param {import('../messages.js').ClassIdAnswer} answer the engine's answer about the page's classes and
 *   ids: the filter lists' selectors for this page, and the vendor-marked names
 * @param {ReadBefore} before what the scan's first task read
 * @param {Described} [described] what earlier scans read of the candidates (updated here)
 * @param {import('./page-changes.js').Changes | null} [changes] a rescan's changes: a candidate
 *   nothing has changed in is not read again, nor its box
 * @returns {PageSnapshot}
 */
export function scanPage(doc, plan, keys, answer, before, described = { read: new Map() }, changes = null) {
  const { texts, markerWords, productHints: hints } = before;
  /** @type {Map<Element, Candidate['source']>} */
  const found = new Map();
  const select = liveSelect(described, doc, changes);
  // The first reason an element was picked wins: markers, lists, headings.
  for (const el of markedElements(doc, answer.marked, select)) found.set(el, 'marker');
  for (const el of selectEach(plan.otherMarkerSelectors, select)) if (!found.has(el)) found.set(el, 'marker');
  for (const el of selectEach(answer.selectors, select)) if (!found.has(el)) found.set(el, 'cosmetic');
  /** @type {Map<Element, string>} the label that made a container a candidate */
  const labelOf = new Map();
  /** @type {Set<Element>} the headings and small labels that name a section */
  const naming = new Set();
  // Headings first, then sponsor-marked elements: as read before the scan
  // (one that came since is found by the rescan its arrival causes).
  for (const headingsFirst of [true, false]) {
    const containerSelector = headingsFirst ? plan.headingContainerSelector : plan.labelContainerSelector;
    for (const [label, { text, heading, label: small }] of texts.headings) {
      if (text === null || !texts.labels.has(text) || !connected(label) || !(headingsFirst ? heading : small)) continue;
      const container = headingsFirst ? headingSection(label, containerSelector, found) : closestOf(label, containerSelector) ?? parentOf(label);
      if (!container || container === doc.body || container === doc.documentElement) continue;
      naming.add(label);
      if (found.has(container)) continue;
      found.set(container, 'heading');
      labelOf.set(container, text);
    }
  }

  // A marker word that is (or is inside) a heading naming a section has
  // already labelled it: looked for again as a tile's marker, its closest
  // item could be the whole story around it.
  for (const [label, text] of markerWords) {
    if (!connected(label) || insideAny(label, naming)) continue;
    const item = markedItem(label, plan);
    if (!item || found.has(item)) continue;
    found.set(item, 'heading');
    labelOf.set(item, text);
  }

  const elements = [...found.keys()].slice(0, plan.limits.maxCandidates);
  const chosen = new Set(elements);
  /** @type {Map<Element, Element | null>} */
  const memo = new Map();
  const earlier = changes && !changes.whole ? described.read : new Map();
  described.read = new Map();
  const holderOf = reportedHolders(found, chosen, memo);
  // Read once: the page cannot scroll during this task (read per candidate,
  // it cost as much as the candidates' boxes).
  const view = doc.defaultView;
  const scroll = { x: view?.scrollX ?? 0, y: view?.scrollY ?? 0 };
  const candidates = elements.flatMap((el) => {
    try {
      const parent = holderOf(el);
      if (parent === undefined) return []; // nothing the engine would learn
      const known = earlier.get(el);
      const nested = parent !== null;
      const same = known !== undefined && known.nested === nested && !changes?.changed(el);
      const fields = same ? known.fields : readCandidate(el, nested, plan, keys, texts.headings);
      const source = /** @type {Candidate['source']} */ (found.get(el));
      const label = labelOf.get(el);
      // One nothing has changed in, picked for the same reason, inside the
      // same holder, is sent as it was, its box too: where it was when last
      // read (reading every box again was 0.8 ms of each rescan of a feed
      // grown to 415 items; the labels read the boxes they need themselves).
      const sent = same && known.sent.source === source && known.parent === parent && known.label === label
        ? known.sent
        : withLabel(placed(el, fields, source, keys, parent, scroll), label);
      described.read.set(el, { nested, fields, parent, label, sent });
      return [sent];
    } catch (error) {
      // One element the page has made unreadable must not cost the others.
      console.debug('[AdLens] candidate skipped:', error instanceof Error ? error.message : error);
      return [];
    }
  });
  keys.keepOnly(described.read.keys());
  return {
    url: doc.location?.href ?? doc.URL,
    title: (doc.title ?? '').slice(0, plan.limits.maxHeadingChars),
    lang: doc.documentElement.getAttribute('lang'),
    ...pageText(doc, plan, chosen, memo, texts.headings),
    candidates,
    productHints: hints,
    gpc: sendsGpc(doc),
  };
}

/**
 * Whether the browser sends the page Global Privacy Control: the user
 * asked every site not to sell or share their data (Firefox's setting,
 * Brave's default). A content script reads the browser's own navigator,
 * which the page cannot change for it.
 * @param {Document} doc
 */
function sendsGpc(doc) {
  const navigator = /** @type {(Navigator & { globalPrivacyControl?: unknown }) | undefined} */ (doc.defaultView?.navigator);
  return navigator?.globalPrivacyControl === true;
}

/**
 * Whether the element is one of these or inside one.
 * @param {Element} el
 * @param {Set<Element>} set
 */
function insideAny(el, set) {
  if (set.size === 0) return false;
  for (let up = /** @type {Element | null} */ (el); up; up = parentOf(up)) if (set.has(up)) return true;
  return false;
}

/** The headings that say what the page itself is about. */
const PAGE_HEADINGS = new Set(['h1', 'h2', 'h3']);

/**
 * What the page itself says, outside its ads and widgets (their words must
 * not decide what the page is about): meta description, headings and the
 * text of its main part (`main`, else `article`, else the body).
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @param {Set<Element>} chosen the candidates
 * @param {Map<Element, Element | null>} memo closest candidate at or above an element (`parentCandidate`)
 * @param {Map<Element, HeadingText>} known heading texts read before the scan
 */
function pageText(doc, plan, chosen, memo, known) {
  const { limits } = plan;
  /** @param {Element} el */
  const outsideItems = (el) => !chosen.has(el) && parentCandidate(el, chosen, memo) === null;
  const meta = doc.querySelector('meta[name="description"]')?.getAttribute('content') ?? '';
  const description = meta.split(/\s+/).filter(Boolean).join(' ').slice(0, limits.maxTextChars);
  /** @type {string[]} */
  const headings = [];
  // The h1–h3 among the headings read before the scan, in page order (one
  // that came since is read by the rescan its arrival causes).
  for (const [h, { heading, text: read }] of known) {
    if (headings.length >= limits.maxHeadings) break;
    if (!heading || !PAGE_HEADINGS.has(tagOf(h)) || !connected(h) || !outsideItems(h)) continue;
    const text = read ?? visibleText(h, limits.maxHeadingChars);
    if (text) headings.push(text);
  }
  const root = doc.querySelector('main, [role=main]') ?? doc.querySelector('article') ?? doc.body;
  return { description, headings, text: root ? mainText(root, chosen, limits.maxPageTextChars) : '' };
}

/**
 * What a candidate is, whatever its place among the others: what it says,
 * links to and shows, and its markers. A candidate nothing has changed in
 * reads the same at the next scan, so these are kept (`Described`).
 * @typedef {Omit<Candidate, 'source' | 'parent' | 'rect'> | Omit<import('../messages.js').NestedCandidate, 'source' | 'parent'>} CandidateFields
 * @typedef {{ read: Map<Element, { nested: boolean, fields: CandidateFields, parent: Element | null, label: string | undefined,
 *   sent: Candidate | import('../messages.js').NestedCandidate }>, queries?: Map<string, LiveQuery> }} Described
 *   read: each candidate of the last scan: whether it was inside another then, what it read of it, the candidate it was
 *   sent inside, the label that made it one, and the candidate as sent (the same object while nothing changes: a report
 *   sends only the candidates that are not);
 *   queries: the selectors the last scan picked candidates by (markers, lists), with their matches
 */

/**
 * @param {Element} el
 * @param {boolean} nested inside another candidate
 * @param {ScanPlan} plan
 * @param {ElementKeys} keys
 * @param {Map<Element, HeadingText>} headings texts read before the scan
 * @returns {CandidateFields}
 */
function readCandidate(el, nested, plan, keys, headings) {
  const { limits } = plan;
  /** @type {[string, string][]} */
  const attributes = [];
  for (const name of plan.attributes) {
    const value = attr(el, name);
    if (value !== null) attributes.push([name, value.slice(0, limits.maxHeadingChars)]);
  }
  const base = {
    key: keys.keyOf(el),
    tag: tagOf(el),
    id: idOf(el),
    classes: classesOf(el).slice(0, limits.maxUrls),
    attributes,
  };
  // Inside another candidate only the markers matter: the outer one's text
  // and links already include this one's (and describing is the costly part).
  // The empty fields are left out, not sent empty: each value is copied out
  // of the page's process (a Taboola widget has 200 nested candidates).
  if (nested) return base.tag === 'a' ? { ...base, links: resources(el, limits.maxUrls).links.slice(0, 1) } : base;
  return {
    ...base,
    heading: headingOf(el, plan, headings),
    text: visibleText(el, limits.maxTextChars),
    ...resources(el, limits.maxUrls),
  };
}

/**
 * The candidate with the label that made it one, if any, as its heading.
 * @template {Candidate | import('../messages.js').NestedCandidate} C
 * @param {C} candidate
 * @param {string | undefined} label
 * @returns {C}
 */
function withLabel(candidate, label) {
  return label === undefined ? candidate : { ...candidate, heading: label };
}

/**
 * A candidate as this scan finds it: what it is, why it was picked, the
 * candidate holding it, and (outermost ones) where it is now.
 * @param {Element} el
 * @param {CandidateFields} fields
 * @param {Candidate['source']} source
 * @param {ElementKeys} keys
 * @param {Element | null} parent the closest candidate holding this one
 * @param {{ x: number, y: number }} scroll how far the page is scrolled (its boxes are sent in page coordinates)
 * @returns {Candidate | import('../messages.js').NestedCandidate}
 */
function placed(el, fields, source, keys, parent, scroll) {
  if (parent !== null) return /** @type {import('../messages.js').NestedCandidate} */ ({ ...fields, source, parent: keys.keyOf(parent) });
  const rect = shownBox(el);
  return /** @type {Candidate} */ ({
    ...fields,
    source,
    parent: null,
    rect: {
      x: rect.left + scroll.x,
      y: rect.top + scroll.y,
      width: rect.width,
      height: rect.height,
    },
  });
}

/**
 * The text of the first heading inside the element, if short enough to be a
 * label.
 * @param {Element} el
 * @param {ScanPlan} plan
 * @param {Map<Element, HeadingText>} headings texts read before the scan
 */
function headingOf(el, plan, headings) {
  const heading = isMatch(el, plan.headingSelector) ? el : firstWithin(el, plan.headingSelector);
  return heading ? headingText(heading, headings, plan.limits.maxHeadingChars) : null;
}
