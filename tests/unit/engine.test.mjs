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
});

test('a GPT slot and a "recently viewed" widget are found and classified', () => {
  const report = engine.analyzePage({
    url: 'http://news.example/a',
    title: 'x',
    candidates: [
      candidate({ key: 1, id: 'div-gpt-ad-1-0' }),
      candidate({ key: 2, source: 'heading', tag: 'section', heading: 'Recently viewed' }),
    ],
  });
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
    assert.throws(() => engine.analyzePage(input), (/** @type {Error} */ error) => {
      assert.ok(error instanceof Error, 'a real Error');
      assert.match(error.message, message);
      return true;
    });
  }
  assert.equal(engine.analyzePage({ url: 'http://a.example/' }).items.length, 0);
});

test('hostile field values are cut, not fatal', () => {
  const report = engine.analyzePage({
    url: 'http://a.example/',
    candidates: [candidate({ id: 'div-gpt-ad-' + 'x'.repeat(100_000), text: '\u0000'.repeat(50_000), rect: { x: 1e308 * 10, y: -0, width: 1, height: 1 } })],
  });
  assert.equal(report.items.length, 1);
});
