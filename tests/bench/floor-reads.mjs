// The reads a first scan cannot skip, as tightly as script allows, for the
// reading-floor benchmarks (reading-floor.mjs in Chromium,
// reading-floor-firefox.mjs in Firefox). `reads` is sent to the page as its
// source: it must use nothing outside itself.

/** The pieces, in order: see reading-floor.mjs. */
export const PIECES = ['elements', 'text', 'headings', 'page text'];

/**
 * The reads, as one script evaluated in the page (a new isolated world, or
 * a sandbox); each
 * piece between `begin` and `end` marks of scan 1, as work-marks.js writes
 * them. Returns each piece's wall time too (what reading-floor-firefox.mjs,
 * with no trace to read, goes by).
 * @param {string} prefix
 * @param {string[]} pieces
 * @returns {Record<string, number>} wall ms per piece
 */
export function reads(prefix, pieces) {
  const getAttribute = Element.prototype.getAttribute;
  /** @type {Record<string, number>} */
  const wallMs = {};
  /** @param {string} piece @param {() => unknown} work */
  const marked = (piece, work) => {
    const start = performance.now();
    console.timeStamp(`${prefix}begin:1:${piece}`);
    const result = work();
    console.timeStamp(`${prefix}end:1:${piece}`);
    wallMs[piece] = performance.now() - start;
    return result;
  };
  const [elements, text, headings, pageText] = pieces;
  marked(elements, () => {
    const all = document.querySelectorAll('[class],[id]');
    const classes = new Set();
    const ids = new Set();
    for (let i = 0; i < all.length; i++) {
      const el = all[i];
      const c = getAttribute.call(el, 'class');
      if (c) classes.add(c);
      const id = getAttribute.call(el, 'id');
      if (id) ids.add(id);
    }
    return all.length;
  });
  marked(text, () => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    let short = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (/** @type {Text} */ (node).length > 96) continue;
      const t = /** @type {Text} */ (node).data.trim();
      if (t.length !== 0 && t.length <= 25) short += 1;
    }
    return short;
  });
  marked(headings, () => {
    let chars = 0;
    for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6,[role=heading]')) chars += (h.textContent ?? '').trim().length;
    return chars;
  });
  marked(pageText, () => {
    const root = document.querySelector('main, [role=main]') ?? document.querySelector('article') ?? document.body;
    return /** @type {HTMLElement} */ (root).innerText.slice(0, 10_000).length;
  });
  return wallMs;
}

