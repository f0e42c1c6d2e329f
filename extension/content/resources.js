// The links, frames and images an element holds, as absolute URLs: what a
// candidate links to and shows, and what a frame shows.

import { attr, tagOf, within } from './dom-safe.js';

/** What `resources` looks for: one query finds all four kinds. */
const RESOURCES = 'a[href],iframe,img[src]';

/**
 * The links, frames (their URLs, and their names: a frame's content script
 * reports its window.name, which is how its content finds its slot) and
 * images in (or being) the element, each as absolute URLs, at most `max` of
 * each kind.
 * @param {Element} el
 * @param {number} max
 */
export function resources(el, max) {
  /** @type {{ links: string[], frames: string[], frameNames: string[], images: string[] }} */
  const found = { links: [], frames: [], frameNames: [], images: [] };
  const base = el.ownerDocument.baseURI;
  /** @param {string[]} list @param {string | null} raw */
  const add = (list, raw) => {
    if (!raw || list.length >= max) return;
    try {
      list.push(new URL(raw, base).href);
    } catch {
      // not a URL: skip it
    }
  };
  const nodes = within(el, RESOURCES);
  const count = nodes.length + 1;
  for (let i = 0; i < count; i++) {
    const node = i === 0 ? el : nodes[i - 1];
    const tag = tagOf(node);
    if (tag === 'a') add(found.links, attr(node, 'href'));
    else if (tag === 'img') add(found.images, attr(node, 'src'));
    else if (tag === 'iframe') {
      add(found.frames, attr(node, 'src'));
      const name = attr(node, 'name');
      if (name && found.frameNames.length < max) found.frameNames.push(name);
    }
  }
  return found;
}
