// The panel's "Ads chosen for you" with more than it shows at once: 230
// items chosen for the user written through the extension's own store,
// shown 100 at a time, newest first, one kind alone on request.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

test('"ads chosen for you" shows the newest 100, and 100 more at each "show more", until all are shown', async () => {
  const now = Date.now();
  const written = await current().writeObservations(Array.from({ length: 230 }, (_, i) => ({
    type: 'item_seen', id: `many.${i}/item/1`, time: now - i * 1_000, site: 'many.example', pageUrl: `https://many.example/${i}`,
    visitId: `many.${i}`, itemType: 'ad', source: 'marker', vendor: 'Google Ad Manager', network: 'Google', elementId: 'div-gpt-ad-1',
    locator: null, label: null, landingUrl: null, landingDomain: null, firstParty: false, text: `Offer number ${i}`,
    kind: i % 2 ? 'behavioural' : 'retargeted', confidence: 0.8, evidence: [], topics: [], followedFrom: null, product: null,
    classifierVersion: 'c', listsVersion: null,
  })));
  const items = (await current().readDb('observations')).filter((/** @type {any} */ o) => o.type === 'item_seen');
  const chosen = items.filter((/** @type {any} */ o) => o.kind === 'behavioural' || o.kind === 'retargeted').length;
  const profile = items.filter((/** @type {any} */ o) => o.kind === 'behavioural').length;
  assert.ok(chosen >= written && chosen < 300, String(chosen));
  const panel = await current().openPanel('#ads');
  const rows = async () => panel.$$eval('#chosen-ads tbody tr', (trs) => trs.length);
  assert.equal(await rows(), 100);
  assert.equal(await panel.$eval('#chosen-ads tbody tr td:nth-child(3)', (td) => td.textContent), 'Ad · Google Ad Manager · Offer number 0', 'the newest first');
  assert.equal(await panel.textContent('#ads-more'), `Show 100 more (of ${chosen})`);
  await panel.click('#ads-more');
  await panel.waitForFunction(() => document.querySelectorAll('#chosen-ads tbody tr').length === 200);
  assert.equal(await panel.textContent('#ads-more'), `Show ${chosen - 200} more (of ${chosen})`);
  await panel.click('#ads-more');
  await panel.waitForFunction((n) => document.querySelectorAll('#chosen-ads tbody tr').length === n, chosen);
  assert.equal(await panel.isVisible('#ads-more'), false, 'all shown: no more to show');
  // One kind alone: "your profile", from the newest 100 again.
  await panel.selectOption('#ads-kind', 'behavioural');
  await panel.waitForFunction(() => document.querySelectorAll('#chosen-ads tbody tr').length === 100);
  assert.deepEqual([...new Set(await panel.$$eval('#chosen-ads tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-kind'))))], ['behavioural']);
  assert.equal(await panel.textContent('#ads-more'), `Show ${profile - 100} more (of ${profile})`);
  await panel.close();
});
