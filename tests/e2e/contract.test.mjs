// The engine/shell contract in Chromium: the dispatcher refuses what it must,
// and stopping the service worker loses nothing.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLabels, waitForLabels } from '../harness/labels.mjs';
import { evaluateInContentScript, sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';

test('a content script cannot send privileged or unknown messages', async () => {
  const page = await current().open(PRODUCT);
  await waitForLabels(page, 2);
  const send = (/** @type {object} */ message) => evaluateInContentScript(page, current().browser.extensionId,
    `chrome.runtime.sendMessage(${JSON.stringify(message)})`);
  assert.deepEqual(await send({ type: 'tab/get-summary', tabId: 1 }),
    { ok: false, error: "tab/get-summary: only the extension's own pages may send this" });
  assert.deepEqual(await send({ type: 'storage/wipe' }), { ok: false, error: 'unknown message type "storage/wipe"' });
  const huge = await send({ type: 'page/report', page: { url: PRODUCT, title: 'x'.repeat(4_100_000) } });
  assert.match(/** @type {any} */ (huge).error, /exceeds the cap/);
  // …while its own messages still work, and the engine's errors come back clearly
  const plan = /** @type {any} */ (await send({ type: 'page/get-plan' }));
  assert.equal(plan.ok, true);
  const bad = /** @type {any} */ (await send({ type: 'page/report', page: { url: 'ftp://x', candidates: [] } }));
  assert.deepEqual(bad, { ok: false, error: 'page URL "ftp://x" is not an absolute http(s) URL' });
  await page.close();
});

test('a page’s report is answered with what its labels need; the whole report stays in the background', async () => {
  const page = await current().open(PRODUCT);
  await waitForLabels(page, 2);
  const snapshot = {
    url: PRODUCT, title: 'Trail Runner X', lang: 'en', description: '', headings: [], text: 'Running shoes',
    candidates: [{ key: 1, source: 'marker', parent: null, tag: 'div', id: 'div-gpt-ad-9', classes: [], attributes: [], heading: null,
      text: 'Fast shoes on sale', links: ['https://ads.example/click?adurl=https%3A%2F%2Fshoes.example%2F'], frames: [], frameNames: [],
      images: [], rect: { x: 0, y: 0, width: 300, height: 250 } }],
    productHints: { jsonLd: [], meta: [], microdata: [], canonical: null },
  };
  const reply = /** @type {any} */ (await evaluateInContentScript(page, current().browser.extensionId,
    `chrome.runtime.sendMessage(${JSON.stringify({ type: 'page/report', page: snapshot })})`));
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.deepEqual(Object.keys(reply.value).sort(), ['items', 'removed', 'site', 'url', 'whole']);
  assert.deepEqual([reply.value.whole, reply.value.removed], [true, []], 'a whole snapshot is answered with every item');
  const [item] = reply.value.items;
  assert.deepEqual(Object.keys(item).sort(), ['elementId', 'frames', 'itemType', 'key', 'verdict']);
  assert.deepEqual(Object.keys(item.verdict).sort(), ['classifierVersion', 'confidence', 'evidence', 'kind']);
  assert.deepEqual([item.key, item.elementId, item.frames], [1, 'div-gpt-ad-9', 0]);
  const stored = await current().tabStateFor(PRODUCT);
  const full = stored?.state.report.items.find((i) => i.elementId === 'div-gpt-ad-9');
  assert.equal(full?.landingDomain, 'shoes.example', 'the tab’s state keeps every feature');
  assert.equal(full?.text, 'Fast shoes on sale');
  await page.close();
});

test('an extension page cannot pose as a content script', async () => {
  const options = await current().browser.context.newPage();
  await options.goto(`chrome-extension://${current().browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  assert.match(await options.locator('#rules-version').textContent() ?? '', /^vendors-\d+\.lexicon-\d+$/);
  const reply = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'page/get-plan' }));
  assert.deepEqual(reply, { ok: false, error: 'page/get-plan: only content scripts in tabs may send this' });
  await options.close();
});

test('stopping the service worker mid-session loses nothing', async () => {
  const page = await current().open(PRODUCT);
  await waitForLabels(page, 2);
  const { tabId } = await current().waitForReport(PRODUCT, 2);
  const before = await current().popupCounts(tabId);

  const oldWorker = await current().browser.worker();
  await oldWorker.evaluate(() => { /** @type {any} */ (globalThis).beforeRestart = true; });
  await current().stopServiceWorker();

  // The popup wakes the worker, which answers from session storage.
  assert.deepEqual(await current().popupCounts(tabId), before);
  // The worker that answered is a fresh one: the marker planted in the old
  // one's global scope is gone.
  const markers = await Promise.all(current().browser.context.serviceWorkers().map((w) =>
    w.evaluate(() => /** @type {any} */ (globalThis).beforeRestart ?? 'fresh').catch(() => 'closed')));
  assert.ok(markers.includes('fresh') && !markers.includes(true), `workers: ${markers.join(', ')}`);
  // A fresh page is still analysed by the restarted engine.
  const next = await current().open('http://sklep.example/');
  assert.equal((await waitForLabels(next, 2)).length, 2);
  assert.equal((await readLabels(page)).length, 2, 'labels already drawn stay');
  await next.close();
  await page.close();
});

