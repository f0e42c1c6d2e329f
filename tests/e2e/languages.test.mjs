// The extension speaks the browser's language: labels and the popup in
// Polish and Chinese (Simplified), from _locales (adding a language is adding
// a file there).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForLabels } from '../harness/labels.mjs';
import { startSession } from '../harness/session.mjs';

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';

for (const [locale, labels, popupWords] of /** @type {const} */ ([
  ['pl', ['Polecane · Chodzi za Tobą', 'Polecane · O tej stronie'], ['O tej stronie', 'Twój profil', 'Chodzi za Tobą', 'Ogólna']],
  ['zh-CN', ['推荐 · 与本页相关', '推荐 · 在跟踪你'], ['与本页相关', '基于你的画像', '在跟踪你', '一般']],
])) {
  test(`labels and popup in ${locale}`, async () => {
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
    } finally {
      await session.close();
    }
  });
}
