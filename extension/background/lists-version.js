// Comparing filter-list versions. EasyList's versions are timestamps
// (202608130520), so newer sorts later as text.

/** @typedef {{ lists: { name: string, version: string | null }[] }} ListsInfoLike */

/**
 * Whether every list in `a` is at least as new as in `b`, and one is newer.
 * @param {ListsInfoLike} a
 * @param {ListsInfoLike} b
 */
export function isNewer(a, b) {
  const version = (/** @type {ListsInfoLike} */ info, /** @type {string} */ name) =>
    info.lists.find((l) => l.name === name)?.version ?? '';
  const names = b.lists.map((l) => l.name);
  return names.every((n) => version(a, n) >= version(b, n)) && names.some((n) => version(a, n) > version(b, n));
}
