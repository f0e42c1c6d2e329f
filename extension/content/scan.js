// Gathers what the engine's scan plan asks for: candidate elements and their
// features. It decides nothing about ads; the engine does.

/**
 * @typedef {import('../messages.js').ScanPlan} ScanPlan
 * @typedef {import('../messages.js').Candidate} Candidate
 * @typedef {import('../messages.js').PageSnapshot} PageSnapshot
 */

/** Stable handles for elements across scans of the same document. */
export class ElementKeys {
  constructor() {
    /** @type {WeakMap<Element, number>} */
    this.keys = new WeakMap();
    /** @type {Map<number, WeakRef<Element>>} */
    this.elements = new Map();
    this.next = 1;
  }

  /** @param {Element} element */
  keyOf(element) {
    let key = this.keys.get(element);
    if (key === undefined) {
      key = this.next++;
      this.keys.set(element, key);
      this.elements.set(key, new WeakRef(element));
    }
    return key;
  }

  /** @param {number} key */
  elementOf(key) {
    return this.elements.get(key)?.deref() ?? null;
  }
}

/**
 * Builds a page snapshot from the current DOM.
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @param {ElementKeys} keys
 * @returns {PageSnapshot}
 */
export function scanPage(doc, plan, keys) {
  /** @type {Map<Element, Candidate['source']>} */
  const found = new Map();
  for (const el of doc.querySelectorAll(plan.markerSelector)) found.set(el, 'marker');
  for (const heading of doc.querySelectorAll(plan.headingSelector)) {
    const text = (heading.textContent ?? '').trim();
    if (!text || text.length > plan.limits.maxHeadingChars) continue;
    const container = heading.closest(plan.headingContainerSelector) ?? heading.parentElement;
    if (!container || container === doc.body || container === doc.documentElement) continue;
    if (!found.has(container)) found.set(container, 'heading');
  }

  const elements = [...found.keys()].slice(0, plan.limits.maxCandidates);
  const chosen = new Set(elements);
  const candidates = elements.map((el) =>
    describe(el, /** @type {Candidate['source']} */ (found.get(el)), plan, keys, chosen),
  );
  return {
    url: doc.location?.href ?? doc.URL,
    title: (doc.title ?? '').slice(0, plan.limits.maxHeadingChars),
    lang: doc.documentElement.getAttribute('lang'),
    candidates,
  };
}

/**
 * @param {Element} el
 * @param {Candidate['source']} source
 * @param {ScanPlan} plan
 * @param {ElementKeys} keys
 * @param {Set<Element>} chosen every candidate element, to find the parent
 * @returns {Candidate}
 */
function describe(el, source, plan, keys, chosen) {
  const { limits } = plan;
  const rect = el.getBoundingClientRect();
  const view = el.ownerDocument.defaultView;
  /** @type {[string, string][]} */
  const attributes = [];
  for (const name of plan.attributes) {
    const value = el.getAttribute(name);
    if (value !== null) attributes.push([name, value.slice(0, limits.maxHeadingChars)]);
  }
  return {
    key: keys.keyOf(el),
    source,
    parent: parentCandidate(el, chosen, keys),
    tag: el.localName,
    id: el.id || null,
    classes: [...el.classList].slice(0, limits.maxUrls),
    attributes,
    heading: headingOf(el, plan),
    text: (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, limits.maxTextChars),
    links: urls(el, 'a[href]', 'href', limits.maxUrls),
    frames: urls(el, 'iframe[src]', 'src', limits.maxUrls),
    images: urls(el, 'img[src]', 'src', limits.maxUrls),
    rect: {
      x: rect.left + (view?.scrollX ?? 0),
      y: rect.top + (view?.scrollY ?? 0),
      width: rect.width,
      height: rect.height,
    },
  };
}

/**
 * The text of the first heading inside the element, if short enough to be a
 * label.
 * @param {Element} el
 * @param {ScanPlan} plan
 */
function headingOf(el, plan) {
  const heading = el.matches(plan.headingSelector) ? el : el.querySelector(plan.headingSelector);
  const text = heading?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  return text && text.length <= plan.limits.maxHeadingChars ? text : null;
}

/**
 * @param {Element} el
 * @param {Set<Element>} chosen
 * @param {ElementKeys} keys
 */
function parentCandidate(el, chosen, keys) {
  for (let p = el.parentElement; p; p = p.parentElement) {
    if (chosen.has(p)) return keys.keyOf(p);
  }
  return null;
}

/**
 * Absolute URLs of an attribute on matching descendants (and the element).
 * @param {Element} el
 * @param {string} selector
 * @param {string} attribute
 * @param {number} max
 */
function urls(el, selector, attribute, max) {
  const out = [];
  const nodes = el.matches(selector) ? [el, ...el.querySelectorAll(selector)] : el.querySelectorAll(selector);
  for (const node of nodes) {
    if (out.length >= max) break;
    const raw = node.getAttribute(attribute);
    if (!raw) continue;
    try {
      out.push(new URL(raw, el.ownerDocument.baseURI).href);
    } catch {
      // not a URL: skip it
    }
  }
  return out;
}
