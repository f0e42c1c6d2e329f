// Which tab an extension page is about: `?tabId=` when the page was opened
// for a given tab (the panel, or tests), otherwise the active tab.

/** @returns {Promise<number | null>} */
export async function targetTabId() {
  const fromQuery = Number.parseInt(new URLSearchParams(location.search).get('tabId') ?? '', 10);
  if (Number.isInteger(fromQuery) && fromQuery >= 0) return fromQuery;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
