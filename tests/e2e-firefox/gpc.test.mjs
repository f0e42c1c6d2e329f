// Global Privacy Control, in Firefox ESR with its setting on
// (`privacy.globalprivacycontrol.enabled`, as a user turns it on in the
// privacy settings): every request carries `Sec-GPC: 1` and pages read
// `navigator.globalPrivacyControl`. A product viewed on the shop, then the
// article whose ad shows it: the ad follows the user, and its why card,
// the popup and the site's page in the panel say the browser asked the site
// not to sell or share the user's data. Chromium has no such setting: its
// side is the engine's (crate/tests/consent.rs, verdict.rs).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickFirefoxNode, firefoxLabelsWhen, inExtensionPage, onceReady, readFirefoxWhyCard,
} from '../harness/firefox.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';
const SENTENCE = 'Your browser asked this site not to sell or share your data (Global Privacy Control)';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

firefoxForTests({ prefs: [['privacy.globalprivacycontrol.enabled', true]] }, (started) => { firefox = started.firefox; });

/**
 * Opens `url` in the tab and waits until it shows `count` labels.
 * @param {string} url
 * @param {number} count
 */
async function labelsOn(url, count) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  return firefoxLabelsWhen(firefox, (labels) => labels.length >= count);
}

test('in Firefox with Global Privacy Control on, an ad that follows the user says the browser asked the site not to sell or share their data', async () => {
  await labelsOn(PRODUCT, 2);
  const following = (await labelsOn(NEWS, 5)).find((l) => l.text === 'Ad · Following you');
  assert.ok(following, 'the ad for the product viewed follows the user');
  await clickFirefoxNode(firefox, following.node);
  const card = await readFirefoxWhyCard(firefox);
  assert.ok(card?.evidence.includes(SENTENCE), card?.evidence.join(' | '));
  // Only the ad chosen for the user: not the ones about the page.
  const about = (await firefoxLabelsWhen(firefox, () => true)).find((l) => l.text === 'Recommended · About this page');
  assert.ok(about);
  await clickFirefoxNode(firefox, about.node);
  const aboutCard = await readFirefoxWhyCard(firefox);
  assert.ok(aboutCard && !aboutCard.evidence.includes(SENTENCE), aboutCard?.evidence.join(' | '));

  const { context: side } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    /** @type {number[]} */
    const [tabId] = await inExtensionPage(firefox, 'options.html',
      `browser.tabs.query({ url: ${JSON.stringify(NEWS)} }).then((tabs) => tabs.map((t) => t.id))`, side);
    const note = await inExtensionPage(firefox, `popup.html?tabId=${tabId}`, onceReady("document.getElementById('consent-note').textContent"), side);
    assert.equal(note, `${SENTENCE}. Ads chosen for you here all the same: 1.`);
    // The site's page in the panel says it too, once the item is stored.
    let line = null;
    for (const deadline = Date.now() + 5_000; !line && Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
      line = await inExtensionPage(firefox, 'panel.html#site/news.example',
        onceReady("document.querySelector('#remarketing li[data-gpc]')?.textContent ?? null"), side);
    }
    assert.equal(line, 'Your browser asked news.example not to sell or share your data (Global Privacy Control). '
      + 'Ads seen there that were chosen for you all the same: 1.');
  } finally {
    await firefox.send('browsingContext.close', { context: side });
  }
});
