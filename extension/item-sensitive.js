// Whether an item was picked by a sensitive topic: one the engine says can
// reveal a special category of personal data (GDPR Art. 9: health,
// political opinions, religious beliefs, sex life; `crate/src/sensitive.rs`),
// as the `reveals` of its profile match. One rule for the muting of such
// items (content script, early hold, slot memory) and the popup's list.

/**
 * @typedef {Pick<import('./messages.js').Verdict, 'kind' | 'evidence'>} SeenVerdict
 */

/** The engine's names for what a sensitive topic can reveal, as its evidence gives them. */
const CATEGORY = /^[a-z_]{1,40}$/;

/**
 * What the sensitive topic an item was picked by can reveal (`health`…), or null.
 * @param {SeenVerdict} verdict
 * @returns {string | null}
 */
export function revealedBy(verdict) {
  const match = verdict.evidence.find((e) => e.type === 'topic_matches_profile' && typeof e.reveals === 'string' && CATEGORY.test(e.reveals));
  return match ? String(match.reveals) : null;
}
