// The section a heading introduces ("You may also like", "Around the web"):
// the element that becomes the candidate the heading labels. The native
// scan finds the same (`heading_section` in crate/src/html_sections.rs).

import { holds, isMatch, parentOf, tagOf, within } from './dom-safe.js';

/** How far above a heading a section-like container is taken as its section; as crate/src/html_sections.rs. */
const SECTION_LEVELS = 3;

/**
 * The section a heading introduces, given the items found before it (by
 * vendor markers, the lists, earlier headings):
 * - the one it is inside, if any (Outbrain's "Around the web" heads the
 *   Outbrain block already found);
 * - a section-like container (the plan's `headingContainerSelector`)
 *   within SECTION_LEVELS levels above it;
 * - else the closest ancestor holding a link the heading does not (the
 *   widget's items beside it);
 * - else its parent.
 * A section holding an item found before is not the heading's own (on
 * kotaku.com the closest one above "You may also like" is the whole side
 * column, ad slots and all): then the closest ancestor holding links beside
 * the heading and no such item, if any.
 * @param {Element} heading
 * @param {string} containerSelector
 * @param {Map<Element, unknown>} found the items found before
 * @returns {Element | null}
 */
export function headingSection(heading, containerSelector, found) {
  for (let up = parentOf(heading); up; up = parentOf(up)) if (found.has(up)) return up;
  /** @param {Element} el */
  const holdsFound = (el) => {
    for (const item of found.keys()) if (holds(el, item)) return true;
    return false;
  };
  const parent = parentOf(heading);
  const own = within(heading, 'a[href]').length;
  /**
   * The closest ancestor holding links beside the heading, unless it holds
   * an item found before (then so does every one above it). Only that one
   * is looked through for found items: each look tries every item found
   * (Kotaku's 115), and ancestors without links are nearly always first.
   */
  const withLinks = () => {
    for (let up = parent; up && !['body', 'html'].includes(tagOf(up)); up = parentOf(up)) {
      if (within(up, 'a[href]').length > own) return holdsFound(up) ? null : up;
    }
    return null;
  };
  let up = parent;
  for (let level = 0; up && level < SECTION_LEVELS; level++, up = parentOf(up)) {
    if (isMatch(up, containerSelector)) return holdsFound(up) ? withLinks() : up;
  }
  return withLinks() ?? (parent && !holdsFound(parent) ? parent : null);
}
