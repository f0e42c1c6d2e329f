// Muted items do not flash. A probe in the page's own world looks, at every
// animation frame (just before each paint), at whether the news article's
// retargeted ad slot is displayed. On the first visit AdLens cannot know the
// slot yet: the probe sees it before it collapses (which shows the probe
// works). From the second visit on, the slot is held from the moment it is
// parsed and never painted, while the article is. A held slot that turns out
// not to be muted shows after the page settles.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readLabels, readPlaceholders, waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const SHOP = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';
const SLOT = '#div-gpt-ad-1700000000000-0';

/** Counts, per frame, whether the slot and the article were displayed. */
const PROBE = `(() => {
  const probe = window.__paintProbe = { slot: 0, article: 0, frames: 0 };
  const shown = (sel) => { const el = document.querySelector(sel); return !!el && getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0; };
  const tick = () => {
    probe.frames += 1;
    if (shown(${JSON.stringify(SLOT)})) probe.slot += 1;
    if (shown('#main-content')) probe.article += 1;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** @param {() => Promise<boolean>} check @param {string} what */
async function eventually(check, what) {
  for (const deadline = Date.now() + 8_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (await check()) return;
  }
  assert.fail(`timed out waiting for ${what}`);
}

/** Opens the article with the probe and waits for the slot to collapse. */
async function visitMuted() {
  const page = await current().browser.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(NEWS);
  await eventually(async () => (await readPlaceholders(page)).length === 1, 'the retargeted ad collapsed to its placeholder');
  await page.waitForTimeout(1_200); // past the grace period: nothing else changes
  const probe = /** @type {{ slot: number, article: number, frames: number }} */ (await page.evaluate('window.__paintProbe'));
  return { page, probe };
}

test('a retargeted slot seen once is never painted again while "Following you" is muted', async () => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { retargeted: true } } }));
  const shop = await current().open(SHOP);
  await waitForLabels(shop, 2);
  await shop.waitForTimeout(300);
  await shop.close();

  const first = await visitMuted();
  assert.ok(first.probe.slot > 0, `first visit: AdLens could not know the slot yet, and the probe saw it (${JSON.stringify(first.probe)})`);
  await first.page.close();

  for (let visit = 2; visit <= 3; visit++) {
    const again = await visitMuted();
    assert.equal(again.probe.slot, 0, `visit ${visit}: the slot was never painted (${JSON.stringify(again.probe)})`);
    assert.ok(again.probe.article > 10, 'while the article was');
    await again.page.close();
  }
});

test('a held slot that is no longer muted shows once the page settles', async () => {
  // Forgetting the shop: its ad on the article no longer follows you.
  const reply = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'memory/forget-site', site: 'shop.example' }));
  assert.equal(reply.ok, true, reply.error);
  const worker = await current().browser.worker();
  // The news host's slot memory is its own: still "retargeted" for that slot.
  const slots = /** @type {any} */ (await worker.evaluate(() => chrome.storage.local.get('slots:news.example')))['slots:news.example'];
  assert.equal(slots?.slots['div-gpt-ad-1700000000000-0'], 'retargeted');
  const page = await current().open(NEWS);
  await eventually(async () => (await readLabels(page)).some((l) => l.text.startsWith('Ad ·') && l.text !== 'Ad · Following you')
    && await page.$eval(SLOT, (el) => getComputedStyle(el).display !== 'none'), 'the slot shown with its new label');
  assert.deepEqual(await readPlaceholders(page), []);
  await page.close();
});

test('pausing AdLens on a site holds nothing there', async () => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({
    settings: { mute: { retargeted: true, generic: true, contextual: true }, sites: { 'news.example': { paused: true } } },
  }));
  const page = await current().browser.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(NEWS);
  await page.waitForTimeout(800);
  const probe = /** @type {{ slot: number }} */ (await page.evaluate('window.__paintProbe'));
  assert.ok(probe.slot > 0, 'the slot shows at once');
  assert.deepEqual(await readLabels(page), []);
  await page.close();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
});
