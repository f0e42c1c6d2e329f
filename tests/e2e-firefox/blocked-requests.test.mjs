// A request something blocked never left the browser, so the site's record
// must not say it sent it. In Firefox ESR, with AdLens's own retargeting
// block on (a declarativeNetRequest rule, as an ad blocker's are), the
// shop's Criteo tag is asked for and stopped: Firefox still fires
// `onBeforeRequest` for it, then `onErrorOccurred` (NS_ERROR_ABORT), and no
// `onSendHeaders`. Chromium's side: tests/e2e/retargeting-block.test.mjs.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firefoxLabelsWhen, inExtensionPage, sendFromAddonPage } from '../harness/firefox.mjs';
import { firefoxWithAddonTab } from '../harness/firefox-tests.mjs';

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;
/** @type {import('../harness/server.mjs').FixtureServer} */
let server;
/** @type {string} */
let addonTab;

firefoxWithAddonTab({}, (started) => { ({ firefox, server, addonTab } = started); });

/** Opens the product page; the Criteo hosts it reached. */
async function viewProduct() {
  server.requests.length = 0;
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: PRODUCT, wait: 'complete' });
  await firefoxLabelsWhen(firefox, (labels) => labels.length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the tag's event request follows its script
  return [...new Set(server.requests.map((r) => r.host).filter((h) => /criteo\.(com|net)$/.test(h)))].sort();
}

/** What shop.example's record says it sent Criteo. */
async function toldCriteo() {
  const reply = await sendFromAddonPage(firefox, { type: 'sites/get-records' }, addonTab);
  assert.equal(reply.ok, true, reply.error);
  const shop = reply.value.sites['shop.example'];
  return {
    requests: Object.fromEntries(['criteo.com', 'criteo.net'].map((d) => [d, shop?.thirdParties[d]?.requests ?? 0])),
    events: shop?.remarketing.length ?? 0,
  };
}

test('in Firefox, a request the retargeting block stopped is not recorded as sent', async () => {
  assert.deepEqual(await viewProduct(), ['sslwidget.criteo.com', 'static.criteo.net']);
  const told = await toldCriteo();
  assert.deepEqual(told, { requests: { 'criteo.com': 1, 'criteo.net': 1 }, events: 1 }, 'the open visit told Criteo');

  const rules = await inExtensionPage(firefox, 'options.html', `browser.storage.local
    .set({ settings: { mute: { retargeted: true }, blockRetargeting: true } })
    .then(() => new Promise((resolve) => setTimeout(resolve, 500)))
    .then(() => browser.declarativeNetRequest.getDynamicRules())
    .then((rules) => rules.length)`, addonTab);
  assert.equal(rules, 1, 'the block rule is in place');

  assert.deepEqual(await viewProduct(), [], 'no request reached Criteo');
  assert.deepEqual(await toldCriteo(), told, 'the blocked tag is not in the shop\'s record');
});
