// A shopper's journey in Chromium: a product they viewed follows them to a
// news article; the "why" card explains it (opened from the keyboard); they
// mute retargeted ads everywhere, the ad collapses to a placeholder while
// the page's content stays where it was; after a reload it stays muted; the
// popup's per-site switch wins over the global choice and unmutes without a
// reload; pausing AdLens on the site removes every label. What the page does
// not show has no label and no placeholder; a block whose tiles float out of
// it is labelled where they are. Then the card in Polish and Chinese.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clickCardAction, hasClass, inClosedRoots, pressLabel, readLabels, readPlaceholders, readWhyCard } from '../harness/labels.mjs';
import { atItemTop } from '../harness/label-place.mjs';
import { sessionForTests, startSession } from '../harness/session.mjs';
import { eventually } from '../harness/eventually.mjs';
import { followedToArticle } from '../harness/journey.mjs';

const current = sessionForTests();
const NEWS = 'http://news.example/article/running.html';
const RETARGETED_SLOT = '#div-gpt-ad-1700000000000-0';

/**
 * @param {import('playwright-core').Page} page
 * @param {string} selector
 */
const isShown = (page, selector) => page.$eval(selector, (el) => getComputedStyle(el).display !== 'none');


/** Default settings, the labelled news article, and the options page beside it. */
async function newsWithOptions() {
  const { browser } = current();
  const worker = await browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  const page = await current().open(NEWS);
  await eventually(async () => (await readLabels(page)).length === 5, 'five labels');
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  return { worker, page, options };
}

test('the why card explains a retargeted ad; muting it everywhere collapses it and keeps the page in place', async () => {
  const page = await followedToArticle(current());
  await pressLabel(page, 'Ad · Following you');
  const card = await readWhyCard(page);
  assert.ok(card, 'Enter on the label opens its card');
  assert.equal(card.role, 'dialog');
  assert.equal(card.title, 'Why you see this: Ad · Following you');
  assert.equal(card.meaning, 'A product or shop you looked at before, following you around.');
  assert.match(card.confidence, /^Confidence: \d+%$/);
  assert.match(card.evidence[0], /^You viewed Trail Runner X on shop\.example (just now|\d+ minutes? ago)$/);
  assert.equal(card.evidence[1], 'shop.example told Criteo you viewed a product');
  assert.equal(card.actions['mute-everywhere'], 'Mute “Following you” everywhere');
  assert.equal(card.actions['mute-site'], 'Mute “Following you” on news.example');
  await page.keyboard.press('Escape');
  assert.equal(await readWhyCard(page), null, 'Escape closes it');

  const headingBefore = await page.$eval('h1', (h) => h.getBoundingClientRect().toJSON());
  await pressLabel(page, 'Ad · Following you');
  await clickCardAction(page, 'mute-everywhere');
  await eventually(async () => !(await isShown(page, RETARGETED_SLOT)), 'the retargeted ad collapses');
  assert.deepEqual(await readPlaceholders(page), ['Following you · mutedShow']);
  assert.equal(await isShown(page, '.OUTBRAIN'), true, 'the other items stay');
  const labels = (await readLabels(page)).map((l) => l.text);
  assert.ok(!labels.includes('Ad · Following you') && labels.includes('Ad · Generic'),
    `the muted item's label goes with it, the others stay (${labels})`);
  const headingAfter = await page.$eval('h1', (h) => h.getBoundingClientRect().toJSON());
  assert.deepEqual(headingAfter, headingBefore, 'the article heading stays where it was');
  assert.ok(await page.$eval('article p', (p) => p.getBoundingClientRect().height > 0), 'the article text stays visible');

  await page.reload();
  await eventually(async () => (await readPlaceholders(page)).length === 1, 'still muted after a reload');
  assert.equal(await isShown(page, RETARGETED_SLOT), false);
  assert.ok((await readLabels(page)).some((l) => l.text === 'Recommended · About this page'), 'contextual items keep their labels');

  // This site's own switch wins over the global mute, and applies at once.
  const { tabId } = await current().waitForReport(NEWS, 5);
  const popup = await current().openFor(tabId);
  assert.equal(await popup.$eval('input[data-kind="retargeted"]', (b) => /** @type {HTMLInputElement} */ (b).checked), true);
  await popup.click('input[data-kind="retargeted"]');
  await eventually(() => isShown(page, RETARGETED_SLOT), 'unmuted here without a reload');
  assert.deepEqual(await readPlaceholders(page), []);
  await eventually(async () => (await readLabels(page)).some((l) => l.text === 'Ad · Following you' && l.box !== null), 'its label back');

  await popup.click('#pause');
  await eventually(async () => (await readLabels(page)).length === 0, 'no labels while paused');
  await popup.click('#pause');
  await eventually(async () => (await readLabels(page)).length === 5, 'labels back when resumed');
  await popup.close();
  await page.close();
});

test('a choice made while the page loads, before its first scan, applies to it', async () => {
  const { browser } = current();
  const worker = await browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  const page = await browser.context.newPage();
  /** @type {(value?: unknown) => void} */
  let release = () => {};
  const held = new Promise((resolve) => { release = resolve; });
  // The page's load waits for its ad script, and its first scan for the load.
  await page.route('**/gpt.js', async (route) => { await held; await route.continue(); });
  await page.goto(NEWS, { waitUntil: 'domcontentloaded' });
  await page.waitForTimeout(500); // AdLens's script has read the settings by now
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { generic: true } } }));
  release();
  await eventually(async () => (await readPlaceholders(page)).length === 2, 'the two generic ads muted');
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  await page.close();
});

test('"this label is wrong" is kept on the device', async () => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  const page = await current().open(NEWS);
  await eventually(async () => (await readLabels(page)).some((l) => l.text === 'Ad · Following you'), 'the retargeted label');
  await pressLabel(page, 'Ad · Following you');
  await clickCardAction(page, 'wrong');
  /** @type {{ type: string, kind: string, pageUrl: string, site: string, classifierVersion: string }[]} */
  let feedback = [];
  await eventually(async () => {
    feedback = (await current().readDb('observations')).filter((/** @type {{ type: string }} */ o) => o.type === 'label_feedback');
    return feedback.length > 0;
  }, 'the feedback is stored as an observation');
  assert.equal(feedback[0].kind, 'retargeted');
  assert.equal(feedback[0].pageUrl, NEWS);
  assert.equal(feedback[0].site, 'news.example');
  assert.match(feedback[0].classifierVersion, /^adlens-classifier\//);
  assert.match((await readWhyCard(page))?.confidence ?? '', /^Thanks/);
  await page.close();
});

test('options: a kind muted by default collapses on every site; "hide" leaves no placeholder', async () => {
  const { worker, page, options } = await newsWithOptions();
  await options.click('#mute-defaults input[data-kind="generic"]');
  await eventually(async () => (await readPlaceholders(page)).length === 2, 'the two generic ads collapse');
  assert.equal(await isShown(page, '.sponsored-post'), false);
  await options.click('input[name="mute-style"][value="hide"]');
  await eventually(async () => (await readPlaceholders(page)).length === 0, 'no placeholders when hiding');
  assert.equal(await isShown(page, '.sponsored-post'), false, 'still hidden');
  await options.click('#mute-defaults input[data-kind="generic"]');
  await eventually(() => isShown(page, '.sponsored-post'), 'back when unmuted');
  await options.close();
  await page.close();
});

test('what the page does not show (the phone\'s slot on a wide screen, an empty one, a block holding only an unseen popover) has no label and is muted without a placeholder, after a reload too; a block of floated tiles is labelled where they are', async () => {
  const url = 'http://news.example/article/responsive-slots.html';
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  const page = await current().open(url);
  await current().waitForReport(url, 5);
  await eventually(async () => (await readLabels(page)).filter((l) => l.box !== null).length === 2,
    'two labels shown: the wide screen\'s slot and the tiles\' block; the phone\'s slot, the empty one and the unseen popover\'s block have none');
  const tiles = await page.$eval('#taboola-below-article-thumbnails', (block) => ({
    own: block.getBoundingClientRect().height, first: /** @type {Element} */ (block.firstElementChild).getBoundingClientRect().toJSON() }));
  assert.equal(tiles.own, 0, 'the block itself is 0 px high');
  /** Whether a label is at the tiles' top (just above it), as the page is scrolled now. */
  const atTiles = async () => {
    const top = await page.$eval('#taboola-below-article-thumbnails > .tile', (tile) => tile.getBoundingClientRect().top);
    const shown = (await readLabels(page)).filter((l) => l.box !== null).map((l) => /** @type {{ x: number, y: number }} */ (l.box));
    return shown.some((box) => atItemTop(box.y, top));
  };
  assert.ok(await atTiles(), 'a label at the tiles\' top, not at the span the widget moved off the page');
  // Scrolled by more than the span is above the viewport (so its page
  // coordinates are on the page) but not past the tiles, a span fixed above
  // the viewport is still off the page; the labels are placed again when
  // the window is resized.
  await page.evaluate(() => window.scrollTo(0, 300));
  await page.setViewportSize({ width: 1200, height: 880 });
  await eventually(atTiles, 'scrolled and placed again, still at the tiles\' top');
  await page.setViewportSize({ width: 1200, height: 900 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { contextual: true, behavioural: true, retargeted: true, generic: true } } }));
  await eventually(async () => !(await isShown(page, '.desktop-only')), 'the shown slot is muted');
  assert.deepEqual((await readPlaceholders(page)).length, 2, 'a placeholder for the slot and the block that were shown, none for the others');
  for (const hidden of ['.mobile-only', '#div-gpt-ad-1700000000000-22', '#tbl-aug-fixture1']) {
    assert.equal(await page.$eval(hidden, (el) => el.getAttribute('style') ?? ''), 'display: none !important;', `${hidden} is muted all the same`);
  }
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  await eventually(() => isShown(page, '.desktop-only'), 'back when unmuted');
  assert.deepEqual(await readPlaceholders(page), []);
  assert.equal(await isShown(page, '.mobile-only'), false, 'the page\'s own style hides it again');
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { contextual: true, behavioural: true, retargeted: true, generic: true } } }));
  await eventually(async () => (await readPlaceholders(page)).length === 2, 'muted again: the same two placeholders');
  // Reloaded, the slot shown before is held before it paints; the others
  // were never remembered, so they are not held and given a placeholder.
  await page.reload();
  await current().waitForReport(url, 5);
  await eventually(async () => (await readPlaceholders(page)).length === 2, 'after a reload, still two placeholders');
  await page.waitForTimeout(1_000);
  assert.equal((await readPlaceholders(page)).length, 2, 'and no more once the page has settled');
  assert.equal(await isShown(page, '.desktop-only'), false);
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  await page.close();
});

for (const [locale, shop, news, label, sentence] of /** @type {const} */ ([
  ['pl', 'http://sklep.example/produkt/biegacz-gorski-x.html', 'http://gazeta.example/artykul/polmaraton.html', 'Reklama · Chodzi za Tobą',
    /^Oglądałeś\(-aś\) Biegacz Górski X w sklep\.example (przed chwilą|\d+ minut[ay]? temu)$/],
  ['zh-CN', 'http://gouwu.example/shangpin/yueye-paozhe-x.html', 'http://xinwen.example/wenzhang/malasong.html', '广告 · 在跟踪你',
    /^你(刚刚|\d+分钟前)在 gouwu\.example 浏览过 越野跑者X$/],
])) {
  test(`the why card speaks ${locale}`, async () => {
    const session = await startSession({ locale });
    try {
      const product = await session.open(shop);
      await session.waitForReport(shop, 0);
      await product.close();
      const page = await session.open(news);
      await eventually(async () => (await readLabels(page)).some((l) => l.text === label), `the label ${label}`);
      await pressLabel(page, label);
      const card = await readWhyCard(page);
      assert.ok(card);
      assert.match(card.evidence[0], sentence);
      assert.ok(!card.evidence.some((e) => /^[A-Z][a-z]+ [a-z]+ /.test(e) && /\b(the|you|by)\b/.test(e)), `no English left: ${card.evidence.join(' | ')}`);
    } finally {
      await session.close();
    }
  });
}

test('a printed page is the site\'s own: no label, outline, card or placeholder, and the muted items stay out', async () => {
  const { worker, page, options } = await newsWithOptions();
  await options.click('input[name="label-style"][value="outline"]');
  await eventually(async () => (await readLabels(page)).every((l) => l.text === 'i'), 'outline style');
  await options.close();
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { contextual: true }, labelStyle: 'outline' } }));
  await eventually(async () => (await readPlaceholders(page)).length === 2, 'the two contextual widgets muted');
  await pressLabel(page, 'i'); // an outline's corner button
  assert.ok(await readWhyCard(page), 'a card open');
  /**
   * How AdLens's parts and the muted items display for a medium. One
   * DevTools session emulates it and reads: the emulation ends with the
   * session that set it.
   * @param {'screen' | 'print'} media
   */
  const displays = (media) => inClosedRoots(page, (node) => ['badge', 'frame', 'card'].some((c) => hasClass(c)(node)), async (cdp, nodes) => {
    await cdp.send('Emulation.setEmulatedMedia', { media });
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    /** @type {Record<string, string[]>} */
    const shown = { badge: [], frame: [], card: [] };
    for (const node of nodes) {
      const { computedStyle } = /** @type {{ computedStyle: { name: string, value: string }[] }} */ (
        await cdp.send('CSS.getComputedStyleForNode', { nodeId: node.nodeId }));
      const part = ['badge', 'frame', 'card'].find((c) => hasClass(c)(node)) ?? '';
      shown[part].push(computedStyle.find((p) => p.name === 'display')?.value ?? '');
    }
    return {
      ...shown,
      placeholders: await page.$$eval('[data-adlens="placeholder"]', (hosts) => hosts.map((h) => getComputedStyle(h).display)),
      muted: await page.$$eval('[data-adlens-hidden]', (els) => els.map((el) => getComputedStyle(el).display)),
      article: await page.$eval('article', (el) => getComputedStyle(el).display),
    };
  });
  const onScreen = await displays('screen');
  assert.deepEqual(onScreen, {
    badge: ['block', 'block', 'block'], frame: ['block', 'block', 'block'], card: ['block'],
    placeholders: ['block', 'block'], muted: ['none', 'none'], article: 'block',
  });
  assert.deepEqual(await displays('print'), {
    badge: ['none', 'none', 'none'], frame: ['none', 'none', 'none'], card: ['none'],
    placeholders: ['none', 'none'], muted: ['none', 'none'], article: 'block',
  });
  await worker.evaluate(() => chrome.storage.local.remove('settings'));
  await page.close();
});

test('options: outline or no labels, and "forget everything" empties what is stored', async () => {
  const { worker, page, options } = await newsWithOptions();
  await options.click('input[name="label-style"][value="outline"]');
  await eventually(async () => (await readLabels(page)).every((l) => l.text === 'i'), 'outline style: a small corner button');
  // Its hover text says the label, which the button no longer shows, and what the kind means.
  assert.ok((await readLabels(page)).some((l) => l.title === 'Ad · Generic: Not enough evidence for one of the other kinds: AdLens never guesses.'),
    (await readLabels(page)).map((l) => l.title).join(' | '));
  await options.click('input[name="label-style"][value="off"]');
  await eventually(async () => (await readLabels(page)).length === 0, 'no labels');
  await options.click('input[name="label-style"][value="badge"]');
  await eventually(async () => (await readLabels(page)).length === 5, 'labels back');

  assert.equal(await options.$eval('#retention', (s) => /** @type {HTMLSelectElement} */ (s).value), '30', 'kept 30 days by default');
  await options.selectOption('#retention', '7');
  await eventually(async () => {
    const stored = /** @type {{ settings?: { retentionDays: number } }} */ (await worker.evaluate(() => chrome.storage.local.get('settings')));
    return stored.settings?.retentionDays === 7;
  }, 'retention saved');
  options.once('dialog', (dialog) => dialog.accept());
  await options.click('#wipe-all');
  await options.waitForSelector('#wipe-status:not(:empty)');
  assert.deepEqual((await current().readDb('memory', 'interestProfile'))?.sites, {});
  assert.deepEqual((await current().readDb('memory', 'productMemory'))?.products, []);
  assert.deepEqual(await current().readDb('observations'), [], 'every observation, feedback included, is gone');
  assert.deepEqual(await current().readDb('sites'), []);
  await options.close();
  await page.close();
});
