// The thin slice through every layer, in Chromium: content script → engine
// in the service worker → labels in a closed shadow root → popup counts
// (also in a popup left open while its tab changes).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { ARTICLE } from '../harness/kept.mjs';
import { drawnOnTop, hasClass, inClosedRoots, pressLabel, readLabels, readWhyCard, waitForLabels, wordsUnder } from '../harness/labels.mjs';
import { CORNER_KEPT, atItemTop, labelsItem } from '../harness/label-place.mjs';
import { sessionForTests } from '../harness/session.mjs';
import { openTab } from '../harness/site-access.mjs';

const current = sessionForTests();

/** @param {{ text: string }[]} labels */
const texts = (labels) => labels.map((l) => l.text).sort();

test('news article: GPT slots (one added late), an EasyList-only ad, Outbrain and Taboola are labelled on their boxes', async () => {
  const url = 'http://news.example/article/running.html';
  const page = await current().open(url);
  await page.waitForSelector('#div-gpt-ad-1700000000000-1'); // inserted 800 ms after load
  const labels = await waitForLabels(page, 5, 2_000);
  // The running-shoe ad and both widgets' trail-shoe links are about the
  // running article; the city-break and brand ads are about nothing here.
  assert.deepEqual(texts(labels), ['Ad · About this page', 'Ad · Generic', 'Ad · Generic', 'Recommended · About this page', 'Recommended · About this page']);
  await page.waitForSelector('.trc_related_container a');
  const boxes = await page.$$eval('[id^="div-gpt-ad"], .sponsored-post, .OUTBRAIN, #taboola-below-article-thumbnails', (els) =>
    els.map((el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; }));
  assert.equal(boxes.length, 5);
  await page.waitForTimeout(100); // let the overlay follow the layout shift
  const fresh = await readLabels(page);
  for (const box of boxes) {
    const onIt = fresh.filter((l) => labelsItem(l.box, box));
    assert.equal(onIt.length, 1, `one label on the item at ${JSON.stringify(box)}`);
    // The item's top-right corner, where ad networks put their own buttons
    // (the Google creative's "Why this ad?" and close buttons are there),
    // is left to the page.
    for (const x of [box.right - 4, box.right - 16, box.right - CORNER_KEPT + 4]) {
      const corner = await drawnOnTop(page, x, box.top + 7);
      assert.ok(!corner.className.startsWith('badge'), `the corner of the item at ${JSON.stringify(box)} is the page's at ${x}: ${JSON.stringify(corner)}`);
    }
  }
  assert.deepEqual(await wordsUnder(page, fresh), fresh.map(() => null), 'no label hides the page\'s words');
  const { tabId, state } = await current().waitForReport(url, 5);
  assert.deepEqual(await current().popupCounts(tabId), { contextual: 3, behavioural: 0, retargeted: 0, generic: 2 });
  // The features the classifier reads come through the real extension.
  const byNetwork = Object.fromEntries(state.report.items.map((i) => [i.network ?? i.source, i]));
  assert.equal(byNetwork.cosmetic.landingDomain, 'brand.example');
  assert.equal(byNetwork.Google.source, 'marker');
  assert.equal(byNetwork.Taboola.landingDomain, 'shoe-deals.example', 'Taboola redirect decoded');
  // Creatives live in frames: their content is attributed to the slot, both
  // for a creative two frames down (a wrapper frame with a URL holding the
  // creative's frame) and for a script-filled (srcdoc) frame GPT-style.
  /** @type {Record<string, import('../../extension/messages.js').ReportedItem>} */
  let google = {};
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    google = Object.fromEntries((await current().waitForReport(url, 5)).state.report.items
      .filter((i) => i.network === 'Google').map((i) => [String(i.landingDomain), i]));
    if (google['travel.example'] && google['shop.example']) break;
  }
  assert.deepEqual(Object.keys(google).sort(), ['shop.example', 'travel.example']);
  assert.match(google['shop.example'].text, /Trail Runner X/);
  assert.deepEqual(google['shop.example'].frames, [
    'http://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html',
    'http://tpc.googlesyndication.com/safeframe/1-0-40/html/creative.html',
  ]);
  assert.deepEqual(google['travel.example'].frames, ['about:srcdoc']);
  await page.close();
});

test('shop product page: item-to-item widget is contextual, "recently viewed" is retargeted', async () => {
  const url = 'http://shop.example/product/trail-runner-x.html';
  const page = await current().open(url);
  const labels = await waitForLabels(page, 2);
  assert.deepEqual(texts(labels), ['Recommended · About this page', 'Recommended · Following you']);
  assert.deepEqual(labels.map((l) => l.kind).sort(), ['contextual', 'retargeted']);
  assert.deepEqual(labels.map((l) => [l.text, l.title]).sort(), [
    ['Recommended · About this page', 'Chosen because of the page you are reading.'],
    ['Recommended · Following you', 'A product or shop you looked at before, following you around.'],
  ], 'each label says on hover what its kind means');
  const { tabId } = await current().waitForReport(url, 2);
  assert.deepEqual(await current().popupCounts(tabId), { contextual: 1, behavioural: 0, retargeted: 1, generic: 0 });
  const badge = await (await current().browser.worker()).evaluate((id) => chrome.action.getBadgeText({ tabId: id }), tabId);
  assert.equal(badge, '1', 'toolbar badge counts the one personalised item');
  const title = await (await current().browser.worker()).evaluate((id) => chrome.action.getTitle({ tabId: id }), tabId);
  assert.equal(title, 'AdLens: ads and widgets on this page: 2, chosen for you: 1', 'the button says what its badge counts');
  await page.close();
});

// In this order: before shop.example's home page this session has read two
// topical pages (the running article, the running shoe), enough for a
// profile, so its "Recommended for you" can have been picked for you.
for (const [url, expected] of /** @type {const} */ ([
  ['http://shop.example/', ['behavioural', 'generic']],
  ['http://sklep.example/', ['behavioural', 'retargeted']],
  ['http://gouwu.example/', ['behavioural', 'contextual']],
])) {
  test(`${url}: widgets are found by their heading (${expected.join(', ')})`, async () => {
    const page = await current().open(url);
    const labels = await waitForLabels(page, expected.length);
    assert.deepEqual(labels.map((l) => l.kind).sort(), expected);
    const { state } = await current().waitForReport(url, expected.length);
    const forYou = state.report.items.find((i) => i.label?.hint === 'behavioural');
    assert.ok(forYou, 'a "for you" widget');
    const types = forYou.verdict.evidence.map((e) => e.type);
    assert.equal(types.includes('no_profile_yet'), forYou.verdict.kind === 'generic', types.join(', '));
    // Ordinary sections ("Nowości w sklepie", "店铺公告") are not labelled.
    await page.waitForTimeout(400);
    assert.equal((await readLabels(page)).length, expected.length);
    await page.close();
  });
}

test('pages keep working: their own scripts run and no page error is raised', async () => {
  const page = await current().open('http://news.example/article/running.html');
  await waitForLabels(page, 5);
  assert.equal(await page.evaluate(() => /** @type {any} */ (window).pageScriptRan), true);
  assert.deepEqual(current().pageErrors, []);
  await page.close();
});

for (const url of ['http://shop.example/search/', 'http://sklep.example/szukaj/', 'http://gouwu.example/search/']) {
  test(`${url}: the sponsored product tile is labelled as an ad, the shop's own tiles are not`, async () => {
    const page = await current().open(url);
    const labels = await waitForLabels(page, 1);
    await page.waitForTimeout(400);
    // The sponsored tile sells what was searched for.
    assert.deepEqual((await readLabels(page)).map((l) => l.text), ['Ad · About this page']);
    const tile = await page.$eval('li', (li) => { const r = li.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; });
    const box = labels[0].box;
    assert.ok(labelsItem(box, tile), 'on the first tile');
    await page.close();
  });
}

test('tiles marked only by the words "Sponsored" or "Advertisement" are labelled as ads; the word in a sentence is not', async () => {
  const url = 'http://shop.example/deals/';
  const page = await current().open(url);
  await waitForLabels(page, 2);
  await page.waitForTimeout(400);
  const { state } = await current().waitForReport(url, 2);
  assert.deepEqual(state.report.items.map((i) => [i.elementId, i.itemType, i.label?.phrase]),
    [['deal-1', 'ad', 'sponsored'], ['deal-3', 'ad', 'advertisement']]);
  assert.equal((await readLabels(page)).length, 2);
  await page.close();
});

test('labels stay on items that do not scroll with the page: a fixed and a sticky ad, a tile in a row scrolled sideways', async () => {
  const page = await current().open('http://news.example/article/sticky-ads.html');
  const ids = ['div-gpt-ad-1700000000000-8', 'div-gpt-ad-1700000000000-9', 'sponsored-tile'];
  /** The items without a label just above their top-right corner (ending at the item's right edge). */
  const unlabelled = async () => {
    const labels = await readLabels(page);
    const items = await page.$$eval(ids.map((id) => `#${id}`).join(','), (els) =>
      els.map((el) => ({ id: el.id, top: el.getBoundingClientRect().top, right: el.getBoundingClientRect().right })));
    assert.equal(items.length, 3);
    return items.filter((item) => !labels.some((l) => l.box !== null
      && atItemTop(l.box.y, item.top) && l.box.x < item.right && l.box.x > item.right - 200)).map((item) => item.id);
  };
  /** @param {string} what */
  const everyItemLabelled = (what) => eventually(async () => (await unlabelled()).length === 0, what);
  await eventually(async () => (await readLabels(page)).length === 3, 'three labels');
  await everyItemLabelled('labels on their items');

  // A first scroll, at whose end AdLens finds the items that do not scroll
  // with the page. From then on, while the page scrolls, frame by frame (a
  // scroll gesture as a mouse wheel's, 1,200 px at 1,200 px/s: a headless
  // wheel scrolls at once), the fixed ad's label stays on it all along, not
  // only once the scroll ends.
  await page.evaluate(() => window.scrollTo(0, 100));
  await everyItemLabelled('labels on their items after a first scroll');
  const anchorTop = await page.$eval('#div-gpt-ad-1700000000000-9', (el) => el.getBoundingClientRect().top);
  /** @type {[number, number][]} the page's scroll and the fixed ad's label, through the scroll */
  const frames = await inClosedRoots(page, hasClass('badge'), async (cdp, nodes) => {
    const labelY = async (/** @type {number} */ nodeId) =>
      /** @type {{ model: { content: number[] } }} */ (await cdp.send('DOM.getBoxModel', { nodeId })).model.content[1];
    const anchor = nodes[(await Promise.all(nodes.map((n) => labelY(n.nodeId)))).findIndex((y) => y > 700)];
    assert.ok(anchor, 'the fixed ad\'s label');
    const gesture = await page.context().newCDPSession(page);
    let scrolling = true;
    const scrolled = gesture.send('Input.synthesizeScrollGesture', { x: 400, y: 400, yDistance: -1200, speed: 1200, gestureSourceType: 'mouse' })
      .finally(() => { scrolling = false; });
    /** @type {[number, number][]} */
    const seen = [];
    while (scrolling) {
      seen.push([await page.evaluate(() => window.scrollY), await labelY(anchor.nodeId)]);
      await page.waitForTimeout(20);
    }
    await scrolled;
    await gesture.detach();
    return seen;
  });
  const midway = frames.filter(([scrollY]) => scrollY > 100 && scrollY < 1300);
  assert.ok(midway.length >= 5, `seen while scrolling: ${JSON.stringify(frames)}`);
  assert.deepEqual(midway.filter(([, y]) => Math.abs(y - (anchorTop + 3)) > 40), [], 'the label stayed on the fixed ad');

  await page.evaluate(() => window.scrollTo(0, 1200));
  await everyItemLabelled('the fixed and the sticky ad keep their labels after the page scrolled (the tile scrolled away with its label)');
  await page.evaluate(() => window.scrollTo(0, 300));
  await everyItemLabelled('and after it scrolled back');
  await page.evaluate(() => { /** @type {HTMLElement} */ (document.getElementById('deal-row')).scrollLeft = 300; });
  await everyItemLabelled('the tile keeps its label in its row scrolled sideways');
  await page.close();
});

test('a heading labels its own module, not the side column around it; words alone say links are paid for', async () => {
  const url = 'http://news.example/article/side-column.html';
  const page = await current().open(url);
  const labels = await waitForLabels(page, 3, 5_000);
  // The module's heading says nothing of how it picks: its trail stories, on
  // a trail article, make it about this page.
  assert.deepEqual(texts(labels), ['Ad · About this page', 'Ad · Generic', 'Recommended · About this page']);
  const { state } = await current().waitForReport(url, 3);
  /** @param {string} phrase */
  const labelled = (phrase) => state.report.items.find((i) => i.label?.phrase === phrase);
  assert.equal(labelled('you may also like')?.elementId, 'more-module', 'the module under "You may also like", not the column');
  assert.equal(labelled('sponsored links')?.itemType, 'ad');
  assert.match(labelled('sponsored links')?.text ?? '', /^Sponsored links Brand Example: waterproof map cases/, 'the links\' block, not the story');
  // Each label on its own item: the column's ad is not inside the module's item.
  const boxes = await page.$$eval('#more-module, #div-gpt-ad-1700000000000-30, .partner-links', (els) =>
    els.map((el) => { const r = el.getBoundingClientRect(); return { left: r.left, top: r.top, right: r.right, bottom: r.bottom }; }));
  assert.equal(boxes.length, 3);
  for (const box of boxes) {
    const onIt = labels.filter((l) => labelsItem(l.box, box));
    assert.equal(onIt.length, 1, `one label on the item at ${JSON.stringify(box)}`);
  }
  // The why card quotes the heading as the page writes it, not the
  // lexicon's lower-case phrase.
  await pressLabel(page, 'Recommended · About this page');
  const card = await readWhyCard(page);
  assert.ok(card?.evidence.includes('The section is headed “You may also like”'), card?.evidence.join(' | '));
  await page.close();
});

test('the why card opens under its label, or above it when the window has no room below', async () => {
  const page = await current().open('http://news.example/article/running.html');
  await waitForLabels(page, 5, 2_000);
  const label = 'Ad · Generic';
  /** The first label so named (the one `pressLabel` presses) and the open card, if any: their boxes in the viewport. */
  const boxes = () => inClosedRoots(page, (n) => hasClass('badge')(n) || hasClass('card')(n), async (cdp, nodes) => {
    /** @param {number} nodeId */
    const box = async (nodeId) => {
      const { model } = /** @type {{ model: { border: number[] } }} */ (await cdp.send('DOM.getBoxModel', { nodeId }));
      return { top: model.border[1], bottom: model.border[5] };
    };
    const badge = nodes.find((n) => hasClass('badge')(n) && (n.children ?? []).some((c) => c.nodeValue === label));
    const card = nodes.find(hasClass('card'));
    assert.ok(badge, `a label "${label}"`);
    return { badge: await box(badge.nodeId), card: card ? await box(card.nodeId) : null };
  });
  const labelY = (await boxes()).badge.top + await page.evaluate(() => window.scrollY);
  const viewHeight = await page.evaluate(() => window.innerHeight);
  // The label near the top of the window: the card under it.
  await page.evaluate((y) => window.scrollTo(0, y - 100), labelY);
  await page.waitForTimeout(100); // the overlay follows the scroll in the next frame
  await pressLabel(page, label);
  await eventually(async () => (await readWhyCard(page)) !== null, 'the card opens');
  const high = await boxes();
  assert.ok(high.card && high.card.top >= high.badge.bottom && high.card.bottom <= viewHeight, `under its label: ${JSON.stringify(high)}`);
  await page.keyboard.press('Escape');
  // A window too short for the card under the label (the page cannot
  // scroll the label that far down): the card above it, all of it in the window.
  const size = page.viewportSize();
  assert.ok(size);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: size.width, height: Math.round(labelY + 80) });
  await page.waitForTimeout(200); // the overlay follows the resize in the next frame
  await pressLabel(page, label);
  await eventually(async () => (await readWhyCard(page)) !== null, 'the card opens again');
  const low = await boxes();
  assert.ok(low.badge.bottom <= labelY + 80, `the label is still in the window: ${JSON.stringify(low)}`);
  assert.ok(low.card && low.card.bottom <= low.badge.top && low.card.top >= 0, `above its label: ${JSON.stringify(low)}`);
  await page.setViewportSize(size);
  await page.close();
});

test('a label hides none of its item\'s words: at a text ad\'s bottom right, past its headline; on a block\'s top, left of its "Sponsored Links by Taboola"; far down the page, once scrolled to', async () => {
  const url = 'http://news.example/article/text-ads.html';
  const page = await current().open(url);
  await current().waitForReport(url, 3);
  await eventually(async () => (await readLabels(page)).filter((l) => l.edges).length === 3, 'three labels placed');
  /** @param {string} selector */
  const boxOf = (selector) => page.$eval(selector, (el) => el.getBoundingClientRect().toJSON());
  /** The label drawn inside a box (its border's edges within it). @param {import('../harness/labels.mjs').Label[]} labels @param {DOMRect} box */
  const labelIn = (labels, box) => {
    const inside = labels.filter(({ edges: e }) => e && e.left >= box.left && e.right <= box.right && e.top >= box.top && e.bottom <= box.bottom + 1);
    assert.equal(inside.length, 1, `one label inside ${JSON.stringify(box)}: ${JSON.stringify(labels)}`);
    return /** @type {import('../harness/labels.mjs').Edges} */ (inside[0].edges);
  };
  const labels = await readLabels(page);
  const ad = await boxOf('#text-ad-top');
  assert.ok(labelIn(labels, ad).top > ad.top + ad.height / 2, 'the text ad\'s label is in its lower half');
  const block = await boxOf('#taboola-below-article-thumbnails');
  const byTaboola = await boxOf('.trc_header_right_part');
  const onBlock = labelIn(labels, block);
  assert.ok(onBlock.top < byTaboola.bottom && onBlock.right <= byTaboola.left, 'the block\'s label is on its header, left of its sponsor line');
  const words = await wordsUnder(page, labels);
  assert.equal(words.filter((w) => w !== null).length <= 1, true, `only the far ad's label may hide words yet: ${JSON.stringify(words)}`);
  await page.$eval('#text-ad-far', (el) => el.scrollIntoView({ block: 'center' }));
  await eventually(async () => (await wordsUnder(page, await readLabels(page))).every((w) => w === null),
    'scrolled to, the far ad\'s label is moved off its headline too');
  labelIn(await readLabels(page), await boxOf('#text-ad-far'));
  await page.close();
});

test('a page with nothing found is left as it was: no overlay is added', async () => {
  const url = 'http://news.example/fresh.html';
  const page = await current().open(url);
  const found = await current().waitForReport(url, 0);
  for (let i = 0; !(found.state.scans?.length) && i < 50; i++) {
    await page.waitForTimeout(100);
    Object.assign(found, await current().tabStateFor(url));
  }
  assert.ok(found.state.scans.length >= 1, 'the page was scanned');
  assert.equal(found.state.report.items.length, 0);
  assert.deepEqual(await page.evaluate(() => [...document.documentElement.children].map((el) => el.localName)), ['head', 'body']);
  await page.close();
});

test('a popup left open follows its tab: opened on a blank tab, it fills in when the tab shows an article', async () => {
  const { page, tabId } = await openTab(current(), 'about:blank');
  const popup = await current().openFor(tabId);
  /** What the popup shows: its note on access, the counts (when shown) and whether the site's switches show. */
  const shown = () => popup.evaluate(() => {
    const visible = (/** @type {string} */ id) => !(/** @type {HTMLElement} */ (document.getElementById(id)).hidden);
    return {
      note: visible('access') ? document.getElementById('access-note')?.textContent : null,
      items: visible('counts') ? [...document.querySelectorAll('#counts .count')].reduce((n, c) => n + Number(c.textContent), 0) : null,
      switches: visible('site-controls'),
    };
  });
  assert.deepEqual(await shown(), { note: 'AdLens cannot run on this page: browsers keep extensions out of their own pages.', items: null, switches: false });
  await page.goto(ARTICLE);
  await eventually(async () => (await shown()).items === 5, 'the popup counting the article\'s 5 items', 10_000);
  assert.deepEqual(await shown(), { note: null, items: 5, switches: true });
  await Promise.all([popup.close(), page.close()]);
});
