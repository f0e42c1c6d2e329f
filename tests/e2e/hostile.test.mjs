// Hostile and absurd pages: AdLens stays within its caps, labels nothing
// that is merely text, and never breaks the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { attribute, clickCardAction, closedRootStyles, hasClass, pressLabel, readLabels, readPlaceholders, readWhyCard, waitForLabels } from '../harness/labels.mjs';
import { eventually } from '../harness/eventually.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

test('10,000 ad-like nodes: capped at 2,000 candidates, page keeps working', async () => {
  const url = 'http://news.example/hostile/ten-thousand.html';
  const page = await current().open(url);
  const { state } = await current().waitForReport(url, 1, 20_000);
  assert.equal(state.report.items.length, 2_000, 'the scan plan caps candidates at 2,000');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  const started = Date.now();
  await page.evaluate(() => document.title);
  assert.ok(Date.now() - started < 1_000, 'the page still answers');
  assert.equal((await waitForLabels(page, 2_000, 20_000)).length, 2_000);
  assert.deepEqual(current().pageErrors, []);
  await page.close();
});

test('phrases inside comments, scripts, noscript and templates are not labels', async () => {
  const page = await current().open('http://news.example/hostile/comments.html');
  await page.waitForTimeout(1_000);
  assert.deepEqual(await readLabels(page), []);
  const found = await current().tabStateFor('http://news.example/hostile/comments.html');
  assert.equal(found?.state.report.items.length, 0);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  await page.close();
});

test('25 levels of nested frames: the top page is labelled, nothing breaks', async () => {
  const page = await current().open('http://news.example/hostile/nested-frames.html');
  await waitForLabels(page, 2);
  await page.waitForTimeout(500);
  // The two slots of the top document; the 25 framed ones are not scanned
  // yet (frames come with frame attribution).
  const labels = await readLabels(page);
  assert.deepEqual(labels.map((l) => l.text), ['Ad · Generic', 'Ad · Generic']);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  assert.deepEqual(current().pageErrors, []);
  await page.close();
});

test('forms that shadow id, getAttribute, matches… do not stop the page from being labelled', async () => {
  const url = 'http://news.example/hostile/clobbered.html';
  const page = await current().open(url);
  const labels = await waitForLabels(page, 2);
  assert.deepEqual(labels.map((l) => l.text).sort(), ['Ad · Generic', 'Recommended · Generic']);
  const { state } = await current().waitForReport(url, 2);
  const widget = state.report.items.find((i) => i.vendor === 'Outbrain');
  assert.ok(widget, 'the form that is a widget is found, with its own attributes');
  assert.match(widget.text, /These boots are everywhere/, "the form's text was read");
  assert.equal(widget.elementId, null);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  await page.close();
});

test('named images and forms that shadow the document’s own methods (querySelectorAll, createTreeWalker, body…) do not blind the scan', async () => {
  const url = 'http://news.example/hostile/clobbered-document.html';
  const page = await current().open(url);
  assert.equal(await page.evaluate(() => typeof document.querySelectorAll), 'object', 'in the page’s world the method is an image');
  const labels = await waitForLabels(page, 2);
  // Found and labelled; the kinds depend on the profile earlier tests built.
  assert.deepEqual(labels.map((l) => l.text.split(' · ')[0]).sort(), ['Ad', 'Recommended']);
  const { state } = await current().waitForReport(url, 2);
  assert.deepEqual(state.report.items.map((/** @type {any} */ i) => i.vendor).sort(), ['Google Ad Manager', 'Outbrain']);
  // A late slot, and a small label placed before the form: the rescan puts
  // the label among the ones it knows by asking the form where it is.
  await page.evaluate(() => {
    // (In this page's world `document.body` is an image: the real one through Document's getter.)
    const body = /** @type {HTMLElement} */ (Reflect.get(Document.prototype, 'body', document));
    body.insertAdjacentHTML('afterbegin', '<span class="sponsored-tag">Partner</span>');
    body.insertAdjacentHTML('beforeend', '<div id="div-gpt-ad-late-3" style="width: 300px; height: 100px;">'
      + '<a href="http://adclick.g.doubleclick.net/aclk?adurl=http%3A%2F%2Flate.example%2F">A late offer</a></div>');
  });
  const { state: later } = await current().waitForReport(url, 3);
  const late = later.report.items.find((/** @type {any} */ item) => item.elementId === 'div-gpt-ad-late-3');
  assert.equal(late?.landingDomain, 'late.example', 'the late slot is found by the rescan');
  assert.ok((await waitForLabels(page, 3)).length >= 3, 'and labelled');
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  await page.close();
});

test('a page that writes itself anew once loaded (document.open()): what it wrote is found and labelled, and followed after', async () => {
  const url = 'http://news.example/hostile/rewritten.html';
  const page = await current().open(url);
  await waitForLabels(page, 1);
  const elementIds = async () => (await current().tabStateFor(url))?.state.report.items.map((i) => i.elementId).sort();
  assert.deepEqual(await elementIds(), ['text-ad-before']);
  await page.waitForFunction(() => document.title === 'Rewritten — News Example');
  // The page's root element was replaced: its changes are watched still.
  await eventually(async () => JSON.stringify(await elementIds()) === JSON.stringify(['div-gpt-ad-1700000000000-9', 'text-ad-after']),
    'the two ads the page wrote, and not the one it took out', 3_000);
  assert.equal((await waitForLabels(page, 2)).length, 2);
  // Read whole, as a page of its own: the first scan, and the one after it was written.
  await eventually(async () => (await current().tabStateFor(url))?.state.scans?.filter((s) => s.whole).length === 2,
    'two whole reads of the page', 3_000);
  await page.evaluate(() => {
    const slot = document.createElement('div');
    slot.id = 'div-gpt-ad-1700000000000-10';
    slot.style.cssText = 'width: 300px; height: 250px; background: #eee';
    slot.append(Object.assign(document.createElement('a'), { href: 'http://brand.example/socks', textContent: 'Socks' }));
    document.body.append(slot);
  });
  await eventually(async () => (await elementIds())?.length === 3, 'a slot added to the written page found', 3_000);
  assert.equal((await waitForLabels(page, 3)).length, 3);
  assert.deepEqual(current().pageErrors, []);
  await page.close();
});

test("a page whose policy forbids inline styles and scripts: labels, card and placeholder are still styled", async () => {
  const url = 'http://bank.example/offers.html';
  const page = await current().open(url);
  const [label] = await waitForLabels(page, 1);
  assert.equal(label?.text, 'Ad · Generic');
  assert.ok(label.box, 'the label is placed');
  // Unstyled, a badge would be a static button at the top of the page.
  assert.deepEqual(await closedRootStyles(page, hasClass('badge'), ['position', 'font-weight']), [{ position: 'absolute', 'font-weight': '600' }]);
  await pressLabel(page, 'Ad · Generic');
  assert.equal((await readWhyCard(page))?.role, 'dialog');
  assert.deepEqual(await closedRootStyles(page, hasClass('card'), ['position', 'width']), [{ position: 'absolute', width: '320px' }]);
  await clickCardAction(page, 'mute-site');
  await page.waitForFunction(() => getComputedStyle(/** @type {Element} */ (document.querySelector('.slot'))).display === 'none');
  assert.equal((await readPlaceholders(page)).length, 1);
  assert.deepEqual(await closedRootStyles(page, hasClass('muted'), ['display', 'border-top-style']), [{ display: 'flex', 'border-top-style': 'dashed' }]);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true, "the page's own script ran");
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).inlineScriptRan), undefined, 'the policy is in force');
  assert.deepEqual(current().pageErrors, []);
  await page.close();
});
