// The evidence of a verdict in the user's language. The engine gives each
// reason a type and parameters (and an English sentence); this turns them
// into the browser's language from _locales, with dates and numbers in its
// formats. A reason this version does not know keeps the engine's sentence.

import { msg } from './i18n.js';

/** @typedef {import('./messages.js').Evidence} Evidence */

const EVENTS = new Set(['viewItem', 'viewBasket', 'trackTransaction', 'viewList']);

/**
 * @param {string} name
 * @param {(string | number)[]} [values]
 */
function message(name, values = []) {
  return msg(name, values.map(String));
}

/** @param {unknown} id */
export function topicName(id) {
  const key = `topic_${String(id)}`;
  return message(key) || String(id);
}

/**
 * A topic's name inside a sentence. English, French and Spanish write it in
 * lower case there ("It is about running and fitness"), German keeps its
 * nouns' capitals, Polish quotes it, Chinese and Japanese have no case: the
 * locale's `topicCaseInSentence` says which ("lower" or "keep"). Only the
 * first letter changes ("movies and TV").
 * @param {unknown} id
 * @param {string} locale
 */
function topicInSentence(id, locale) {
  const name = topicName(id);
  if (message('topicCaseInSentence') !== 'lower') return name;
  const [first = '', ...rest] = Array.from(name);
  return first.toLocaleLowerCase(locale) + rest.join('');
}

/**
 * What a sensitive topic can reveal, as a note in the user's language
 * ("a sensitive topic: it can reveal your health"); '' for a category this
 * version has no words for.
 * @param {unknown} category a special category of personal data, as the
 *   engine names it (`crate/src/sensitive.rs`: `health`, `sex_life`…)
 */
export function revealsNote(category) {
  return typeof category === 'string' && /^[a-z_]{1,40}$/.test(category) ? message(`ev_reveals_${category}`) : '';
}

/** What a user can opt out of under US state privacy laws, as the engine names it. */
const OPT_OUTS = new Set(['sale', 'sharing', 'targeted_advertising']);

/**
 * What the user opted out of, as a list in the user's language ("the sale
 * of your data and targeted advertising"); '' when nothing this version
 * has words for.
 * @param {unknown} optOuts the engine's names (`sale`, `sharing`, `targeted_advertising`)
 * @param {string} locale
 */
export function optOutsNamed(optOuts, locale) {
  const known = Array.isArray(optOuts) ? optOuts.filter((o) => typeof o === 'string' && OPT_OUTS.has(o)) : [];
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(known.map((o) => message(`optOut_${o}`)));
}

/**
 * "2 days ago", "2 dni temu", "2天前".
 * @param {number} thenMs
 * @param {number} nowMs
 * @param {string} locale
 */
export function ago(thenMs, nowMs, locale) {
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const minutes = Math.floor(Math.max(0, nowMs - thenMs) / 60_000);
  if (minutes < 1) return message('agoJustNow') || rtf.format(0, 'second');
  if (minutes < 60) return rtf.format(-minutes, 'minute');
  if (minutes < 24 * 60) return rtf.format(-Math.floor(minutes / 60), 'hour');
  return rtf.format(-Math.floor(minutes / (24 * 60)), 'day');
}

/**
 * One piece of evidence as a sentence in the browser's language.
 * @param {Evidence} e
 * @param {{ nowMs: number, locale: string }} context
 */
export function evidenceSentence(e, { nowMs, locale }) {
  const text = (/** @type {string} */ key) => String(e[key] ?? '');
  const when = (/** @type {string} */ key) => ago(Number(e[key] ?? 0), nowMs, locale);
  const percent = new Intl.NumberFormat(locale, { style: 'percent' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction' });
  /** @type {string} */
  let sentence = '';
  switch (e.type) {
    case 'viewed_product':
      sentence = message('ev_viewed_product', [text('product'), text('shop'), when('viewedAt')]);
      break;
    case 'visited_shop':
      sentence = message('ev_visited_shop', [text('shop'), when('visitedAt')]);
      break;
    case 'retargeting_vendor':
      sentence = message('ev_retargeting_vendor', [text('vendor')]);
      break;
    case 'remarketing_tag_seen': {
      const event = EVENTS.has(text('event')) ? text('event') : 'other';
      sentence = message('ev_remarketing_tag_seen', [text('shop'), text('vendor'), message(`ev_event_${event}`)]);
      break;
    }
    case 'topic_matches_page':
      sentence = message('ev_topic_matches_page', [topicInSentence(e.topic, locale), list.format(/** @type {string[]} */ (e.words ?? []))]);
      break;
    case 'topic_matches_profile': {
      sentence = message('ev_topic_matches_profile', [topicName(e.topic), percent.format(Number(e.share ?? 0))]);
      const note = revealsNote(e.reveals);
      if (sentence && note) sentence = message('evAndNote', [sentence, note]);
      break;
    }
    case 'topic_differs_from_page':
      sentence = e.pageTopic
        ? message('ev_topic_differs_from_page', [topicInSentence(e.pageTopic, locale), topicInSentence(e.topic, locale)])
        : message('ev_topic_not_on_page', [topicInSentence(e.topic, locale)]);
      break;
    case 'cross_site_ids_present':
      sentence = message('ev_cross_site_ids_present', [list.format(/** @type {string[]} */ (e.providers ?? []))]);
      break;
    case 'label_phrase':
      // The heading as the page writes it; verdicts stored before the
      // engine gave it have the lexicon's lower-case phrase only.
      sentence = message('ev_label_phrase', [text('heading') || text('phrase')]);
      break;
    case 'served_by':
      sentence = message('ev_served_by', [text('vendor')]);
      break;
    case 'targeted_ads_opted_out': {
      const what = optOutsNamed(e.optOuts, locale);
      if (what) sentence = message('ev_targeted_ads_opted_out', [what]);
      break;
    }
    case 'non_personalised_request':
    case 'personalised_ads_refused':
    case 'global_privacy_control':
    case 'no_profile_yet':
    case 'no_targeting_evidence':
      sentence = message(`ev_${e.type}`);
      break;
    default:
      break;
  }
  return sentence || e.sentence;
}
