// Which slots of a host showed which kind last time, and which of them an ad
// picked by a sensitive topic, so the content script can hide the muted ones
// before the page paints (content/hold.js).
//
// Shape, in storage.local under `slots:<host>` (one key per host, read by the
// content script of that host only):
//   { site: registrable domain, time: epoch ms, slots: { [element id]: Kind },
//     sensitive?: [element id] (of those in `slots`) }
// At most MAX_SLOTS ids per host (the latest win). Forgotten with the rest of
// the memory: per site, by retention, and by "forget everything".

import { revealedBy } from '../item-sensitive.js';
import { hasArea } from '../item-shown.js';
import { oldestQuarter, setMakingRoom } from './storage-room.js';

export const SLOTS_PREFIX = 'slots:';

/**
 * The storage key of a host's slots (the content script reads its own).
 * @param {string} host
 */
export const slotsKey = (host) => SLOTS_PREFIX + host;
/** Most slot ids remembered per host. */
const MAX_SLOTS = 30;

/**
 * @typedef {import('../messages.js').Kind} Kind
 * @typedef {{ site: string, time: number, slots: Record<string, Kind>, sensitive?: string[] }} HostSlots
 */

/**
 * Remembers the kinds of a page report's items that have an element id and
 * were shown. Writes only when something changed.
 * @param {import('../messages.js').PageReport} report
 * @param {number} time
 */
export async function rememberSlots(report, time) {
  let host;
  try {
    host = new URL(report.url).hostname;
  } catch {
    return;
  }
  const key = slotsKey(host);
  const found = report.items.filter((i) => typeof i.elementId === 'string' && i.elementId.length <= 200);
  if (found.length === 0) return;
  const stored = /** @type {HostSlots | undefined} */ ((await chrome.storage.local.get(key))[key]);
  /** @type {Record<string, Kind>} */
  const slots = { ...(stored?.slots ?? {}) };
  const sensitive = new Set(Array.isArray(stored?.sensitive) ? stored.sensitive : []);
  let changed = !stored || stored.site !== report.site;
  for (const item of found) {
    const id = /** @type {string} */ (item.elementId);
    const picked = revealedBy(item.verdict) !== null;
    if (slots[id] === item.verdict.kind && sensitive.has(id) === picked) continue;
    // A slot the page did not show (no area: another screen size's, an
    // empty one, content/shown-box.js) cannot flash, and is muted without a
    // placeholder: it is not held next time, where a held slot is given one.
    // One already remembered keeps being followed: hidden as muted, it has
    // no area.
    if (!(id in slots) && !hasArea(item.rect)) continue;
    delete slots[id]; // re-inserted last: the latest are kept
    slots[id] = item.verdict.kind;
    if (picked) sensitive.add(id);
    else sensitive.delete(id);
    changed = true;
  }
  if (!changed && stored && time - stored.time < 24 * 60 * 60 * 1000) return;
  const kept = Object.fromEntries(Object.entries(slots).slice(-MAX_SLOTS));
  /** @type {HostSlots} */
  const value = { site: report.site, time, slots: kept };
  const keptSensitive = [...sensitive].filter((id) => id in kept);
  if (keptSensitive.length > 0) value.sensitive = keptSensitive;
  await setMakingRoom(chrome.storage.local, { [key]: value }, () => forgetLeastRecentHosts(key));
}

/**
 * Makes room in storage.local, which holds 10 MB and where the hosts' slots
 * are what grows (one key of up to 30 ids per host with ads): forgets the
 * quarter of the other hosts seen longest ago (their muted slots may then
 * show for a moment, once, on their next visit). The user's settings, in
 * the same area, make room so too.
 * @param {string} [keep] the key written
 */
export async function forgetLeastRecentHosts(keep) {
  const all = await chrome.storage.local.get(null);
  /** @type {[string, number][]} */
  const hosts = Object.entries(all)
    .filter(([key]) => key.startsWith(SLOTS_PREFIX) && key !== keep)
    .map(([key, value]) => [key, Number(/** @type {HostSlots} */ (value)?.time) || 0]);
  if (hosts.length === 0) return;
  const oldest = oldestQuarter(hosts);
  console.warn(`[AdLens] storage.local is full: forgetting the slots of ${oldest.length} of ${hosts.length} hosts, those seen longest ago`);
  await chrome.storage.local.remove(oldest);
}

/**
 * Forgets remembered slots: of one site, of hosts not seen since `before`,
 * or all.
 * @param {{ site?: string, before?: number }} [which]
 */
export async function forgetSlots(which = {}) {
  const all = await chrome.storage.local.get(null);
  const keys = Object.entries(all)
    .filter(([key]) => key.startsWith(SLOTS_PREFIX))
    .filter(([, value]) => {
      const v = /** @type {HostSlots} */ (value);
      if (which.site !== undefined) return v?.site === which.site;
      if (which.before !== undefined) return !(v?.time >= which.before);
      return true;
    })
    .map(([key]) => key);
  if (keys.length > 0) await chrome.storage.local.remove(keys);
}
