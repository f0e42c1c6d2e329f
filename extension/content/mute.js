// Mutes items: a muted item is hidden (`display: none` on its element, the
// one page change AdLens makes, undone exactly on unmute) and, unless the user
// chose "hide", a slim placeholder of ours takes its place ("Following you ·
// muted · Show"), drawn in a closed shadow root like the labels. Unmuting
// restores the element without a reload. An item the page did not show (a
// slot for another screen size, an empty one: no area, `shown-box.js`, and
// so no label) gets no placeholder: it would stand for nothing the user saw
// (a wholly muted us.yahoo.com showed 8 of its 23 so).

import { msg } from '../i18n.js';
import { revealedBy } from '../item-sensitive.js';
import { hide, unhide } from './inline-display.js';
import { OURS_ATTRIBUTE } from './predecessor.js';

/**
 * @typedef {import('./labels.js').Labelled} Labelled
 * @typedef {import('../messages.js').Kind} Kind
 */

const PLACEHOLDER_STYLE = `
  :host { all: initial; display: block; }
  .muted { display: flex; gap: 8px; align-items: center; margin: 4px 0; padding: 2px 8px; border: 1px dashed #8888;
    border-radius: 4px; font: 12px/1.6 system-ui, sans-serif; color: #555; background: #fafafa; }
  button { font: inherit; color: #0b5394; background: none; border: 0; padding: 0 2px; cursor: pointer; text-decoration: underline; }
  button:focus-visible { outline: 2px solid currentColor; outline-offset: 2px; }
  @media (prefers-color-scheme: dark) { .muted { color: #ccc; background: #222; } button { color: #8ab8f0; } }
  /* Printed, the muted item stays out and so does its "Show" button. */
  @media print { :host { display: none; } }
`;

export class Muter {
  /** @param {Document} doc */
  constructor(doc) {
    this.doc = doc;
    /** @type {Map<Element, import('./inline-display.js').SavedDisplay & { placeholder: HTMLElement | null }>} */
    this.hidden = new Map();
    /**
     * Elements the page was seen showing. Once hidden, a scan finds an
     * element boxless, so this is kept: muted again after "Show" or an
     * unmute, it gets its placeholder back.
     * @type {WeakSet<Element>}
     */
    this.shownByPage = new WeakSet();
    /** Items the user chose to show on this page despite the mute. */
    this.revealed = new Set();
    /** @type {WeakSet<Node>} our placeholder hosts, for the mutation observer */
    this.ours = new WeakSet();
  }

  /**
   * Hides exactly the elements of `muted` (restoring any other it hid).
   * @param {Labelled[]} muted
   * @param {'placeholder' | 'hide'} style
   * @param {() => void} onReveal called after the user chose "Show"
   */
  apply(muted, style, onReveal) {
    const keep = new Set();
    for (const { element, item, boxed } of muted) {
      if (this.revealed.has(item.key)) continue;
      keep.add(element);
      const current = this.hidden.get(element);
      if (boxed) this.shownByPage.add(element);
      const wanted = style === 'placeholder' && this.shownByPage.has(element);
      if (current && (current.placeholder !== null) === wanted) continue;
      if (current) this.restore(element);
      const placeholder = wanted ? this.placeholder(item, () => {
        this.revealed.add(item.key);
        this.restore(element);
        onReveal();
      }) : null;
      if (placeholder) element.before(placeholder);
      this.hidden.set(element, { ...hide(element), placeholder });
    }
    for (const element of [...this.hidden.keys()]) if (!keep.has(element)) this.restore(element);
  }

  /**
   * Whether the element is hidden as muted now.
   * @param {Element} element
   */
  isHidden(element) {
    return this.hidden.has(element);
  }

  /** Shows everything again. */
  restoreAll() {
    for (const element of [...this.hidden.keys()]) this.restore(element);
  }

  /** @param {Element} element */
  restore(element) {
    const saved = this.hidden.get(element);
    if (!saved) return;
    this.hidden.delete(element);
    unhide(element, saved);
    saved.placeholder?.remove();
  }

  /**
   * @param {import('../messages.js').LabelledItem} item
   * @param {() => void} show
   */
  placeholder(item, show) {
    const host = this.doc.createElement('div');
    host.setAttribute(OURS_ATTRIBUTE, 'placeholder');
    this.ours.add(host);
    const root = host.attachShadow({ mode: 'closed' });
    const style = this.doc.createElement('style');
    style.textContent = PLACEHOLDER_STYLE;
    const box = this.doc.createElement('div');
    box.className = 'muted';
    box.setAttribute('role', 'note');
    const text = this.doc.createElement('span');
    // An ad picked by a sensitive topic says so: that may be why it is muted.
    const says = revealedBy(item.verdict) === null ? 'mutedPlaceholder' : 'mutedPlaceholderSensitive';
    text.textContent = msg(says, [msg(`kind_${item.verdict.kind}`)]);
    const button = this.doc.createElement('button');
    button.type = 'button';
    button.textContent = msg('mutedShow');
    button.addEventListener('click', show);
    box.append(text, button);
    root.append(style, box);
    return host;
  }
}
