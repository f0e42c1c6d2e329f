// The wasm engine as shipped (dist/chrome/engine), loaded in Node.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const dir = new URL('../../dist/chrome/engine/', import.meta.url);
const { initSync, Engine, engineVersion } = await import(new URL('adlens.js', dir).href);
initSync({ module: fs.readFileSync(new URL('adlens_bg.wasm', dir)) });
const engine = new Engine();

/** @param {Record<string, unknown>} fields */
const candidate = (fields) => ({ key: 1, source: 'marker', tag: 'div', classes: [], attributes: [], text: '', links: [], frames: [], images: [], rect: { x: 0, y: 0, width: 300, height: 250 }, ...fields });

test('the scan plan selects the vendor containers', () => {
  const plan = engine.scanPlan();
  assert.match(plan.markerSelector, /\[id\^="div-gpt-ad"\]/);
  assert.match(plan.markerSelector, /ins\.adsbygoogle/);
  assert.ok(plan.limits.maxCandidates > 0);
  // The markers on classes and ids stay in the engine: it names the marked ones.
  assert.equal(plan.classIdMarkers, undefined);
  const { marked } = engine.classIdAnswer('http://news.example/a', ['ob-widget OUTBRAIN', 'trc_rbox x', 'adsbygoogle'], ['div-gpt-ad-1', 'main'], true);
  assert.deepEqual(marked, { classes: ['ob-widget', 'OUTBRAIN'], classPrefixes: ['trc_'], tagClasses: [['ins', 'adsbygoogle']], idPrefixes: ['div-gpt-ad'], tags: [] });
  // A site's own elements are named on its pages only.
  const youtube = engine.classIdAnswer('https://www.youtube.com/watch?v=x', ['style-scope'], [], true).marked.tags;
  assert.ok(youtube.includes('ytd-ad-slot-renderer') && youtube.includes('ytd-action-companion-ad-renderer'), String(youtube));
  // Queried one by one: attributes each alone, links all in one `a:is(…)`.
  assert.ok(plan.otherMarkerSelectors.includes('[data-google-query-id]'));
  const links = plan.otherMarkerSelectors.filter((/** @type {string} */ s) => s.startsWith('a:is('));
  assert.equal(links.length, 1);
  assert.match(links[0], /\[href\*="googleadservices\.com\/pagead\/aclk"\]/);
  assert.ok(plan.otherMarkerSelectors.every((/** @type {string} */ s) => !/div-gpt-ad/.test(s)));
});

test('a GPT slot and a "recently viewed" widget are found and classified', () => {
  const report = engine.analyzePage({
    url: 'http://news.example/a',
    title: 'x',
    candidates: [
      candidate({ key: 1, id: 'div-gpt-ad-1-0' }),
      candidate({ key: 2, source: 'heading', tag: 'section', heading: 'Recently viewed' }),
    ],
  }, 0);
  assert.deepEqual(report.items.map((/** @type {any} */ i) => [i.key, i.itemType, i.vendor, i.verdict.kind]), [
    [1, 'ad', 'Google Ad Manager', 'generic'],
    [2, 'recommendation', null, 'retargeted'],
  ]);
  assert.deepEqual(report.counts, { contextual: 0, behavioural: 0, retargeted: 1, generic: 1 });
  assert.equal(report.engineVersion, engineVersion());
});

test('malformed input becomes a JS Error with a clear message, and the engine keeps working', () => {
  /** @type {[unknown, RegExp][]} */
  const cases = [
    [undefined, /malformed page snapshot/],
    [42, /malformed page snapshot/],
    [{ url: 5 }, /malformed page snapshot.*expected a string/],
    [{ url: 'http://a.example/', candidates: 'nope' }, /malformed page snapshot/],
    [{ url: 'http://a.example/', candidates: [{ key: -1 }] }, /malformed page snapshot/],
    [{ url: 'javascript:alert(1)' }, /not an absolute http\(s\) URL/],
    [{ url: 'http://a.example/', candidates: Array.from({ length: 2001 }, () => candidate({})) }, /more than the cap of 2000/],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => engine.analyzePage(input, 0), (/** @type {Error} */ error) => {
      assert.ok(error instanceof Error, 'a real Error');
      assert.match(error.message, message);
      return true;
    });
  }
  assert.equal(engine.analyzePage({ url: 'http://a.example/' }, 0).items.length, 0);
});

test('hostile field values are cut, not fatal', () => {
  const report = engine.analyzePage({
    url: 'http://a.example/',
    candidates: [candidate({ id: 'div-gpt-ad-' + 'x'.repeat(100_000), text: '\u0000'.repeat(50_000), rect: { x: 1e308 * 10, y: -0, width: 1, height: 1 } })],
  }, 0);
  assert.equal(report.items.length, 1);
});

test('the shipped filter-list snapshot loads and classifies requests', () => {
  const lists = new Engine();
  assert.equal(lists.listsInfo(), null);
  const info = lists.loadLists(fs.readFileSync(new URL('../data/lists.bin', dir)));
  assert.deepEqual(info.lists.map((/** @type {any} */ l) => l.name), ['easylist', 'easyprivacy']);
  const BLOCKED = 1;
  const THIRD_PARTY = 2;
  assert.equal(lists.classifyRequest('https://www.google-analytics.com/analytics.js', 'https://news.example/', 'script'), BLOCKED | THIRD_PARTY);
  assert.equal(lists.classifyRequest('https://cdn.news.example/app.js', 'https://www.news.example/', 'script'), 0);
  assert.equal(lists.classifyRequest('https://fonts.example/x.woff2', 'https://news.example/', 'font'), THIRD_PARTY);
});

test('a garbage snapshot is refused and the previous lists stay', () => {
  const lists = new Engine();
  lists.loadLists(fs.readFileSync(new URL('../data/lists.bin', dir)));
  for (const [bytes, message] of /** @type {[Uint8Array, RegExp][]} */ ([
    [new TextEncoder().encode('<html>502 Bad Gateway</html>'), /not an AdLens filter-list snapshot/],
    [new Uint8Array(0), /not an AdLens filter-list snapshot/],
    [fs.readFileSync(new URL('../data/lists.bin', dir)).subarray(0, 1000), /unusable/],
  ])) {
    assert.throws(() => lists.loadLists(bytes), message);
  }
  assert.equal(lists.classifyRequest('https://www.google-analytics.com/analytics.js', 'https://news.example/', 'script') & 1, 1);
});

test('site records are kept per site and malformed records are refused', () => {
  const sites = new Engine();
  sites.observeRequest('https://static.criteo.net/js/ld/ld.js', 'https://www.shop.example/p/1', 'script', 1_700_000_000_000);
  sites.observeRequest('https://img.shop.example/a.png', 'https://www.shop.example/p/1', 'image', 1_700_000_000_500);
  const records = sites.siteRecords();
  assert.deepEqual(Object.keys(records.sites['shop.example'].thirdParties), ['criteo.net']);
  assert.throws(() => sites.restoreSiteRecords({ sites: { 'a.example': { thirdParties: 'x' } } }), /malformed site records/);
  assert.deepEqual(sites.siteRecords(), records);
});

test('the shipped snapshot keeps the class-keyed element-hiding rules (built for wasm32)', () => {
  const lists = new Engine();
  lists.loadLists(fs.readFileSync(new URL('../data/lists.bin', dir)));
  const { selectors } = lists.classIdAnswer('http://news.example/a', ['sponsored-post article-body'], ['main'], false);
  assert.ok(selectors.includes('.sponsored-post'), 'EasyList ##.sponsored-post');
  assert.ok(!selectors.includes('.article-body'));
});

test('a site\'s own hiding rules that need a class or id the page lacks are left out, when the page sent them all', () => {
  const lists = new Engine();
  lists.loadLists(fs.readFileSync(new URL('../data/lists.bin', dir)));
  const ask = (/** @type {boolean} */ complete) => lists.classIdAnswer('https://us.yahoo.com/news/', ['ad-container gemini-ad-x'], ['sda-LREC'], complete).selectors;
  const partial = ask(false);
  // EasyList's rules for yahoo.com, as the lists have them.
  for (const s of ['#sda-MAST', '#sda-LREC', '.ad-container', 'div[class*="gemini-ad"]', 'div[id^="defaultWFPAD"]']) assert.ok(partial.includes(s), s);
  const pruned = ask(true);
  for (const s of ['#sda-LREC', '.ad-container', 'div[class*="gemini-ad"]']) assert.ok(pruned.includes(s), `${s} kept`);
  for (const s of ['#sda-MAST', 'div[id^="defaultWFPAD"]', '.searchSuperTopAds']) assert.ok(!pruned.includes(s), `${s} left out`);
  // Selectors on other attributes cannot be judged from classes and ids: kept.
  assert.ok(pruned.includes('a[href^="https://api.taboola.com/"]'));
  assert.ok(pruned.length < partial.length / 2, `${pruned.length} of ${partial.length}`);
});

test('compileLists refuses an HTML error page instead of a list', () => {
  assert.throws(() => Engine.compileLists('<!doctype html><h1>502 Bad Gateway</h1>', '[Adblock Plus 2.0]\n'),
    /easylist is not a filter list \(it starts with "<!doctype html><h1>502 Bad Gateway<\/h1>"\)/);
});

test('visits build an interest profile that survives a save and restore; a corrupt one is refused, not fatal', () => {
  const reader = new Engine();
  const travel = 'Beach holidays, cheap flights and island hotels for your next trip';
  for (const i of [1, 2, 3]) {
    reader.visitPage({ url: `https://travel.example/${i}`, title: travel, text: travel, candidates: [] }, 1_000 * i);
  }
  const interests = reader.interests(10_000);
  assert.equal(interests.topics[0][0], 'travel');
  const saved = reader.interestProfile();

  const restored = new Engine();
  restored.restoreInterestProfile(JSON.parse(JSON.stringify(saved)));
  assert.deepEqual(restored.interests(10_000), interests);

  for (const corrupt of [{ version: 99, sites: {} }, { sites: 'nope' }, 'garbage', null]) {
    assert.throws(() => restored.restoreInterestProfile(corrupt), (/** @type {Error} */ e) => /interest profile/.test(e.message));
    assert.deepEqual(restored.interests(10_000).topics, [], 'started afresh');
  }
  restored.forgetSite('travel.example');
  reader.forgetSite('travel.example');
  assert.deepEqual(reader.interests(10_000).topics, []);
});

test('retention: forgetBefore drops sites, products and records last seen before the cutoff', () => {
  const e = new Engine();
  const day = 86_400_000;
  const travel = 'Beach holidays, cheap flights and island hotels for your next trip';
  e.visitPage({ url: 'https://old.example/', title: travel, text: travel, candidates: [] }, day);
  e.visitPage({ url: 'https://new.example/', title: travel, text: travel, candidates: [] }, 40 * day);
  e.forgetBefore(10 * day);
  assert.deepEqual(Object.keys(e.interestProfile().sites), ['new.example']);
});
