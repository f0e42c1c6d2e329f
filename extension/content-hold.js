// Content script entry for the top page at document start (bundled into one
// classic script by the build): holds the slots this host last showed of a
// muted kind (or picked by a sensitive topic, while those are muted), each
// hidden the moment the parser adds it (content/hold.js), then leaves the
// hold to the page's script (content.js). That one, 94 kB,
// the browser runs once the document is parsed: compiling it no longer
// holds up the page's parser. Any failure is caught and logged: AdLens must
// never break a page.

import { slotsKey } from './background/slot-memory.js';
import { EarlyHold, shareHold } from './content/hold.js';
import { logFailure } from './content/log.js';
import { clearPredecessor } from './content/predecessor.js';
import { readTabSettings } from './content/chosen-settings.js';
import { isMuted, isPaused, withPrivateSites } from './settings.js';

/**
 * Narrows the hold to this host's known slots of a muted kind, once storage
 * answers (until then every vendor-like slot is held).
 * @param {EarlyHold} hold
 */
async function narrowHold(hold) {
  const slotsAt = slotsKey(location.hostname);
  const { ordinary, privateSites, stored } = await readTabSettings([slotsAt]);
  const settings = withPrivateSites(ordinary, privateSites);
  const known = /** @type {{ site?: unknown, slots?: Record<string, import('./messages.js').Kind>, sensitive?: unknown } | undefined} */ (
    stored[slotsAt]);
  const site = typeof known?.site === 'string' ? known.site : '';
  // A slot whose last ad was picked by a sensitive topic is held while those are muted.
  const sensitive = new Set(settings.muteSensitive && Array.isArray(known?.sensitive) ? known.sensitive : []);
  const ids = site && !isPaused(settings, site)
    ? Object.entries(known?.slots ?? {}).filter(([id, kind]) => isMuted(settings, site, kind) || sensitive.has(id)).map(([id]) => id)
    : [];
  hold.narrow(ids);
}

// The manifest injects this script into top pages only (all_frames false).
if (window.top === window) {
  // An earlier AdLens's labels, placeholders and hidden items, in a page
  // open when it was updated (Firefox): off before this one marks anything.
  clearPredecessor(document);
  // First thing, before any await: hold vendor slots while storage answers.
  const hold = new EarlyHold(document, __SLOT_ID_PREFIXES__);
  shareHold(hold);
  narrowHold(hold).catch((error) => {
    // Nothing known is held: let go of the vendor-like slots.
    hold.narrow([]);
    logFailure(error);
  });
}
