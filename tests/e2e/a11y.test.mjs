// Accessibility with axe-core (no serious or critical violations) on the
// popup, the options page, the panel and the "why" card, in light and in
// dark mode, in Chromium (the popup and options also where AdLens's site
// access is limited); and screenshots of each (tests/out/screenshots/) for
// a person to look at.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../harness/browser.mjs';
import { attribute, inClosedRoots, pressLabel, readLabels, readWhyCard, textOf, waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';
import { openTab, setSiteAccess } from '../harness/site-access.mjs';

const current = sessionForTests();
const AXE = fs.readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SHOTS = path.join(ROOT, 'tests/out/screenshots');
const SHOP = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';

/**
 * Serious and critical axe violations on the page, as "rule: target" lines.
 * (Evaluated over DevTools, so the pages' strict CSP does not apply to axe.)
 * @param {import('playwright-core').Page} page
 */
async function seriousViolations(page) {
  await page.evaluate(AXE);
  const violations = /** @type {{ id: string, impact: string, nodes: { target: string[] }[] }[]} */ (
    await page.evaluate(async () => (await /** @type {any} */ (window).axe.run(document, { resultTypes: ['violations'] })).violations));
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** @param {import('playwright-core').Page} page @param {string} name */
async function shoot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: false });
}

/** @param {string} page @param {number} [width] @param {'light' | 'dark'} [scheme] the colour scheme the user chose */
async function extensionPage(page, width = 420, scheme = 'light') {
  const { browser } = current();
  const tab = await browser.context.newPage();
  await tab.emulateMedia({ colorScheme: scheme });
  await tab.setViewportSize({ width, height: 640 });
  await tab.goto(`chrome-extension://${browser.extensionId}/${page}`);
  await tab.waitForSelector('body[data-ready="true"]');
  return tab;
}

test('the popup, options page and every view of the panel pass axe-core, in light and in dark mode', async () => {
  const shop = await current().open(SHOP);
  await waitForLabels(shop, 2);
  await shop.close();
  const page = await current().open(NEWS);
  await waitForLabels(page, 5);
  const { tabId } = await current().waitForReport(NEWS, 5);
  await shoot(page, 'labelled-page');
  for (const [name, url, width] of [['popup', `popup.html?tabId=${tabId}`, 420], ['options', 'options.html', 420],
    ['panel', `panel.html?tabId=${tabId}`, 1000], ['panel-sites', 'panel.html#sites', 1000],
    ['panel-ads', 'panel.html#ads', 1000], ['panel-profile', 'panel.html#profile', 1000], ['panel-data', 'panel.html#data', 1000]]) {
    for (const scheme of /** @type {const} */ (['light', 'dark'])) {
      const tab = await extensionPage(String(url), Number(width), scheme);
      assert.deepEqual(await seriousViolations(tab), [], `${name} (${scheme}): serious or critical axe violations`);
      await shoot(tab, scheme === 'light' ? String(name) : `${name}-dark`);
      await tab.close();
    }
  }
  await page.close();
});

for (const scheme of /** @type {const} */ (['light', 'dark'])) test(`the why card passes axe-core in ${scheme} mode (its markup and styles, out of the closed root)`, async () => {
  const page = await current().browser.context.newPage();
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(NEWS);
  await waitForLabels(page, 5);
  const label = (await readLabels(page)).find((l) => l.text.startsWith('Ad ·'));
  assert.ok(label);
  await pressLabel(page, label.text);
  assert.ok(await readWhyCard(page));
  await page.waitForTimeout(300); // past its 120 ms fade-in
  await shoot(page, scheme === 'light' ? 'why-card' : 'why-card-dark');
  // The card lives in a closed shadow root that no script can reach (on
  // purpose), so its markup and the overlay's style are copied over DevTools
  // into a blank page and checked there.
  const { html, css } = await inClosedRoots(page, (n) => (n.nodeName === 'DIV' && attribute(n, 'class') === 'card') || n.nodeName === 'STYLE',
    async (cdp, nodes) => {
      const card = nodes.find((n) => n.nodeName === 'DIV');
      const style = nodes.find((n) => n.nodeName === 'STYLE' && textOf({ ...n, nodeName: 'X' }).includes('.card'));
      assert.ok(card && style);
      const { outerHTML } = /** @type {{ outerHTML: string }} */ (await cdp.send('DOM.getOuterHTML', { nodeId: card.nodeId }));
      return { html: outerHTML, css: textOf({ ...style, nodeName: 'X' }) };
    });
  const blank = await current().browser.context.newPage();
  await blank.emulateMedia({ colorScheme: scheme });
  await blank.setContent(`<!doctype html><html lang="en"><head><title>why card</title><style>${css}</style></head>
    <body><main>${html}</main></body></html>`);
  await blank.evaluate(() => { const card = document.querySelector('.card'); if (card instanceof HTMLElement) card.style.position = 'static'; });
  assert.deepEqual(await seriousViolations(blank), [], `why card (${scheme}): serious or critical axe violations`);
  await blank.close();
  await page.close();
});

test('the popup and options where site access is limited, with sites of their own choices, pass axe-core', async (t) => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({
    settings: { mute: { generic: true }, sites: { 'news.example': { paused: true }, 'shop.example': { mute: { retargeted: true, generic: false } } } },
  }));
  t.after(() => worker.evaluate(() => chrome.storage.local.remove('settings')));
  await setSiteAccess(current(), 'ON_CLICK');
  t.after(() => setSiteAccess(current(), 'ON_ALL_SITES'));
  const { page, tabId } = await openTab(current(), NEWS);
  for (const [name, url, shown] of [['popup (no access)', `popup.html?tabId=${tabId}`, '#access'], ['options (limited access, sites)', 'options.html', '#site-choices tbody tr']]) {
    const tab = await extensionPage(url);
    await tab.waitForSelector(shown);
    assert.deepEqual(await seriousViolations(tab), [], `${name}: serious or critical axe violations`);
    await tab.close();
  }
  await page.close();
});
