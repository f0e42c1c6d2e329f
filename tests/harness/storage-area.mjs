// A stand-in for a `chrome.storage` area in unit tests.

/**
 * A storage area whose reads and writes each take a turn of the event loop
 * or two, as the browser's do.
 * @returns {chrome.storage.StorageArea & { items: Record<string, unknown> }}
 */
export function slowArea() {
  /** @type {Record<string, unknown>} */
  const items = {};
  const later = () => new Promise((resolve) => setTimeout(resolve, 5));
  return /** @type {any} */ ({
    items,
    get: async (/** @type {string | string[]} */ keys) => {
      await later();
      return Object.fromEntries([keys].flat().filter((key) => key in items).map((key) => [key, structuredClone(items[key])]));
    },
    set: async (/** @type {Record<string, unknown>} */ values) => {
      await later();
      Object.assign(items, structuredClone(values));
    },
    remove: async (/** @type {string | string[]} */ keys) => {
      await later();
      for (const key of [keys].flat()) delete items[key];
    },
  });
}
