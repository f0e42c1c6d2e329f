// YouTube's ads in Chromium, on the fixture watch page (its markup is
// YouTube's public markup: `tests/sites/www.youtube.com`): the layer its
// player draws over a video ad, the companion banner and the ad beside the
// video are found as YouTube's and labelled; the video ad's address is its
// landing page, so after the shopper viewed the product it advertises it
// follows them. Muted, the boxes are hidden, but the video ad's layer is the
// site's own player showing the ad: hiding it would only take its "Skip"
// button away, so it stays, labelled, and its card says why.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickCardAction, drawnOnTop, pressLabel, readLabels, readPlaceholders, readWhyCard, wordsUnder } from '../harness/labels.mjs';
import { viewProduct } from '../harness/journey.mjs';
import { eventually } from '../harness/eventually.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const WATCH = 'https://www.youtube.com/watch?v=trail-first-month';
const LAYER = '.ytp-ad-player-overlay-layout';

/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
const isShown = (page, selector) =>
  page.$eval(selector, (el) => getComputedStyle(el).display !== 'none' && el.getBoundingClientRect().height > 0);

/** The watch page once its three ads are labelled, with its report. */
async function watchPage() {
  const page = await current().open(WATCH);
  await eventually(async () => (await readLabels(page)).length === 3, 'three labels: the video ad, the companion, the ad beside the video');
  const { state, tabId } = await current().waitForReport(WATCH, 3);
  return { page, tabId, items: state.report.items };
}

test('the video ad, the companion and the ad beside the video are YouTube\'s, labelled; the video ad leads where its card says; skipped, its label goes', async () => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  const { page, items } = await watchPage();
  try {
    assert.deepEqual(items.map((i) => [i.vendor, i.network]), Array(3).fill(['YouTube Ads', 'Google']));
    const video = items.filter((i) => i.inPlayer);
    assert.equal(video.length, 1, 'one item is the player\'s ad layer');
    assert.equal(video[0].landingDomain, 'shop.example', 'the address the card shows');
    assert.match(video[0].text, /Sponsored/);
    assert.match(video[0].text, /Trail Runner X/);
    assert.deepEqual(items.filter((i) => !i.inPlayer).map((i) => i.landingDomain).sort(), ['shop.example', 'travelguide.example']);
    // The video ad's label is on the player.
    const player = await page.$eval('#movie_player', (el) => el.getBoundingClientRect().toJSON());
    const labels = await readLabels(page);
    const onPlayer = labels.filter((l) => l.box && l.box.x >= player.x && l.box.x <= player.right && l.box.y >= player.y && l.box.y <= player.bottom);
    assert.equal(onPlayer.length, 1, JSON.stringify(labels));
    // No label hides an ad's words: beside the video, each ad's headline
    // runs across its top, so its label goes to its bottom right, past
    // "Sponsored" and the advertiser's name.
    await eventually(async () => (await readLabels(page)).every((l) => l.edges), 'the three labels placed');
    const placed = await readLabels(page);
    assert.deepEqual(await wordsUnder(page, placed), [null, null, null], JSON.stringify(placed));
    const sideAds = await page.$$eval('ytd-action-companion-ad-renderer, ytd-ad-slot-renderer', (els) => els.map((el) => el.getBoundingClientRect().toJSON()));
    assert.equal(sideAds.length, 2);
    for (const ad of sideAds) {
      const own = placed.filter((l) => l.edges && l.edges.left >= ad.left && l.edges.right <= ad.right && l.edges.top >= ad.top && l.edges.bottom <= ad.bottom);
      assert.equal(own.length, 1, `one label inside the ad at ${JSON.stringify(ad)}: ${JSON.stringify(placed)}`);
      assert.ok(own[0].edges && own[0].edges.top > ad.top + ad.height / 2, 'in its lower half');
    }
    await page.click('.ytp-skip-ad-button');
    await eventually(async () => (await readLabels(page)).length === 2, 'the ad ended: its layer and its label are gone');
  } finally {
    await page.close();
  }
});

test('after viewing the product, the video ad follows you; muted, the boxes go and the video ad stays with its Skip button, its card saying why', async () => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  await viewProduct(current());
  const { page, items, tabId } = await watchPage();
  try {
    const video = items.find((i) => i.inPlayer);
    assert.equal(video?.verdict.kind, 'retargeted');
    assert.match(video?.verdict.evidence[0].sentence ?? '', /^You viewed Trail Runner X on shop\.example/);
    const followingYou = items.filter((i) => i.verdict.kind === 'retargeted').length;

    await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { contextual: true, behavioural: true, retargeted: true, generic: true } } }));
    await eventually(async () => (await readPlaceholders(page)).length === 2, 'the companion and the ad beside the video muted');
    assert.equal(await isShown(page, 'ytd-action-companion-ad-renderer'), false);
    assert.equal(await isShown(page, 'ytd-ad-slot-renderer'), false);
    assert.equal(await isShown(page, LAYER), true, 'the video ad\'s layer is not hidden');
    assert.equal(await isShown(page, '.ytp-skip-ad-button'), true, 'nor its Skip button');
    assert.equal(await page.$eval(LAYER, (el) => el.getAttribute('style')), null, 'AdLens did not touch it');
    const labels = await readLabels(page);
    assert.deepEqual(labels.map((l) => l.text), ['Ad · Following you'], `its label stays (${followingYou} following you)`);
    // The popup lists what the page shows with a label: the video ad alone.
    const popup = await current().openFor(tabId);
    const listed = await popup.$$eval('#page-items li button .what', (whats) => whats.map((w) => w.textContent));
    await popup.close();
    assert.deepEqual(listed, ['Ad · Following you — YouTube Ads']);

    await pressLabel(page, 'Ad · Following you');
    const card = await readWhyCard(page);
    assert.equal(card?.player, 'This ad plays in the site\'s own video player: muting its kind hides ads like it elsewhere on the page, not this one (it would hide the player\'s Skip button).');
    await clickCardAction(page, 'mute-site');
    assert.equal(await isShown(page, LAYER), true, 'muting it on the site hides it no more');
  } finally {
    await page.close();
    await worker.evaluate(() => chrome.storage.local.remove('settings'));
  }
});

test('in fullscreen, the video ad\'s label is over the player and opens its card; the labels of what the player covers wait until it ends', async () => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  const { page } = await watchPage();
  try {
    await page.click('.ytp-fullscreen-button');
    await eventually(() => page.evaluate(() => document.fullscreenElement?.id === 'movie_player'), 'the player is fullscreen');
    /** @type {import('../harness/labels.mjs').Label[]} */
    let shown = [];
    await eventually(async () => {
      shown = (await readLabels(page)).filter((l) => l.box);
      return shown.length === 1;
    }, 'only the video ad\'s label shown: the others\' items are under the player');
    const { x, y } = shown[0].box ?? { x: 0, y: 0 };
    const player = await page.$eval('#movie_player', (el) => el.getBoundingClientRect().toJSON());
    assert.ok(x >= player.x && x <= player.right && y >= player.y && y <= player.bottom, 'on the player');
    // What the screen shows there (past the shape drawn before its words)
    // is the label, not the player under it; and a click there is the
    // label's, not the ad's.
    assert.deepEqual(await drawnOnTop(page, x + 30, y + 4), { name: 'BUTTON', className: `badge ${shown[0].kind}` });
    await page.mouse.click(x + 30, y + 4);
    assert.match((await readWhyCard(page))?.player ?? '', /own video player/, 'the card opened by a click, in fullscreen');
    await page.evaluate(() => document.exitFullscreen());
    await eventually(async () => (await readLabels(page)).filter((l) => l.box).length === 3, 'out of fullscreen, the three labels again');
    assert.equal(await page.evaluate(() => document.querySelector('[data-adlens="labels"]')?.parentElement === document.documentElement), true,
      'the labels\' overlay is back beside the page, not in the player');
  } finally {
    await page.close();
  }
});
