// The Firefox build (dist/firefox: an event page, not a service worker)
// loaded in Debian's Firefox ESR, on the same fixture journey as Chromium:
// a product viewed on a shop, then an article whose Criteo-like ad shows it.
// Everything must run there for these labels to appear: the early hold and
// the content scripts, the background's wasm engine and its snapshot, the
// product memory and the classifier. Then the sites' records (webRequest,
// the lists, the companies database) are read from the add-on's own page,
// as the panel reads them.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchFirefoxWithExtension, readFirefoxLabels } from '../harness/firefox.mjs';
import { startFixtureServer } from '../harness/server.mjs';

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';

/** @type {import('../harness/server.mjs').FixtureServer} */
let server;
/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

before(async () => {
  server = await startFixtureServer();
  firefox = await launchFirefoxWithExtension({ proxyPort: server.port });
  await firefox.send('session.subscribe', { events: ['log.entryAdded'] });
});

after(async () => {
  await firefox?.close();
  await server?.close();
});

/**
 * Opens `url` in the tab and waits until it shows `count` labels.
 * @param {string} url
 * @param {number} count
 */
async function labelsOn(url, count, timeoutMs = 15_000) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  const deadline = Date.now() + timeoutMs;
  let labels = await readFirefoxLabels(firefox);
  while (labels.length < count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    labels = await readFirefoxLabels(firefox);
  }
  return labels;
}

test('in Firefox, the shop\'s widgets and the article\'s ads are labelled as in Chromium, the product seen following the user', async () => {
  const shop = await labelsOn(PRODUCT, 2);
  assert.deepEqual(shop.map((l) => l.text).sort(), ['Recommended · About this page', 'Recommended · Following you']);

  const news = await labelsOn(NEWS, 5);
  assert.deepEqual(news.map((l) => l.text).sort(), [
    'Ad · Following you', 'Ad · Generic', 'Ad · Generic', 'Recommended · About this page', 'Recommended · About this page',
  ]);
  assert.equal(news.find((l) => l.text === 'Ad · Following you')?.kind, 'retargeted');

  // Nothing the page or the extension did was an error in the console.
  const errors = firefox.events.filter((e) => e.method === 'log.entryAdded' && e.params.level === 'error'
    && !e.params.text?.includes('favicon'));
  assert.deepEqual(errors.map((e) => e.params.text), []);
});

test('in Firefox the content scripts mark no work: the trace marks are for Chromium\'s benchmarks, and each costs Firefox a console record', async () => {
  // The marks reach BiDi as console entries (console.timeStamp); Chromium's
  // build keeps them (tests/e2e/work-marks.test.mjs reads them there).
  const from = firefox.events.length;
  const labels = await labelsOn(`${NEWS}?again`, 5);
  assert.equal(labels.length, 5, 'the page was scanned and labelled');
  const marks = firefox.events.slice(from).filter((e) => e.method === 'log.entryAdded' && String(e.params.text ?? '').startsWith('adlens:'));
  assert.deepEqual(marks.map((e) => e.params.text).slice(0, 5), []);
});

/**
 * Evaluates `expression` in one of the add-on's own pages, opened in the tab.
 * @param {string} page e.g. `options.html`
 * @param {string} expression awaited; its value returned as JSON
 */
async function inExtensionPage(page, expression) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: firefox.extensionUrl(page), wait: 'complete' });
  const { result } = await firefox.send('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})))()`,
    target: { context: firefox.context },
    awaitPromise: true,
  });
  return JSON.parse(result.value);
}

test('in Firefox, the sites\' records after the journey name the companies contacted and the product told to Criteo', async () => {
  const reply = await inExtensionPage('options.html', "browser.runtime.sendMessage({ type: 'sites/get-records' })");
  assert.equal(reply.ok, true, reply.error);
  const { news, shop } = { news: reply.value.sites['news.example'], shop: reply.value.sites['shop.example'] };
  assert.ok(news && shop, `records for news.example and shop.example: ${Object.keys(reply.value.sites)}`);
  assert.deepEqual(Object.keys(news.thirdParties).sort(), ['doubleclick.net', 'googlesyndication.com', 'taboola.com']);
  assert.deepEqual([news.thirdParties['doubleclick.net'].company, news.thirdParties['doubleclick.net'].category], ['Google', 'advertising']);
  assert.ok(news.thirdParties['doubleclick.net'].listed >= 1, 'gpt.js is on EasyList');
  assert.deepEqual(shop.remarketing.map((/** @type {any} */ e) => [e.vendor, e.event, e.productId]), [['Criteo', 'viewItem', 'TRX-42']]);
  assert.equal(shop.thirdParties['criteo.com'].retargeting, true);

  // The panel draws them: news.example's companies by category.
  const companies = await inExtensionPage('panel.html#site/news.example', `new Promise((resolve) => {
    const done = () => document.body.dataset.ready === 'true';
    const read = () => resolve([...document.querySelectorAll('#companies .category h4')].map((h) => h.textContent));
    if (done()) read(); else new MutationObserver(() => { if (done()) read(); }).observe(document.body, { attributes: true });
  })`);
  assert.deepEqual(companies, ['Advertising (2)']);
});

test('in Firefox, retargeted ads muted everywhere are hidden when the page loads, the other labels kept', async () => {
  const slot = '#div-gpt-ad-1700000000000-0';
  await inExtensionPage('options.html',
    "browser.storage.local.set({ settings: { mute: { retargeted: true } } }).then(() => true)");
  try {
    const labels = await labelsOn(NEWS, 4);
    assert.deepEqual(labels.map((l) => l.text).sort(),
      ['Ad · Generic', 'Ad · Generic', 'Recommended · About this page', 'Recommended · About this page']);
    const { result } = await firefox.send('script.evaluate', {
      expression: `getComputedStyle(document.querySelector(${JSON.stringify(slot)})).display`,
      target: { context: firefox.context },
      awaitPromise: false,
    });
    assert.equal(result.value, 'none', 'the retargeted slot is hidden');
  } finally {
    await inExtensionPage('options.html', "browser.storage.local.remove('settings').then(() => true)");
  }
});
