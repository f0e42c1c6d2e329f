// Which days each bar of a site's kinds chart counts: the chart covers the
// period AdLens keeps (the retention setting), one bar a day up to 90 days,
// one a week beyond (a year a bar a day would draw bars a pixel wide).

const DAY_MS = 86_400_000;
/** The longest period drawn a bar a day. */
const MOST_DAILY = 90;

/**
 * @param {number} lastDay the latest day to draw, as UTC midnight (ms)
 * @param {number} periodDays how many days back the chart covers
 * @returns {{ unit: 'day' | 'week', bars: string[][] }} each bar's days (YYYY-MM-DD), oldest first; the
 *   last bar ends on `lastDay`
 */
export function chartBars(lastDay, periodDays) {
  const unit = periodDays > MOST_DAILY ? 'week' : 'day';
  const size = unit === 'week' ? 7 : 1;
  const count = Math.ceil(periodDays / size);
  const day = (/** @type {number} */ back) => new Date(lastDay - back * DAY_MS).toISOString().slice(0, 10);
  const bars = Array.from({ length: count }, (_, bar) =>
    Array.from({ length: size }, (_, i) => day((count - 1 - bar) * size + (size - 1 - i))));
  return { unit, bars };
}
