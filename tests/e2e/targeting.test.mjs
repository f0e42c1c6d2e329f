// The four kinds from real browsing in Chromium, in English, Polish and
// Chinese: a product viewed on a shop, three travel guides read, then a
// running article whose slots show that product (Criteo), a running-shoe ad,
// a travel ad and a brand ad. Each journey is a file `adlens replay` reads
// too (tests/scenarios/browser/), and the native verdicts must be the same.
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
 * Kinds by "line element-id" from `adlens replay` (the same engine, natively).
 * @param {string} file
 */
function replayKinds(file) {
  const run = spawnSync(
    'cargo',
    ['run', '-q', '-p', 'adlens', '--bin', 'adlens', '--', 'replay', '--lists', 'target/adlens-data/lists.bin', file],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  assert.equal(run.status, 0, run.stderr);
  /** @type {Record<string, string>} */
  const kinds = {};
  for (const line of run.stdout.trim().split('\n')) {
    const record = JSON.parse(line);
    if (record.locator.id) kinds[`${record.line} ${record.locator.id}`] = record.kind;
  }
  return kinds;
}

for (const lang of ['en', 'pl', 'zh']) {
  test(`${lang}: retargeted, contextual, behavioural and generic from a real journey, as adlens replay says`, async () => {
    const file = path.join(root, 'tests/scenarios/browser', `${lang}.jsonl`);
    /** @type {Visit[]} */
    const visits = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    /** @type {Record<string, string>} */
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
          if (kind === 'behavioural') assert.equal(evidence[0].topic, 'travel', why);
          if (kind === 'contextual') assert.equal(evidence[0].topic, index === visits.length - 1 ? 'fitness_running' : 'travel', why);
          inBrowser[`${index + 1} ${id}`] = kind;
        }
      } finally {
        await page.close();
      }
    }
    assert.equal(Object.keys(inBrowser).length, 5);
    const natively = replayKinds(file);
    for (const [key, kind] of Object.entries(inBrowser)) assert.equal(natively[key], kind, `adlens replay on ${key}`);
  });
}
