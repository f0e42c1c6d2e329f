// "What advertisers could infer about you": the interest profile's top
// topics with their share, each deletable (a sensitive one tagged, with what
// that means and a switch muting the ads such topics pick, and the ads each
// topic picked for the user and where); the companies
// that saw the user on the most sites, with what those sites were about;
// and the sites behind the profile, each deletable, with "forget
// everything". The profile lives in the engine; the background answers for
// it.

import { revealsNote, topicName } from '../evidence.js';
import { send } from '../messages.js';
import { el, locale, t } from '../pages/dom.js';
import { onSettingsChanged, readSettings, updateSettings } from '../settings.js';
import { companyReach } from './company-reach.js';
import { adsByInterest } from './interest-ads.js';

/** Topics shown. */
const TOP_TOPICS = 12;
/** Companies shown, the widest reach first. */
const TOP_COMPANIES = 10;
/** Sites named per company. */
const SITES_NAMED = 5;

/**
 * @param {HTMLElement} root the #view-profile section
 * @param {import('../storage/site-summary.js').SiteSummary[]} summaries every site's summary
 * @param {() => void} onChange called after something was forgotten
 */
export async function renderProfile(root, summaries, onChange) {
  const view = await send({ type: 'memory/get-interests' });
  const name = (/** @type {string} */ id) => topicName(id) || view.topicNames[id] || id;
  /** A topic's name, tagged when it can reveal a special category of personal data. */
  const topicEl = (/** @type {string} */ id) => {
    const category = view.sensitiveTopics[id];
    const note = category ? revealsNote(category) : '';
    return el('span', { class: 'topic' }, name(id),
      ...(note ? [el('span', { class: 'tag sensitive', text: t('tagSensitive'), title: note, 'aria-hidden': 'true' }), el('span', { class: 'visually-hidden', text: ` (${note})` })] : []));
  };
  const percent = new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 });
  const forget = (/** @type {import('../messages.js').Message} */ message) => () => {
    send(message).then(onChange).catch((error) => console.error('[AdLens] panel:', error));
  };
  /** Topics' names, comma-separated, each tagged when sensitive. */
  const topicList = (/** @type {string[]} */ ids) => ids.flatMap((id, i) => [...(i > 0 ? [', '] : []), topicEl(id)]);
  const topics = view.interests.topics.slice(0, TOP_TOPICS);
  const picked = adsByInterest(summaries);
  const count = new Intl.NumberFormat(locale());
  const sitesList = new Intl.ListFormat(locale(), { type: 'unit', style: 'short' });
  /** @type {HTMLElement} */ (root.querySelector('#interests')).replaceChildren(...(topics.length === 0
    ? [el('li', { text: t('memoryEmpty') })]
    : topics.map(([topic, share]) => {
      const forgetButton = el('button', { type: 'button', text: t('memoryForget'), 'aria-label': t('profileForgetTopic', [name(topic)]) });
      forgetButton.addEventListener('click', forget({ type: 'memory/forget-topic', topic }));
      const bar = el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', {}));
      /** @type {HTMLElement} */ (bar.firstElementChild).style.width = `${Math.round(share * 100)}%`;
      // The ads it picked for the user, and where (the sites that showed the most first).
      const ads = picked.get(topic);
      const sites = ads ? [...ads.sites.slice(0, SITES_NAMED), ...(ads.sites.length > SITES_NAMED ? [t('andMore', [ads.sites.length - SITES_NAMED])] : [])] : [];
      return el('li', { 'data-topic': topic, ...(view.sensitiveTopics[topic] ? { 'data-sensitive': view.sensitiveTopics[topic] } : {}) },
        topicEl(topic), bar, el('span', { class: 'share', text: percent.format(share) }), forgetButton,
        ...(ads ? [el('span', { class: 'picked', text: t('profileTopicAds', [count.format(ads.count), sitesList.format(sites)]) })] : []));
    })));
  // What "sensitive" means, under the list, when a topic in it is.
  const sensitiveNote = /** @type {HTMLElement} */ (root.querySelector('#sensitive-note'));
  sensitiveNote.hidden = !topics.some(([topic]) => view.sensitiveTopics[topic]);
  sensitiveNote.textContent = sensitiveNote.hidden ? '' : t('sensitiveNote');
  // And the choice to mute the ads such topics pick (the options' switch).
  /** @type {HTMLElement} */ (root.querySelector('#sensitive-mute')).hidden = sensitiveNote.hidden;
  const muteSensitive = /** @type {HTMLInputElement} */ (root.querySelector('#mute-sensitive'));
  muteSensitive.checked = (await readSettings()).muteSensitive;
  muteSensitive.onchange = () => {
    updateSettings((s) => { s.muteSensitive = muteSensitive.checked; }).catch((error) => console.error('[AdLens] panel:', error));
  };
  renderReach(root, summaries, view.sites, topicList);
  /** @type {HTMLElement} */ (root.querySelector('#memory-sites tbody')).replaceChildren(...view.sites.map((site) => {
    const button = el('button', { type: 'button', text: t('memoryForget'), 'aria-label': `${t('memoryForget')} ${site.site}` });
    button.addEventListener('click', forget({ type: 'memory/forget-site', site: site.site }));
    return el('tr', { 'data-site': site.site },
      el('td', { text: site.site }), el('td', { text: String(site.visits) }),
      el('td', {}, ...topicList(site.topics)), el('td', {}, button));
  }));
}

/**
 * Keeps the switch muting the ads sensitive topics pick as the settings
 * are, when they change elsewhere (the options, a why card) while the panel
 * is open. Called once.
 * @param {HTMLElement} root the #view-profile section
 */
export function followSensitiveMute(root) {
  const muteSensitive = /** @type {HTMLInputElement} */ (root.querySelector('#mute-sensitive'));
  onSettingsChanged((fresh) => { muteSensitive.checked = fresh.muteSensitive; });
}

/**
 * The companies that saw the user on the most sites, each with those sites
 * (the most read first), what their pages were about and the shops that told
 * it what the user did.
 * @param {HTMLElement} root
 * @param {import('../storage/site-summary.js').SiteSummary[]} summaries
 * @param {import('../messages.js').RememberedSite[]} remembered
 * @param {(topics: string[]) => (string | HTMLElement)[]} topicList topics' names, each tagged when sensitive
 */
function renderReach(root, summaries, remembered, topicList) {
  const reach = companyReach(summaries, remembered);
  const visited = summaries.filter((s) => s.visits > 0).length;
  // The first few sites, each a link to its page in the panel, then how many more.
  const named = (/** @type {string[]} */ sites) => {
    const links = sites.slice(0, SITES_NAMED).flatMap((site, i) => [
      ...(i > 0 ? [', '] : []), el('a', { href: `#site/${encodeURIComponent(site)}`, text: site })]);
    return sites.length > SITES_NAMED ? [...links, ` ${t('andMore', [sites.length - SITES_NAMED])}`] : links;
  };
  /** @type {HTMLElement} */ (root.querySelector('#company-reach tbody')).replaceChildren(...(reach.length === 0
    ? [el('tr', {}, el('td', { colspan: '4', text: t('reachEmpty') }))]
    : reach.slice(0, TOP_COMPANIES).map((c) => el('tr', { 'data-company': c.company },
      el('th', { scope: 'row', text: c.company }),
      el('td', {},
        el('span', { class: 'count', text: t('reachOfSites', [c.sites.length, Math.max(visited, c.sites.length)]) }),
        el('span', { class: 'sites' }, ...named(c.sites))),
      el('td', {}, ...(c.topics.length > 0 ? topicList(c.topics) : ['—'])),
      el('td', {}, ...(c.toldBy.length > 0 ? named(c.toldBy) : ['—']))))));
  const more = /** @type {HTMLElement} */ (root.querySelector('#reach-more'));
  more.hidden = reach.length <= TOP_COMPANIES;
  more.textContent = more.hidden ? '' : t('andMore', [reach.length - TOP_COMPANIES]);
}
