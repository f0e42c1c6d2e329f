// The content script’s page reading (extension/content/page-classes.js, scan.js), on a real
// DOM in Chromium, with the engine as built: what one pass over the page's
// classes and ids reads, what the engine says about them, and the marked
// elements found by the names it gives, case by case.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtEngine, bundled as bundledExports } from '../harness/content-modules.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const { engine, plan } = await builtEngine();

/**
 * A content-script module as one script that sets `window[globalName]`.
 * @param {string} module path under extension/content/
 * @param {string} globalName
 */
const bundled = (module, globalName) => bundledExports(`export * from './${module}';`, globalName);

const scanScript = await bundled('page-classes.js', 'adlensScan');

const PAGE = `
  <div id="div-gpt-ad-123-0" data-expect="marker"></div>
  <div id="my-div-gpt-ad" data-expect="none"></div>
  <ins class="adsbygoogle" data-expect="marker"></ins>
  <div class="adsbygoogle" data-expect="none"></div>
  <div class="wrap trc_related_container" data-expect="marker"></div>
  <div class="wrap xtrc_related" data-expect="none"></div>
  <div class="wrap	trc_after_a_tab" data-expect="marker"></div>
  <section class="zerg-row" data-expect="marker"></section>
  <div class="OUTBRAIN" data-expect="marker"></div>
  <div class="OUTBRAINS" data-expect="none"></div>
  <div class="ob-widget  ob-grid" data-expect="marker"></div>
  <div class="first
    OUTBRAIN" data-expect="marker"></div>
  <div class="ob-widgetx OUTBRAIN-like" data-expect="none"></div>
  <div id="crt-1" class="OUTBRAIN" data-expect="marker"></div>
  <div id="div-gpt-ad-1:2.x" data-expect="marker"></div>
  <div id="div-gpt-ad-twice" data-expect="marker"></div><div id="div-gpt-ad-twice" data-expect="marker"></div>
  <span class="tile-sponsored-label" data-expect="label"></span>
  <span class="Advertisement" data-expect="label"></span>
  <p class="tile-sponsored-label" data-expect="label"></p>
  <span class="SPONSOR" data-expect="none"></span>
  <form id="f"><input name="id"><input name="getAttribute"></form>`;

test('one pass over classes and ids, the engine’s answer, and the lookup by name find vendor markers (id prefix, class, class prefix, tag and class) and small labels', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: scanScript });
  const read = await page.evaluate(([html, scanPlan]) => {
    document.body.innerHTML = html;
    const { pageClasses } = /** @type {any} */ (window).adlensScan;
    const result = pageClasses(document, scanPlan);
    const capped = pageClasses(document, { ...scanPlan, limits: { ...scanPlan.limits, maxClassesAndIds: 2 } });
    const describe = (/** @type {Element} */ el) => el.outerHTML.replace(/>.*$/s, '>');
    const expected = (/** @type {string} */ kind) => [...document.querySelectorAll(`[data-expect="${kind}"]`)].map(describe);
    return {
      labels: result.labels.map(describe),
      bySelector: [...document.querySelectorAll(scanPlan.labelSelector)].map(describe),
      expectedMarkers: expected('marker').sort(),
      expectedLabels: expected('label'),
      classAttributes: [...result.classAttributes],
      ids: [...result.ids],
      complete: result.complete,
      capped: { complete: capped.complete, classes: capped.classAttributes.size, ids: capped.ids.size, labels: capped.labels.length },
    };
  }, [PAGE, plan]);
  assert.equal(read.complete, true, 'every class attribute and id was read');
  assert.deepEqual(read.capped, { complete: false, classes: 2, ids: 2, labels: read.expectedLabels.length },
    'a capped pass says it left some out, and finds every small label all the same');
  const answer = engine.classIdAnswer('http://news.example/fresh.html', read.classAttributes, read.ids, read.complete);
  const markers = await page.evaluate((marked) => {
    const { markedElements } = /** @type {any} */ (window).adlensScan;
    return [...markedElements(document, marked)].map((/** @type {Element} */ el) => el.outerHTML.replace(/>.*$/s, '>'));
  }, answer.marked);
  assert.deepEqual(markers.sort(), read.expectedMarkers);
  assert.deepEqual(read.labels, read.expectedLabels);
  assert.deepEqual(read.labels, read.bySelector, 'the pass finds what the label selector (rescans, `adlens scan`) finds, in page order');
  assert.ok(read.classAttributes.includes('wrap trc_related_container') && read.classAttributes.includes('ob-widget  ob-grid'),
    'class attributes are sent whole, once each');
  assert.equal(read.classAttributes.filter((c) => c === 'OUTBRAIN').length, 1);
  assert.ok(read.ids.includes('div-gpt-ad-123-0') && read.ids.includes('f'), 'ids read through the DOM, not a clobbered form');
  await page.close();
});

const textScript = await bundled('text.js', 'adlensText');

test('an element’s visible text: one text node read directly, nested text joined with spaces, scripts left out, forms not fooled', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: textScript });
  const texts = await page.evaluate(() => {
    document.body.innerHTML = `
      <h2 id="plain">  Recommended
        for   you </h2>
      <h2 id="nested">Top <a href="/x">picks</a><script>var x = 1;</script> today</h2>
      <script id="code">var sponsored = true;</script>
      <h3 id="long">${'word '.repeat(40)}</h3>
      <form id="form"><input name="firstChild"><input name="lastChild">Sponsored</form>`;
    const { visibleText } = /** @type {any} */ (window).adlensText;
    const of = (/** @type {string} */ id, max = 100) => visibleText(document.getElementById(id), max);
    return { plain: of('plain'), nested: of('nested'), code: of('code'), long: of('long', 12), form: of('form') };
  });
  assert.deepEqual(texts, { plain: 'Recommended for you', nested: 'Top picks today', code: '', long: 'word word wo', form: 'Sponsored' });
  await page.close();
});

test('page and element text from huge text nodes: cut where reading all of it would, whitespace runs and all', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: textScript });
  const cases = await page.evaluate(() => {
    const { mainText, visibleText } = /** @type {any} */ (window).adlensText;
    /** The cut a whole read makes: every word that fits, in order. */
    const wholeRead = (/** @type {string[]} */ texts, /** @type {number} */ max) => {
      let out = '';
      for (const word of texts.join(' ').trim().split(/\s+/)) {
        if (out.length + word.length + 1 > max) break;
        out += out ? ` ${word}` : word;
      }
      return out;
    };
    const words = Array.from({ length: 30_000 }, (_, i) => `w${i}`).join(' ');
    const texts = {
      long: [words],
      'spaces first': [`start${' '.repeat(5_000)}${words}`],
      'runs inside': [words.replaceAll(' ', ' \n\t  ')],
      'after a short one': ['A short paragraph.', words],
      'one long word': [`${'x'.repeat(20_000)} tail`],
    };
    return Object.entries(texts).flatMap(([name, parts]) => [100, 1_000, 10_000].map((max) => {
      const main = document.createElement('main');
      for (const part of parts) main.append(Object.assign(document.createElement('p'), { textContent: part }));
      document.body.replaceChildren(main);
      const collapsed = parts.join(' ').trim().split(/\s+/).join(' ');
      return {
        name, max, read: mainText(main, new Set(), max), expected: wholeRead(parts, max),
        visible: [visibleText(main, max), visibleText(/** @type {Element} */ (main.lastElementChild), max)],
        expectedVisible: [collapsed.slice(0, max), (parts.at(-1) ?? '').trim().split(/\s+/).join(' ').slice(0, max)],
      };
    }));
  });
  for (const { name, max, read, expected, visible, expectedVisible } of cases) {
    assert.equal(read, expected, `main text: ${name}, ${max} characters`);
    assert.deepEqual(visible, expectedVisible, `visible text: ${name}, ${max} characters`);
  }
  assert.ok(cases.some((c) => c.read.length > 9_000), 'the cases fill the room');
  await page.close();
});

test('main text: candidates left out at any depth, scripts and styles too, in page order; deep nesting and forms do not break it', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: textScript });
  const read = await page.evaluate(() => {
    const { mainText } = /** @type {any} */ (window).adlensText;
    document.body.innerHTML = `
      <main id="root">
        Lead text
        <div><p>Before <b>the</b> ad</p><div id="ad1"><p>Buy now</p></div><p>between <script>var hidden = 1;</script>ads</p>
          <ul><li>one</li><li id="ad2">Sponsored pick</li><li>two <style>.x{}</style></li></ul></div>
        <noscript>no script</noscript>
        <section><h2>Untouched part</h2><p>with <i>inline</i> words<script>var code = 2;</script></p></section>
        <form><input name="firstChild"><input name="nextSibling">Form words</form>
        <div id="ad3">Whole ad</div>
        Tail
      </main>`;
    const id = (/** @type {string} */ name) => /** @type {Element} */ (document.getElementById(name));
    const chosen = new Set([id('ad1'), id('ad2'), id('ad3')]);
    const shallow = mainText(id('root'), chosen, 10_000);
    const cut = mainText(id('root'), chosen, 20);
    // 20,000 levels: deeper than a recursive walk's call stack goes.
    let deepest = id('root');
    for (let i = 0; i < 20_000; i++) deepest = deepest.appendChild(document.createElement('div'));
    deepest.append('deep text', Object.assign(document.createElement('span'), { id: 'deep-ad', textContent: 'deep ad' }));
    const deep = mainText(id('root'), new Set([id('deep-ad')]), 10_000);
    return { shallow, cut, deepEnd: deep.slice(-23) };
  });
  assert.equal(read.shallow, 'Lead text Before the ad between ads one two Untouched part with inline words Form words Tail');
  assert.equal(read.cut, 'Lead text Before the');
  assert.equal(read.deepEnd, 'Whole ad Tail deep text');
  await page.close();
});

const scanPageScript = await bundled('scan.js', 'adlensScanPage');
const productHintsScript = await bundled('product-hints.js', 'adlensProductHints');

test('what the page itself says leaves out its ads and widgets: headings read before the scan, main text, nested items', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: scanPageScript });
  const snapshot = await page.evaluate((scanPlan) => {
    document.body.innerHTML = `
      <main>
        <h1>Sourdough at home</h1>
        <p>Flour, water and patience.</p>
        <div id="div-gpt-ad-1"><section><h2>Buy our mixer</h2><p>Mixer deal</p><a href="/ad"><span class="x">Shop</span></a></section></div>
        <h2>Feeding the starter</h2>
        <h3 id="late-removed">Gone before the scan</h3>
        <h4>Not a page heading</h4>
      </main>`;
    const { ElementKeys, headingTexts, scanPage } = /** @type {any} */ (window).adlensScanPage;
    const texts = { headings: headingTexts(document, scanPlan, []), labels: new Set() };
    document.getElementById('late-removed')?.remove();
    const answer = { selectors: ['a[href="/ad"]'], marked: { classes: [], classPrefixes: [], tagClasses: [], idPrefixes: ['div-gpt-ad'], tags: [] } };
    const before = { texts, markerWords: [], productHints: { jsonLd: [], meta: [], microdata: [], canonical: null } };
    return scanPage(document, scanPlan, new ElementKeys(), answer, before);
  }, plan);
  assert.deepEqual(snapshot.headings, ['Sourdough at home', 'Feeding the starter']);
  assert.equal(snapshot.text, 'Sourdough at home Flour, water and patience. Feeding the starter Not a page heading');
  const [slot, link] = snapshot.candidates;
  assert.equal(slot.id, 'div-gpt-ad-1');
  assert.equal(slot.text, 'Buy our mixer Mixer deal Shop');
  // Inside the slot, the link is a candidate too: its markers and target only.
  assert.deepEqual(link, { key: link.key, source: 'cosmetic', parent: slot.key, tag: 'a', id: null, classes: [], attributes: [], links: ['http://news.example/ad'] });
  await page.close();
});

test('an element the lists picked inside another they picked is sent only when it is a link; what it held is sent inside the outer one', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: scanPageScript });
  const snapshot = await page.evaluate((scanPlan) => {
    document.body.innerHTML = `
      <div class="ad-slot" id="outer"><div class="ad-inner" id="inner">
        <div id="div-gpt-ad-9"><a class="ad-link" href="https://brand.example/">Go</a></div>
        <div class="ad-inner" id="deeper">Deeper</div>
      </div></div>
      <div class="ad-inner" id="alone">On its own</div>`;
    const { ElementKeys, scanPage } = /** @type {any} */ (window).adlensScanPage;
    const answer = { selectors: ['.ad-slot', '.ad-inner', '.ad-link'], marked: { classes: [], classPrefixes: [], tagClasses: [], idPrefixes: ['div-gpt-ad'], tags: [] } };
    const before = { texts: { headings: new Map(), labels: new Set() }, markerWords: [], productHints: { jsonLd: [], meta: [], microdata: [], canonical: null } };
    return scanPage(document, scanPlan, new ElementKeys(), answer, before);
  }, plan);
  const keyOf = (/** @type {string} */ id) => snapshot.candidates.find((/** @type {any} */ c) => c.id === id)?.key;
  const sent = snapshot.candidates.map((/** @type {any} */ c) => [c.id ?? c.tag, c.parent]);
  // The GPT slot (a marker) and the link stay, each inside the closest
  // candidate that is sent; the two boxes inside the outer slot say nothing
  // it does not, and are left out; a box the lists picked on its own is sent.
  assert.deepEqual(sent, [['div-gpt-ad-9', keyOf('outer')], ['outer', null], ['alone', null], ['a', keyOf('div-gpt-ad-9')]]);
  const report = engine.analyzePage(snapshot, 0);
  assert.deepEqual(report.items.map((/** @type {any} */ i) => [i.elementId, i.network, i.landingDomain]),
    [['outer', 'Google', 'brand.example'], ['alone', null, null]]);
  await page.close();
});

test('handles stay the same from scan to scan, and find only the last scan’s candidates still in the page', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: scanPageScript });
  const found = await page.evaluate((scanPlan) => {
    document.body.innerHTML = '<div id="div-gpt-ad-1">One</div><div id="div-gpt-ad-2">Two</div><div id="div-gpt-ad-3">Three</div>';
    const { ElementKeys, scanPage } = /** @type {any} */ (window).adlensScanPage;
    const keys = new ElementKeys();
    const described = { read: new Map() };
    const before = { texts: { headings: new Map(), labels: new Set() }, markerWords: [], productHints: { jsonLd: [], meta: [], microdata: [], canonical: null } };
    const answer = { selectors: [], marked: { classes: [], classPrefixes: [], tagClasses: [], idPrefixes: ['div-gpt-ad'], tags: [] } };
    const scan = () => Object.fromEntries(scanPage(document, scanPlan, keys, answer, before, described).candidates.map((/** @type {any} */ c) => [c.id, c.key]));
    const first = scan();
    // One slot leaves the page; another stays but is no longer one (its id changed).
    document.getElementById('div-gpt-ad-1')?.remove();
    const renamed = /** @type {Element} */ (document.getElementById('div-gpt-ad-2'));
    renamed.id = 'story';
    const second = scan();
    const idAt = (/** @type {number} */ key) => keys.elementOf(key)?.id ?? null;
    return { first, second, after: Object.values(first).map(idAt), renamedKey: keys.keyOf(renamed) };
  }, plan);
  assert.deepEqual(Object.keys(found.first), ['div-gpt-ad-1', 'div-gpt-ad-2', 'div-gpt-ad-3']);
  assert.deepEqual(found.second, { 'div-gpt-ad-3': found.first['div-gpt-ad-3'] }, 'the slot left keeps its handle');
  assert.deepEqual(found.after, [null, null, 'div-gpt-ad-3'], 'only the last scan’s candidates are found by handle');
  assert.equal(found.renamedKey, found.first['div-gpt-ad-2'], 'an element keeps its handle when it is no longer a candidate');
  await page.close();
});

test('candidates’ boxes are sent in page coordinates, whatever the page is scrolled to', async () => {
  const page = await current().browser.context.newPage();
  await page.setViewportSize({ width: 800, height: 600 });
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: scanPageScript });
  const read = await page.evaluate((scanPlan) => {
    document.body.style.margin = '0';
    document.body.innerHTML = `
      <div style="width: 3000px; height: 5000px; position: relative">
        <div id="div-gpt-ad-1" style="position: absolute; left: 1200px; top: 2500px; width: 300px; height: 250px"></div>
        <div id="div-gpt-ad-2" style="position: absolute; left: 40px; top: 90px; width: 728px; height: 90px"></div>
      </div>`;
    window.scrollTo(1000, 2300);
    const { ElementKeys, scanPage } = /** @type {any} */ (window).adlensScanPage;
    const answer = { selectors: [], marked: { classes: [], classPrefixes: [], tagClasses: [], idPrefixes: ['div-gpt-ad'], tags: [] } };
    const before = { texts: { headings: new Map(), labels: new Set() }, markerWords: [], productHints: { jsonLd: [], meta: [], microdata: [], canonical: null } };
    const snapshot = scanPage(document, scanPlan, new ElementKeys(), answer, before);
    return { scrolled: [window.scrollX, window.scrollY], rects: snapshot.candidates.map((/** @type {any} */ c) => [c.id, c.rect]) };
  }, plan);
  assert.deepEqual(read.scrolled, [1000, 2300], 'the page really is scrolled');
  assert.deepEqual(read.rects, [
    ['div-gpt-ad-1', { x: 1200, y: 2500, width: 300, height: 250 }],
    ['div-gpt-ad-2', { x: 40, y: 90, width: 728, height: 90 }],
  ]);
  await page.close();
});

test('product hints: only JSON-LD that can name a product is sent, from at most the plan’s number of scripts', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: productHintsScript });
  const found = await page.evaluate((scanPlan) => {
    const script = (/** @type {string} */ json) => Object.assign(document.createElement('script'), { type: 'application/ld+json', textContent: json });
    const { productHints } = /** @type {any} */ (window).adlensProductHints;
    document.head.append(script('{"@type": "NewsArticle", "articleBody": "long"}'), script('{"@type": "Product", "name": "Trail Runner X"}'));
    const shop = productHints(document, scanPlan).jsonLd;
    // A page stuffed with scripts: those after the first maxJsonLdScripts are not read.
    for (let i = 0; i < scanPlan.limits.maxJsonLdScripts; i++) document.head.prepend(script('{"@type": "WebSite"}'));
    return { shop, stuffed: productHints(document, scanPlan).jsonLd };
  }, plan);
  assert.deepEqual(found, { shop: ['{"@type": "Product", "name": "Trail Runner X"}'], stuffed: [] });
  await page.close();
});

const markersScript = await bundled('text-markers.js', 'adlensMarkers');

test('ad-marker words: a whole text in any case, spacing or trailing colon, in each language; not running text or code', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: markersScript });
  const found = await page.evaluate((scanPlan) => {
    document.body.innerHTML = `
      <ul>
        <li><a href="/1">One</a><span>Sponsored</span></li>
        <li><a href="/2">Two</a><span>  ANZEIGE  </span></li>
        <li><a href="/3">Three</a><span>Reklama:</span></li>
        <li><a href="/4">Four</a><span>广告</span></li>
        <li><a href="/5">Five</a><span>Sponsored
  products</span></li>
        <li><a href="/6">Six</a><span>Publicité</span></li>
      </ul>
      <p>Written by readers <span>Sponsored</span> in spirit</p>
      <p><span>Sponsors</span> <span>Sport</span> <span>广场</span></p>
      <script>var label = "Sponsored";</script>`;
    const { textMarkers } = /** @type {any} */ (window).adlensMarkers;
    return textMarkers(document, scanPlan).map((/** @type {[Element, string]} */ [el, text]) => text);
  }, plan);
  assert.deepEqual(found, ['Sponsored', 'ANZEIGE', 'Reklama:', '广告', 'Sponsored\n  products', 'Publicité']);
  await page.close();
});

const sectionScript = await bundled('heading-section.js', 'adlensSection');

test('the section a heading introduces: the item found it sits in, a near section, else the closest element with links beside it, never one holding an item found', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: sectionScript });
  const sections = await page.evaluate(([containers]) => {
    document.body.innerHTML = `
      <div class="OUTBRAIN" id="outbrain"><div><h3 id="h-in-item">Around the web</h3></div><a href="/1">One</a></div>
      <section id="near"><div><h2 id="h-near">Recently viewed</h2></div><a href="/2">Two</a></section>
      <aside id="column"><div><div id="module"><header><h2 id="h-column">You may also like</h2></header>
        <div><a href="/3">Three</a></div></div><div id="div-gpt-ad-1"><a href="/ad">Ad</a></div></div></aside>
      <div id="far"><div><div><div><div id="links"><h2 id="h-links">Polecamy</h2><p><a href="/4">Four</a></p></div></div></div></div></div>
      <aside id="lonely"><h2 id="h-lonely">Trending</h2><div id="div-gpt-ad-2"></div></aside>`;
    const { headingSection } = /** @type {any} */ (window).adlensSection;
    const found = new Map([...document.querySelectorAll('#outbrain, [id^="div-gpt-ad"]')].map((el) => [el, 'marker']));
    /** @param {string} id */
    const of = (id) => headingSection(document.getElementById(id), containers, found)?.id ?? null;
    return Object.fromEntries(['h-in-item', 'h-near', 'h-column', 'h-links', 'h-lonely'].map((id) => [id, of(id)]));
  }, [plan.headingContainerSelector]);
  assert.deepEqual(sections, {
    'h-in-item': 'outbrain', // Outbrain's heading heads the block found by its marker
    'h-near': 'near', // a section two levels up
    'h-column': 'module', // the column holds an ad slot: the module with links beside the heading
    'h-links': 'links', // no section near: the closest element with links beside the heading
    'h-lonely': null, // only a section holding an ad slot, no links beside the heading: no section of its own
  });
  await page.close();
});

const liveQueryScript = await bundled('live-query.js', 'adlensLive');

test('a followed query places new matches in page order, even among forms whose inputs shadow the DOM’s methods', async () => {
  const page = await current().browser.context.newPage();
  await page.goto('http://news.example/fresh.html');
  await page.addScriptTag({ content: liveQueryScript });
  const order = await page.evaluate(() => {
    document.body.innerHTML = `<p id="first"></p>
      <form id="f1" class="sponsor-box"><input name="compareDocumentPosition"><input name="contains"></form>
      <p id="middle"></p>
      <form id="f2" class="sponsor-box"><input name="compareDocumentPosition"></form>`;
    const { LiveQuery } = /** @type {any} */ (window).adlensLive;
    const query = new LiveQuery('[class*="sponsor"]');
    query.run(document, null);
    const added = ['first', 'middle'].map((id) => {
      const el = Object.assign(document.createElement('span'), { className: 'sponsor-note', id: `${id}-new` });
      /** @type {Element} */ (document.getElementById(id)).after(el);
      return el;
    });
    const changes = { whole: false, added, attributed: [], changed: () => false };
    return query.run(document, changes).map((/** @type {Element} */ el) => el.id);
  });
  assert.deepEqual(order, ['first-new', 'f1', 'middle-new', 'f2']);
  await page.close();
});
