// The kinds chart's bars (panel/chart-bars.js): they cover the period kept,
// a bar a day up to 90 days, a bar a week beyond, ending on the last day,
// every day in exactly one bar.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chartBars } from '../../extension/panel/chart-bars.js';

const LAST = Date.parse('2026-12-04T00:00:00Z');

test('a bar a day over 7, 30 and 90 days, the last on the last day', () => {
  for (const period of [7, 30, 90]) {
    const { unit, bars } = chartBars(LAST, period);
    assert.equal(unit, 'day');
    assert.equal(bars.length, period);
    assert.ok(bars.every((b) => b.length === 1));
    assert.equal(bars[bars.length - 1][0], '2026-12-04');
  }
  assert.deepEqual(chartBars(LAST, 7).bars.flat(), ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
});

test('over a year, a bar a week: 53 of seven days each, one after the other, the last ending on the last day', () => {
  const { unit, bars } = chartBars(LAST, 365);
  assert.equal(unit, 'week');
  assert.equal(bars.length, 53);
  assert.ok(bars.every((b) => b.length === 7));
  assert.deepEqual(bars[bars.length - 1], ['2026-11-28', '2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04']);
  const days = bars.flat();
  assert.equal(new Set(days).size, 371, 'no day twice');
  assert.deepEqual([...days].sort(), days, 'in order');
  for (let i = 1; i < days.length; i++) {
    assert.equal(Date.parse(`${days[i]}T00:00:00Z`) - Date.parse(`${days[i - 1]}T00:00:00Z`), 86_400_000, `no gap before ${days[i]}`);
  }
});
