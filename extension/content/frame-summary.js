// What a frame shows (its text, links, frames and images), which the
// background attributes to the slot in the top page that holds it.

import { resources } from './resources.js';
import { visibleText } from './text.js';

/**
 * What a frame shows, for the slot in the top page that holds it.
 * @param {Document} doc
 * @param {import('../messages.js').ScanPlan} plan
 * @returns {import('../messages.js').FrameReport}
 */
export function frameSummary(doc, plan) {
  const root = doc.body ?? doc.documentElement;
  return {
    url: doc.location?.href ?? doc.URL,
    name: doc.defaultView?.name ?? '',
    text: visibleText(root, plan.limits.maxTextChars),
    ...resources(root, plan.limits.maxUrls),
  };
}
