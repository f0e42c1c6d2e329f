// Draws a label on each found item, in one overlay whose closed shadow root
// page CSS cannot restyle and page scripts cannot read. Page elements are
// never modified: the overlay sits on top, at each item's top-right corner.
// Everything from the page is inserted with textContent, never as HTML.

/**
 * @typedef {import('../messages.js').ReportedItem} ReportedItem
 * @typedef {{ element: Element, item: ReportedItem }} Labelled
 */

const STYLE = `
  :host { all: initial; }
  .badge {
    position: absolute; z-index: 2147483647; margin: 0; padding: 2px 6px;
    font: 600 11px/1.4 system-ui, sans-serif; border-radius: 4px; border: 1px solid currentColor;
    background: #fff; cursor: pointer; white-space: nowrap; pointer-events: auto;
  }
  .badge:focus-visible { outline: 2px solid #000; outline-offset: 2px; }
  .contextual  { color: #0b5394; }
  .behavioural { color: #7a3e00; }
  .retargeted  { color: #8e1b5a; }
  .generic     { color: #404040; }
`;

export class LabelLayer {
  /** @param {Document} doc */
  constructor(doc) {
    this.doc = doc;
    this.host = doc.createElement('div');
    for (const [name, value] of Object.entries({
      position: 'absolute', top: '0', left: '0', width: '0', height: '0', overflow: 'visible',
      'z-index': '2147483647', display: 'block', 'pointer-events': 'none',
    })) {
      this.host.style.setProperty(name, value, 'important');
    }
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = STYLE;
    this.root.append(style);
    /** @type {Labelled[]} */
    this.labelled = [];
    /** @type {Map<number, HTMLButtonElement>} */
    this.badges = new Map();
    this.pending = false;
    const reposition = () => this.schedulePosition();
    doc.defaultView?.addEventListener('resize', reposition, { passive: true });
    this.resizes = new ResizeObserver(reposition);
  }

  /** The overlay's host element, so observers can ignore it. */
  get element() {
    return this.host;
  }

  /**
   * Shows exactly these labels (replacing the previous set).
   * @param {Labelled[]} labelled
   */
  render(labelled) {
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    const keep = new Set(labelled.map((l) => l.item.key));
    for (const [key, badge] of this.badges) {
      if (!keep.has(key)) {
        badge.remove();
        this.badges.delete(key);
      }
    }
    this.resizes.disconnect();
    for (const { element, item } of labelled) {
      let badge = this.badges.get(item.key);
      if (!badge) {
        badge = this.doc.createElement('button');
        badge.type = 'button';
        this.root.append(badge);
        this.badges.set(item.key, badge);
      }
      badge.className = `badge ${item.verdict.kind}`;
      badge.textContent = labelText(item);
      badge.setAttribute('aria-label', labelText(item));
      this.resizes.observe(element);
    }
    this.labelled = labelled;
    this.position();
  }

  schedulePosition() {
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.position();
    });
  }

  position() {
    const view = this.doc.defaultView;
    for (const { element, item } of this.labelled) {
      const badge = this.badges.get(item.key);
      if (!badge) continue;
      const box = element.getBoundingClientRect();
      badge.hidden = box.width === 0 && box.height === 0;
      // Top-right corner: headings and text usually start on the left.
      const left = box.right - badge.offsetWidth;
      badge.style.left = `${Math.max(0, left + (view?.scrollX ?? 0))}px`;
      badge.style.top = `${Math.max(0, box.top + (view?.scrollY ?? 0))}px`;
    }
  }
}

/**
 * "Ad · Generic", "Recommendation · Behavioural", in the browser's language.
 * @param {ReportedItem} item
 */
export function labelText(item) {
  const type = chrome.i18n.getMessage(item.itemType === 'ad' ? 'itemAd' : 'itemRecommendation');
  const kind = chrome.i18n.getMessage(`kind_${item.verdict.kind}`);
  return `${type} · ${kind}`;
}
