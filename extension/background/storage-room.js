// Writing to a storage area that can fill up: storage.session and
// storage.local each hold 10 MB in Chrome (Firefox enforces the same on
// storage.session). A write that does not fit makes room, by forgetting
// what matters least, and is tried again once: a full area must not cost a
// page its labels (the reply with its verdicts waits on these writes).

/**
 * Whether a storage write failed for want of room (Chrome: "Session storage
 * quota bytes exceeded", "Resource::kQuotaBytes quota exceeded"; Firefox:
 * a QuotaExceededError).
 * @param {unknown} error
 */
export function isQuotaError(error) {
  return /quota/i.test(String(error));
}

/**
 * Writes `items`; when the area is full, calls `makeRoom` and writes again.
 * @param {chrome.storage.StorageArea} area
 * @param {Record<string, unknown>} items
 * @param {() => Promise<void>} makeRoom
 */
export async function setMakingRoom(area, items, makeRoom) {
  try {
    await area.set(items);
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    await makeRoom();
    await area.set(items);
  }
}

/**
 * The quarter (at least one) of `entries` that matter least: the oldest.
 * @template K
 * @param {[K, number][]} entries each with when it was last of use (epoch ms)
 * @returns {K[]}
 */
export function oldestQuarter(entries) {
  return [...entries].sort((a, b) => a[1] - b[1]).slice(0, Math.max(1, Math.ceil(entries.length / 4))).map(([key]) => key);
}
