// Which candidate each candidate is sent inside, and which are not sent at
// all: those that say nothing their holder does not.

import { parentOf, tagOf } from './dom-safe.js';

/** @typedef {import('../messages.js').Candidate} Candidate */

/**
 * The candidate each candidate is reported inside (null: none), or
 * undefined for one the engine learns nothing from, which is not sent: one
 * the lists picked, inside another the lists picked, and not a link. Every
 * element the lists pick is an item, so the one holding it already says
 * that an ad is here; vendor markers would have made it a marker candidate
 * (those are picked first); and only a link has what the holder may lack,
 * its landing page. kotaku.com's 114 ad slots hold 220 such elements:
 * describing and sending them was 2.6 ms of its first scan. The native scan
 * leaves out the same (crate/src/html_holders.rs, `reported_holders`).
 * @param {Map<Element, Candidate['source']>} found each candidate and why it was picked
 * @param {Set<Element>} chosen
 * @param {Map<Element, Element | null>} memo closest candidate at or above an element (`parentCandidate`)
 * @returns {(el: Element) => Element | null | undefined}
 */
export function reportedHolders(found, chosen, memo) {
  /** @type {Map<Element, Element | null | undefined>} */
  const known = new Map();
  /** @param {Element} el @returns {Element | null | undefined} */
  const holderOf = (el) => {
    if (known.has(el)) return known.get(el);
    let holder = parentCandidate(el, chosen, memo);
    const unsent = holder !== null && found.get(el) === 'cosmetic' && found.get(holder) === 'cosmetic' && tagOf(el) !== 'a';
    // Sent inside the closest candidate that is sent itself.
    while (!unsent && holder !== null && holderOf(holder) === undefined) holder = parentCandidate(holder, chosen, memo);
    const reported = unsent ? undefined : holder;
    known.set(el, reported);
    return reported;
  };
  return holderOf;
}

/**
 * The closest candidate holding `el`. Ancestors already looked at remember
 * their answer, so nested candidates do not each climb to the root.
 * @param {Element} el
 * @param {Set<Element>} chosen
 * @param {Map<Element, Element | null>} memo closest candidate at or above an element
 */
export function parentCandidate(el, chosen, memo) {
  /** @type {Element[]} */
  const climbed = [];
  /** @type {Element | null} */
  let found = null;
  for (let p = parentOf(el); p; p = parentOf(p)) {
    if (chosen.has(p)) {
      found = p;
      break;
    }
    const known = memo.get(p);
    if (known !== undefined) {
      found = known;
      break;
    }
    climbed.push(p);
  }
  for (const p of climbed) memo.set(p, found);
  return found;
}
