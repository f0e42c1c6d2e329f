// The four kinds from real browsing in Chromium, in English, Polish and
// Chinese: a product viewed on a shop, three travel guides read, then a
// running article whose slots show that product (Criteo), a running-shoe ad,
// a travel ad and a brand ad. Each journey is a file `adlens replay` reads
// too (tests/scenarios/browser/), and the native verdicts must be the same:
// kind, confidence and evidence (its sentences say "2 hours ago" natively and
// "just now" in the browser, so they are left out).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @typedef {import('../../extension/messages.js').ReportedItem} ReportedItem */
/** @typedef {{ url: string, expect: Record<string, string> }} Visit */

/** The evidence that must come first for each kind (generic: anywhere). */
const KEY_EVIDENCE = /** @type {const} */ ({
  retargeted: 'viewed_product',
  contextual: 'topic_matches_page',
  behavioural: 'topic_matches_profile',
  generic: 'no_targeting_evidence',
});

/**
 * A verdict reduced to what must not depend on the platform or the clock:
 * kind and the evidence types in order. (Confidence is compared apart: a
 * profile fades with time, and the journey's visits are hours apart in the
 * file but seconds apart in the browser.)
 * @param {{ kind: string, confidence: number, evidence: { type: string }[] }} verdict
 */
const essence = (verdict) => ({ what: `${verdict.kind} ${verdict.evidence.map((e) => e.type).join(',')}`, confidence: verdict.confidence });

/**
 * Verdicts by "line element-id" from `adlens replay` (the same engine, natively).
 * @param {string} file
 */
function replayVerdicts(file) {
  const run = spawnSync(
    'cargo',
    ['run', '-q', '-p', 'adlens', '--bin', 'adlens', '--', 'replay', '--lists', 'target/adlens-data/lists.bin', file],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(run.status, 0, run.stderr);
  /** @type {Record<string, ReturnType<typeof essence>>} */
  const kinds = {};
  for (const line of run.stdout.trim().split('\n')) {
    const record = JSON.parse(line);
    if (record.locator.id) kinds[`${record.line} ${record.locator.id}`] = essence(record);
  }
  return kinds;
}

for (const lang of ['en', 'pl', 'zh']) {
  test(`${lang}: retargeted, contextual, behavioural and generic from a real journey, as adlens replay says`, async () => {
    const file = path.join(root, 'tests/scenarios/browser', `${lang}.jsonl`);
    /** @type {Visit[]} */
    const visits = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    // Each journey starts from an empty memory, as `adlens replay` does.
    assert.deepEqual(await current().sendFromExtensionPage({ type: 'memory/wipe' }), { ok: true, value: null });
    /** @type {Record<string, ReturnType<typeof essence>>} */
    const inBrowser = {};
    for (const [index, visit] of visits.entries()) {
      const page = await current().open(visit.url);
      try {
        const ids = Object.keys(visit.expect);
        const { state } = await current().waitForReport(visit.url, ids.length);
        for (const id of ids) {
          const item = state.report.items.find((i) => i.elementId === id);
          assert.ok(item, `${visit.url}: #${id} found`);
          const { kind, evidence } = item.verdict;
          const why = evidence.map((e) => e.sentence).join(' · ');
          assert.equal(kind, visit.expect[id], `${visit.url} #${id}: ${why}`);
          const key = KEY_EVIDENCE[/** @type {keyof typeof KEY_EVIDENCE} */ (kind)];
          if (kind === 'generic') assert.ok(evidence.some((e) => e.type === key), why);
          else assert.equal(evidence[0].type, key, why);
          if (kind === 'behavioural') {
            assert.equal(evidence[0].topic, 'travel', why);
            // The English article also talks to ID5, a cross-site ID provider.
            const ids = evidence.find((e) => e.type === 'cross_site_ids_present');
            assert.deepEqual(ids?.providers, lang === 'en' ? ['ID5'] : undefined, why);
          }
          if (kind === 'contextual') assert.equal(evidence[0].topic, index === visits.length - 1 ? 'fitness_running' : 'travel', why);
          inBrowser[`${index + 1} ${id}`] = essence(item.verdict);
        }
      } finally {
        await page.close();
      }
    }
    assert.equal(Object.keys(inBrowser).length, 5);
    const natively = replayVerdicts(file);
    for (const [key, verdict] of Object.entries(inBrowser)) {
      assert.equal(natively[key]?.what, verdict.what, `adlens replay on ${key}`);
      assert.ok(Math.abs(natively[key].confidence - verdict.confidence) < 0.02, `confidence of ${key}`);
    }
  });
}

test('the panel shows what the browsing taught AdLens; forgetting a site and wiping work, and are saved', async () => {
  const { browser } = current();
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html#profile`);
  await panel.waitForSelector('body[data-ready="true"][data-view="profile"]');
  const topics = await panel.$$eval('#interests li', (lis) => lis.map((li) => li.getAttribute('data-topic')));
  assert.equal(topics[0], 'travel', `the three travel guides lead the profile: ${topics.join(', ')}`);
  const sites = async () => panel.$$eval('#memory-sites tbody tr', (rows) => rows.map((r) => r.getAttribute('data-site')));
  assert.deepEqual((await sites()).sort(), ['gouwu.example', 'lvyou.example', 'xinwen.example']);

  // "What advertisers could infer": one topic can be taken out of the profile.
  await panel.click('#interests li[data-topic="travel"] button');
  await panel.waitForFunction(() => !document.querySelector('#interests li[data-topic="travel"]'));
  const saved = /** @type {{ sites: Record<string, { topics: Record<string, number> }> }} */ (await current().readDb('memory', 'interestProfile'));
  assert.ok(Object.values(saved.sites).every((s) => !('travel' in s.topics)), 'travel is gone from every site, in storage too');

  await panel.click('tr[data-site="lvyou.example"] button');
  await panel.waitForFunction(() => !document.querySelector('tr[data-site="lvyou.example"]'));
  const stored = async () => /** @type {{ sites: Record<string, unknown> } | undefined} */ (
    await current().readDb('memory', 'interestProfile'));
  assert.equal((await stored())?.sites['lvyou.example'], undefined, 'forgotten in storage too');
  assert.ok((await stored())?.sites['xinwen.example'], 'other sites stay');
  assert.equal(await current().readDb('sites', 'lvyou.example'), undefined, 'and its observations');

  panel.once('dialog', (dialog) => dialog.accept());
  await panel.click('#wipe');
  await panel.waitForFunction(() => document.querySelectorAll('#memory-sites tbody tr').length === 0);
  assert.deepEqual(Object.keys((await stored())?.sites ?? { x: 1 }), []);
  assert.deepEqual((await current().readDb('memory', 'productMemory'))?.products, [], 'viewed products are forgotten too');
  await panel.close();
});
