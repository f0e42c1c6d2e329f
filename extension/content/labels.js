// Draws a label on each found item, in one overlay whose closed shadow root
// page CSS cannot restyle and page scripts cannot read. Page elements are
// not modified: the overlay sits on top (in a fullscreen element while it
// is fullscreen), each label at its item's top right, leaving the corner
// itself to the ad's own buttons (`place`), or where it hides none of the
// item's words (`label-spots.js`).
// Clicking a label (or Enter/Space on it) opens its "why" card
// (`why-card.js`: the evidence in the browser's language, the confidence,
// and mute / "this label is wrong" actions, no "wrong" in a private window,
// where nothing is kept), placed under the label (above it when the window
// has no room below: `cardPlace`). Their look: `label-style.js`. Labels
// follow items that do not scroll with the page (`floating.js`), and are
// drawn over a fullscreen player (`fullscreen.js`). Everything from the
// page is inserted with textContent, never as HTML.

import { isUnsure, kindMeaning, labelText } from '../item-label.js';
import { floats } from './floating.js';
import { coveringFullscreen, isInside, mountOverlay, originIn } from './fullscreen.js';
import { CARD_STYLE, cardPlace, whyCard } from './why-card.js';
import { LABEL_STYLE } from './label-style.js';
import { marked } from './work-marks.js';
import { OURS_ATTRIBUTE } from './predecessor.js';
import { shownBox } from './shown-box.js';
import { LabelSpots } from './label-spots.js';
import { hasArea } from '../item-shown.js';

/**
 * @typedef {import('../messages.js').LabelledItem} LabelledItem
 * @typedef {{ element: Element, item: LabelledItem, boxed: boolean }} Labelled
 *   boxed: the page showed the element when last scanned (`shownBox` had an area: without, its label is hidden), or it was held
 *   hidden before it could show (a slot of a muted kind on an earlier load)
 * @typedef {{ site: () => string, onMute: (kind: import('../messages.js').Kind, scope: 'everywhere' | 'site') => void,
 *   onMuteSensitive: () => void, onWrong: ((item: LabelledItem) => void) | null, privateWindow: boolean,
 *   onOpenPanel: ((view: import('../messages.js').PanelView, site: string | null) => void) | null }} CardActions
 *   onMuteSensitive: mute everywhere the items picked by a sensitive topic; onOpenPanel: opens the tracking panel (null in a
 *   private window: it shows what AdLens kept, nothing from there)
 *   onWrong: null where a report cannot be kept (a private window); privateWindow: muting on the site then holds for
 *   private windows only, and the button says so
 */

/** The width (px) of an item's top-right corner a label leaves free: Google's two buttons there are 31 px. */
const CORNER_KEPT = 34;
/** Room (px) a badge needs left of an item's right edge to end there. */
const MIN_ROOM_LEFT = 240;
/** Most items whose labels follow them at every frame of a scroll. */
const MAX_FLOATING = 32;

export class LabelLayer {
  /**
   * @param {Document} doc
   * @param {CardActions} actions
   */
  constructor(doc, actions) {
    this.doc = doc;
    this.actions = actions;
    /** @type {{ key: number, element: HTMLElement } | null} the open "why" card */
    this.card = null;
    this.host = doc.createElement('div');
    this.host.setAttribute(OURS_ATTRIBUTE, 'labels');
    for (const [name, value] of Object.entries({
      position: 'absolute', top: '0', left: '0', width: '0', height: '0', overflow: 'visible',
      'z-index': '2147483647', display: 'block', 'pointer-events': 'none',
    })) {
      this.host.style.setProperty(name, value, 'important');
    }
    this.root = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = LABEL_STYLE;
    this.root.append(style);
    this.cardStyled = false;
    /** @type {Labelled[]} */
    this.labelled = [];
    /** @type {Map<number, HTMLButtonElement>} */
    this.badges = new Map();
    /** @type {Map<number, string>} what each badge shows (style, text): unchanged, it is not rewritten */
    this.shown = new Map();
    /** @type {Map<number, Element>} the element each badge labels, observed for its size */
    this.observed = new Map();
    /** @type {Map<number, string>} where each badge was last put: unchanged, its style is not written again */
    this.where = new Map();
    /** Where each label hides none of its item's words. */
    this.spots = new LabelSpots(doc, CORNER_KEPT);
    /** @type {WeakMap<Element, number>} each badge's item */
    this.keyOfBadge = new WeakMap();
    // Badges are copies of one: a copy is one call, where setting each up
    // was five, per badge (115 on kotaku.com).
    this.badgeModel = doc.createElement('button');
    this.badgeModel.type = 'button';
    this.badgeModel.hidden = true; // until placed
    this.badgeModel.setAttribute('aria-haspopup', 'dialog');
    this.badgeModel.setAttribute('aria-expanded', 'false');
    // One listener for every badge (a click on a badge reaches the root it
    // is in; the card's buttons stop theirs).
    this.root.addEventListener('click', (event) => {
      const key = event.target instanceof Element ? this.keyOfBadge.get(event.target) : undefined;
      if (key === undefined) return;
      event.stopPropagation();
      this.toggleCard(key);
    });
    /** @type {Map<number, HTMLElement>} outlines, in the "outline" style */
    this.frames = new Map();
    /** @type {'badge' | 'outline'} */
    this.style = 'badge';
    this.pending = false;
    /** @type {(() => void)[]} waiting for the next `position` */
    this.waiting = [];
    /** Main-thread time of the last `position`, ms. */
    this.positionMs = 0;
    doc.defaultView?.addEventListener('resize', () => this.schedulePosition(), { passive: true });
    // Labels sit on the page and scroll with it. An item that does not (a
    // fixed or sticky ad, a tile in a row scrolled sideways: `floats`) is
    // looked for when a scroll ends, when every label is placed again; from
    // then on its label follows it at every frame of a scroll. Only then is
    // there a listener for scrolling: on a page where nothing floats, each
    // scroll event would cost about 0.1 ms for nothing. (Captured: a box's
    // own scroll events do not bubble.)
    /** @type {Set<number>} items that do not scroll with the page */
    this.floating = new Set();
    /** @type {Set<number>} items already looked at */
    this.lookedAt = new Set();
    this.floatingPending = false;
    this.follow = () => this.scheduleFloating();
    this.following = false;
    /** Whether the next placing follows a scroll's end. */
    this.scrolled = false;
    doc.addEventListener('scrollend', () => this.schedulePosition(true), { capture: true, passive: true });
    /** @type {Element | null} the element the page shows fullscreen over the overlay: only its items' labels are shown */
    this.fullscreen = null;
    /** Whether the overlay is inside that element (`fullscreen.js`); else, under it, no label is shown. */
    this.inFullscreen = false;
    doc.addEventListener('fullscreenchange', () => this.fullscreenChanged());
    // Labels are placed when the browser reports the items' sizes: that is
    // after its layout, so reading their boxes then costs no extra layout
    // (reading them right after adding labels forced one, 3–10 ms on big
    // pages). Observing an element reports it once at once, so each render
    // places its labels before they are painted.
    this.resizes = new ResizeObserver((entries) => {
      // The page itself is observed once per render (below), not for as long
      // as it grows: that would place every label at every growth.
      const page = doc.documentElement;
      if (entries.some((e) => e.target === page)) this.resizes.unobserve(page);
      marked('placing', () => this.position());
    });
  }

  /**
   * Resolves after the labels have next been placed (or `timeout` ms, in a
   * tab that draws no frames), with the main-thread time that took.
   * @param {number} timeout
   * @returns {Promise<number>}
   */
  placed(timeout = 200) {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(0), timeout);
      this.waiting.push(() => {
        clearTimeout(timer);
        resolve(this.positionMs);
      });
    });
  }

  /** Takes the overlay off the page for good: its labels, its card, its observers. */
  remove() {
    this.closeCard();
    this.resizes.disconnect();
    this.doc.removeEventListener('scroll', this.follow, { capture: true });
    this.host.remove();
  }

  /** The overlay's host element, so observers can ignore it. */
  get element() {
    return this.host;
  }

  /**
   * Shows exactly these labels (replacing the previous set).
   * @param {Labelled[]} labelled
   * @param {'badge' | 'outline'} [style] a full label, or an outline around the
   *   item with a small corner button (the label's text is its accessible name)
   */
  render(labelled, style = 'badge') {
    // A page with nothing to label is left as it was: no overlay (and no
    // style sheet to parse, on a first scan the largest part of labelling
    // nothing).
    if (!this.host.isConnected && labelled.length > 0) this.inFullscreen = mountOverlay(this.host, this.root, this.fullscreen);
    this.style = style;
    const keep = new Set(labelled.map((l) => l.item.key));
    for (const [key, badge] of this.badges) {
      if (!keep.has(key)) {
        badge.remove();
        this.badges.delete(key);
        this.shown.delete(key);
        this.where.delete(key);
        this.spots.forget(key);
        this.floating.delete(key);
        this.lookedAt.delete(key);
      }
    }
    for (const [key, element] of this.observed) {
      if (!keep.has(key)) {
        this.resizes.unobserve(element);
        this.observed.delete(key);
      }
    }
    for (const [key, frame] of this.frames) {
      if (!keep.has(key) || style !== 'outline') {
        frame.remove();
        this.frames.delete(key);
      }
    }
    /** @type {HTMLButtonElement[]} */
    const added = [];
    /** @type {Map<string, string>} each label's text, worked out once per kind */
    const texts = new Map();
    for (const { element, item } of labelled) {
      let badge = this.badges.get(item.key);
      if (!badge) {
        badge = /** @type {HTMLButtonElement} */ (this.badgeModel.cloneNode(false));
        this.keyOfBadge.set(badge, item.key);
        added.push(badge);
        this.badges.set(item.key, badge);
      }
      const unsure = isUnsure(item);
      const textKey = `${item.itemType} ${item.verdict.kind} ${unsure}`;
      let text = texts.get(textKey);
      if (text === undefined) texts.set(textKey, (text = labelText(item)));
      const look = `${style} ${text}`; // in the language of the moment
      if (this.shown.get(item.key) !== look) {
        this.shown.set(item.key, look);
        badge.className = `badge ${item.verdict.kind}`;
        badge.textContent = style === 'outline' ? 'i' : text;
        badge.setAttribute('aria-label', text);
        // On hover, and read after its name: what the kind means (with the
        // label itself where the button shows only "i").
        const meaning = kindMeaning(item.verdict.kind);
        badge.title = style === 'outline' ? `${text}: ${meaning}` : meaning;
      }
      if (style === 'outline' && !this.frames.has(item.key)) {
        const frame = this.doc.createElement('div');
        this.root.append(frame);
        this.frames.set(item.key, frame);
        this.where.delete(item.key); // its outline is placed at the next placing
      }
      const frame = this.frames.get(item.key);
      if (frame) frame.className = `frame ${item.verdict.kind}`;
      // Each item is observed once: observing all of them again at every
      // render placed every label again (a feed grown to 415 items: 2.8 ms
      // of each rescan, most of it writing the same places again).
      const before = this.observed.get(item.key);
      if (before !== element) {
        if (before) this.resizes.unobserve(before);
        this.resizes.observe(element);
        this.observed.set(item.key, element);
        this.where.delete(item.key);
        this.spots.forget(item.key);
      }
    }
    // The page observed until its size is first reported, after the next
    // layout: the labels are placed again then (what changed may have moved
    // the items below it), without forcing a layout now.
    this.resizes.observe(this.doc.documentElement);
    this.root.append(...added);
    this.labelled = labelled;
    if (this.card && !keep.has(this.card.key)) this.closeCard();
  }

  /** @param {number} key */
  toggleCard(key) {
    const open = this.card?.key;
    this.closeCard();
    if (open !== key) this.openCard(key);
  }

  /** @param {number} key */
  openCard(key) {
    const found = this.labelled.find((l) => l.item.key === key);
    const badge = this.badges.get(key);
    if (!found || !badge) return;
    const { item } = found;
    if (!this.cardStyled) {
      const style = this.doc.createElement('style');
      style.textContent = CARD_STYLE;
      this.root.append(style);
      this.cardStyled = true;
    }
    const { card, firstAction } = whyCard(this.doc, item, this.actions, (refocus) => this.closeCard(refocus));
    this.root.append(card);
    this.card = { key, element: card };
    badge.setAttribute('aria-expanded', 'true');
    this.positionCard();
    firstAction?.focus();
  }

  /** @param {boolean} [refocus] give the focus back to the label */
  closeCard(refocus = false) {
    if (!this.card) return;
    const badge = this.badges.get(this.card.key);
    this.card.element.remove();
    this.card = null;
    badge?.setAttribute('aria-expanded', 'false');
    if (refocus) badge?.focus();
  }

  positionCard() {
    if (!this.card) return;
    const badge = this.badges.get(this.card.key);
    if (!badge) return;
    const view = this.doc.defaultView;
    const { offsetWidth: width, offsetHeight: height } = this.card.element;
    const { left, top } = cardPlace(badge.getBoundingClientRect(), { width, height },
      { width: view?.innerWidth ?? width, height: view?.innerHeight ?? Infinity });
    const origin = this.origin();
    this.card.element.style.left = `${left + origin.x}px`;
    this.card.element.style.top = `${top + origin.y}px`;
  }

  /** @param {boolean} [scrolled] a scroll has ended: look for items that do not scroll with the page */
  schedulePosition(scrolled = false) {
    this.scrolled ||= scrolled;
    if (this.pending) return;
    this.pending = true;
    requestAnimationFrame(() => {
      this.pending = false;
      this.position();
      if (this.scrolled) this.findFloating();
      this.scrolled = false;
    });
  }

  /**
   * Where the page's origin is in the overlay's coordinates: the page's
   * scroll offset, or, inside a fullscreen element, from its box.
   */
  origin() {
    if (this.inFullscreen && this.fullscreen) return originIn(this.fullscreen);
    const view = this.doc.defaultView;
    return { x: view?.scrollX ?? 0, y: view?.scrollY ?? 0 };
  }

  /** The page entered or left fullscreen, or showed another element so. */
  fullscreenChanged() {
    this.fullscreen = coveringFullscreen(this.doc);
    this.closeCard();
    // (An overlay not on the page yet is put in place when it is added.)
    this.inFullscreen = this.host.isConnected ? mountOverlay(this.host, this.root, this.fullscreen) : false;
    // Every item may have moved, and those in a fullscreen element no
    // longer scroll with the page: every label is placed anew and every
    // item looked at again.
    this.where.clear();
    this.lookedAt.clear();
    this.floating.clear();
    this.schedulePosition(true);
  }

  /** Looks at the items not looked at yet; follows scrolling while any floats. */
  findFloating() {
    /** @type {WeakMap<Element, boolean>} */
    const known = new WeakMap();
    for (const { element, item } of this.labelled) {
      if (this.lookedAt.has(item.key) || this.floating.size >= MAX_FLOATING) continue;
      this.lookedAt.add(item.key);
      if (floats(element, known)) this.floating.add(item.key);
    }
    const follow = this.floating.size > 0;
    if (follow === this.following) return;
    this.following = follow;
    if (follow) this.doc.addEventListener('scroll', this.follow, { capture: true, passive: true });
    else this.doc.removeEventListener('scroll', this.follow, { capture: true });
  }

  /** At a scroll's next frame, the labels of the items that float. */
  scheduleFloating() {
    if (this.floatingPending || this.floating.size === 0) return;
    this.floatingPending = true;
    requestAnimationFrame(() => {
      this.floatingPending = false;
      this.place(this.labelled.filter((l) => this.floating.has(l.item.key)));
      if (this.card && this.floating.has(this.card.key)) this.positionCard();
    });
  }

  position() {
    const started = performance.now();
    this.place(this.labelled);
    this.positionCard();
    this.positionMs = performance.now() - started;
    for (const done of this.waiting.splice(0)) done();
  }

  /**
   * Puts these items' labels at their top right, beside the corner, or
   * where they hide none of the item's words (`LabelSpots`).
   * @param {Labelled[]} labelled
   */
  place(labelled) {
    const { x: originX, y: originY } = this.origin();
    // All reads first, then all writes: a read after a write forces a fresh
    // layout of the whole page (interleaved, 115 labels on kotaku.com took
    // 30–77 ms). The badge's own width is never read: it is anchored by its
    // right edge, and its size for finding a free spot is the font's.
    const placed = [];
    // Words are looked for under the labels of items within a window's
    // height of it (under all of kotaku.com's 111 labels, about 3 ms in a
    // sampling profile); the others' labels are looked at again when a
    // scroll ends near them (`LabelSpots`).
    const height = this.doc.defaultView?.innerHeight ?? 0;
    for (const { element, item } of labelled) {
      const badge = this.badges.get(item.key);
      if (!badge) continue;
      const box = shownBox(element);
      const near = box.bottom > -height && box.top < 2 * height;
      // A label already where it goes is not written again: most do not
      // move when a page grows at the bottom. (Its text counts: a longer
      // one, in another language, may need another spot.)
      const text = badge.textContent ?? '';
      const where = `${box.left + originX} ${box.top + originY} ${box.width} ${box.height} ${text}`;
      if (this.where.get(item.key) === where && !(near && this.spots.unlooked(item.key))) continue;
      const hidden = !hasArea(box) || (this.fullscreen !== null && !(this.inFullscreen && isInside(this.fullscreen, element)));
      const spot = hidden ? null : this.spots.spot(item.key, element, box, text, near);
      placed.push({ key: item.key, badge, frame: this.frames.get(item.key), box, where, hidden, spot });
    }
    for (const { key, badge, frame, box, where, hidden, spot } of placed) {
      this.where.set(key, where);
      badge.hidden = hidden;
      // Top right: headings and text usually start on the left. But not on
      // the corner itself: ad networks put their own buttons there (Google's
      // "Why this ad?" and close, Criteo's privacy icon), and a label there
      // hid them. The overlay is a 0×0 box at the page's origin (or at a
      // fullscreen element's: `origin`), so `right: -x` puts the badge's
      // right edge at x; near the left edge it starts at the item.
      const right = (spot ? spot.right : box.right - CORNER_KEPT) + originX;
      if (spot || right >= MIN_ROOM_LEFT) {
        badge.style.left = 'auto';
        badge.style.right = `${-right}px`;
      } else {
        badge.style.right = 'auto';
        badge.style.left = `${Math.max(0, box.left + originX)}px`;
      }
      badge.style.top = `${Math.max(0, (spot ? spot.top : box.top) + originY)}px`;
      if (frame) {
        frame.hidden = hidden;
        Object.assign(frame.style, {
          left: `${box.left + originX}px`,
          top: `${box.top + originY}px`,
          width: `${box.width}px`,
          height: `${box.height}px`,
        });
      }
    }
  }
}
