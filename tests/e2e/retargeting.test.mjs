// The verdict that matters most, from real browsing in Chromium: an ad for a
// product you looked at, on another site, is "Following you", explained by
// what AdLens saw locally; before the visit the same running-shoe ad on a
// running article is only "About this page".
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickCardAction, pressLabel, readWhyCard, waitForLabels } from '../harness/labels.mjs';
import { viewProduct } from '../harness/journey.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const NEWS = 'http://news.example/article/running.html';

/** The news article's Google ads, by landing domain, once both creatives are attributed. */
async function googleAdsOnTheNews() {
  const page = await current().open(NEWS);
  await waitForLabels(page, 5);
  /** @type {Record<string, import('../../extension/messages.js').ReportedItem>} */
  let ads = {};
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    const { state } = await current().waitForReport(NEWS, 5);
    ads = Object.fromEntries(state.report.items.filter((i) => i.network === 'Google').map((i) => [String(i.landingDomain), i]));
    if (ads['shop.example'] && ads['travel.example']) break;
  }
  return { page, ads };
}

test('before visiting the shop, its ad on the running article is contextual, not following you', async () => {
  const { page, ads } = await googleAdsOnTheNews();
  try {
    const verdict = ads['shop.example'].verdict;
    assert.equal(verdict.kind, 'contextual');
    assert.equal(verdict.evidence[0].type, 'topic_matches_page');
    assert.equal(verdict.evidence[0].topic, 'fitness_running');
  } finally {
    await page.close();
  }
});

test('after viewing the product, the same ad follows you, and says why', async () => {
  await viewProduct(current());

  const { page, ads } = await googleAdsOnTheNews();
  const followed = ads['shop.example'].verdict;
  assert.equal(followed.kind, 'retargeted');
  assert.deepEqual(followed.evidence.map((e) => e.type), ['viewed_product', 'remarketing_tag_seen', 'served_by']);
  assert.match(followed.evidence[0].sentence, /^You viewed Trail Runner X on shop\.example (just now|\d+ minutes? ago)$/);
  assert.equal(followed.evidence[1].sentence, 'shop.example told Criteo you viewed a product');
  assert.ok(followed.confidence >= 0.85, String(followed.confidence));
  assert.equal(ads['travel.example'].verdict.kind, 'generic', 'a shop never visited does not follow you');

  const labels = await waitForLabels(page, 5);
  assert.equal(labels.filter((l) => l.text === 'Ad · Following you').length, 1);
  const { tabId } = await current().waitForReport(NEWS, 5);
  assert.equal((await current().popupCounts(tabId)).retargeted, 1);
  const popup = await current().openFor(tabId);
  assert.equal(await popup.$eval('#consent-note', (p) => /** @type {HTMLElement} */ (p).hidden), true, 'no consent string passed on here');
  await popup.close();
  const badge = await (await current().browser.worker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.equal(badge, '1');
  await page.close();
});

test('the why card leads into the tracking panel: an ad following you to what its shop told advertisers, in a tab beside the page', async () => {
  await viewProduct(current());
  const { page, ads } = await googleAdsOnTheNews();
  assert.equal(ads['shop.example'].verdict.kind, 'retargeted');
  const { tabId } = await current().waitForReport(NEWS, 5);
  await pressLabel(page, 'Ad · Following you');
  const card = await readWhyCard(page);
  assert.equal(card?.actions['open-panel'], 'What shop.example told advertisers', JSON.stringify(card?.actions));
  const { browser } = current();
  const opened = browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/panel.html') });
  await clickCardAction(page, 'open-panel');
  const panel = await opened;
  assert.equal(panel.url(), `chrome-extension://${browser.extensionId}/panel.html?tabId=${tabId}#site/shop.example`);
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  assert.equal(await panel.textContent('#site-name'), 'shop.example');
  assert.match(await panel.$eval('#remarketing', (ul) => ul.textContent ?? ''), /shop\.example told Criteo you viewed Trail Runner X/);
  assert.equal(await readWhyCard(page), null, 'the card closed');
  // Beside the page's tab, which it was opened from.
  const [tab, panelTab] = await (await browser.worker()).evaluate(async (id) => {
    const [own] = await chrome.tabs.query({ url: chrome.runtime.getURL('panel.html*') });
    return [await chrome.tabs.get(id), own];
  }, tabId);
  assert.equal(panelTab?.index, tab.index + 1);
  assert.equal(panelTab?.openerTabId, tabId);
  await panel.close();

  // A generic ad leads to who its site sent data to.
  await pressLabel(page, 'Ad · Generic');
  const about = await readWhyCard(page);
  assert.equal(about?.actions['open-panel'], 'Who news.example sent data to', JSON.stringify(about?.actions));
  await page.close();
});

/**
 * After viewing the product, an article whose ad follows the user on a site
 * that passed on what the user chose: the ad's verdict, and what its why
 * card, the popup's note and the site's line in the panel say of it (once
 * stored: the item may come in a later write than the consent).
 * @param {string} url the article
 * @param {string} slot its ad's element id
 */
async function followedWhereChosen(url, slot) {
  await viewProduct(current());
  const page = await current().open(url);
  const { state, tabId } = await current().waitForReport(url, 1);
  const ad = state.report.items.find((i) => i.elementId === slot);
  assert.equal(ad?.verdict.kind, 'retargeted', JSON.stringify(ad?.verdict));
  await waitForLabels(page, 1);
  await pressLabel(page, 'Ad · Following you');
  const card = await readWhyCard(page);
  const popup = await current().openFor(tabId);
  const note = await popup.$eval('#consent-note', (p) => (/** @type {HTMLElement} */ (p).hidden ? null : p.textContent));
  await popup.close();
  await page.close();
  const { browser } = current();
  const panel = await browser.context.newPage();
  /** @type {string | null} */
  let line = null;
  for (const deadline = Date.now() + 5_000; !line && Date.now() < deadline; await panel.waitForTimeout(200)) {
    await panel.goto(`chrome-extension://${browser.extensionId}/panel.html#site/${new URL(url).hostname}`);
    await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
    line = await panel.$eval('#remarketing', (ul) => ul.querySelector('li[data-consent="refused"]:not([data-despite="0"])')?.textContent ?? null);
  }
  await panel.close();
  return { evidence: ad.verdict.evidence, card: card?.evidence ?? [], note, line: line?.replace(/\((just now|\d+ minutes? ago)\)/, '(…)') };
}

test('an ad that follows you on a site that passed on no consent to personalised ads says so', async () => {
  const seen = await followedWhereChosen('http://news.example/article/no-consent.html', 'crt-consent-1');
  const refused = seen.evidence.find((e) => e.type === 'personalised_ads_refused');
  assert.deepEqual(refused?.purposes, [3, 4], JSON.stringify(seen.evidence));
  assert.ok(seen.card.includes('This site told ad companies you did not consent to personalised ads (the choice made in its consent banner)'),
    seen.card.join(' | '));
  // The popup says it at a glance.
  assert.equal(seen.note, 'This site told ad companies you did not consent to personalised ads. Ads chosen for you here all the same: 1.');
  // The site's page in the panel says what it passed on.
  assert.equal(seen.line,
    'news.example told ad companies you did not consent to personalised ads (consent banner, IAB TCF) (…). Ads seen there that were chosen for you all the same: 1.');
});

test('an ad that follows you on a site that passed on your opt-out of targeted advertising (IAB GPP, US) says so', async () => {
  const seen = await followedWhereChosen('http://usnews.example/article/opted-out.html', 'crt-optout-1');
  const optedOut = seen.evidence.find((e) => e.type === 'targeted_ads_opted_out');
  assert.deepEqual(optedOut?.optOuts, ['sale', 'sharing', 'targeted_advertising'], JSON.stringify(seen.evidence));
  const what = 'the sale of your data, the sharing of your data for advertising, and targeted advertising';
  assert.ok(seen.card.includes(`This site told ad companies you opted out of ${what} (the choice made in its privacy settings)`), seen.card.join(' | '));
  assert.equal(seen.note, `This site told ad companies you opted out of ${what}. Ads chosen for you here all the same: 1.`);
  assert.equal(seen.line,
    `usnews.example told ad companies you opted out of ${what} (privacy settings, IAB GPP or US Privacy) (…). Ads seen there that were chosen for you all the same: 1.`);
});
