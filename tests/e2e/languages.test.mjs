// The extension speaks the browser's language: labels and the popup (its
// kinds, and what they mean) in
// Polish, Chinese (Simplified), German, French, Spanish and Japanese, from
// _locales (adding a language is adding a file there), unless the user chose
// another in the options.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../harness/browser.mjs';
import { readLabels, waitForLabels } from '../harness/labels.mjs';
import { startSession } from '../harness/session.mjs';

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';

for (const [locale, labels, popupWords, title, [meaningsHeading, contextualMeaning]] of /** @type {const} */ ([
  ['pl', ['Polecane · Chodzi za Tobą', 'Polecane · O tej stronie'], ['O tej stronie', 'Twój profil', 'Chodzi za Tobą', 'Ogólna'], 'AdLens: reklamy i widżety na tej stronie: 2, wybrane dla Ciebie: 1', ['Co oznaczają etykiety', 'Wybrane ze względu na stronę, którą czytasz.']],
  ['zh-CN', ['推荐 · 与本页相关', '推荐 · 在跟踪你'], ['与本页相关', '基于你的画像', '在跟踪你', '一般'], 'AdLens：本页的广告和推荐：2，为你挑选的：1', ['标签的含义', '因你正在阅读的页面而选择。']],
  ['de', ['Empfohlen · Folgt dir', 'Empfohlen · Zu dieser Seite'], ['Zu dieser Seite', 'Dein Profil', 'Folgt dir', 'Allgemein'], 'AdLens: Anzeigen und Widgets auf dieser Seite: 2, für dich ausgewählt: 1', ['Was die Kennzeichnungen bedeuten', 'Ausgewählt wegen der Seite, die du gerade liest.']],
  ['fr', ['Recommandé · Vous suit', 'Recommandé · Selon cette page'], ['Selon cette page', 'Votre profil', 'Vous suit', 'Générique'], 'AdLens\u00a0: publicités et widgets sur cette page\u00a0: 2, choisis pour vous\u00a0: 1', ['Ce que signifient les étiquettes', 'Choix lié à la page que vous lisez.']],
  ['es', ['Recomendado · Te sigue', 'Recomendado · Sobre esta página'], ['Sobre esta página', 'Tu perfil', 'Te sigue', 'Genérico'], 'AdLens: anuncios y widgets en esta página: 2, elegidos para ti: 1', ['Qué significan las etiquetas', 'Elegido por la página que estás leyendo.']],
  ['ja', ['おすすめ · あなたを追跡', 'おすすめ · このページに関連'], ['このページに関連', 'あなたのプロフィール', 'あなたを追跡', '一般'], 'AdLens：このページの広告・ウィジェット：2、あなた向けに選ばれたもの：1', ['ラベルの意味', 'いま読んでいるページに合わせて選ばれています。']],
])) {
  test(`labels, popup and toolbar button in ${locale}`, async () => {
    const session = await startSession({ locale });
    try {
      const page = await session.open(PRODUCT);
      assert.deepEqual((await waitForLabels(page, 2)).map((l) => l.text).sort(), [...labels].sort());
      const { tabId } = await session.waitForReport(PRODUCT, 2);
      const popup = await session.browser.context.newPage();
      await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tabId=${tabId}`);
      await popup.waitForSelector('body[data-ready="true"]');
      assert.deepEqual(await popup.$$eval('#counts li span:last-child', (spans) => spans.map((s) => s.textContent)), popupWords);
      assert.equal(await popup.evaluate(() => document.documentElement.lang), locale);
      assert.equal(await popup.textContent('#meanings summary'), meaningsHeading);
      assert.equal(await popup.textContent('#meanings dd'), contextualMeaning);
      assert.equal(await toolbarTitle(session, tabId), title);
    } finally {
      await session.close();
    }
  });
}

test('a language chosen in the options wins over the browser\'s: pages, labels and the popup, back without a reload', async () => {
  const read = (/** @type {string} */ code) => JSON.parse(fs.readFileSync(path.join(ROOT, 'extension/_locales', code, 'messages.json'), 'utf8'));
  const [en, pl] = [read('en'), read('pl')];
  const session = await startSession({ locale: 'en-US' });
  try {
    const page = await session.open(PRODUCT);
    const english = (await waitForLabels(page, 2)).map((l) => l.text).sort();
    assert.ok(english.every((t) => t.startsWith(`${en.itemRecommendation.message} · `)), english.join(', '));

    const options = await session.browser.context.newPage();
    await options.goto(`chrome-extension://${session.browser.extensionId}/options.html`);
    await options.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(await options.$$eval('#language option', (o) => o.map((x) => x.textContent)),
      ["the browser's language (American English)", 'Deutsch', 'English', 'Español', 'Français', '日本語', 'Polski', '简体中文']);
    await Promise.all([options.waitForEvent('load'), options.selectOption('#language', 'pl')]);
    await options.waitForSelector('body[data-ready="true"]');
    assert.equal(await options.textContent('h1'), pl.optionsTitle.message);
    assert.equal(await options.evaluate(() => document.documentElement.lang), 'pl');

    const polish = english.map((t) => t.replace(en.itemRecommendation.message, pl.itemRecommendation.message)
      .replace(/ · (.*)$/, (_, kind) => ` · ${pl[Object.keys(en).find((k) => k.startsWith('kind_') && en[k].message === kind) ?? ''].message}`));
    await waitForLabelsText(page, polish);

    const { tabId } = await session.waitForReport(PRODUCT, 2);
    const popup = await session.browser.context.newPage();
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tabId=${tabId}`);
    await popup.waitForSelector('body[data-ready="true"]');
    assert.deepEqual(await popup.$$eval('#counts li span:last-child', (spans) => spans.map((s) => s.textContent)),
      ['contextual', 'behavioural', 'retargeted', 'generic'].map((k) => pl[`kind_${k}`].message));
    await popup.close();
    await untilToolbarTitle(session, tabId, 'AdLens: reklamy i widżety na tej stronie: 2, wybrane dla Ciebie: 1');

    await options.selectOption('#language', 'auto');
    await waitForLabelsText(page, english);
    await untilToolbarTitle(session, tabId, 'AdLens: ads and widgets on this page: 2, chosen for you: 1');
  } finally {
    await session.close();
  }
});

/**
 * Waits until the page's labels read exactly `texts` (in any order).
 * @param {import('playwright-core').Page} page
 * @param {string[]} texts
 */
async function waitForLabelsText(page, texts) {
  const want = [...texts].sort();
  let got = /** @type {string[]} */ ([]);
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    got = (await readLabels(page)).map((l) => l.text).sort();
    if (JSON.stringify(got) === JSON.stringify(want)) return;
  }
  assert.deepEqual(got, want);
}

/**
 * The toolbar button's title in a tab.
 * @param {Awaited<ReturnType<typeof startSession>>} session
 * @param {number} tabId
 */
async function toolbarTitle(session, tabId) {
  return (await session.browser.worker()).evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
}

/**
 * Waits until the toolbar button's title in a tab reads `want`.
 * @param {Awaited<ReturnType<typeof startSession>>} session
 * @param {number} tabId
 * @param {string} want
 */
async function untilToolbarTitle(session, tabId, want) {
  let got = '';
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    got = await toolbarTitle(session, tabId);
    if (got === want) return;
  }
  assert.equal(got, want);
}
