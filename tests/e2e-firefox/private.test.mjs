// Firefox private windows, with the add-on allowed there (as a user may
// allow it in about:addons): the ads are labelled as anywhere else, and
// nothing of the private browsing is kept. The same as
// tests/e2e/private-windows.test.mjs, through Firefox's own signals
// (`details.incognito` on requests, `sender.tab.incognito` on messages).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  clickFirefoxNode, firefoxLabelsWhen, inExtensionPage, onceReady, readFirefoxWhyCard, remoteText,
  sendFromAddonPage,
} from '../harness/firefox.mjs';
import { ARTICLE, NOTHING, PRIVATE_NOTE, PRODUCT, SAVE_WAIT_MS, assertJourneyKept, keptAbout } from '../harness/kept.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';


/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

firefoxForTests({ allowPrivate: true }, (started) => { firefox = started.firefox; });

/**
 * Opens `url` in a new private window, as the add-on's own page can, and
 * returns the session pointed at its tab.
 * @param {string} url
 */
async function privateWindow(url) {
  const opened = await inExtensionPage(firefox, 'options.html',
    `browser.windows.create({ incognito: true, url: ${JSON.stringify(url)} }).then((w) => w.incognito)`);
  assert.equal(opened, true, 'the window Firefox opened is private');
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { contexts } = await firefox.send('browsingContext.getTree', { maxDepth: 0 });
    const tab = contexts.find((/** @type {{ url: string }} */ c) => c.url === url);
    if (tab) return { ...firefox, context: /** @type {string} */ (tab.context) };
    if (Date.now() > deadline) throw new Error(`no tab shows ${url}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * @param {string} type
 * @returns {Promise<any>}
 */
async function ask(type) {
  const reply = await sendFromAddonPage(firefox, { type });
  assert.equal(reply.ok, true, reply.error);
  return reply.value;
}

/**
 * Everything the add-on keeps about a site (`keptAbout`), read from its own page.
 * @param {string} site
 */
async function kept(site) {
  const records = await ask('sites/get-records');
  const products = await ask('memory/get-products');
  const interests = await ask('memory/get-interests');
  const { observations, storageKeys } = await inExtensionPage(firefox, 'options.html', `(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('adlens');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const observations = await new Promise((resolve, reject) => {
      const request = db.transaction('observations').objectStore('observations').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return { observations, storageKeys: Object.keys(await browser.storage.local.get(null)) };
  })()`);
  return keptAbout(site, { records, products, interests, observations, storageKeys });
}

/**
 * Evaluates `expression` in the toolbar popup, once it is drawn, for the
 * tab showing `url` in a private window or an ordinary one.
 * @param {string} url
 * @param {boolean} inPrivate
 * @param {string} expression
 */
async function inPopupFor(url, inPrivate, expression) {
  // In a tab of its own: the one showing `url` keeps showing it.
  const { context: popupTab } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    /** @type {number[]} */
    const ids = await inExtensionPage(firefox, 'options.html', `browser.tabs.query({ url: ${JSON.stringify(url)} })
      .then((tabs) => tabs.filter((t) => t.incognito === ${inPrivate}).map((t) => t.id))`, popupTab);
    assert.equal(ids.length, 1, `one ${inPrivate ? 'private' : 'ordinary'} tab shows ${url}`);
    return await inExtensionPage(firefox, `popup.html?tabId=${ids[0]}`, onceReady(expression), popupTab);
  } finally {
    await firefox.send('browsingContext.close', { context: popupTab });
  }
}

/**
 * The toolbar popup's note about private windows for the tab showing
 * `url`, or null when it is hidden.
 * @param {string} url
 * @param {boolean} inPrivate
 * @returns {Promise<string | null>}
 */
function popupPrivateNote(url, inPrivate) {
  return inPopupFor(url, inPrivate, `(() => { const p = document.getElementById('private'); return p.hidden ? null : p.textContent; })()`);
}

test('in a Firefox private window the ads are labelled and explained, and nothing of it is kept', async (t) => {
  const product = await privateWindow(PRODUCT);
  // Closed whatever happens: the next test must find only ordinary tabs on these pages.
  t.after(() => firefox.send('browsingContext.close', { context: product.context }));
  const labels = await firefoxLabelsWhen(product, (l) => l.length >= 2);
  assert.deepEqual(labels.map((l) => l.text).sort(), ['Recommended · About this page', 'Recommended · Following you']);
  await clickFirefoxNode(product, labels[0].node);
  const card = await readFirefoxWhyCard(product);
  assert.ok(card && card.evidence.length > 0, 'the why card opens with its evidence');
  // No "label is wrong" report from there: it would name the page.
  assert.deepEqual(Object.keys(card.buttons).sort(), ['close', 'mute-everywhere', 'mute-site']);
  assert.equal(await popupPrivateNote(PRODUCT, true), PRIVATE_NOTE);
  const article = await privateWindow(ARTICLE);
  t.after(() => firefox.send('browsingContext.close', { context: article.context }));
  assert.equal((await firefoxLabelsWhen(article, (l) => l.length >= 5)).length, 5, 'the article is labelled');
  await new Promise((resolve) => setTimeout(resolve, SAVE_WAIT_MS));
  assert.deepEqual(await kept('shop.example'), NOTHING);
  assert.deepEqual(await kept('news.example'), NOTHING);
});

test('in Firefox the same pages in an ordinary window are kept, as always', async () => {
  // The checks above look where these records go.
  for (const url of [PRODUCT, ARTICLE]) {
    await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
    await firefoxLabelsWhen(firefox, (l) => l.length >= 2);
  }
  assert.equal(await popupPrivateNote(ARTICLE, false), null, 'no private-window note in an ordinary window');
  await new Promise((resolve) => setTimeout(resolve, SAVE_WAIT_MS));
  assertJourneyKept(await kept('shop.example'), await kept('news.example'));
});

/**
 * The sites with settings kept on disk, and the private windows' site
 * choices in memory, read from the add-on's own page.
 * @returns {Promise<{ sites: string[], privateSites: any }>}
 */
function storedChoices() {
  return inExtensionPage(firefox, 'options.html', `(async () => ({
    sites: Object.keys((await browser.storage.local.get('settings')).settings?.sites ?? {}),
    privateSites: (await browser.storage.session.get('settings:private'))['settings:private'] ?? null,
  }))()`);
}

test('in Firefox a site muted in a private window stays so in private windows only, until the last one closes', async (t) => {
  await inExtensionPage(firefox, 'options.html', 'browser.storage.local.remove("settings").then(() => true)');
  // Ordinary browsing first (the test before may have run alone): the product follows to the article.
  for (const url of [PRODUCT, ARTICLE]) {
    await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
    await firefoxLabelsWhen(firefox, (l) => l.length >= 2);
  }
  const article = await privateWindow(ARTICLE);
  let open = true;
  t.after(() => (open ? firefox.send('browsingContext.close', { context: article.context }) : null));
  const labels = await firefoxLabelsWhen(article, (l) => l.length === 5 && l.some((x) => x.text === 'Ad · Following you'));
  const retargeted = labels.find((l) => l.text === 'Ad · Following you');
  assert.ok(retargeted, `the retargeted label in the private window: ${labels.map((l) => l.text)}`);
  await clickFirefoxNode(article, retargeted.node);
  const card = await readFirefoxWhyCard(article);
  assert.ok(card, 'the card opens');
  assert.equal(remoteText(card.buttons['mute-site']), 'Mute “Following you” on news.example in private windows');
  await clickFirefoxNode(article, card.buttons['mute-site']);
  const after = await firefoxLabelsWhen(article, (l) => !l.some((x) => x.text === 'Ad · Following you'));
  assert.equal(after.length, 4, `muted there, its label gone, the others kept: ${after.map((l) => l.text)}`);
  assert.deepEqual(await storedChoices(), { sites: [], privateSites: { 'news.example': { mute: { retargeted: true } } } });
  // The popup's switches for the private tab show the private choice, say how long it holds, and pause it there.
  // It answers once its write is done: the popup's tab is closed right after.
  const popup = await inPopupFor(ARTICLE, true, `(async () => {
    const seen = { retargeted: document.querySelector('input[data-kind="retargeted"]').checked,
      note: document.getElementById('private-switches').hidden ? null : document.getElementById('private-switches').textContent };
    document.getElementById('pause').click();
    for (let i = 0; i < 50; i++) {
      const stored = (await browser.storage.session.get('settings:private'))['settings:private'];
      if (stored?.['news.example']?.paused) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return seen;
  })()`);
  assert.deepEqual(popup, { retargeted: true, note: 'These switches hold in private windows only, until you close the last one.' });
  assert.deepEqual(await firefoxLabelsWhen(article, (l) => l.length === 0), [], 'paused in the private tab at once');
  assert.deepEqual(await storedChoices(), { sites: [], privateSites: { 'news.example': { mute: { retargeted: true }, paused: true } } });
  // The ordinary tab, reloaded, still shows it labelled.
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: ARTICLE, wait: 'complete' });
  const ordinary = await firefoxLabelsWhen(firefox, (l) => l.length === 5);
  assert.ok(ordinary.some((l) => l.text === 'Ad · Following you'), 'not muted in the ordinary window');
  // The private window closed, its choices go with it.
  await firefox.send('browsingContext.close', { context: article.context });
  open = false;
  const deadline = Date.now() + 5_000;
  while ((await storedChoices()).privateSites !== null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(await storedChoices(), { sites: [], privateSites: null });
});
