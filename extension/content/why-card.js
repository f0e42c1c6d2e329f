// The "why" card's content: what a label's kind means, the evidence in the
// user's language, the confidence, and the actions (mute everywhere, mute
// on this site, for an ad picked by a sensitive topic mute all such ads,
// "this label is wrong"), and the way into the tracking panel where what
// the evidence rests on is kept. The label layer opens, places and closes
// it. Everything from the page is inserted with textContent.

import { evidenceSentence } from '../evidence.js';
import { msg, uiLocale } from '../i18n.js';
import { LOW_CONFIDENCE, kindMeaning, labelText } from '../item-label.js';
import { revealedBy } from '../item-sensitive.js';

/**
 * The "why" card's style, added when a card first opens: most pages never
 * open one, and a style sheet is parsed when the overlay joins the page,
 * in the first scan's labelling task.
 */
export const CARD_STYLE = `
  .card {
    position: absolute; z-index: 2147483647; width: 320px; max-width: calc(100vw - 16px); box-sizing: border-box;
    padding: 10px 12px; border-radius: 6px; border: 1px solid #8888; background: #fff; color: #1a1a1a;
    font: 13px/1.45 system-ui, sans-serif; box-shadow: 0 4px 16px #0003; pointer-events: auto; text-align: left;
  }
  .card h2 { font-size: 14px; margin: 0 0 4px; padding-right: 20px; }
  .card ul { margin: 6px 0; padding-left: 18px; }
  .card .meaning { margin: 0 0 4px; }
  .card .confidence { margin: 0; color: #555; }
  .card .player { margin: 4px 0; font-style: italic; }
  .card .actions { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
  .card button { font: inherit; padding: 2px 8px; border-radius: 4px; border: 1px solid #888; background: #f4f4f4; color: inherit; cursor: pointer; }
  .card button:focus-visible { outline: 2px solid #0b5394; outline-offset: 2px; }
  .card .more { margin: 4px 0 0; }
  .card .more button { border: 0; background: none; padding: 0; color: #0b5394; text-decoration: underline; }
  .card .close { position: absolute; top: 6px; right: 6px; border: 0; background: none; font-size: 16px; line-height: 1; }
  @media (prefers-color-scheme: dark) {
    .card { background: #1e1e1e; color: #eee; } .card .confidence { color: #bbb; } .card button { background: #333; }
    .card .more button { background: none; color: #8ab4f8; }
  }
  @media (prefers-reduced-motion: no-preference) { .card { animation: appear 120ms ease-out; } }
  @keyframes appear { from { opacity: 0; transform: translateY(-4px); } }
`;

/**
 * Where in the tracking panel what a verdict rests on is kept, and the
 * link's words: for an ad following the user, the shop it followed them
 * from (what that shop told advertisers); for one chosen for their
 * profile, what advertisers could infer about them; else the page's own
 * site (who it sent data to).
 * @param {import('../messages.js').LabelledItem} item
 * @param {string} site the page's site ('' while not known)
 * @returns {{ view: import('../messages.js').PanelView, site: string | null, text: string } | null}
 */
export function panelLink(item, site) {
  const { kind, evidence } = item.verdict;
  if (kind === 'retargeted') {
    const from = evidence.find((e) => (e.type === 'viewed_product' || e.type === 'visited_shop') && typeof e.shop === 'string' && e.shop);
    if (from) return { view: 'site', site: String(from.shop), text: msg('whyPanelShop', [String(from.shop)]) };
  }
  if (kind === 'behavioural') return { view: 'profile', site: null, text: msg('profileTitle') };
  return site ? { view: 'site', site, text: msg('whyPanelSite', [site]) } : null;
}

/**
 * The card for one labelled item.
 * @param {Document} doc
 * @param {import('../messages.js').LabelledItem} item
 * @param {import('./labels.js').CardActions} actions
 * @param {(refocus: boolean) => void} close closes the card (and gives the focus back to its label)
 * @returns {{ card: HTMLElement, firstAction: HTMLElement | null }}
 */
export function whyCard(doc, item, actions, close) {
  const key = item.key;
  const make = (/** @type {string} */ tag, /** @type {string} */ text = '') => {
    const el = doc.createElement(tag);
    el.textContent = text;
    return el;
  };
  const card = make('div');
  card.className = 'card';
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-modal', 'false');
  const title = make('h2', `${msg('whyTitle')}: ${labelText(item)}`);
  title.id = `adlens-why-${key}`;
  // What the label's kind means, before the evidence for it.
  const meaning = make('p', kindMeaning(item.verdict.kind));
  meaning.className = 'meaning';
  card.setAttribute('aria-labelledby', title.id);
  const locale = uiLocale();
  const confidence = item.verdict.confidence;
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).format(confidence);
  const sure = make('p', item.verdict.kind !== 'generic' && confidence < LOW_CONFIDENCE
    ? msg('whyLowConfidence')
    : msg('whyConfidence', [percent]));
  sure.className = 'confidence';
  const list = make('ul');
  const context = { nowMs: Date.now(), locale };
  for (const e of item.verdict.evidence) list.append(make('li', evidenceSentence(e, context)));
  const kindName = msg(`kind_${item.verdict.kind}`);
  const button = (/** @type {string} */ text, /** @type {string} */ action, /** @type {() => void} */ run) => {
    const b = /** @type {HTMLButtonElement} */ (make('button', text));
    b.type = 'button';
    b.dataset.action = action;
    b.addEventListener('click', (event) => {
      event.stopPropagation();
      run();
    });
    return b;
  };
  const buttons = make('div');
  buttons.className = 'actions';
  const site = actions.site();
  buttons.append(
    button(msg('whyMuteEverywhere', [kindName]), 'mute-everywhere', () => {
      actions.onMute(item.verdict.kind, 'everywhere');
      close(false);
    }),
    button(msg(actions.privateWindow ? 'whyMuteHerePrivate' : 'whyMuteHere', [kindName, site]), 'mute-site', () => {
      actions.onMute(item.verdict.kind, 'site');
      close(false);
    }),
  );
  if (revealedBy(item.verdict) !== null) {
    buttons.append(button(msg('whyMuteSensitive'), 'mute-sensitive', () => {
      actions.onMuteSensitive();
      close(false);
    }));
  }
  const { onWrong } = actions;
  if (onWrong) {
    buttons.append(button(msg('whyWrong'), 'wrong', () => {
      onWrong(item);
      sure.textContent = msg('whyThanks');
    }));
  }
  // Not from a private window: the panel shows what AdLens kept, and it keeps nothing from one.
  const { onOpenPanel } = actions;
  const link = onOpenPanel ? panelLink(item, site) : null;
  const more = make('p');
  more.className = 'more';
  if (link) {
    more.append(button(link.text, 'open-panel', () => {
      onOpenPanel?.(link.view, link.site);
      close(false);
    }));
  }
  const closer = button('×', 'close', () => close(true));
  closer.className = 'close';
  closer.setAttribute('aria-label', msg('whyClose'));
  // Muting its kind hides the others: this one is the site's own player
  // showing its ad, whose "Skip" button hiding would take away.
  const player = item.inPlayer ? [make('p', msg('whyInPlayer'))] : [];
  for (const p of player) p.className = 'player';
  card.append(closer, title, meaning, sure, list, ...(link ? [more] : []), ...player, buttons);
  card.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close(true);
  });
  return { card, firstAction: /** @type {HTMLElement | null} */ (buttons.firstElementChild) };
}

/** Space (px) kept between the "why" card and its label. */
const CARD_GAP = 4;
/** Space (px) kept between the "why" card and the window's edges. */
const CARD_MARGIN = 8;

/**
 * Where (viewport px) the "why" card goes: ending at its label's right edge
 * (inside the window), under or above it (`cardTop`).
 * @param {DOMRectReadOnly} label the label's box in the viewport
 * @param {{ width: number, height: number }} card
 * @param {{ width: number, height: number }} view the window's inner size
 */
export function cardPlace(label, card, view) {
  const left = Math.max(CARD_MARGIN, Math.min(label.right - card.width, view.width - card.width - CARD_MARGIN));
  return { left, top: cardTop(label, card.height, view.height) };
}

/**
 * Where (viewport px) the "why" card's top goes: under its label, or above
 * it when it would run past the window's bottom and there is more room
 * above (a label near the bottom of the window opened a card the user had
 * to scroll to read).
 * @param {{ top: number, bottom: number }} label the label's box in the viewport
 * @param {number} height the card's height
 * @param {number} viewHeight the window's inner height
 */
function cardTop(label, height, viewHeight) {
  const below = viewHeight - label.bottom - CARD_GAP - CARD_MARGIN;
  const above = label.top - CARD_GAP - CARD_MARGIN;
  if (height <= below || above <= below) return label.bottom + CARD_GAP;
  return Math.max(CARD_MARGIN, label.top - CARD_GAP - height);
}
