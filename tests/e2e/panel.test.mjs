// The tracking panel and the research export, after a real journey in
// Chromium: a product viewed on shop.example (which tells Criteo), then two
// other sites whose Criteo ads show that product, with the service worker
// killed in the middle. The panel lists the sites, their companies and
// categories, what the shop told Criteo and where the product followed the
// user; an export validates with `adlens validate`; importing it into a
// wiped AdLens reproduces the panel; a malformed import changes nothing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests, startSession } from '../harness/session.mjs';

const current = sessionForTests();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.join(root, 'tests/out/panel');
const shotDir = path.join(root, 'tests/out/screenshots');
const adlens = path.join(root, 'target/debug/adlens');

const SHOP = 'http://shop.example/product/trail-runner-x.html';
const NEWS = 'http://news.example/article/marathon.html';
const BLOG = 'http://blog.example/post/autumn-trails.html';

/** @typedef {import('playwright-core').Page} Page */

/** @param {string} hash */
const openPanel = (hash) => current().openPanel(hash);

/**
 * The site list as text, row by row.
 * @param {Page} panel
 */
function siteRows(panel) {
  return panel.$$eval('#sites tbody tr', (rows) => rows.map((r) => ({
    site: r.getAttribute('data-site'),
    cells: [...r.querySelectorAll('td')].map((c) => c.textContent),
  })));
}

/**
 * A site's page as text.
 * @param {Page} panel
 */
async function sitePage(panel) {
  return {
    companies: await panel.$$eval('#companies [data-category]', (groups) => groups.map((g) => ({
      category: g.getAttribute('data-category'),
      companies: [...g.querySelectorAll('[data-company]')].map((c) => c.textContent),
    }))),
    remarketing: await panel.$$eval('#remarketing li', (lis) => lis.map((li) => li.textContent)),
    followed: await panel.$$eval('#followed li', (lis) => lis.map((li) => li.textContent)),
    chosen: await panel.$$eval('#site-chosen tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent))),
    chosenNone: await panel.$eval('#site-chosen-none', (p) => (/** @type {HTMLElement} */ (p).hidden ? null : p.textContent)),
    chart: await panel.$eval('#kinds-chart', (f) => f.querySelector('svg')?.getAttribute('aria-label') ?? f.textContent),
  };
}

/**
 * The ads chosen for the user, row by row: kind, then the cells.
 * @param {Page} panel on #ads
 */
function chosenAds(panel) {
  return panel.$$eval('#chosen-ads tbody tr', (trs) => trs.map((tr) => [tr.getAttribute('data-kind') ?? '',
    ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')]));
}

/**
 * Exports from the panel's data view; returns the saved file.
 * @param {(panel: Page) => Promise<void>} choose sets the form before exporting
 * @param {string} name
 */
async function exportFile(choose, name) {
  const panel = await openPanel('#data');
  await choose(panel);
  const [download] = await Promise.all([panel.waitForEvent('download'), panel.click('#export-start')]);
  const file = path.join(outDir, name);
  await download.saveAs(file);
  await panel.waitForSelector('#view-data[data-exported]');
  await panel.close();
  return file;
}

/** @param {Page} panel @param {string} file */
async function importFile(panel, file) {
  await panel.evaluate(() => { delete document.getElementById('view-data')?.dataset.imported; });
  await panel.setInputFiles('#import-file', file);
  await panel.waitForSelector('#view-data[data-imported]');
  return panel.$eval('#view-data', (s) => ({ result: s.getAttribute('data-imported'), status: s.querySelector('#import-status')?.textContent }));
}

test('a journey with the worker killed half-way: every observation is stored', async () => {
  fs.mkdirSync(outDir, { recursive: true });
  fs.mkdirSync(shotDir, { recursive: true });
  const wiped = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'memory/wipe' }));
  assert.equal(wiped.ok, true, wiped.error);
  const shop = await current().open(SHOP);
  await waitForLabels(shop, 2);
  await shop.waitForTimeout(400); // the Criteo tag's event follows its script
  await current().stopServiceWorker();
  for (const url of [NEWS, BLOG]) {
    const page = await current().open(url);
    await waitForLabels(page, url === NEWS ? 4 : 1);
    await page.close();
  }
  await shop.close();
  await new Promise((r) => setTimeout(r, 500)); // request records are stored within 200 ms

  /** @type {{ type: string, site: string, [k: string]: any }[]} */
  const stored = await current().readDb('observations');
  const of = (/** @type {string} */ type) => stored.filter((o) => o.type === type);
  assert.deepEqual(of('page_visit').map((o) => o.site).sort(), ['blog.example', 'news.example', 'shop.example']);
  assert.equal(of('page_visit').find((o) => o.site === 'shop.example')?.product?.name, 'Trail Runner X');
  const followed = of('item_seen').filter((o) => o.kind === 'retargeted' && o.site !== 'shop.example');
  assert.deepEqual(followed.map((o) => [o.site, o.followedFrom, o.product]).sort(),
    [['blog.example', 'shop.example', 'Trail Runner X'], ['news.example', 'shop.example', 'Trail Runner X']]);
  assert.ok(of('tracker_contact').some((o) => o.site === 'shop.example' && o.domain === 'criteo.com' && o.company === 'Criteo'),
    'the shop contacted Criteo, known to the tracker database');
  assert.deepEqual(of('remarketing_event').map((o) => [o.site, o.vendor, o.event, o.productId]), [['shop.example', 'Criteo', 'viewItem', 'TRX-42']]);
  for (const o of stored) assert.match(o.id, /^\d+\.\d+\/|^feedback\//, `${o.id} names its visit`);
});

test('the panel lists the sites; a shop shows its companies, what it told Criteo and where the product followed you', async () => {
  const panel = await openPanel('');
  const rows = await siteRows(panel);
  assert.deepEqual(rows.map((r) => r.site).sort(), ['blog.example', 'news.example', 'shop.example']);
  const shopRow = rows.find((r) => r.site === 'shop.example');
  assert.match(shopRow?.cells[3] ?? '', /Criteo/, 'companies column');
  const kinds = await panel.$$eval('tr[data-site="news.example"] [data-kind]', (s) => Object.fromEntries(s.map((x) => [x.getAttribute('data-kind'), x.textContent])));
  assert.equal(kinds.retargeted, '1 Following you', 'the news article has one ad following you, said in words');
  assert.equal(await panel.getAttribute('tr[data-site="news.example"] [data-kind="retargeted"]', 'title'),
    'A product or shop you looked at before, following you around.', 'and on hover what that means');
  await panel.screenshot({ path: path.join(shotDir, 'panel-sites.png'), fullPage: true });

  await panel.fill('#site-search', 'taboola');
  assert.deepEqual((await siteRows(panel)).map((r) => r.site), [], 'no site here talks to Taboola');
  await panel.fill('#site-search', 'criteo');
  assert.deepEqual((await siteRows(panel)).map((r) => r.site), ['shop.example'], 'searching by company');
  await panel.fill('#site-search', '');

  await panel.click('th[data-sort="site"] button');
  assert.deepEqual((await siteRows(panel)).map((r) => r.site), ['blog.example', 'news.example', 'shop.example']);
  assert.equal(await panel.getAttribute('th[data-sort="site"]', 'aria-sort'), 'ascending');
  await panel.click('th[data-sort="site"] button');
  assert.deepEqual((await siteRows(panel)).map((r) => r.site), ['shop.example', 'news.example', 'blog.example']);

  await panel.click('a[href="#site/shop.example"]');
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  const shop = await sitePage(panel);
  const advertising = shop.companies.find((g) => g.category === 'advertising');
  assert.ok(advertising?.companies.some((c) => /^Criteo.*retargeting.*criteo\.com/.test(c ?? '')), JSON.stringify(shop.companies));
  assert.deepEqual(shop.remarketing.map((s) => s?.replace(/ \(.*\)$/, '')), ['shop.example told Criteo you viewed Trail Runner X']);
  assert.deepEqual(shop.followed, ['Trail Runner X followed you to blog.example and news.example']);
  // Its own "recently viewed" widget was chosen for the user there.
  assert.deepEqual(shop.chosen.map((cells) => cells.slice(1)), [['Recommended · Recently viewed', 'Following you', 'The section is headed “Recently viewed”']]);
  assert.equal(shop.chosenNone, null);
  await panel.screenshot({ path: path.join(shotDir, 'panel-site.png'), fullPage: true });

  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#site/news.example`);
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  assert.ok(await panel.$('#kinds-chart svg rect.retargeted'), 'the chart shows the ad that followed you');
  // The ad that followed the user there, with why.
  const news = await sitePage(panel);
  assert.deepEqual(news.chosen.map((cells) => cells.slice(1, 3)), [['Ad · Criteo · Trail Runner X', 'Following you']]);
  assert.match(news.chosen[0]?.[3] ?? '', /^You viewed Trail Runner X on shop\.example /);
  assert.match(news.chosen[0]?.[0] ?? '', /^(just now|\d+ minutes? ago)$/);
  assert.deepEqual(await panel.$$eval('#kinds-chart .legend li', (items) => items.map((li) => li.getAttribute('title'))), [
    'Chosen because of the page you are reading.', 'Chosen from an interest profile built from your browsing.',
    'A product or shop you looked at before, following you around.', 'Not enough evidence for one of the other kinds: AdLens never guesses.',
  ], 'the legend says on hover what each kind means');
  assert.match((await sitePage(panel)).chart ?? '', /Following you 1/);
  // A site with none says so.
  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#site/nowhere.example`);
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  const nowhere = await sitePage(panel);
  assert.deepEqual([nowhere.chosen, nowhere.chosenNone], [[], 'None seen here.']);
  assert.equal(await panel.isVisible('#site-chosen'), false);
  await panel.close();
});

test('"what advertisers could infer" names the companies that saw the journey, on which sites, about what, told by whom', async () => {
  const panel = await openPanel('#profile');
  const rows = await panel.$$eval('#company-reach tbody tr', (trs) => trs.map((tr) => ({
    company: tr.getAttribute('data-company'),
    cells: [...tr.querySelectorAll('th, td')].map((c) => c.textContent),
  })));
  // The fixtures' Criteo ads on news.example and blog.example are links
  // only: the shop alone sent Criteo data, and told it what was viewed.
  assert.deepEqual(rows, [
    { company: 'Criteo', cells: ['Criteo', '1 of 3shop.example', 'Running and fitness', 'shop.example'] },
    { company: 'ID5 Sync', cells: ['ID5 Sync', '1 of 3news.example', 'Running and fitness', '—'] },
  ]);
  await panel.screenshot({ path: path.join(shotDir, 'panel-profile-reach.png'), fullPage: true });
  // Each site named leads to its page in the panel.
  await panel.click('#company-reach tr[data-company="Criteo"] .sites a');
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  assert.equal(await panel.$eval('#site-name', (h) => h.textContent), 'shop.example');
  await panel.close();
});

test('"ads chosen for you" lists the ads that followed the journey, the newest first, with when, where and why', async () => {
  const panel = await openPanel('#ads');
  assert.equal(await panel.getAttribute('nav a[data-route="ads"]', 'aria-current'), 'page');
  const rows = await chosenAds(panel);
  assert.deepEqual(rows.map(([kind, , site, item, label]) => [kind, site, item, label]), [
    ['retargeted', 'blog.example', 'Ad · Criteo · Trail Runner X', 'Following you'],
    ['retargeted', 'news.example', 'Ad · Criteo · Trail Runner X', 'Following you'],
    // The shop's own "recently viewed" widget, by its heading.
    ['retargeted', 'shop.example', 'Recommended · Recently viewed', 'Following you'],
  ]);
  for (const [, when] of rows) assert.match(when, /^(just now|\d+ minutes? ago)$/);
  for (const [, , , , , why] of rows.slice(0, 2)) {
    assert.match(why, /^You viewed Trail Runner X on shop\.example (just now|\d+ minutes? ago) · Served by Criteo, a retargeting company · shop\.example told Criteo you viewed a product$/);
  }
  assert.equal(rows[2][5], 'The section is headed “Recently viewed”');
  assert.equal(await panel.isVisible('#ads-empty'), false);
  assert.equal(await panel.isVisible('#ads-more'), false);
  await panel.screenshot({ path: path.join(shotDir, 'panel-ads.png'), fullPage: true });
  // Each site leads to its page in the panel.
  await panel.click('#chosen-ads tr[data-site="news.example"] a');
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  assert.equal(await panel.$eval('#site-name', (h) => h.textContent), 'news.example');
  await panel.close();
});

test('opened for a tab, the panel lists its items by their own words, with their kind and why in sentences', async () => {
  const url = 'http://news.example/article/running.html';
  const page = await current().open(url);
  await waitForLabels(page, 5);
  const { tabId } = await current().waitForReport(url, 5);
  const panel = await openPanel(`?tabId=${tabId}`);
  const rows = await panel.$$eval('#items tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  /** @param {RegExp} item */
  const row = (item) => rows.find(([name]) => item.test(name ?? ''));
  // A widget by its heading as the page writes it; an unnamed ad by its words.
  const outbrain = row(/^Recommended · Outbrain/);
  assert.equal(outbrain?.[0], 'Recommended · Outbrain · Around the web', JSON.stringify(rows));
  assert.equal(outbrain?.[1], 'About this page');
  assert.match(outbrain?.[2] ?? '', /^It is about running and fitness, like this page \(.+\) · The section is headed “Around the web” · Served by Outbrain$/);
  assert.equal(row(/^Ad · Brand Example/)?.[0], 'Ad · Brand Example: the autumn sale is on', JSON.stringify(rows));
  assert.equal(rows.length, 5);
  await panel.close();
  await page.close();
});

test('an export validates against the schema; wiped and imported, it gives the same panel; a bad file changes nothing', async () => {
  const before = await openPanel('');
  const rowsBefore = await siteRows(before);
  await before.goto(`chrome-extension://${current().browser.extensionId}/panel.html#site/shop.example`);
  await before.waitForSelector('body[data-ready="true"][data-view="site"]');
  const shopBefore = await sitePage(before);
  await before.close();

  const file = await exportFile(async () => {}, 'export.jsonl');
  const validated = execFileSync(adlens, ['validate', file], { encoding: 'utf8' });
  assert.match(validated, /valid, schema version 1, \d+ observations/);
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
  assert.equal(JSON.parse(lines[0]).producer.startsWith('AdLens extension'), true);
  assert.equal(lines.length - 1, (await current().readDb('observations')).length, 'every observation exported');

  const adsPanel = await openPanel('#ads');
  const adsBefore = await chosenAds(adsPanel);
  await adsPanel.close();
  const wiped = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'memory/wipe' }));
  assert.equal(wiped.ok, true);
  const none = await openPanel('#ads');
  assert.deepEqual(await none.$eval('#ads-empty', (p) => [/** @type {HTMLElement} */ (p).hidden, p.textContent]),
    [false, 'None yet: no ad or widget chosen for you has been seen.']);
  assert.equal(await none.isVisible('#chosen-ads'), false);
  await none.close();
  const panel = await openPanel('#data');
  const imported = await importFile(panel, file);
  assert.equal(imported.result, String(lines.length - 1), imported.status ?? '');
  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#sites`);
  await panel.waitForSelector('body[data-ready="true"][data-view="sites"]');
  assert.deepEqual(await siteRows(panel), rowsBefore, 'the same site list');
  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#site/shop.example`);
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  assert.deepEqual(await sitePage(panel), shopBefore, 'the same shop page');
  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#ads`);
  await panel.waitForSelector('body[data-ready="true"][data-view="ads"]');
  assert.deepEqual(await chosenAds(panel), adsBefore, 'the same ads chosen for you');
  const profile = /** @type {any} */ (await current().readDb('memory', 'productMemory'));
  assert.deepEqual(profile.products.map((/** @type {any} */ p) => p.name), ['Trail Runner X'], 'the engine remembers the product again');

  const count = (await current().readDb('observations')).length;
  const again = await openPanel('#data');
  assert.equal((await importFile(again, file)).result, '0', 'importing the same file again adds nothing');
  const broken = path.join(outDir, 'broken.jsonl');
  fs.writeFileSync(broken, [...lines.slice(0, 5), lines[5].replace('"site":', '"sight":'), ...lines.slice(6)].join('\n'));
  const refused = await importFile(again, broken);
  assert.equal(refused.result, 'refused');
  assert.match(refused.status ?? '', /Not imported, nothing changed: line 6: /);
  const newer = path.join(outDir, 'newer.jsonl');
  fs.writeFileSync(newer, [lines[0].replace('"schemaVersion":1', '"schemaVersion":2'), ...lines.slice(1)].join('\n'));
  assert.match((await importFile(again, newer)).status ?? '', /schema version 2; this AdLens reads version 1/);
  assert.equal((await current().readDb('observations')).length, count, 'nothing stored changed');
  await again.screenshot({ path: path.join(shotDir, 'panel-data.png'), fullPage: true });
  await again.close();
  await panel.close();
});

test('a redacted export hashes page URLs with a fresh salt and drops query strings; CSV has a row per record', async () => {
  const hashed = await exportFile(async (panel) => {
    await panel.check('input[name="pageUrls"][value="hash"]');
    await panel.check('input[name="dropQuery"]');
    await panel.uncheck('input[name="includeEvidence"]');
  }, 'hashed.jsonl');
  assert.match(execFileSync(adlens, ['validate', hashed], { encoding: 'utf8' }), /valid/);
  const text = fs.readFileSync(hashed, 'utf8');
  assert.ok(!text.includes('/article/marathon'), 'no page URL left');
  const urls = [...text.matchAll(/"(?:landingUrl|url|image)":"([^"]*)"/g)].map((m) => m[1]);
  assert.ok(urls.length > 0 && urls.every((u) => !u.includes('?')), `no query string left: ${urls.join(' ')}`);
  const records = text.trim().split('\n').slice(1).map((l) => JSON.parse(l));
  assert.ok(records.every((r) => r.pageUrl === null || /^sha256:[0-9a-f]{32}$/.test(r.pageUrl)));
  assert.ok(records.filter((r) => r.type === 'item_seen').every((r) => r.evidence === null));
  const second = await exportFile(async (panel) => panel.check('input[name="pageUrls"][value="hash"]'), 'hashed-again.jsonl');
  const hashOf = (/** @type {string} */ f) => fs.readFileSync(f, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => JSON.parse(l))
    .find((r) => r.type === 'page_visit' && r.site === 'shop.example')?.pageUrl;
  assert.notEqual(hashOf(hashed), hashOf(second), 'a new salt for each export');

  const csv = await exportFile(async (panel) => {
    await panel.selectOption('#export-format', 'csv');
    for (const type of ['page_visit', 'tracker_contact', 'remarketing_event', 'label_feedback']) await panel.uncheck(`input[name="type:${type}"]`);
  }, 'items.csv');
  const csvLines = fs.readFileSync(csv, 'utf8').trim().split('\n');
  assert.match(csvLines[0], /^type,id,time,lastTime,site,pageUrl/);
  const items = (await current().readDb('observations')).filter((/** @type {{ type: string }} */ o) => o.type === 'item_seen');
  assert.equal(csvLines.length - 1, items.length, 'one row per item seen');
  assert.ok(csvLines.slice(1).every((l) => l.startsWith('item_seen,')));
});

test("a site's page deletes its data; a full disk's notice is shown", async () => {
  const panel = await openPanel('#site/blog.example');
  panel.once('dialog', (dialog) => dialog.accept());
  await panel.click('#forget-site');
  await panel.waitForSelector('body[data-ready="true"][data-view="sites"]');
  assert.deepEqual((await siteRows(panel)).map((r) => r.site).sort(), ['news.example', 'shop.example']);
  const left = /** @type {{ site: string }[]} */ (await current().readDb('observations'));
  assert.ok(left.every((o) => o.site !== 'blog.example'), "none of the blog's observations is left");
  await panel.goto(`chrome-extension://${current().browser.extensionId}/panel.html#site/shop.example`);
  await panel.waitForSelector('body[data-ready="true"][data-view="site"]');
  assert.deepEqual((await sitePage(panel)).followed, ['Trail Runner X followed you to news.example'], 'the blog is gone from where it followed you');

  // What the background writes when IndexedDB refused a write for lack of room.
  await panel.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('adlens');
    open.onsuccess = () => {
      const tx = open.result.transaction('memory', 'readwrite');
      tx.objectStore('memory').put({ time: Date.now(), dropped: 1234 }, 'storageNotice');
      tx.oncomplete = () => { open.result.close(); resolve(undefined); };
      tx.onabort = () => reject(tx.error);
    };
  }));
  await panel.reload();
  await panel.waitForSelector('body[data-ready="true"]');
  assert.match(await panel.$eval('#notice', (n) => (/** @type {HTMLElement} */ (n).hidden ? '' : n.textContent ?? '')), /Storage was full just now: AdLens deleted the oldest 1234 observations/);
  await panel.close();
});

test('everything survives closing and reopening the browser', async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'adlens-restart-'));
  try {
    const first = await startSession({ userDataDir: profile });
    /** @type {unknown[]} */
    let before;
    try {
      const page = await first.open(SHOP);
      await waitForLabels(page, 2);
      await page.waitForTimeout(1_500); // past the memory's 1 s save
      before = await first.readDb('observations');
      assert.ok(before.length > 0);
    } finally {
      await first.close();
    }
    const second = await startSession({ userDataDir: profile });
    try {
      assert.deepEqual(await second.readDb('observations'), before, 'the same observations');
      const products = /** @type {any} */ (await second.readDb('memory', 'productMemory'));
      assert.deepEqual(products.products.map((/** @type {any} */ p) => p.name), ['Trail Runner X']);
      const panel = await second.browser.context.newPage();
      await panel.goto(`chrome-extension://${second.browser.extensionId}/panel.html#sites`);
      await panel.waitForSelector('body[data-ready="true"]');
      assert.deepEqual((await siteRows(panel)).map((r) => r.site), ['shop.example']);
    } finally {
      await second.close();
    }
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test('retention forgets stored observations older than the chosen period, and the panel follows', async () => {
  // Observations from 60 days ago, imported as a researcher's old export.
  const old = Date.now() - 60 * 86_400_000;
  const iso = (/** @type {number} */ t) => new Date(t).toISOString();
  const lines = [
    { type: 'export', format: 'adlens-observations', schemaVersion: 1, exportedAt: iso(old), producer: 'test',
      options: { format: 'jsonl', from: null, to: null, sites: [], types: [], dropQuery: false, pageUrls: 'full', includeEvidence: true } },
    { type: 'page_visit', id: '9.1/page', time: iso(old), site: 'oldsite.example', pageUrl: 'https://oldsite.example/', visitId: '9.1',
      language: 'en', topics: [], product: null },
    { type: 'tracker_contact', id: '9.1/contact/criteo.com', time: iso(old), lastTime: iso(old), site: 'oldsite.example',
      pageUrl: 'https://oldsite.example/', visitId: '9.1', domain: 'criteo.com', requests: 2, listed: 0, tracker: 'Criteo',
      company: 'Criteo', category: 'advertising', retargetingVendor: true },
  ];
  const file = path.join(outDir, 'sixty-days-ago.jsonl');
  fs.writeFileSync(file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
  const panel = await openPanel('#data');
  assert.equal((await importFile(panel, file)).result, '2');
  assert.ok(await current().readDb('sites', 'oldsite.example'), 'the old site is listed');

  // Keeping 30 days (the default) applies on the next change of the setting.
  const options = await current().browser.context.newPage();
  await options.goto(`chrome-extension://${current().browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  await options.selectOption('#retention', '90');
  await new Promise((r) => setTimeout(r, 800));
  assert.ok(await current().readDb('sites', 'oldsite.example'), '60 days old is within 90 days');
  await options.selectOption('#retention', '30');
  for (const deadline = Date.now() + 5_000; Date.now() < deadline && await current().readDb('sites', 'oldsite.example'); ) {
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(await current().readDb('sites', 'oldsite.example'), undefined, 'its summary is gone');
  const left = /** @type {{ site: string }[]} */ (await current().readDb('observations'));
  assert.ok(left.every((o) => o.site !== 'oldsite.example'), 'and its observations');
  assert.ok(left.length > 0, 'recent observations stay');
  await options.selectOption('#retention', '90');
  await options.close();
  await panel.close();
});

test('a site\'s chart covers the period kept: a bar a day up to 90 days, a bar a week over a year', async () => {
  const page = await current().open(NEWS);
  await waitForLabels(page, 1);
  await page.close();
  const worker = await current().browser.worker();
  const options = await current().browser.context.newPage();
  await options.goto(`chrome-extension://${current().browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  /** @param {number} days */
  const chartKeeping = async (days) => {
    await options.selectOption('#retention', String(days));
    for (const deadline = Date.now() + 5_000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
      const stored = /** @type {any} */ (await worker.evaluate(() => chrome.storage.local.get('settings')));
      if (stored.settings?.retentionDays === days) break;
    }
    const panel = await openPanel('#site/news.example');
    try {
      return await panel.$eval('#kinds-chart svg', (svg) => ({
        bars: svg.querySelectorAll('g').length,
        label: svg.getAttribute('aria-label') ?? '',
        lastBar: svg.querySelector('g:last-of-type title')?.textContent ?? '',
      }));
    } finally {
      await panel.close();
    }
  };
  try {
    for (const days of [7, 30, 90]) {
      const chart = await chartKeeping(days);
      assert.equal(chart.bars, days, `keeping ${days} days: a bar a day`);
      assert.match(chart.label, /^Ads and widgets seen per day from /);
      assert.match(chart.lastBar, /^[A-Z][a-z]{2} \d{1,2}: About this page \d+, Your profile \d+, Following you \d+, Generic \d+$/);
    }
    const year = await chartKeeping(365);
    assert.equal(year.bars, 53, 'keeping a year: a bar a week');
    // A year's dates say which year.
    assert.match(year.label, /^Ads and widgets seen per week from [A-Z][a-z]{2} \d{1,2}, \d{4} to [A-Z][a-z]{2} \d{1,2}, \d{4}: /);
    assert.match(year.lastBar, /^[A-Z][a-z]{2} \d{1,2}, \d{4} – [A-Z][a-z]{2} \d{1,2}, \d{4}: About this page \d+/);
  } finally {
    await options.selectOption('#retention', '30');
    await options.close();
  }
});

test('an export of thousands of records, thousands sharing a time across its batches of 2,000, has each record exactly once', async (t) => {
  // 4,500 records at one time (filling the first two batches and across the
  // third's start), 1,990 at the next (across the third's end), then 600 at
  // times of their own.
  const base = Date.now() - 86_400_000;
  const timeOf = (/** @type {number} */ i) => (i < 4_500 ? base : i < 6_490 ? base + 1 : base + 2 + i);
  const stored = await current().writeObservations(Array.from({ length: 7_090 }, (_, i) => ({
    type: 'page_visit', id: `bulk/${i}`, time: timeOf(i), site: 'bulk.example', pageUrl: `https://bulk.example/${i}`,
    visitId: `bulk.${i}`, language: 'en', topics: [], product: null,
  })));
  t.after(() => current().sendFromExtensionPage({ type: 'memory/forget-site', site: 'bulk.example' }));
  const file = await exportFile(async () => {}, 'bulk.jsonl');
  const ids = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.includes('"bulk/')).map((l) => JSON.parse(l).id);
  assert.equal(ids.length, stored, 'as many bulk records as stored');
  assert.equal(new Set(ids).size, stored, 'none twice');
  assert.equal((await current().readDb('observations')).length + 1, fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length, 'every observation, and the header');
});
