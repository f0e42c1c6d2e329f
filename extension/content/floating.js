// Whether an item does not scroll with the page: it, or a box holding it,
// is fixed or sticky, or it sits in a box that scrolls itself (a row of
// tiles scrolled sideways). Its label, which sits on the page, must then
// follow it while the page scrolls.

const MOVES_APART = new Set(['fixed', 'sticky']);
const SCROLLS = new Set(['auto', 'scroll', 'overlay']);

/**
 * @param {Element} element
 * @param {WeakMap<Element, boolean>} known what earlier calls found for the
 *   boxes holding other items (items share most of their ancestors)
 */
export function floats(element, known) {
  const view = element.ownerDocument.defaultView;
  if (!view) return false;
  /** @type {Element[]} */
  const climbed = [];
  let answer = false;
  for (let el = /** @type {Element | null} */ (element); el && el !== element.ownerDocument.documentElement; el = el.parentElement) {
    const seen = known.get(el);
    if (seen !== undefined) {
      answer = seen;
      break;
    }
    climbed.push(el);
    const style = view.getComputedStyle(el);
    const scrollsItself = el !== element && ((SCROLLS.has(style.overflowX) && el.scrollWidth > el.clientWidth)
      || (SCROLLS.has(style.overflowY) && el.scrollHeight > el.clientHeight));
    if (MOVES_APART.has(style.position) || scrollsItself) {
      answer = true;
      break;
    }
  }
  for (const el of climbed) known.set(el, answer);
  return answer;
}
