// What the scans of one page read, kept from one to the next: a rescan
// reads only what changed (content/page-changes.js) and keeps the rest.
// Each method is one piece of a scan, in the order content.js runs them;
// given no changes (or a whole-page read) each reads the whole page.

import { LiveQuery } from './live-query.js';
import { pageClasses } from './page-classes.js';
import { productHints } from './product-hints.js';
import { ElementKeys, headingTexts, scanPage } from './scan.js';
import { textMarkers } from './text-markers.js';
import { hasArea } from '../item-shown.js';

/**
 * @typedef {import('../messages.js').ScanPlan} ScanPlan
 * @typedef {import('./page-changes.js').Changes} Changes
 */

export class PageReading {
  /**
   * @param {Document} doc
   * @param {ScanPlan} plan
   */
  constructor(doc, plan) {
    this.doc = doc;
    this.plan = plan;
    /** Stable handles for the page's elements, across scans. */
    this.keys = new ElementKeys();
    /** @type {import('./page-classes.js').PageClasses | null} */
    this.classAnswer = null;
    /** @type {Map<Element, import('./scan.js').HeadingText> | null} */
    this.headingMap = null;
    /** @type {Set<Node>} */
    this.markerHits = new Set();
    /** @type {import('./scan.js').Described} */
    this.described = { read: new Map() };
    this.labelQuery = new LiveQuery(plan.labelSelector);
    this.headingQuery = new LiveQuery(plan.headingSelector);
    /** Where a page says what product it is: its hints are read again only when these change. */
    this.productQuery = new LiveQuery(
      `${plan.jsonLdSelector},${plan.productMetaSelector},${plan.microdataProductSelector},link[rel="canonical"]`);
    /** @type {import('../messages.js').ProductHints | null} */
    this.hints = null;
  }

  /**
   * The page's class attributes and ids, and its small labels.
   * @param {Changes | null} changes
   */
  classes(changes) {
    const before = this.classAnswer;
    this.classAnswer = pageClasses(this.doc, this.plan, changes && before ? { before, changes } : null, this.labelQuery);
    return this.classAnswer;
  }

  /**
   * The page's headings and sponsor-marked elements, with their texts.
   * @param {Element[]} labels the sponsor-marked elements (`classes`)
   * @param {Changes | null} changes
   */
  headings(labels, changes) {
    const before = this.headingMap;
    this.headingMap = headingTexts(this.doc, this.plan, labels, changes && before ? { before, changes } : null, this.headingQuery);
    return this.headingMap;
  }

  /**
   * Elements whose whole text is an ad marker.
   * @param {Changes | null} changes
   */
  markerWords(changes) {
    return textMarkers(this.doc, this.plan, this.markerHits, changes);
  }

  /**
   * What the page says about a product it sells.
   * @param {Changes | null} changes
   */
  product(changes) {
    // Reading the whole page, the hints are read whatever the query says:
    // it is asked at the next rescan, which then reads them once more.
    if (!changes) this.productQuery.forget();
    else this.productQuery.run(this.doc, changes);
    if (!changes || this.productQuery.changed || !this.hints) this.hints = productHints(this.doc, this.plan);
    return this.hints;
  }

  /**
   * Whether the last scan found the page showing the element (`shownBox`:
   * without, its label is hidden too); true for one it sent inside another,
   * with no box of its own.
   * @param {Element} element
   */
  boxed(element) {
    const sent = this.described.read.get(element)?.sent;
    return !sent || !('rect' in sent) || hasArea(sent.rect);
  }

  /**
   * The candidates and their features, and what the page itself says.
   * @param {import('../messages.js').ClassIdAnswer} answer the engine's answer about the page's classes and ids
   * @param {import('./scan.js').ReadBefore} before what the scan's first task read
   * @param {Changes | null} changes
   */
  snapshot(answer, before, changes) {
    return scanPage(this.doc, this.plan, this.keys, answer, before, this.described, changes);
  }
}
