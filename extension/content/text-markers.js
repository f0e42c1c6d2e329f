// Ad markers that are words alone ("Sponsored", "Anzeige", "广告"…) and the
// items they mark, whatever their classes.

import { attr, closestOf, connected, isMatch, parentOf, positionOf, tagOf, within } from './dom-safe.js';

/** @typedef {import('../messages.js').ScanPlan} ScanPlan */

/** Longest text (in characters) taken for an ad marker; as crate/src/html_scan.rs. */
const MAX_MARKER_CHARS = 24;
/** How far up a marker's item is looked for. */
const MARKER_LEVELS = 4;
/** Most links a marked item has: more, and it is a list, not one item. */
const MAX_MARKED_LINKS = 10;
/** Most ad markers looked at per scan. */
const MAX_MARKERS = 200;

/**
 * An ad marker's text as markers are compared: single-spaced, lower-case,
 * without a trailing colon.
 * @param {string} text
 */
const markerText = (text) => text.trim().split(/\s+/).join(' ').replace(/\s*:$/, '').toLowerCase();

/**
 * A text's first UTF-16 unit once lower-cased (lower-casing can lengthen a
 * character: "İ" becomes "i̇").
 * @param {string} text
 */
const firstLower = (text) => text.charAt(0).toLowerCase().charAt(0);

/**
 * Elements whose whole text is one of the engine's ad markers ("Sponsored",
 * "Anzeige", "广告"…), whatever their classes, with that text; a marker
 * with running text beside it, or inside scripts, does not count.
 * @param {Document} doc
 * @param {ScanPlan} plan
 * @param {Set<Node>} [hits] text nodes reading as a marker, kept from scan to scan (updated here)
 * @param {import('./page-changes.js').Changes | null} [changes] a rescan's changes: only
 *   the added nodes are read, and the earlier hits looked at again
 * @returns {[Element, string][]}
 */
export function textMarkers(doc, plan, hits = new Set(), changes = null) {
  const phrases = (plan.textMarkers ?? []).filter((p) => !p.includes("'"));
  if (phrases.length === 0 || !doc.body) return [];
  const wanted = new Set(phrases);
  // The first character tells most short texts apart from every marker
  // without normalising them (on pixnet.net 991 of 3,746 text nodes are
  // short, nearly all Chinese words that cannot start a marker: its
  // marker-word piece went from 2.5–2.7 to 2.3 ms, yahoo.com's from 1.8 to
  // 1.6). Normalising keeps a text's first character, lower-cased.
  const starts = new Set(phrases.map(firstLower));
  /**
   * Whether a short text node reads as a marker (then it is a hit).
   * @param {Text} node
   * @param {string} t its text, trimmed, not blank, no longer than a marker
   * @returns {boolean} whether there is room for more hits
   */
  const test = (node, t) => {
    if (starts.has(firstLower(t)) && wanted.has(markerText(t))) hits.add(node);
    return hits.size < MAX_MARKERS;
  };
  // Text nodes read as they are: most are long or blank and cost one length
  // check and a trim, in the loop itself (a page's inline scripts are text
  // nodes too: 900 kB of them on yahoo.com). A browser XPath query doing
  // the same tests was slower, even with the length tested first: 5.5
  // against 2.1 ms on yahoo.com, 6.5 against 2.9 on pixnet.net.
  /** @param {Node} root */
  const walk = (root) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    let room = hits.size < MAX_MARKERS;
    for (let node = walker.nextNode(); node && room; node = walker.nextNode()) {
      const text = /** @type {Text} */ (node);
      if (text.length > MAX_MARKER_CHARS * 4) continue;
      const t = text.data.trim();
      if (t.length !== 0 && t.length <= MAX_MARKER_CHARS + 1) room = test(text, t);
    }
  };
  if (!changes || changes.whole) {
    hits.clear();
    walk(doc.body);
  } else {
    for (const node of hits) if (!connected(node)) hits.delete(node);
    const known = hits.size;
    for (const node of changes.added) {
      if (hits.size >= MAX_MARKERS) break;
      if (node.nodeType === Node.TEXT_NODE) {
        const t = /** @type {Text} */ (node).data.trim();
        if (t.length !== 0 && t.length <= MAX_MARKER_CHARS + 1) test(/** @type {Text} */ (node), t);
      }
      else if (node instanceof Element) walk(node);
    }
    // In page order, as reading the whole page finds them.
    if (hits.size > known) {
      const ordered = [...hits].sort((a, b) => (positionOf(a, b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      hits.clear();
      for (const node of ordered) hits.add(node);
    }
  }
  /** @type {[Element, string][]} */
  const found = [];
  for (const node of hits) {
    const label = parentOf(node);
    const text = node.nodeValue ?? '';
    // A hit kept from an earlier scan may have changed since.
    if (changes && !changes.whole && !wanted.has(markerText(text))) {
      hits.delete(node);
      continue;
    }
    if (!label || closestOf(label, 'script,style,noscript,template')) continue;
    const beside = [...(parentOf(label)?.childNodes ?? [])]
      .some((n) => n !== label && n.nodeType === Node.TEXT_NODE && (n.nodeValue ?? '').trim() !== '');
    if (beside || markerText(label.textContent ?? '') !== markerText(text)) continue;
    found.push([label, text.trim()]);
  }
  return found;
}

/**
 * The item an ad marker marks: within MARKER_LEVELS, the closest label
 * container, else the closest ancestor with a link; it must hold 1 to
 * MAX_MARKED_LINKS links and not be the page itself.
 * @param {Element} label
 * @param {ScanPlan} plan
 */
export function markedItem(label, plan) {
  /** @type {Element[]} */
  const near = [];
  for (let p = parentOf(label); p && near.length < MARKER_LEVELS; p = parentOf(p)) near.push(p);
  const item = near.find((a) => isMatch(a, plan.labelContainerSelector)) ?? near.find((a) => within(a, 'a[href]').length > 0);
  if (!item || ['body', 'html', 'main'].includes(tagOf(item)) || attr(item, 'role') === 'main') return null;
  const links = within(item, 'a[href]').length;
  return links >= 1 && links <= MAX_MARKED_LINKS ? item : null;
}
