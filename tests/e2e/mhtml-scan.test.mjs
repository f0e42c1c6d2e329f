// `adlens scan FILE.mhtml`: a page saved as the user saw it, frames and
// script-written ads included (Chrome's "Webpage, Single File", here the
// DevTools protocol's Page.captureSnapshot of the page the extension just
// labelled). The saved page must give the items the extension reported for
// the live page, each with the same landing page, vendor and verdict; and,
// as a visit of a journey after the shop, the product's ad follows the user
// with the evidence the extension gives it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../harness/browser.mjs';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const NEWS = 'http://news.example/article/running.html';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlens-mhtml-'));
const saved = path.join(dir, 'running.mhtml');

after(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * `adlens` with these arguments; its output's lines, parsed.
 * @param {string[]} args
 */
function adlens(...args) {
  const run = spawnSync('cargo', ['run', '-q', '-p', 'adlens', '--bin', 'adlens', '--', ...args],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return { status: run.status, stderr: run.stderr, records: run.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) };
}

/**
 * An item as both sides name it, to compare: what, who, where it leads, and its verdict.
 * @param {{ itemType: string, vendor: string | null, landingDomain: string | null,
 *   verdict: { kind: string, evidence: { type: string }[] } }} item
 */
const described = (item) => [item.itemType, item.vendor, item.landingDomain, item.verdict.kind,
  item.verdict.evidence.map((e) => e.type).join(',')].join(' | ');

test('a page saved as MHTML scans as the extension saw it live: the same items, creatives in frames and slots written by script', async () => {
  const page = await current().open(NEWS);
  await waitForLabels(page, 5);
  // Both Google creatives attributed (each is in a frame that reports late).
  /** @type {import('../../extension/messages.js').ReportedItem[]} */
  let live = [];
  for (const deadline = Date.now() + 5_000; Date.now() < deadline; await page.waitForTimeout(100)) {
    live = (await current().waitForReport(NEWS, 5)).state.report.items;
    if (live.filter((i) => i.network === 'Google' && i.landingDomain).length === 2) break;
  }
  const cdp = await page.context().newCDPSession(page);
  const { data } = await cdp.send('Page.captureSnapshot', { format: 'mhtml' });
  await cdp.detach();
  await page.close();
  fs.writeFileSync(saved, data);

  const { status, stderr, records } = adlens('scan', '--lists', 'target/adlens-data/lists.bin', saved);
  assert.equal(status, 0, stderr);
  assert.ok(records.every((r) => r.pageUrl === NEWS), 'the page URL is read from the saved page');
  assert.deepEqual(records.map(described).sort(), live.map(described).sort());
  // Not a coincidence of empty fields: both Google slots lead somewhere, and
  // the second was written by the page's script (not in the served HTML).
  const google = records.filter((r) => r.network === 'Google').map((r) => r.landingDomain).sort();
  assert.deepEqual(google, ['shop.example', 'travel.example']);
  assert.match(records.find((r) => r.landingDomain === 'shop.example').text, /Trail Runner X/);
});

test('a journey whose visit is a saved MHTML page: after the shop, its ad follows the user, as the extension says', () => {
  assert.ok(fs.existsSync(saved), 'the first test saved the page');
  const shop = JSON.parse(fs.readFileSync(path.join(ROOT, 'tests/scenarios/browser/en.jsonl'), 'utf8').split('\n')[0]);
  shop.html_file = path.join(ROOT, 'tests/scenarios/browser', shop.html_file);
  const journey = path.join(dir, 'journey.jsonl');
  fs.writeFileSync(journey, [shop, { time: '2026-11-20T15:00:00Z', url: NEWS, html_file: 'running.mhtml' }]
    .map((v) => JSON.stringify(v)).join('\n'));
  const { status, stderr, records } = adlens('replay', '--lists', 'target/adlens-data/lists.bin', journey);
  assert.equal(status, 0, stderr);
  const followed = records.find((r) => r.line === 2 && r.landingDomain === 'shop.example');
  // What tests/e2e/retargeting.test.mjs sees the extension decide.
  assert.equal(followed?.kind, 'retargeted', JSON.stringify(followed));
  assert.deepEqual(followed.evidence.map((/** @type {{ type: string }} */ e) => e.type), ['viewed_product', 'remarketing_tag_seen', 'served_by']);
  assert.equal(records.find((r) => r.line === 2 && r.landingDomain === 'travel.example')?.kind, 'generic');
});

test('a saved file that is neither HTML with --url nor MHTML is refused with why', () => {
  const html = path.join(dir, 'page.html');
  fs.writeFileSync(html, '<div id="div-gpt-ad-1">Ad</div>');
  const noUrl = adlens('scan', '--lists', 'target/adlens-data/lists.bin', html);
  assert.equal(noUrl.status, 1);
  assert.match(noUrl.stderr, /page\.html: a saved HTML page does not say its URL: scan needs --url PAGE_URL/);
  const broken = path.join(dir, 'broken.mhtml');
  fs.writeFileSync(broken, 'From: <Saved by Blink>\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n--b\r\nContent-Type: text/css\r\n\r\np{}\r\n--b--\r\n');
  const refused = adlens('scan', '--lists', 'target/adlens-data/lists.bin', broken);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /broken\.mhtml: not a page saved as MHTML: no HTML document in it/);
  assert.deepEqual(refused.records, []);
});
