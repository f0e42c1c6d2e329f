// "What advertisers could infer about you": the interest profile's top
// topics with their share, each deletable, and the sites behind them, each
// deletable, with "forget everything". The profile lives in the engine; the
// background answers for it.

import { topicName } from '../evidence.js';
import { send } from '../messages.js';
import { el, locale, t } from '../pages/dom.js';

/** Topics shown. */
const TOP_TOPICS = 12;

/**
 * @param {HTMLElement} root the #view-profile section
 * @param {() => void} onChange called after something was forgotten
 */
export async function renderProfile(root, onChange) {
  const view = await send({ type: 'memory/get-interests' });
  const name = (/** @type {string} */ id) => topicName(id) || view.topicNames[id] || id;
  const percent = new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 0 });
  const forget = (/** @type {import('../messages.js').Message} */ message) => () => {
    send(message).then(onChange).catch((error) => console.error('[AdLens] panel:', error));
  };
  const topics = view.interests.topics.slice(0, TOP_TOPICS);
  /** @type {HTMLElement} */ (root.querySelector('#interests')).replaceChildren(...(topics.length === 0
    ? [el('li', { text: t('memoryEmpty') })]
    : topics.map(([topic, share]) => {
      const forgetButton = el('button', { type: 'button', text: t('memoryForget'), 'aria-label': t('profileForgetTopic', [name(topic)]) });
      forgetButton.addEventListener('click', forget({ type: 'memory/forget-topic', topic }));
      const bar = el('span', { class: 'bar', 'aria-hidden': 'true' }, el('span', {}));
      /** @type {HTMLElement} */ (bar.firstElementChild).style.width = `${Math.round(share * 100)}%`;
      return el('li', { 'data-topic': topic },
        el('span', { text: name(topic) }), bar, el('span', { class: 'share', text: percent.format(share) }), forgetButton);
    })));
  /** @type {HTMLElement} */ (root.querySelector('#memory-sites tbody')).replaceChildren(...view.sites.map((site) => {
    const button = el('button', { type: 'button', text: t('memoryForget'), 'aria-label': `${t('memoryForget')} ${site.site}` });
    button.addEventListener('click', forget({ type: 'memory/forget-site', site: site.site }));
    return el('tr', { 'data-site': site.site },
      el('td', { text: site.site }), el('td', { text: String(site.visits) }),
      el('td', { text: site.topics.map(name).join(', ') }), el('td', {}, button));
  }));
}
