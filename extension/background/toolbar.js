// The toolbar badge: how many personalised items (behavioural + retargeted)
// the current page shows, empty when none.

/**
 * @param {number} tabId
 * @param {import('../messages.js').KindCounts} counts
 */
export async function showPersonalisedCount(tabId, counts) {
  const personalised = counts.behavioural + counts.retargeted;
  await chrome.action.setBadgeText({ tabId, text: personalised > 0 ? String(personalised) : '' });
  await chrome.action.setBadgeBackgroundColor({ tabId, color: '#6b3fa0' });
}
