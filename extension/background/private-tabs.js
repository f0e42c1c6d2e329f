// Which tabs are in a private (incognito) window. AdLens runs there only if
// the user allowed it; it then labels the ads as anywhere else, with what it
// remembers from ordinary browsing, but adds nothing to that memory: no
// observation, no third party, no product viewed, no interest, no slot. A
// private window promises that closing it forgets the browsing, and
// AdLens's stores outlive it.
//
// A message's sender says it (`sender.tab.incognito`), and so does a
// request in Firefox (`details.incognito`); a request in Chrome does not,
// so its tab is looked up once and the answer kept until the tab closes.

/** @type {Map<number, Promise<boolean>>} */
const known = new Map();

/**
 * Whether the tab is private. A tab that cannot be looked up (closed
 * meanwhile) counts as private: when in doubt, nothing is remembered.
 * @param {number} tabId
 * @param {boolean | undefined} [said] what the event itself said, if it did
 * @returns {Promise<boolean>}
 */
export function isPrivateTab(tabId, said) {
  if (typeof said === 'boolean') return Promise.resolve(said);
  let answer = known.get(tabId);
  if (!answer) {
    answer = chrome.tabs.get(tabId).then((tab) => tab.incognito, () => true);
    known.set(tabId, answer);
  }
  return answer;
}

/**
 * Forgets a closed tab (its id is never used again, but the map must not
 * grow without end).
 * @param {number} tabId
 */
export function forgetTab(tabId) {
  known.delete(tabId);
}
