// Items seen per day (or week), stacked by kind, as a small hand-drawn SVG:
// the bars cover the period AdLens keeps (chart-bars.js) up to the latest
// day with data, each bar titled with its counts, the whole chart
// summarised for screen readers.

import { kindMeaning } from '../item-label.js';
import { el, locale, t } from '../pages/dom.js';
import { KINDS } from '../pages/kinds.js';
import { chartBars } from './chart-bars.js';

const SVG = 'http://www.w3.org/2000/svg';
const [WIDTH, HEIGHT, LEFT, BOTTOM, TOP] = [640, 170, 30, 22, 8];

/**
 * @param {string} tag
 * @param {Record<string, string | number>} attributes
 * @param {(Node | null)[]} children
 */
function svg(tag, attributes, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  for (const child of children) if (child) node.append(child);
  return node;
}

/**
 * @param {string} text
 */
function title(text) {
  const node = document.createElementNS(SVG, 'title');
  node.textContent = text;
  return node;
}

/**
 * Draws the chart into `figure`.
 * @param {HTMLElement} figure
 * @param {import('../storage/site-summary.js').SiteSummary['days']} days day (YYYY-MM-DD) → counts
 * @param {number} periodDays the days AdLens keeps (the retention setting): what the chart covers
 */
export function drawKindsChart(figure, days, periodDays) {
  const known = Object.keys(days).sort();
  if (known.length === 0) {
    figure.replaceChildren(el('p', { class: 'note', text: t('chartEmpty') }));
    return;
  }
  const { unit, bars: spans } = chartBars(Date.parse(`${known[known.length - 1]}T00:00:00Z`), periodDays);
  const counts = spans.map((span) => Object.fromEntries(KINDS.map((k) => [k, span.reduce((n, d) => n + (days[d]?.[k] ?? 0), 0)])));
  const totals = counts.map((c) => KINDS.reduce((n, k) => n + c[k], 0));
  const max = Math.max(1, ...totals);
  const plotH = HEIGHT - BOTTOM - TOP;
  const barW = (WIDTH - LEFT) / spans.length;
  // Over a year, "Nov 29" could be either end of it: its dates say the year, its ticks the month.
  const yearly = unit === 'week';
  const format = (/** @type {Intl.DateTimeFormatOptions} */ options) => {
    const f = new Intl.DateTimeFormat(locale(), { ...options, timeZone: 'UTC' });
    return (/** @type {string} */ day) => f.format(new Date(`${day}T00:00:00Z`));
  };
  const date = format(yearly ? { year: 'numeric', month: 'short', day: 'numeric' } : { month: 'short', day: 'numeric' });
  const tick = yearly ? format({ year: 'numeric', month: 'short' }) : date;
  const number = new Intl.NumberFormat(locale());
  const bars = spans.map((span, i) => {
    const x = LEFT + i * barW + 1;
    let y = TOP + plotH;
    const rects = KINDS.filter((k) => counts[i][k] > 0).map((kind) => {
      const h = (counts[i][kind] / max) * plotH;
      y -= h;
      return svg('rect', { class: kind, x: x.toFixed(1), y: y.toFixed(1), width: Math.max(1, barW - 2).toFixed(1), height: h.toFixed(1) });
    });
    const when = span.length === 1 ? date(span[0]) : `${date(span[0])} – ${date(span[span.length - 1])}`;
    const label = `${when}: ${KINDS.map((k) => `${t(`kind_${k}`)} ${counts[i][k]}`).join(', ')}`;
    return svg('g', {}, title(label), ...rects);
  });
  // A label every week (every three over 90 days, every eight weeks over a
  // year), and the last bar's unless it would touch the one before.
  const step = unit === 'week' ? 8 : 7 * Math.max(1, Math.round(spans.length / 35));
  const ticks = spans.flatMap((span, i) => (i % step === 0 || (i === spans.length - 1 && i % step > step / 2)
    ? [svg('text', { x: (LEFT + i * barW + barW / 2).toFixed(1), y: HEIGHT - 6, 'text-anchor': 'middle' })]
      .map((node) => { node.textContent = tick(span[0]); return node; })
    : []));
  const maxLabel = svg('text', { x: LEFT - 4, y: TOP + 8, 'text-anchor': 'end' });
  maxLabel.textContent = number.format(max);
  const sums = KINDS.map((k) => `${t(`kind_${k}`)} ${counts.reduce((n, c) => n + c[k], 0)}`).join(', ');
  const lastSpan = spans[spans.length - 1];
  const summary = t(unit === 'week' ? 'chartLabelWeeks' : 'chartLabel', [date(spans[0][0]), date(lastSpan[lastSpan.length - 1]), sums]);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': summary },
    svg('line', { class: 'axis', x1: LEFT, y1: TOP + plotH, x2: WIDTH, y2: TOP + plotH }),
    svg('line', { class: 'axis', x1: LEFT, y1: TOP, x2: LEFT, y2: TOP + plotH }),
    maxLabel, ...ticks, ...bars);
  // The chart's own label says it all for screen readers; on hover, each
  // kind of the legend says what it means.
  const legend = el('ul', { class: 'legend', 'aria-hidden': 'true' },
    ...KINDS.map((k) => el('li', { class: k, text: t(`kind_${k}`), title: kindMeaning(k) })));
  figure.replaceChildren(chart, legend);
}
