// The optional network block: with "Following you" muted everywhere and
// "also block retargeting companies" on (both in the options page), the
// shop's Criteo tag never reaches Criteo; with either off, it does, and the
// rule is gone. Judged by what reached the (fixture) vendor's server.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';
import { eventually } from '../harness/eventually.mjs';

const current = sessionForTests();
const SHOP = 'http://shop.example/product/trail-runner-x.html';


/** Hosts of the retargeting vendor that the shop page reached. */
async function criteoHostsReached() {
  const { server } = current();
  server.requests.length = 0;
  const page = await current().open(SHOP);
  await waitForLabels(page, 2);
  await page.waitForTimeout(500); // the tag's event request follows its script
  await page.close();
  return [...new Set(server.requests.map((r) => r.host).filter((h) => /criteo\.(com|net)$/.test(h)))].sort();
}

/**
 * What shop.example's record says it sent Criteo: requests to each of its
 * domains and remarketing events.
 */
async function toldCriteo() {
  const reply = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'sites/get-records' }));
  assert.equal(reply.ok, true, reply.error);
  /** @type {import('../../extension/messages.js').SiteRecords['sites'][string] | undefined} */
  const shop = reply.value.sites['shop.example'];
  return {
    requests: Object.fromEntries(['criteo.com', 'criteo.net'].map((d) => [d, shop?.thirdParties[d]?.requests ?? 0])),
    events: shop?.remarketing.length ?? 0,
  };
}

const rules = async () => /** @type {unknown[]} */ (
  await (await current().browser.worker()).evaluate(() => chrome.declarativeNetRequest.getDynamicRules()));

test('retargeting companies are blocked only while "Following you" is muted everywhere and blocking is on', async () => {
  assert.deepEqual(await criteoHostsReached(), ['sslwidget.criteo.com', 'static.criteo.net'], 'by default AdLens only observes');

  const { browser } = current();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  await options.check('#block-retargeting');
  await options.waitForTimeout(300);
  assert.deepEqual(await rules(), [], 'blocking alone does nothing while "Following you" is not muted');

  await options.check('#mute-defaults input[data-kind="retargeted"]');
  await eventually(async () => (await rules()).length === 1, 'the block rule');
  const told = await toldCriteo();
  assert.ok(told.requests['criteo.net'] >= 1 && told.events >= 1, 'the visits before told Criteo');
  assert.deepEqual(await criteoHostsReached(), [], 'no request reached Criteo');
  // The page still asked for Criteo's tag, but the request never left the
  // browser: the shop's record must not say it was sent.
  assert.deepEqual(await toldCriteo(), told, 'a blocked request is not recorded as sent');

  await options.uncheck('#block-retargeting');
  await eventually(async () => (await rules()).length === 0, 'the rule removed');
  assert.deepEqual(await criteoHostsReached(), ['sslwidget.criteo.com', 'static.criteo.net']);

  await options.check('#block-retargeting');
  await eventually(async () => (await rules()).length === 1, 'the rule back');
  await current().stopServiceWorker();
  assert.equal((await rules()).length, 1, 'the rule outlives the worker');
  await options.uncheck('#mute-defaults input[data-kind="retargeted"]');
  await eventually(async () => (await rules()).length === 0, 'unmuting removes the rule');
  await options.close();
});
