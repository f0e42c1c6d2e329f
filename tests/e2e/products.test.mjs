// Product pages are remembered locally (for the retargeting detector), from
// JSON-LD or, when that is broken, OpenGraph; the memory survives a restart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

/** @returns {Promise<import('../../extension/messages.js').ViewedProduct[]>} */
async function products() {
  const reply = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'memory/get-products' }));
  assert.equal(reply.ok, true, reply.error);
  return reply.value.products;
}

test('viewing a product page remembers the product; other pages add nothing', async () => {
  for (const url of ['http://shop.example/', 'http://news.example/article/running.html']) {
    const page = await current().open(url);
    await waitForLabels(page, 2);
    await page.close();
  }
  assert.deepEqual(await products(), []);
  const page = await current().open('http://shop.example/product/trail-runner-x.html');
  await waitForLabels(page, 2);
  const [viewed] = await products();
  assert.deepEqual(
    [viewed.name, viewed.brand, viewed.sku, viewed.gtin, viewed.price, viewed.currency, viewed.shop, viewed.url, viewed.views],
    ['Trail Runner X', 'Stride', 'TRX-42', '5901234123457', '129.00', 'EUR', 'shop.example',
      'http://shop.example/product/trail-runner-x.html', 1]);
  await page.close();
});

test('broken JSON-LD falls back to OpenGraph and never breaks the page', async () => {
  const page = await current().open('http://shop.example/product/headlamp.html');
  const labels = await waitForLabels(page, 1);
  assert.deepEqual(labels.map((l) => l.kind), ['contextual']);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  const headlamp = (await products()).find((p) => p.name === 'Headlamp 400');
  assert.deepEqual([headlamp?.price, headlamp?.currency], ['39.00', 'EUR']);
  assert.deepEqual(current().pageErrors, []);
  await page.close();
});

test('the product memory survives a service-worker restart', async () => {
  await new Promise((r) => setTimeout(r, 1_500)); // the save is debounced by 1 s
  const before = await products();
  assert.equal(before.length, 2);
  await current().stopServiceWorker();
  assert.deepEqual(await products(), before);
});
