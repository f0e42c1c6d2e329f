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
import { eventually } from '../harness/eventually.mjs';
import { NEWS_SLOT as SLOT, PAINT_PROBE as PROBE, readPaintProbe } from '../harness/paint-probe.mjs';

const current = sessionForTests();
const SHOP = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';
/** The held slot shows once its frame reported, at most 4 s after the load: room for it. */
const WAIT_MS = 8_000;



/** Opens the article with the probe and waits for the slot to collapse. */
async function visitMuted() {
  const page = await current().browser.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(NEWS);
  await eventually(async () => (await readPlaceholders(page)).length === 1, 'the retargeted ad collapsed to its placeholder', WAIT_MS);
  await page.waitForTimeout(1_200); // past the grace period: nothing else changes
  const probe = await readPaintProbe(page);
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

test('a muted slot the page renders again, inside new markup, is never painted either', async () => {
  const { page } = await visitMuted();
  // The page's script replaces the slot with a fresh one (same id, same ad
  // frame) wrapped in a new section, added at once: the page reports only
  // the section as added.
  await page.evaluate(([selector, id]) => {
    const probe = /** @type {any} */ (window).__paintProbe;
    probe.slot = 0;
    probe.frames = 0;
    document.querySelector(selector)?.remove();
    const section = document.createElement('section');
    section.innerHTML = `<div class="story-aside"><div id="${id}" class="slot" style="width: 300px; height: 250px;">`
      + '<iframe id="google_ads_iframe_/1234/news/article_0" title="3rd party ad content" width="300" height="250"'
      + ' src="http://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html"></iframe></div></div>';
    document.getElementById('main-content')?.append(section);
  }, [SLOT, SLOT.slice(1)]);
  // Muted again once its creative is in: the placeholder is put before it.
  await eventually(async () => page.$eval(SLOT, (el) => el.parentElement?.className === 'story-aside' && el.previousElementSibling !== null),
    'the new slot muted, with its placeholder', WAIT_MS);
  await page.waitForTimeout(1_000); // past the grace period
  const probe = await readPaintProbe(page);
  assert.ok(probe.frames > 10, `frames were painted meanwhile (${JSON.stringify(probe)})`);
  assert.equal(probe.slot, 0, `the new slot was never painted (${JSON.stringify(probe)})`);
  assert.equal((await readPlaceholders(page)).length, 1);
  await page.close();
});

test('a held slot whose creative comes late carries no label meanwhile: it turns out muted', async () => {
  const page = await current().browser.context.newPage();
  // The creative's frame answers 6 s late: the page's first scan (at most
  // 3 s after it starts loading) comes well before, when the slot is only
  // known by its markup ("Generic") and still held.
  await page.route('**/safeframe/1-0-40/html/creative.html', async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    await route.continue();
  });
  await page.goto(NEWS, { waitUntil: 'commit' });
  /** @type {string[][]} each reading of the labels before the slot collapsed */
  const readings = [];
  const deadline = Date.now() + 14_000;
  while (Date.now() < deadline && (await readPlaceholders(page)).length === 0) {
    readings.push((await readLabels(page)).map((l) => l.text).sort());
    await page.waitForTimeout(100);
  }
  assert.equal((await readPlaceholders(page)).length, 1, 'muted once its creative came');
  const others = ['Ad · Generic', 'Ad · Generic', 'Recommended · About this page', 'Recommended · About this page'];
  assert.ok(readings.filter((r) => r.length > 0).length >= 5, `the page was labelled well before the creative came (${readings.length} readings)`);
  assert.deepEqual(readings.filter((r) => r.length > 0 && JSON.stringify(r) !== JSON.stringify(others)), [],
    'only the other items were labelled meanwhile');
  assert.deepEqual((await readLabels(page)).map((l) => l.text).sort(), others);
  await page.close();
});

test('a held slot that is no longer muted shows once the page settles', async () => {
  // Forgetting the shop: its ad on the article no longer follows you.
  const reply = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'memory/forget-site', site: 'shop.example' }));
  assert.equal(reply.ok, true, reply.error);
  const worker = await current().browser.worker();
  // The news host's slot memory is its own: still "retargeted" for that slot.
  const slots = /** @type {any} */ (await worker.evaluate(() => chrome.storage.local.get('slots:news.example')))['slots:news.example'];
  assert.equal(slots?.slots['div-gpt-ad-1700000000000-0'], 'retargeted');
  const page = await current().browser.context.newPage();
  await page.addInitScript(PROBE);
  await page.goto(NEWS);
  await eventually(async () => (await readLabels(page)).some((l) => l.text.startsWith('Ad ·') && l.text !== 'Ad · Following you')
    && await page.$eval(SLOT, (el) => getComputedStyle(el).display !== 'none'), 'the slot shown with its new label', WAIT_MS);
  assert.deepEqual(await readPlaceholders(page), []);
  // Let go of for good: the page changing afterwards does not hide it
  // again, not even for a frame.
  await page.evaluate(() => {
    const probe = /** @type {any} */ (window).__paintProbe;
    probe.slot = 0;
    probe.frames = 0;
  });
  for (let i = 0; i < 3; i++) {
    await page.evaluate(() => document.getElementById('main-content')?.append(document.createElement('p')));
    await page.waitForTimeout(100);
  }
  await page.waitForTimeout(400);
  const probe = await readPaintProbe(page);
  assert.ok(probe.frames > 5, `frames were painted meanwhile (${JSON.stringify(probe)})`);
  assert.equal(probe.slot, probe.frames, `shown in every frame while the page changed (${JSON.stringify(probe)})`);
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
  const probe = await readPaintProbe(page);
  assert.ok(probe.slot > 0, 'the slot shows at once');
  assert.deepEqual(await readLabels(page), []);
  await page.close();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
});
