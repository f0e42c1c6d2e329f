// The popup's list of what the page shows: each ad or widget as its label
// reads on the page, with who served it and its own words, the ones chosen
// for you first; items that read the same are one entry, with their count.
// Choosing one brings it into view on the page and opens its "why" card
// (the page's content script does it: `SHOW_ITEM`).

import { revealsNote } from '../evidence.js';
import { msg, uiLocale } from '../i18n.js';
import { labelText } from '../item-label.js';
import { revealedBy } from '../item-sensitive.js';
import { hasArea } from '../item-shown.js';
import { SHOW_ITEM } from '../messages.js';
import { openedForTab } from './tab.js';

/** Most entries listed; the rest are counted. */
export const MAX_LISTED = 12;
/** Most characters of an item's own words shown under its label. */
const MAX_DETAIL_CHARS = 60;
/** The kinds' order in the list: the ones chosen for you first. */
const ORDER = { retargeted: 0, behavioural: 1, contextual: 2, generic: 3 };

/**
 * One entry of the list: the items that read the same (label, who served
 * them, their own words), the first of them from the top of the page.
 * @typedef {{ kind: import('../messages.js').Kind, line: string, detail: string, reveals: string | null,
 *   first: import('../messages.js').ReportedItem, count: number }} ListedEntry
 *   reveals: the special category of personal data the topic it was picked by can reveal (`health`…), if any
 */

/**
 * What the list shows: the items the page shows with a label (not of a
 * hidden kind, and shown on the page: an empty slot collapsed to a line has
 * no label and nothing to bring into view, `item-shown.js`), the ones chosen for
 * you first, then from the top of the page; items that read the same are
 * one entry with their count (a news page's hundred empty "Advertisement"
 * slots, one line, leave room for its widgets).
 * @param {import('../messages.js').ReportedItem[]} items the tab's report's items
 * @param {(item: import('../messages.js').ReportedItem) => boolean} hidden whether an item is hidden on the page (of a
 *   muted kind, picked by a sensitive topic while those are muted, or AdLens paused there; not an ad in the site's video
 *   player, which muting leaves shown)
 * @returns {ListedEntry[]}
 */
export function listedEntries(items, hidden) {
  const shown = items
    .filter((item) => !hidden(item) && hasArea(item.rect))
    .sort((a, b) => ORDER[a.verdict.kind] - ORDER[b.verdict.kind] || a.rect.y - b.rect.y);
  /** @type {Map<string, ListedEntry>} */
  const entries = new Map();
  for (const item of shown) {
    const by = item.vendor ?? item.landingDomain;
    const label = labelText(item);
    const line = by ? `${label} — ${by}` : label;
    const detail = detailOf(item);
    const reveals = revealedBy(item.verdict);
    const key = `${line}\n${detail}\n${reveals}`;
    const entry = entries.get(key);
    if (entry) entry.count += 1;
    else entries.set(key, { kind: item.verdict.kind, line, detail, reveals, first: item, count: 1 });
  }
  return [...entries.values()];
}

/**
 * An item's own words, to tell it from the others (here and in the panel's
 * table of the page's items): a widget's heading ("Around the web"), else
 * the start of its text, single-spaced, a run of words said twice in a row
 * said once ("by Taboola by Taboola": pages repeat a line for small and
 * large screens, and an item's text has both).
 * @param {import('../messages.js').ReportedItem} item
 */
export function detailOf(item) {
  // The heading as the page writes it ("Around The Web", "MOST POPULAR").
  const words = item.label
    ? (item.label.heading ?? item.label.phrase)
    : withoutRepeats(item.text.split(/\s+/).filter(Boolean)).join(' ');
  // By code points: a cut must not split a character in two.
  const chars = Array.from(words);
  return chars.length <= MAX_DETAIL_CHARS ? words : `${chars.slice(0, MAX_DETAIL_CHARS - 1).join('').trimEnd()}…`;
}

/** Longest run of words looked for repeated at once, and the run lengths tried. */
const MAX_REPEATED_WORDS = 4;
const RUN_LENGTHS = Array.from({ length: MAX_REPEATED_WORDS }, (_, k) => k + 1);

/**
 * The words with each run of up to MAX_REPEATED_WORDS words that comes
 * twice or more in a row kept once: "Sponsored Links Sponsored Links Ad" →
 * "Sponsored Links Ad". Only the words a detail can show are looked at.
 * @param {string[]} words
 */
function withoutRepeats(words) {
  /** @type {string[]} */
  const kept = [];
  for (let i = 0; i < words.length && kept.length < MAX_DETAIL_CHARS; ) {
    const at = i;
    const run = RUN_LENGTHS.find((n) => at + 2 * n <= words.length
      && words.slice(at, at + n).every((w, k) => w === words[at + n + k]));
    if (run) {
      const phrase = words.slice(i, i + run);
      kept.push(...phrase);
      i += run;
      while (i + run <= words.length && phrase.every((w, k) => w === words[i + k])) i += run;
    } else {
      kept.push(words[i]);
      i += 1;
    }
  }
  return kept;
}

/**
 * @param {HTMLElement} box the list's section (`#page-items`), hidden when there is nothing to list
 * @param {number} tabId
 * @param {import('../messages.js').ReportedItem[]} items the tab's report's items
 * @param {(item: import('../messages.js').ReportedItem) => boolean} hidden whether an item is hidden on the page
 *   (muted, or AdLens paused there): those are not listed
 */
export function renderPageItems(box, tabId, items, hidden) {
  const entries = listedEntries(items, hidden);
  const list = /** @type {HTMLElement} */ (box.querySelector('ul'));
  const span = (/** @type {string} */ className, /** @type {string} */ text) => {
    const el = document.createElement('span');
    el.className = className;
    el.textContent = text;
    return el;
  };
  list.replaceChildren(...entries.slice(0, MAX_LISTED).map(({ kind, line, detail, reveals, first, count }) => {
    const li = document.createElement('li');
    li.className = kind;
    const button = document.createElement('button');
    button.type = 'button';
    button.dataset.key = String(first.key);
    const many = count.toLocaleString(uiLocale());
    // A sensitive topic behind it: what it can reveal, said in words.
    const note = reveals ? revealsNote(reveals) : '';
    const parts = [span('what', line), ...(count > 1 ? [span('count', `×${many}`)] : []),
      ...(note ? [span('sensitive', note)] : []), ...(detail ? [span('detail', detail)] : [])];
    // Spaced, so the text read out is the text shown, words apart; the
    // name given starts with what the button does and holds all of it.
    parts.forEach((part, i) => button.append(...(i > 0 ? [' ', part] : [part])));
    const shown = parts.map((part) => part.textContent).join(' ');
    button.setAttribute('aria-label', count > 1 ? msg('popupShowFirstItem', [many, shown]) : msg('popupShowItem', [shown]));
    button.addEventListener('click', () => {
      showOnPage(box, tabId, first.key).catch((error) => console.error('[AdLens] popup:', error));
    });
    li.append(button);
    return li;
  }));
  const unlisted = entries.slice(MAX_LISTED).reduce((sum, entry) => sum + entry.count, 0);
  if (unlisted > 0) {
    const more = document.createElement('li');
    more.textContent = msg('andMore', [unlisted]);
    list.append(more);
  }
  box.hidden = entries.length === 0;
}

/**
 * Asks the page to show an item; the toolbar's popup then closes, so the
 * page and the item's card are in view.
 * @param {HTMLElement} box
 * @param {number} tabId
 * @param {number} key
 */
async function showOnPage(box, tabId, key) {
  const status = /** @type {HTMLElement} */ (box.querySelector('[role="status"]'));
  status.textContent = '';
  /** @type {unknown} */
  let answer = null;
  try {
    answer = await chrome.tabs.sendMessage(tabId, { type: SHOW_ITEM, key }, { frameId: 0 });
  } catch {
    // No page script there any more (the tab went elsewhere).
  }
  if (!(/** @type {{ shown?: unknown } | null} */ (answer)?.shown === true)) {
    status.textContent = msg('popupItemGone');
    return;
  }
  if (!openedForTab()) window.close();
}
