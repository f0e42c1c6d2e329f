// Reads facts about a page's elements through the DOM's own prototypes. A
// page can shadow an element's properties: a <form> containing
// <input name="id"> makes `form.id` that input (no malice needed), and one
// with inputs named "getAttribute" or "matches" breaks those methods. A
// value read here is always what the element really has, or null.

const proto = Element.prototype;
const getAttribute = proto.getAttribute;
const matches = proto.matches;
const querySelectorAll = proto.querySelectorAll;
const querySelector = proto.querySelector;
const closest = proto.closest;
const localName = /** @type {() => string} */ (Object.getOwnPropertyDescriptor(proto, 'localName')?.get);
const parentElement = /** @type {() => Element | null} */ (Object.getOwnPropertyDescriptor(Node.prototype, 'parentElement')?.get);
const isConnected = /** @type {() => boolean} */ (Object.getOwnPropertyDescriptor(Node.prototype, 'isConnected')?.get);
const firstChild = /** @type {() => ChildNode | null} */ (Object.getOwnPropertyDescriptor(Node.prototype, 'firstChild')?.get);
const lastChild = /** @type {() => ChildNode | null} */ (Object.getOwnPropertyDescriptor(Node.prototype, 'lastChild')?.get);
const contains = Node.prototype.contains;
const compareDocumentPosition = Node.prototype.compareDocumentPosition;

/**
 * @param {Element} el
 * @param {string} name
 * @returns {string | null}
 */
export function attr(el, name) {
  return getAttribute.call(el, name);
}

/** @param {Element} el its `id` attribute, or null when it has none */
export function idOf(el) {
  return attr(el, 'id') || null;
}

/** What separates classes in a class attribute (ASCII whitespace, as HTML says). */
const HTML_SPACE = /[\t\n\f\r ]+/;

/** @param {Element} el its classes, split as HTML splits them */
export function classesOf(el) {
  return (attr(el, 'class') ?? '').split(HTML_SPACE).filter(Boolean);
}

/** @param {Element} el its tag name, lower case */
export function tagOf(el) {
  return localName.call(el);
}

/** @param {Element} el @param {string} selector */
export function isMatch(el, selector) {
  return matches.call(el, selector);
}

/**
 * @param {Element} el
 * @param {string} selector
 * @returns {NodeListOf<Element>}
 */
export function within(el, selector) {
  return querySelectorAll.call(el, selector);
}

/**
 * @param {Element} el
 * @param {string} selector
 * @returns {Element | null} the first descendant matching `selector`
 */
export function firstWithin(el, selector) {
  return querySelector.call(el, selector);
}

/**
 * @param {Element} el
 * @param {string} selector
 * @returns {Element | null}
 */
export function closestOf(el, selector) {
  return closest.call(el, selector);
}

/** @param {Node} node its parent element */
export function parentOf(node) {
  return parentElement.call(node);
}

/** @param {Node} node whether it is (still) in its document */
export function connected(node) {
  return isConnected.call(node);
}

/**
 * Whether `node` is `el` or inside it.
 * @param {Element} el
 * @param {Node} node
 */
export function holds(el, node) {
  return contains.call(el, node);
}

/**
 * Where `other` is from `node` (`Node.DOCUMENT_POSITION_…` bits).
 * @param {Node} node
 * @param {Node} other
 */
export function positionOf(node, other) {
  return compareDocumentPosition.call(node, other);
}

/** @param {Node} node its one child node, or null when it has none or several */
export function onlyChildOf(node) {
  const first = firstChild.call(node);
  return first !== null && first === lastChild.call(node) ? first : null;
}
