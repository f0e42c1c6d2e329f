// Rescans read only what changed (extension/content/page-changes.js,
// page-reading.js, live-query.js): on a real DOM in Chromium, with the
// engine as built, a rescan after every kind of change a page makes must
// send the engine exactly what reading the whole page again sends; and in
// the extension, a page changed after load ends up with the items a fresh
// load of the same page finds.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtEngine, bundled } from '../harness/content-modules.mjs';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const { engine, plan } = await builtEngine();
const URL_ = 'http://news.example/fresh.html';

const readingScript = await bundled(
  `export { PageReading } from './page-reading.js'; export { PageChanges } from './page-changes.js';`, 'adlensReading');

const PAGE = `
  <main>
    <h1>Trail running in the Alps</h1>
    <p>A long story about running shoes, mountains and the weather up there.</p>
    <section class="recs"><h2 id="rec-h">Recommended for you</h2>
      <ul><li><a href="/p/1"><img src="/i/1.jpg" alt="">Shoe one</a></li></ul></section>
    <div id="div-gpt-ad-1-0"><a href="https://ad.example/click?adurl=https://brand.example/"><img src="https://cdn.example/a.jpg" alt=""></a></div>
    <ul class="tiles">
      <li id="tile-a"><a href="/t/a">Tile A</a></li>
      <li id="tile-b"><a href="/t/b">Tile B</a><span id="sp">Sponsored</span></li>
      <li id="tile-d"><a href="/t/d">Tile D</a><p>Note: <span id="pd">Sponsored</span></p></li>
    </ul>
    <div id="to-move"><div id="moved-ad" class="ad-banner" data-google-query-id="q1"><a href="https://x.example/">Banner X</a></div>
      <p>Note: <span id="detached-label" class="sponsor-note">Sponsored</span></p></div>
    <div id="spare"></div>
    <div id="was-plain">Plain offer <a href="/o">Go</a></div>
    <div id="was-ad" class="ad-banner">Old banner</div>
    <div id="renamed">A box that becomes a slot</div>
    <div id="holder"><div id="inner-ad" class="ad-banner" data-google-query-id="q2"><a href="https://y.example/">Inner</a></div></div>
    <div id="holder-2" class="late-banner"><div id="inner-ad-2" class="ad-banner"><a href="https://z.example/">Inner 2</a></div></div>
    <div id="holder-3"><div id="inner-ad-3" class="ad-banner"><a href="https://w.example/">Inner 3</a></div></div>
    <div id="holder-4" class="ad-banner"><div id="middle-4"><div id="div-gpt-ad-4-0"><a href="https://v.example/">Inner 4</a></div></div></div>
  </main>
  <aside id="side"></aside>`;

/** The filter lists' selectors the engine would give (this engine has no lists loaded). */
const LIST_SELECTORS = ['.ad-banner', '.late-banner'];

/**
 * One scan as content.js runs it, through the same PageReading: the first
 * task's pieces, the engine's answers, then the candidates.
 * @param {import('playwright-core').Page} page
 * @param {string} which the PageReading to use (`window.adlensTest[which]`)
 * @param {boolean} whole read the whole page, not only what changed
 */
async function scan(page, which, whole) {
  const asked = await page.evaluate(({ name, all }) => {
    const t = /** @type {any} */ (window).adlensTest;
    const taken = t.changes.take(location.href);
    const since = all || taken.whole ? null : taken;
    const reading = t[name];
    const classes = reading.classes(since);
    const headings = reading.headings(classes.labels, since);
    t.pending = { since, headings, markerWords: reading.markerWords(since), productHints: reading.product(since) };
    return {
      classAttributes: [...classes.classAttributes],
      ids: [...classes.ids],
      complete: classes.complete,
      texts: [...headings.values()].map((h) => h.text).filter((text) => text !== null),
      incremental: since !== null,
    };
  }, { name: which, all: whole });
  const answer = engine.classIdAnswer(URL_, asked.classAttributes, asked.ids, asked.complete);
  answer.selectors = [...answer.selectors, ...LIST_SELECTORS];
  const labels = [...engine.labelIndices(asked.texts)].map((i) => asked.texts[i]);
  const snapshot = await page.evaluate(([name, engineAnswer, labelTexts]) => {
    const t = /** @type {any} */ (window).adlensTest;
    const { since, headings, markerWords, productHints } = t.pending;
    return t[name].snapshot(engineAnswer, { texts: { headings, labels: new Set(labelTexts) }, markerWords, productHints }, since);
  }, [which, answer, labels]);
  return { snapshot, incremental: asked.incremental, classAttributes: asked.classAttributes };
}

test('a rescan reading only what changed sends the engine what reading the whole page sends, after every kind of change', async () => {
  const page = await current().browser.context.newPage();
  await page.goto(URL_);
  await page.addScriptTag({ content: readingScript });
  await page.evaluate(([html, scanPlan]) => {
    document.body.innerHTML = html;
    const { PageReading, PageChanges } = /** @type {any} */ (window).adlensReading;
    const changes = new PageChanges(() => false);
    new MutationObserver((records) => changes.record(records)).observe(document.documentElement, PageChanges.watching(scanPlan.attributes));
    /** @type {any} */ (window).adlensTest = { changes, rescanned: new PageReading(document, scanPlan) };
  }, [PAGE, plan]);
  const first = await scan(page, 'rescanned', false);
  assert.equal(first.incremental, false, 'the first scan reads the whole page');

  // A node moved out of the page and changed there: no record says what changed.
  await page.evaluate(() => {
    const t = /** @type {any} */ (window).adlensTest;
    t.moved = document.getElementById('to-move');
    t.moved.remove();
  });
  await page.evaluate(() => {
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
    const moved = /** @type {HTMLElement} */ (/** @type {any} */ (window).adlensTest.moved);
    /** @type {HTMLElement} */ (moved.querySelector('a')).textContent = 'Banner Y';
    /** @type {HTMLElement} */ (moved.querySelector('#detached-label')).className = '';
    $('side').append(moved);
    // A late slot, and an element given a class the lists hide.
    $('spare').insertAdjacentHTML('beforeend',
      '<div id="div-gpt-ad-2-0"><a href="https://ad.example/click?adurl=https://shoes.example/">Shoes</a></div><div id="late">Late offer</div>');
    $('late').className = 'late-banner';
    // Existing elements given, or losing, a class the lists hide, or a slot's id;
    // one of them now holds a candidate (the moved banner), which is nested from now on.
    $('was-plain').className = 'late-banner';
    $('was-ad').className = '';
    $('renamed').id = 'div-gpt-ad-3-0';
    $('side').classList.add('late-banner');
    // A candidate that nothing changed in, now inside another; and one no longer inside one.
    // One the lists picked, inside another they picked, is not sent (holders.js,
    // reportedHolders): one comes to be inside such a one, one stops being.
    $('holder').className = 'late-banner';
    $('holder-2').className = '';
    $('holder-3').className = 'late-banner';
    // A nested candidate nothing changed in, whose closest holder is now
    // another candidate, closer: it is sent inside that one.
    $('middle-4').id = 'div-gpt-ad-5-0';
    // A heading's text changed in place, and a new heading before all the others.
    /** @type {Text} */ ($('rec-h').firstChild).data = 'Inspired by your browsing history';
    document.querySelector('main')?.prepend(Object.assign(document.createElement('h2'), { textContent: 'Before everything' }));
    // An image changed inside a slot; a tile gone; a marker word gone, another come.
    /** @type {HTMLImageElement} */ (document.querySelector('#div-gpt-ad-1-0 img')).src = 'https://cdn.example/a2.jpg';
    $('tile-a').remove();
    /** @type {Text} */ ($('sp').firstChild).data = 'Spotlight';
    document.querySelector('.tiles')?.insertAdjacentHTML('beforeend', '<li id="tile-c"><a href="/t/c">Tile C</a><span>Anzeige</span></li>');
    // A class naming a sponsor given to an existing element (its word alone
    // is not a marker: it has text beside it); a product's JSON-LD added.
    $('pd').className = 'sponsor-tag';
    document.body.append(Object.assign(document.createElement('script'),
      { type: 'application/ld+json', textContent: '{"@type": "Product", "name": "Trail Runner X"}' }));
  });
  const rescanned = await scan(page, 'rescanned', false);
  assert.equal(rescanned.incremental, true, 'the rescan read only what changed');

  await page.evaluate((scanPlan) => {
    const t = /** @type {any} */ (window).adlensTest;
    t.whole = new t.rescanned.constructor(document, scanPlan);
    t.whole.keys = t.rescanned.keys; // the same handles, so the snapshots compare
  }, plan);
  const whole = await scan(page, 'whole', true);
  // The same snapshot, but for the candidates' order: the names the engine
  // is asked about come in the order first seen, and it names the marked
  // ones in that order.
  /** @param {any} snap */
  const byKey = (snap) => ({ ...snap, candidates: [...snap.candidates].sort((a, b) => a.key - b.key) });
  assert.deepEqual(byKey(rescanned.snapshot), byKey(whole.snapshot));
  // Not two empty answers: the changes are in both.
  const { snapshot } = rescanned;
  const ids = snapshot.candidates.map((/** @type {any} */ c) => c.id);
  assert.ok(ids.includes('div-gpt-ad-2-0') && ids.includes('late'), 'the late slot and the newly hidden element are candidates');
  assert.ok(!ids.includes('tile-a') && !ids.includes('was-ad'), 'the tile removed and the element no longer hidden are not');
  assert.ok(ids.includes('was-plain') && ids.includes('div-gpt-ad-3-0') && ids.includes('side'), 'the elements given a hidden class or a slot id are');
  const byId = Object.fromEntries(snapshot.candidates.map((/** @type {any} */ c) => [c.id, c]));
  assert.deepEqual(byId['div-gpt-ad-1-0'].images, ['https://cdn.example/a2.jpg']);
  assert.deepEqual(snapshot.candidates.filter((/** @type {any} */ c) => c.source === 'heading').map((/** @type {any} */ c) => c.heading).sort(),
    ['Anzeige', 'Inspired by your browsing history', 'Sponsored']);
  assert.equal(byId['tile-d']?.heading, 'Sponsored', 'the tile whose label was given a sponsor class');
  assert.match(byId.side.text, /^Banner Y /, 'the moved banner is read again (its text changed while out of the page)');
  assert.ok(!snapshot.candidates.some((/** @type {any} */ c) => c.heading === 'Sponsored' && c.tag === 'p'),
    'a label whose sponsor class went while it was out of the page no longer counts');
  assert.equal(byId['moved-ad'].parent, byId.side.key, 'the moved banner is inside a candidate now');
  assert.equal(byId['inner-ad'].parent, byId.holder.key);
  assert.equal(byId['inner-ad'].text, undefined, 'inside another candidate, only its markers are sent');
  assert.equal(byId['inner-ad-2'].text, 'Inner 2', 'no longer inside one, it is described whole');
  assert.ok(!ids.includes('inner-ad-3') && ids.includes('holder-3'), 'inside one the lists picked, one they picked is not sent');
  assert.equal(snapshot.headings[0], 'Before everything');
  assert.deepEqual(snapshot.productHints.jsonLd, ['{"@type": "Product", "name": "Trail Runner X"}']);
  // Names seen once are still asked about (harmless); every name now there is.
  for (const name of whole.classAttributes) assert.ok(rescanned.classAttributes.includes(name), name);
  await page.close();
});

/** A shop page without scripts of its own: what it becomes is what the test does to it. */
const SHOP = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Trail shoes — Shop Example</title></head><body>
  <main>
    <h1>Trail shoes</h1>
    <p>Grippy soles for muddy mountain paths, light uppers, and a rock plate.</p>
    <section class="recs"><h2 id="rec-h">Customers also bought</h2>
      <ul><li><a href="/p/socks">Wool socks</a></li><li><a href="/p/gaiters">Gaiters</a></li></ul></section>
    <div id="div-gpt-ad-100-0"><a href="https://adclick.g.doubleclick.net/aclk?adurl=https://brand.example/"><img src="/i/brand.jpg" alt=""></a></div>
    <ul class="tiles"><li id="tile-a"><a href="/p/a">Shoe A</a></li><li id="tile-b"><a href="/p/b">Shoe B</a></li></ul>
    <div id="feed"></div>
  </main></body></html>`;

/**
 * What the engine found on a page, as comparable facts (the verdicts
 * depend on the browsing before, which differs between two loads).
 * @param {import('../../extension/messages.js').ReportedItem[]} items
 */
const found = (items) => items
  .map((i) => JSON.stringify([i.elementId, i.itemType, i.source, i.vendor, i.network, i.text, i.landingDomain, i.images]))
  .sort();

test('in the extension, a page changed after it loaded ends up with the items a fresh load of it finds', async () => {
  const session = current();
  const url = 'http://shop.example/rescan/live.html';
  session.server.overrides.set(url, { status: 200, body: SHOP });
  const page = await session.open(url);
  await session.waitForReport(url, 1);
  // The page is watched from the first scan on: even the first rescan reads
  // only what changed.
  await page.evaluate(() => document.getElementById('feed')?.insertAdjacentHTML('beforeend',
    '<div id="div-gpt-ad-100-2"><a href="https://adclick.g.doubleclick.net/aclk?adurl=https://early.example/">Early</a></div>'));
  await session.waitForReport(url, 2);
  // Each scan's timing comes once its labels are placed.
  let scans = /** @type {import('../../extension/messages.js').ScanTiming[]} */ ([]);
  for (const deadline = Date.now() + 5_000; scans.length < 2 && Date.now() < deadline;) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    scans = (await session.tabStateFor(url))?.state.scans ?? [];
  }
  assert.deepEqual(scans.slice(0, 2).map((s) => s.whole), [true, false], 'the first scan read the whole page, the first rescan what changed');
  await page.evaluate(() => {
    const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
    /** @type {Text} */ ($('rec-h').firstChild).data = 'Recommended for you';
    $('tile-a').remove();
    $('feed').insertAdjacentHTML('beforeend', '<div id="div-gpt-ad-100-1"><a href="https://adclick.g.doubleclick.net/aclk?adurl=https://shoes.example/">Shoes</a></div>'
      + '<div class="sponsored-post"><a href="https://banner.example/">Banner</a></div>');
    document.querySelector('.tiles')?.insertAdjacentHTML('beforeend', '<li id="tile-c"><a href="/p/c">Shoe C</a><span>Sponsored</span></li>');
    /** @type {HTMLImageElement} */ (document.querySelector('#div-gpt-ad-100-0 img')).src = '/i/brand-2.jpg';
  });
  const changedHtml = await page.evaluate(() => `<!doctype html>${document.documentElement.outerHTML}`);
  const copy = 'http://shop.example/rescan/copy.html';
  session.server.overrides.set(copy, { status: 200, body: changedHtml });
  const fresh = await session.open(copy);
  const expected = found((await session.waitForReport(copy, 6)).state.report.items);
  assert.equal(expected.length, 6, 'the changed page has six items: the three slots, the banner, the widget and the sponsored tile');
  // The first page is rescanned after 250 ms of quiet.
  const deadline = Date.now() + 5_000;
  let seen = /** @type {string[]} */ ([]);
  while (Date.now() < deadline) {
    seen = found((await session.tabStateFor(url))?.state.report.items ?? []);
    if (JSON.stringify(seen) === JSON.stringify(expected)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  assert.deepEqual(seen, expected);
  await Promise.all([page.close(), fresh.close()]);
});

test('a rescan after the service worker was stopped sends the whole page again: its report and labels have every item', async () => {
  const session = current();
  const url = 'http://shop.example/rescan/restarted.html';
  session.server.overrides.set(url, { status: 200, body: SHOP });
  const page = await session.open(url);
  const { state: first } = await session.waitForReport(url, 1);
  const before = first.report.items.map((i) => i.elementId);
  await waitForLabels(page, before.length);
  // A stopped worker forgets the page's last snapshot: the page's next
  // update cannot be applied, and the page sends its whole snapshot again.
  await session.stopServiceWorker();
  await page.evaluate(() => document.getElementById('feed')?.insertAdjacentHTML('beforeend',
    '<div id="div-gpt-ad-300-1"><a href="https://adclick.g.doubleclick.net/aclk?adurl=https://late.example/">Late</a></div>'));
  const { state } = await session.waitForReport(url, before.length + 1);
  const after = state.report.items.map((i) => [i.elementId, i.landingDomain]);
  assert.ok(after.some(([id, domain]) => id === 'div-gpt-ad-300-1' && domain === 'late.example'), JSON.stringify(after));
  for (const id of before) assert.ok(after.some(([seen]) => seen === id), `${id} is still reported`);
  assert.equal((await waitForLabels(page, before.length + 1)).length, before.length + 1, 'every item labelled');
  await page.close();
});

test('past 1,000 changes, or at another address (not another fragment), the next scan reads the whole page; a single-page app’s next address gets its own items', async () => {
  const page = await current().browser.context.newPage();
  await page.goto(URL_);
  await page.addScriptTag({ content: readingScript });
  const whole = await page.evaluate(async () => {
    const { PageChanges } = /** @type {any} */ (window).adlensReading;
    const changes = new PageChanges(() => false);
    new MutationObserver((records) => changes.record(records)).observe(document.documentElement, PageChanges.watching([]));
    const first = changes.take(location.href).whole;
    const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
    for (let i = 0; i < 10; i++) document.body.append(document.createElement('p'));
    await settle();
    const few = changes.take(location.href);
    for (let i = 0; i < 1_001; i++) document.body.append(document.createElement('p'));
    await settle();
    const many = changes.take(location.href).whole;
    document.body.append(document.createElement('p'));
    await settle();
    const anchor = changes.take(`${location.href}#part-2`).whole;
    const elsewhere = changes.take(`${location.origin}/next`).whole;
    return { first, few: [few.whole, few.added.length], many, anchor, elsewhere };
  });
  assert.deepEqual(whole, { first: true, few: [false, 10], many: true, anchor: false, elsewhere: true });
  await page.close();

  // A single-page app moving to another address: the scan there finds that page's items.
  const session = current();
  const url = 'http://shop.example/rescan/app.html';
  session.server.overrides.set(url, { status: 200, body: SHOP });
  const app = await session.open(url);
  await session.waitForReport(url, 1);
  const next = 'http://shop.example/rescan/app-next.html';
  await app.evaluate((address) => {
    history.pushState({}, '', address);
    /** @type {HTMLElement} */ (document.querySelector('main')).innerHTML = '<h1>Socks</h1><p>Warm wool socks.</p>'
      + '<div id="div-gpt-ad-200-0"><a href="https://adclick.g.doubleclick.net/aclk?adurl=https://socks.example/">Socks</a></div>';
  }, next);
  const { state } = await session.waitForReport(next, 1);
  assert.deepEqual(state.report.items.map((i) => [i.elementId, i.landingDomain]), [['div-gpt-ad-200-0', 'socks.example']]);
  await app.close();
});

test('a jump within the page with nothing in it changing (a fragment, replaceState, pushState, back): the background knows the page after each', async () => {
  // Chromium counts each jump as the tab loading again, and at another
  // address the background forgets the tab's page: only a rescan tells it
  // the page again (the fragment's, which it keeps, is checked all the same).
  const session = current();
  const shop = 'http://shop.example/product/trail-runner-x.html';
  const page = await session.open(shop);
  await waitForLabels(page, 2);
  await session.waitForReport(shop, 2);
  for (const [jump, url] of /** @type {[(url: string) => void, string][]} */ ([
    [(url) => { location.hash = new URL(url).hash; }, `${shop}#reviews`],
    [(url) => history.replaceState({}, '', url), `${shop}?utm_source=newsletter`],
    [(url) => history.pushState({}, '', url), 'http://shop.example/product/trail-runner-x-red.html'],
    [() => history.back(), `${shop}?utm_source=newsletter`],
  ])) {
    await page.evaluate(jump, url);
    const { state } = await session.waitForReport(url, 2, 5_000);
    assert.equal(state.report.items.length, 2, `the page's two items known at ${url}`);
  }
  await page.close();
});
