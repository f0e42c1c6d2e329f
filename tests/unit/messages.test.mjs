import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkMessage, MESSAGE_RULES } from '../../extension/messages.js';

const self = { extensionId: 'abc', extensionOrigin: 'chrome-extension://abc/' };
const fromTab = { id: 'abc', url: 'http://shop.example/', tab: { id: 4 }, frameId: 0 };
const fromPopup = { id: 'abc', url: 'chrome-extension://abc/popup.html' };

test('a content script may ask for the scan plan', () => {
  assert.deepEqual(checkMessage({ type: 'page/get-plan' }, fromTab, self), {
    ok: true,
    message: { type: 'page/get-plan' },
    bytes: JSON.stringify({ type: 'page/get-plan' }).length, // as measured against the cap
  });
});

test('unknown types and non-objects are refused', () => {
  for (const message of [{ type: 'page/delete-everything' }, { type: 'toString' }, { type: '__proto__' }, null, 'page/get-plan', [], {}]) {
    const checked = checkMessage(message, fromTab, self);
    assert.equal(checked.ok, false, JSON.stringify(message));
  }
});

test('privileged messages from a content script are refused', () => {
  const checked = checkMessage({ type: 'tab/get-summary', tabId: 1 }, fromTab, self);
  assert.deepEqual(checked, { ok: false, error: "tab/get-summary: only the extension's own pages may send this" });
});

test('page messages from an extension page or another extension are refused', () => {
  assert.equal(checkMessage({ type: 'page/get-plan' }, fromPopup, self).ok, false);
  assert.equal(checkMessage({ type: 'page/get-plan' }, { ...fromTab, id: 'other' }, self).ok, false);
  // a popup opened as a tab still has an extension URL
  assert.equal(checkMessage({ type: 'page/get-plan' }, { ...fromPopup, tab: { id: 3 } }, self).ok, false);
});

test('oversized payloads are refused with the cap in the message', () => {
  const page = { url: 'http://news.example/', candidates: [{ text: 'x'.repeat(MESSAGE_RULES['page/report'].maxBytes) }] };
  const checked = checkMessage({ type: 'page/report', page }, fromTab, self);
  assert.equal(checked.ok, false);
  assert.match(checked.ok ? '' : checked.error, /exceeds the cap of 4000000/);
});

test('payload shapes are checked', () => {
  assert.equal(checkMessage({ type: 'tab/get-summary', tabId: -1 }, fromPopup, self).ok, false);
  assert.equal(checkMessage({ type: 'tab/get-summary', tabId: '3' }, fromPopup, self).ok, false);
  assert.equal(checkMessage({ type: 'tab/get-summary', tabId: 3 }, fromPopup, self).ok, true);
  assert.equal(checkMessage({ type: 'page/report', page: null }, fromTab, self).ok, false);
  const cosmetic = (/** @type {unknown} */ complete) => ({ type: 'page/get-cosmetic', url: 'http://news.example/', classAttributes: ['a b'], ids: ['x'], complete });
  assert.equal(checkMessage(cosmetic(true), fromTab, self).ok, true);
  assert.equal(checkMessage(cosmetic(false), fromTab, self).ok, true);
  for (const complete of [undefined, 'true', 1]) assert.equal(checkMessage(cosmetic(complete), fromTab, self).ok, false, String(complete));
});

test('scan timings are durations in a plausible range, from a tab', () => {
  const timing = (/** @type {unknown} */ scanMs, /** @type {unknown} */ labelMs, /** @type {unknown} */ longestMs = 2.5, /** @type {unknown} */ whole = false) =>
    ({ type: 'page/timing', url: 'http://news.example/', timing: { scanMs, labelMs, longestMs, whole } });
  assert.equal(checkMessage(timing(4.2, 1.1), fromTab, self).ok, true);
  assert.equal(checkMessage(timing(4.2, 1.1, 2.5, true), fromTab, self).ok, true);
  for (const whole of [null, 'false', 0]) assert.equal(checkMessage(timing(4.2, 1.1, 2.5, whole), fromTab, self).ok, false, `whole: ${whole}`);
  const { whole: _, ...without } = timing(4.2, 1.1).timing;
  assert.equal(checkMessage({ type: 'page/timing', url: 'http://news.example/', timing: without }, fromTab, self).ok, false, 'no whole');
  for (const [scanMs, labelMs] of [[-1, 1], [1, Number.NaN], [1, Infinity], ['3', 1], [1, undefined], [60_001, 1]]) {
    assert.equal(checkMessage(timing(scanMs, labelMs), fromTab, self).ok, false, `${scanMs}, ${labelMs}`);
  }
  assert.equal(checkMessage(timing(1, 1, -0.5), fromTab, self).ok, false, 'negative longest task');
  assert.equal(checkMessage({ type: 'page/timing', url: 'http://news.example/' }, fromTab, self).ok, false, 'no timing');
  assert.equal(checkMessage(timing(1, 1), fromPopup, self).ok, false, 'not from extension pages');
});

test('a content script asks for a _locales folder\'s messages, or the browser language\'s', () => {
  for (const language of ['en', 'pl', 'zh_CN', 'auto']) {
    assert.equal(checkMessage({ type: 'i18n/get-messages', language }, fromTab, self).ok, true, language);
  }
  for (const language of ['../manifest', 'zh-CN', 'AUTO', '', 5]) {
    assert.equal(checkMessage({ type: 'i18n/get-messages', language }, fromTab, self).ok, false, String(language));
  }
});

test('frame reports must carry a well-formed summary', () => {
  const frame = { url: 'about:srcdoc', name: 'google_ads_iframe_/1/x_0', links: ['https://a.example/'], text: 'Ad', images: [],
    frames: [], frameNames: ['creative'] };
  const fromFrame = { ...fromTab, frameId: 3 };
  assert.equal(checkMessage({ type: 'frame/report', frame }, fromFrame, self).ok, true);
  for (const bad of [null, { ...frame, links: 'x' }, { ...frame, text: 5 }, { url: 'x' }, { ...frame, frameNames: [1] }]) {
    assert.equal(checkMessage({ type: 'frame/report', frame: bad }, fromFrame, self).ok, false, JSON.stringify(bad));
  }
  assert.equal(checkMessage({ type: 'frame/report', frame }, fromPopup, self).ok, false, 'not from extension pages');
});

test('a frame says its document is going from a tab, with nothing more than that', () => {
  const fromFrame = { ...fromTab, frameId: 3 };
  assert.equal(checkMessage({ type: 'frame/gone' }, fromFrame, self).ok, true);
  assert.equal(checkMessage({ type: 'frame/gone' }, fromPopup, self).ok, false, 'not from extension pages');
  assert.equal(checkMessage({ type: 'frame/gone', padding: 'x'.repeat(300) }, fromFrame, self).ok, false, 'within 256 bytes');
});

test('"this label is wrong" comes from a tab, with a known kind; memory changes only from our pages', () => {
  const wrong = { type: 'feedback/label-wrong', url: 'http://news.example/', kind: 'retargeted', elementId: null, classifierVersion: 'adlens-classifier/0.3' };
  assert.equal(checkMessage(wrong, fromTab, self).ok, true);
  assert.equal(checkMessage(wrong, fromPopup, self).ok, false);
  assert.equal(checkMessage({ ...wrong, kind: 'evil' }, fromTab, self).ok, false);
  assert.equal(checkMessage({ ...wrong, elementId: 7 }, fromTab, self).ok, false);
  assert.equal(checkMessage({ type: 'memory/wipe' }, fromTab, self).ok, false);
  assert.equal(checkMessage({ type: 'memory/forget-site', site: 'a.example' }, fromTab, self).ok, false);
  assert.equal(checkMessage({ type: 'memory/forget-site', site: '' }, fromPopup, self).ok, false);
  assert.equal(checkMessage({ type: 'memory/forget-site', site: 'a.example' }, fromPopup, self).ok, true);
});

test('a page’s report may carry its number and when its document began; an update names its base and carries objects with whole-number keys', () => {
  const page = { url: 'http://news.example/', candidates: [] };
  assert.equal(checkMessage({ type: 'page/report', page, seq: 3 }, fromTab, self).ok, true);
  for (const seq of [-1, 1.5, '2', null]) assert.equal(checkMessage({ type: 'page/report', page, seq }, fromTab, self).ok, false, String(seq));
  assert.equal(checkMessage({ type: 'page/report', page, seq: 3, began: 1_765_000_000_123.4 }, fromTab, self).ok, true);
  for (const began of [-1, Infinity, NaN, '1765000000000', null]) {
    assert.equal(checkMessage({ type: 'page/report', page, began }, fromTab, self).ok, false, String(began));
  }
  const update = { type: 'page/update', url: 'http://news.example/', base: 1, seq: 2, page: { text: 'x' }, candidates: [{ key: 4 }], removed: [2] };
  assert.equal(checkMessage(update, fromTab, self).ok, true);
  for (const bad of [{ base: -1 }, { seq: 'x' }, { page: [] }, { page: null }, { candidates: [{ key: -2 }] }, { candidates: [null] },
    { candidates: {} }, { removed: ['1'] }, { url: 4 }]) {
    assert.equal(checkMessage({ ...update, ...bad }, fromTab, self).ok, false, JSON.stringify(bad));
  }
  assert.equal(checkMessage(update, fromPopup, self).ok, false, 'not from extension pages');
});

test('a private tab asks for private windows\' site choices and mutes a kind on its site; never an extension page', () => {
  assert.equal(checkMessage({ type: 'settings/get-private' }, fromTab, self).ok, true);
  assert.equal(checkMessage({ type: 'settings/get-private' }, fromPopup, self).ok, false);
  const mute = { type: 'settings/mute-private-site', site: 'news.example', kind: 'retargeted' };
  assert.equal(checkMessage(mute, fromTab, self).ok, true);
  assert.equal(checkMessage(mute, fromPopup, self).ok, false);
  assert.equal(checkMessage({ ...mute, kind: 'all' }, fromTab, self).ok, false);
  assert.equal(checkMessage({ ...mute, site: '' }, fromTab, self).ok, false);
  assert.equal(checkMessage({ ...mute, site: 'x'.repeat(254) }, fromTab, self).ok, false);
});

test('a why card opens the panel on a site\'s page or on what advertisers could infer; only from a tab', () => {
  for (const message of [{ type: 'panel/open', view: 'site', site: 'shop.example' }, { type: 'panel/open', view: 'profile', site: null }]) {
    assert.equal(checkMessage(message, fromTab, self).ok, true, JSON.stringify(message));
    assert.equal(checkMessage(message, fromPopup, self).ok, false, JSON.stringify(message));
  }
  for (const message of [
    { type: 'panel/open', view: 'site', site: null },
    { type: 'panel/open', view: 'site', site: '' },
    { type: 'panel/open', view: 'site', site: 'x'.repeat(254) },
    { type: 'panel/open', view: 'profile', site: 'shop.example' },
    { type: 'panel/open', view: 'data', site: null },
    { type: 'panel/open', view: 'site' },
  ]) {
    const checked = checkMessage(message, fromTab, self);
    assert.equal(checked.ok, false, JSON.stringify(message));
    assert.match(checked.ok ? '' : checked.error, /^panel\/open: view must be "site" with a registrable domain, or "profile" with site null$/);
  }
});
