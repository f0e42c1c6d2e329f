// Whether an element was ever painted: a page script, added before the
// page's own (addInitScript), counts the frames in which the element and
// the article were displayed, in `window.__paintProbe`.

/** The news article's retargeted Google slot. */
export const NEWS_SLOT = '#div-gpt-ad-1700000000000-0';

/**
 * A page script counting, per frame, whether `slot` and `article` (selectors) were displayed.
 * @param {string} slot
 * @param {string} article
 */
export const paintProbe = (slot, article) => `(() => {
  const probe = window.__paintProbe = { slot: 0, article: 0, frames: 0 };
  const shown = (sel) => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0; };
  const tick = () => {
    probe.frames += 1;
    if (shown(${JSON.stringify(slot)})) probe.slot += 1;
    if (shown(${JSON.stringify(article)})) probe.article += 1;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Counts, per frame, whether the news article's slot and the article were displayed. */
export const PAINT_PROBE = paintProbe(NEWS_SLOT, '#main-content');

/**
 * What the probe counted so far.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<{ slot: number, article: number, frames: number }>}
 */
export function readPaintProbe(page) {
  return /** @type {Promise<{ slot: number, article: number, frames: number }>} */ (page.evaluate('window.__paintProbe'));
}
