// The Firefox build (dist/firefox: an event page, not a service worker)
// loaded in Debian's Firefox ESR, on the same fixture journey as Chromium:
// a product viewed on a shop, then an article whose Criteo-like ad shows it.
// Everything must run there for these labels to appear: the early hold and
// the content scripts, the background's wasm engine and its snapshot, the
// product memory and the classifier. Then what a user does with them there:
// the popup, the "why" card, muting (an ad picked by a sensitive topic
// too), another language; the creatives in
// frames, a strict page policy, an ad fixed to the window while the page
// scrolls, a late ad; and the sites' records
// (webRequest, the lists, the companies database) read from the add-on's
// own page, as the panel reads them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  callOnFirefoxNode, clickFirefoxNode, firefoxLabelsWhen, inExtensionPage, onceReady,
  readFirefoxWhyCard, remoteText, sendFromAddonPage,
} from '../harness/firefox.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/running.html';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

firefoxForTests({}, async (started) => {
  firefox = started.firefox;
  await firefox.send('session.subscribe', { events: ['log.entryAdded'] });
});

/** @param {(labels: { text: string, kind: string }[]) => boolean} done */
const labelsWhen = (done) => firefoxLabelsWhen(firefox, done);

/**
 * Opens `url` in the tab and waits until it shows `count` labels.
 * @param {string} url
 * @param {number} count
 */
async function labelsOn(url, count) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  return labelsWhen((labels) => labels.length >= count);
}

/**
 * Opens `url` in the tab and waits until its labels read `expected` (in any
 * order). The article's late content (a Taboola box filled 600 ms after its
 * loader runs, a slot added 800 ms after the tag) can be scanned in either
 * order, and an empty box reads "Generic" until it is filled: a count alone
 * can be reached before the labels settle.
 * @param {string} url
 * @param {string[]} expected
 */
async function labelsReading(url, expected) {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
  const sorted = [...expected].sort();
  return labelsWhen((labels) => JSON.stringify(labels.map((l) => l.text).sort()) === JSON.stringify(sorted));
}

test('in Firefox, the shop\'s widgets and the article\'s ads are labelled as in Chromium, the product seen following the user', async () => {
  const shop = await labelsOn(PRODUCT, 2);
  assert.deepEqual(shop.map((l) => l.text).sort(), ['Recommended · About this page', 'Recommended · Following you']);

  const expected = ['Ad · Following you', 'Ad · Generic', 'Ad · Generic', 'Recommended · About this page', 'Recommended · About this page'];
  const news = await labelsReading(NEWS, expected);
  assert.deepEqual(news.map((l) => l.text).sort(), expected);
  assert.equal(news.find((l) => l.text === 'Ad · Following you')?.kind, 'retargeted');

  // Nothing the page or the extension did was an error in the console.
  const errors = firefox.events.filter((e) => e.method === 'log.entryAdded' && e.params.level === 'error'
    && !e.params.text?.includes('favicon'));
  assert.deepEqual(errors.map((e) => e.params.text), []);
});

test('in Firefox the content scripts mark no work: the trace marks are for Chromium\'s benchmarks, and each costs Firefox a console record', async () => {
  // The marks reach BiDi as console entries (console.timeStamp); Chromium's
  // build keeps them (tests/e2e/work-marks.test.mjs reads them there).
  const from = firefox.events.length;
  const labels = await labelsOn(`${NEWS}?again`, 5);
  assert.equal(labels.length, 5, 'the page was scanned and labelled');
  const marks = firefox.events.slice(from).filter((e) => e.method === 'log.entryAdded' && String(e.params.text ?? '').startsWith('adlens:'));
  assert.deepEqual(marks.map((e) => e.params.text).slice(0, 5), []);
});

/**
 * @param {string} page one of the add-on's own pages
 * @param {string} expression evaluated there
 */
const inPage = (page, expression) => inExtensionPage(firefox, page, expression);

test('in Firefox, the toolbar popup counts the article\'s items by kind, lists them (one chosen opens its card on the page), and pausing the site takes the labels off at once', async () => {
  assert.equal((await labelsOn(NEWS, 5)).length, 5);
  const { context: popupTab } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    /** @type {number[]} */
    const ids = await inExtensionPage(firefox, 'options.html',
      `browser.tabs.query({ url: ${JSON.stringify(NEWS)} }).then((tabs) => tabs.map((t) => t.id))`, popupTab);
    assert.equal(ids.length, 1, 'the article is open in one tab');
    const counts = await inExtensionPage(firefox, `popup.html?tabId=${ids[0]}`, onceReady(`Object.fromEntries([...document.querySelectorAll('#counts li')]
      .map((li) => [li.getAttribute('data-kind'), Number(li.querySelector('.count')?.textContent)]))`), popupTab);
    assert.deepEqual(counts, { contextual: 2, behavioural: 0, retargeted: 1, generic: 2 });

    // Its list of the page's items, the one following the user first:
    // choosing it opens its card on the page.
    const listed = await firefox.send('script.evaluate', {
      expression: "[...document.querySelectorAll('#page-items li button')].map((b) => `${b.querySelector('.what').textContent} | ${b.querySelector('.detail').textContent}`)",
      target: { context: popupTab }, awaitPromise: false,
    });
    assert.equal(listed.result.value[0].value, 'Ad · Following you — Google Ad Manager | Trail Runner X Now €129 at Shop Example');
    assert.equal(listed.result.value.length, 5);
    // What each kind means, under the counts.
    const meaning = await firefox.send('script.evaluate', {
      expression: "[...document.querySelectorAll('#meanings dd')].map((dd) => dd.textContent).join(' | ')",
      target: { context: popupTab }, awaitPromise: false,
    });
    assert.equal(meaning.result.value, 'Chosen because of the page you are reading. | Chosen from an interest profile built from your browsing. | '
      + 'A product or shop you looked at before, following you around. | Not enough evidence for one of the other kinds: AdLens never guesses.');
    await firefox.send('script.evaluate', {
      expression: "document.querySelector('#page-items li button').click()", target: { context: popupTab }, awaitPromise: false,
    });
    let card = null;
    for (const deadline = Date.now() + 5_000; !card && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      card = await readWhyCard();
    }
    assert.equal(card?.title, 'Why you see this: Ad · Following you');
    assert.equal(card?.meaning, 'A product or shop you looked at before, following you around.');

    /** Clicks the popup's "pause on this site" switch. */
    const clickPause = () => firefox.send('script.evaluate', {
      expression: "document.querySelector('#pause').click()", target: { context: popupTab }, awaitPromise: false,
    });
    await clickPause();
    assert.deepEqual(await labelsWhen((labels) => labels.length === 0), [], 'no labels while paused');
    await clickPause();
    assert.equal((await labelsWhen((labels) => labels.length === 5)).length, 5, 'the labels back when resumed');
  } finally {
    await firefox.send('browsingContext.close', { context: popupTab });
  }
});

/** @param {import('../harness/firefox.mjs').Remote} node */
const clickAt = (node) => clickFirefoxNode(firefox, node);
/** @param {string} fn @param {import('../harness/firefox.mjs').Remote} node */
const callOn = (fn, node) => callOnFirefoxNode(firefox, fn, node);
const readWhyCard = () => readFirefoxWhyCard(firefox);

/**
 * An element's computed display, and the shadow tree of the element just
 * before it (a muted item's placeholder): its text and its box (`.muted`),
 * once `done` says so or after 5 s.
 * @param {string} selector
 * @param {(seen: { display: string, before: string }) => boolean} done
 * @returns {Promise<{ display: string, before: string, box?: import('../harness/firefox.mjs').Remote }>}
 */
async function displayAndBefore(selector, done) {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const { result } = await firefox.send('script.evaluate', {
      expression: `(() => { const el = document.querySelector(${JSON.stringify(selector)}); return [getComputedStyle(el).display, el.previousElementSibling]; })()`,
      target: { context: firefox.context },
      awaitPromise: false,
      serializationOptions: { maxDomDepth: 10, includeShadowTree: 'all' },
    });
    const [display, before] = result.value;
    const seen = { display: display.value, before: remoteText(before.value?.shadowRoot) };
    const box = (before.value?.shadowRoot?.value.children ?? [])
      .find((/** @type {import('../harness/firefox.mjs').Remote} */ n) => n.value?.attributes?.class === 'muted');
    if (done(seen) || Date.now() > deadline) return { ...seen, box };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('in Firefox, a label clicked opens its "why" card; its "mute here" hides the ad at once, a placeholder in its place', async () => {
  const following = (await labelsOn(NEWS, 5)).find((l) => l.text === 'Ad · Following you');
  assert.ok(following, 'the retargeted ad is labelled');
  await clickAt(following.node);
  const card = await readWhyCard();
  assert.ok(card, 'the click on the label opened its card');
  assert.equal(card.role, 'dialog');
  assert.match(card.title, /Following you/);
  assert.match(card.evidence[0], /^You viewed Trail Runner X on shop\.example (just now|\d+ minutes? ago)$/);
  assert.equal(card.evidence[1], 'shop.example told Criteo you viewed a product');
  assert.deepEqual(Object.keys(card.buttons).sort(), ['close', 'mute-everywhere', 'mute-site', 'open-panel', 'wrong']);

  try {
    await clickAt(card.buttons['mute-site']);
    const { box: _, ...seen } = await displayAndBefore('#div-gpt-ad-1700000000000-0', ({ display }) => display === 'none');
    assert.deepEqual(seen, { display: 'none', before: 'Following you · mutedShow' }, 'hidden, its placeholder saying what it was');
    assert.equal(await readWhyCard(), null, 'the card closed');
  } finally {
    await inPage('options.html', "browser.storage.local.remove('settings').then(() => true)");
  }
});

test('in Firefox, an ad that follows the user on a site that passed on no consent to personalised ads says so in its card', async () => {
  const following = (await labelsOn('http://news.example/article/no-consent.html', 1)).find((l) => l.text === 'Ad · Following you');
  assert.ok(following, 'the ad for the product viewed is labelled');
  await clickAt(following.node);
  const card = await readWhyCard();
  assert.ok(card, 'the click on the label opened its card');
  assert.ok(card.evidence.includes('This site told ad companies you did not consent to personalised ads (the choice made in its consent banner)'),
    card.evidence.join(' | '));
  // Its way into the panel opens the shop's page there, in a tab of its own.
  await clickAt(card.buttons['open-panel']);
  /** @type {{ context: string, url: string } | undefined} */
  let panel;
  for (const deadline = Date.now() + 5_000; !panel && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    const { contexts } = await firefox.send('browsingContext.getTree', {});
    panel = contexts.find((/** @type {{ url: string }} */ c) => c.url.includes('/panel.html'));
  }
  assert.match(panel?.url ?? '', /^moz-extension:\/\/[^/]+\/panel\.html\?tabId=\d+#site\/shop\.example$/);
  assert.equal(await readWhyCard(), null, 'the card closed');
  await firefox.send('browsingContext.close', { context: /** @type {{ context: string }} */ (panel).context });
});

test('in Firefox, an ad that follows the user on a US site that passed on their opt-outs (IAB GPP) says what of, in its card', async () => {
  const following = (await labelsOn('http://usnews.example/article/opted-out.html', 1)).find((l) => l.text === 'Ad · Following you');
  assert.ok(following, 'the ad for the product viewed is labelled');
  await clickAt(following.node);
  const card = await readWhyCard();
  assert.ok(card, 'the click on the label opened its card');
  assert.ok(card.evidence.includes('This site told ad companies you opted out of the sale of your data, the sharing of your data for advertising, '
    + 'and targeted advertising (the choice made in its privacy settings)'), card.evidence.join(' | '));
  await clickAt(card.buttons.close);
});

test('in Firefox, the creatives inside frames are attributed to their slots in the top page', async () => {
  assert.equal((await labelsOn(NEWS, 5)).length, 5);
  const { context: other } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    // The tab's report as the background keeps it, once both of Google's
    // slots have their frames' content (the frames report after the page).
    /** @type {{ network?: string, landingDomain?: string, text: string, frames: string[] }[]} */
    const google = await inExtensionPage(firefox, 'options.html', `(async () => {
      const [tab] = await browser.tabs.query({ url: ${JSON.stringify(NEWS)} });
      const deadline = Date.now() + 10_000;
      for (;;) {
        const state = (await browser.storage.session.get('tab:' + tab.id))['tab:' + tab.id];
        const items = (state?.report.items ?? []).filter((i) => i.network === 'Google');
        if (items.filter((i) => i.frames.length > 0).length >= 2 || Date.now() > deadline) return items;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })()`, other);
    const byLanding = Object.fromEntries(google.map((i) => [String(i.landingDomain), i]));
    assert.deepEqual(Object.keys(byLanding).sort(), ['shop.example', 'travel.example']);
    assert.match(byLanding['shop.example'].text, /Trail Runner X/);
    // Two frames down: the wrapper frame, and the creative's frame inside it.
    assert.deepEqual(byLanding['shop.example'].frames, [
      'http://tpc.googlesyndication.com/safeframe/1-0-40/html/container.html',
      'http://tpc.googlesyndication.com/safeframe/1-0-40/html/creative.html',
    ]);
    assert.deepEqual(byLanding['travel.example'].frames, ['about:srcdoc']);
  } finally {
    await firefox.send('browsingContext.close', { context: other });
  }
});

test('in Firefox, the sites\' records after the journey name the companies contacted and the product told to Criteo', async () => {
  const reply = await sendFromAddonPage(firefox, { type: 'sites/get-records' });
  assert.equal(reply.ok, true, reply.error);
  const { news, shop } = { news: reply.value.sites['news.example'], shop: reply.value.sites['shop.example'] };
  assert.ok(news && shop, `records for news.example and shop.example: ${Object.keys(reply.value.sites)}`);
  assert.deepEqual(Object.keys(news.thirdParties).sort(), ['doubleclick.net', 'googlesyndication.com', 'taboola.com']);
  assert.deepEqual([news.thirdParties['doubleclick.net'].company, news.thirdParties['doubleclick.net'].category], ['Google', 'advertising']);
  assert.ok(news.thirdParties['doubleclick.net'].listed >= 1, 'gpt.js is on EasyList');
  assert.deepEqual(shop.remarketing.map((/** @type {any} */ e) => [e.vendor, e.event, e.productId]), [['Criteo', 'viewItem', 'TRX-42']]);
  assert.equal(shop.thirdParties['criteo.com'].retargeting, true);

  // The panel draws them: news.example's companies by category.
  const companies = await inPage('panel.html#site/news.example',
    onceReady("[...document.querySelectorAll('#companies .category h4')].map((h) => h.textContent)"));
  assert.deepEqual(companies, ['Advertising (2)']);
});

test('in Firefox, the panel lists the ads chosen for the user, read by kind and time from Firefox\'s IndexedDB: the product seen, following them to the news', async () => {
  const { context: side } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    /** @type {string[][]} */
    const rows = await inExtensionPage(firefox, 'panel.html#ads', onceReady(
      "[...document.querySelectorAll('#chosen-ads tbody tr')].map((tr) => [tr.dataset.site, tr.dataset.kind, tr.cells[2].textContent, tr.cells[4].textContent])"), side);
    const news = rows.find(([site, kind]) => site === 'news.example' && kind === 'retargeted');
    assert.match(news?.[2] ?? '', /^Ad · .+ · Trail Runner X$/, JSON.stringify(rows));
    assert.match(news?.[3] ?? '', /^You viewed Trail Runner X on shop\.example /, JSON.stringify(rows));
  } finally {
    await firefox.send('browsingContext.close', { context: side });
  }
});

test('in Firefox, retargeted ads muted everywhere are hidden when the page loads, the other labels kept', async () => {
  const slot = '#div-gpt-ad-1700000000000-0';
  await inPage('options.html',
    "browser.storage.local.set({ settings: { mute: { retargeted: true } } }).then(() => true)");
  try {
    const expected = ['Ad · Generic', 'Ad · Generic', 'Recommended · About this page', 'Recommended · About this page'];
    const labels = await labelsReading(NEWS, expected);
    assert.deepEqual(labels.map((l) => l.text).sort(), expected);
    const { result } = await firefox.send('script.evaluate', {
      expression: `getComputedStyle(document.querySelector(${JSON.stringify(slot)})).display`,
      target: { context: firefox.context },
      awaitPromise: false,
    });
    assert.equal(result.value, 'none', 'the retargeted slot is hidden');
  } finally {
    await inPage('options.html', "browser.storage.local.remove('settings').then(() => true)");
  }
});

test('in Firefox, Polish chosen in the options: the open shop page\'s labels turn Polish without a reload, and so does the popup', async () => {
  const english = await labelsOn(PRODUCT, 2);
  assert.deepEqual(english.map((l) => l.text).sort(), ['Recommended · About this page', 'Recommended · Following you']);
  const { context: other } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    // As a user picks it: the options page saves the choice and reloads itself in it.
    await inExtensionPage(firefox, 'options.html', onceReady(`(() => {
      const select = document.getElementById('language');
      select.value = 'pl';
      select.dispatchEvent(new Event('change', { bubbles: true }));
      return true;
    })()`), other);
    const polish = await labelsWhen((labels) => labels.every((l) => l.text.startsWith('Polecane · ')));
    assert.deepEqual(polish.map((l) => l.text).sort(), ['Polecane · Chodzi za Tobą', 'Polecane · O tej stronie']);

    /** @type {number[]} */
    const ids = await inExtensionPage(firefox, 'options.html',
      `browser.tabs.query({ url: ${JSON.stringify(PRODUCT)} }).then((tabs) => tabs.map((t) => t.id))`, other);
    const popup = await inExtensionPage(firefox, `popup.html?tabId=${ids[0]}`, onceReady(`({
      lang: document.documentElement.lang,
      kinds: [...document.querySelectorAll('#counts li span:last-child')].map((s) => s.textContent),
    })`), other);
    assert.deepEqual(popup, { lang: 'pl', kinds: ['O tej stronie', 'Twój profil', 'Chodzi za Tobą', 'Ogólna'] });
  } finally {
    await inExtensionPage(firefox, 'options.html', "browser.storage.local.remove('settings').then(() => true)", other);
    await firefox.send('browsingContext.close', { context: other });
  }
});

test('in Firefox, on a page whose policy forbids inline styles and scripts, the label, its card and the placeholder are still styled', async () => {
  const [label] = await labelsOn('http://bank.example/offers.html', 1);
  assert.equal(label?.text, 'Ad · Generic');
  /** Some computed style properties of a node drawn by AdLens. */
  const styleOf = async (/** @type {import('../harness/firefox.mjs').Remote} */ node, /** @type {string[]} */ names) => {
    const { result } = await callOn(`(el) => JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((n) => [n, getComputedStyle(el).getPropertyValue(n)])))`, node);
    return JSON.parse(result.value);
  };
  const { result: policy } = await firefox.send('script.evaluate', {
    expression: '[window.pageScriptRan === true, window.inlineScriptRan === undefined]', target: { context: firefox.context }, awaitPromise: false,
  });
  assert.deepEqual(policy.value.map((/** @type {import('../harness/firefox.mjs').Remote} */ v) => v.value), [true, true], "the page's own script ran, and its policy is in force");
  // Unstyled, a badge would be a static button at the top of the page.
  assert.deepEqual(await styleOf(label.node, ['position', 'font-weight']), { position: 'absolute', 'font-weight': '600' });
  await clickAt(label.node);
  const card = await readWhyCard();
  assert.ok(card, 'the card opened');
  assert.deepEqual(await styleOf(card.node, ['position', 'width']), { position: 'absolute', width: '320px' });
  try {
    await clickAt(card.buttons['mute-site']);
    const { display, box } = await displayAndBefore('.slot', (seen) => seen.display === 'none');
    assert.equal(display, 'none');
    assert.ok(box, 'a placeholder stands in for the ad');
    assert.deepEqual(await styleOf(box, ['display', 'border-top-style']), { display: 'flex', 'border-top-style': 'dashed' });
  } finally {
    await inPage('options.html', "browser.storage.local.remove('settings').then(() => true)");
  }
});

test('in Firefox, a label stays on an ad that does not scroll with the page, through a wheel scroll and after it', async () => {
  const labels = await labelsOn('http://news.example/article/sticky-ads.html', 3);
  assert.equal(labels.length, 3);
  const top = async (/** @type {import('../harness/firefox.mjs').Remote} */ node) => (await callOn('(el) => el.getBoundingClientRect().top', node)).result.value;
  /** @param {string} expression */
  const inTab = async (expression) => (await firefox.send('script.evaluate', { expression, target: { context: firefox.context }, awaitPromise: false })).result.value;
  const anchorTop = await inTab("document.getElementById('div-gpt-ad-1700000000000-9').getBoundingClientRect().top");
  const tops = await Promise.all(labels.map((l) => top(l.node)));
  const anchor = labels[tops.findIndex((y) => Math.abs(y - anchorTop) <= 4)];
  assert.ok(anchor, `a label on the fixed ad (at ${anchorTop}): ${tops}`);
  // A first scroll, at whose end AdLens finds the items that do not scroll
  // with the page; then a wheel turned over a second, as a user scrolls
  // (sampled meanwhile).
  await inTab('window.scrollTo(0, 100)');
  const found = Date.now() + 2_000;
  while (Math.abs((await top(anchor.node)) - anchorTop) > 4 && Date.now() < found) await new Promise((resolve) => setTimeout(resolve, 50));
  await new Promise((resolve) => setTimeout(resolve, 200));
  let scrolling = true;
  const wheel = firefox.send('input.performActions', {
    context: firefox.context,
    actions: [{ type: 'wheel', id: 'wheel', actions: [{ type: 'scroll', x: 400, y: 400, deltaX: 0, deltaY: 1200, duration: 1000 }] }],
  }).finally(() => { scrolling = false; });
  /** @type {[number, number][]} the page's scroll and the fixed ad's label */
  const seen = [];
  while (scrolling) {
    seen.push([await inTab('window.scrollY'), await top(anchor.node)]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await wheel;
  const midway = seen.filter(([scrollY]) => scrollY > 100 && scrollY < 1300);
  assert.ok(midway.length >= 3, `seen while scrolling: ${JSON.stringify(seen)}`);
  assert.deepEqual(midway.filter(([, y]) => Math.abs(y - anchorTop) > 40), [], 'the label stayed on the fixed ad');
  // Once the scroll has ended, exactly on it.
  await labelsWhen(() => true);
  const settled = Date.now() + 2_000;
  while (Math.abs((await top(anchor.node)) - anchorTop) > 4 && Date.now() < settled) await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(Math.abs((await top(anchor.node)) - anchorTop) <= 4, 'on the fixed ad after the scroll');
  assert.ok((await inTab('window.scrollY')) >= 1100, 'the page scrolled');
});

test('in Firefox, an ad slot added after the page loaded (a late ad, an infinite feed) is found and labelled, the others kept', async () => {
  assert.equal((await labelsOn(NEWS, 5)).length, 5);
  await firefox.send('script.evaluate', {
    expression: `document.getElementById('main-content').insertAdjacentHTML('beforeend',
      '<div id="div-gpt-ad-late-0"><a href="https://adclick.g.doubleclick.net/aclk?adurl=https://late.example/">A late offer</a></div>')`,
    target: { context: firefox.context },
    awaitPromise: false,
  });
  const labels = await labelsWhen((found) => found.length === 6);
  assert.equal(labels.length, 6, 'the new slot is labelled');
  assert.deepEqual(labels.map((l) => l.text).filter((t) => t.startsWith('Ad · ')).length, 4, 'as an ad, beside the three others');
});

test('in Firefox, an ad picked by an interest in health is muted from its why card: every ad a sensitive topic picks is muted then, not its kind', async () => {
  const guides = ['allergies', 'vitamins', 'diabetes'];
  // The profile is read from a tab of its own: the guide must stay open until its report is in.
  const { context: side } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    for (const [read, guide] of guides.entries()) {
      await firefox.send('browsingContext.navigate', { context: firefox.context, url: `http://healthguide.example/guides/${guide}.html`, wait: 'complete' });
      // Its report reaches the profile once the page has loaded (up to 3 s in).
      for (const deadline = Date.now() + 10_000; ; await new Promise((r) => setTimeout(r, 250))) {
        const view = await inExtensionPage(firefox, 'options.html', "browser.runtime.sendMessage({ type: 'memory/get-interests' })", side);
        const health = view.value?.sites?.find((/** @type {{ site: string }} */ s) => s.site === 'healthguide.example');
        if (health?.visits > read) break;
        assert.ok(Date.now() < deadline, `${guide} read: ${JSON.stringify(view.value?.sites)}`);
      }
    }
  } finally {
    await firefox.send('browsingContext.close', { context: side });
  }
  try {
    const [label] = await labelsOn('http://news.example/article/hill-running.html', 1);
    assert.equal(label?.text, 'Ad · Your profile');
    await clickAt(label.node);
    const card = await readWhyCard();
    assert.ok(card?.evidence.some((e) => e.endsWith('— a sensitive topic: it can reveal your health')), card?.evidence.join(' | '));
    const mute = card?.buttons['mute-sensitive'];
    assert.ok(mute, Object.keys(card?.buttons ?? {}).join(', '));
    await clickAt(mute);
    const { box: _, ...seen } = await displayAndBefore('#div-gpt-ad-vitamins', ({ display }) => display === 'none');
    assert.deepEqual(seen, { display: 'none', before: 'Your profile · sensitive topic · mutedShow' });
    const settings = await inPage('options.html', "browser.storage.local.get('settings').then((s) => s.settings)");
    assert.equal(settings.muteSensitive, true);
    assert.equal(settings.mute.behavioural, false, 'the kind itself is not muted');
  } finally {
    await inPage('options.html', "browser.storage.local.remove('settings').then(() => true)");
    await sendFromAddonPage(firefox, { type: 'memory/wipe' });
  }
});

test('in Firefox, named images and forms that shadow the document’s own methods (querySelectorAll, createTreeWalker, body…) do not blind the scan', async () => {
  const labels = await labelsOn('http://news.example/hostile/clobbered-document.html', 2);
  // Found and labelled; the kinds depend on the profile the journey built.
  assert.deepEqual(labels.map((l) => l.text.split(' · ')[0]).sort(), ['Ad', 'Recommended']);
});
