// An item's label as words ("Ad · Following you"), the same on the page's
// badge and in the popup's list of what the page shows; and what its kind
// means, in a sentence, wherever the kinds are shown.

import { msg } from './i18n.js';

/** Below this confidence a verdict says it is unsure ("(?)"). */
export const LOW_CONFIDENCE = 0.6;

/**
 * @typedef {{ itemType: 'ad' | 'recommendation', verdict: { kind: import('./messages.js').Kind, confidence: number } }} LabelSource
 */

/**
 * "Ad · Generic", "Recommended · Your profile", in AdLens's language.
 * @param {LabelSource} item
 */
export function labelText(item) {
  const type = msg(item.itemType === 'ad' ? 'itemAd' : 'itemRecommendation');
  return `${type} · ${kindName(item.verdict.kind)}${isUnsure(item) ? ' (?)' : ''}`;
}

/**
 * A verdict AdLens is not sure of says so on the label itself.
 * @param {LabelSource} item
 */
export function isUnsure(item) {
  return item.verdict.kind !== 'generic' && item.verdict.confidence < LOW_CONFIDENCE;
}

/**
 * A kind's name ("Following you"), in AdLens's language.
 * @param {import('./messages.js').Kind} kind
 */
export function kindName(kind) {
  return msg(`kind_${kind}`);
}

/**
 * What a kind means, in a sentence ("Chosen because of the page you are
 * reading."): a label's two words cannot say it all.
 * @param {import('./messages.js').Kind} kind
 */
export function kindMeaning(kind) {
  return msg(`kindMeaning_${kind}`);
}
