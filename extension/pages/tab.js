// Which tab an extension page is about: `?tabId=` when the page was opened
// for a given tab (the panel, or tests), otherwise the active tab.

/** @returns {Promise<number | null>} */
export async function targetTabId() {
  const fromQuery = Number.parseInt(new URLSearchParams(location.search).get('tabId') ?? '', 10);
  if (Number.isInteger(fromQuery) && fromQuery >= 0) return fromQuery;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/**
 * Whether the page was opened for a given tab (`?tabId=`: the panel's link,
 * tests), not as the toolbar's popup, which closes once it has done its work.
 */
export function openedForTab() {
  return new URLSearchParams(location.search).has('tabId');
}
