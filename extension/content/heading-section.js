// The section a heading introduces ("You may also like", "Around the web"):
// the element that becomes the candidate the heading labels. The native
// scan finds the same (`heading_section` in crate/src/html_scan.rs).

import { isMatch, parentOf, tagOf, within } from './dom-safe.js';

/** How far above a heading a section-like container is taken as its section; as crate/src/html_scan.rs. */
const SECTION_LEVELS = 3;

/**
 * A section-like container (the plan's `headingContainerSelector`) within
 * SECTION_LEVELS levels above the heading; else the closest ancestor
 * holding a link the heading does not (the widget's items beside it); else
 * its parent. A section far above is not the heading's own: on kotaku.com
 * the closest one above "You may also like" is the whole side column, with
 * its ads.
 * @param {Element} heading
 * @param {string} containerSelector
 * @returns {Element | null}
 */
export function headingSection(heading, containerSelector) {
  const parent = parentOf(heading);
  let up = parent;
  for (let level = 0; up && level < SECTION_LEVELS; level++, up = parentOf(up)) {
    if (isMatch(up, containerSelector)) return up;
  }
  const own = within(heading, 'a[href]').length;
  for (up = parent; up && !['body', 'html'].includes(tagOf(up)); up = parentOf(up)) {
    if (within(up, 'a[href]').length > own) return up;
  }
  return parent;
}
