// Items seen per day, stacked by kind, as a small hand-drawn SVG: a bar per
// day over the last DAYS days up to the latest day with data, each bar
// titled with its counts, the whole chart summarised for screen readers.

import { el, locale, t } from '../pages/dom.js';
import { KINDS } from '../pages/kinds.js';

const SVG = 'http://www.w3.org/2000/svg';
const DAYS = 30;
const DAY_MS = 86_400_000;
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
 */
export function drawKindsChart(figure, days) {
  const known = Object.keys(days).sort();
  if (known.length === 0) {
    figure.replaceChildren(el('p', { class: 'note', text: t('chartEmpty') }));
    return;
  }
  const last = Date.parse(`${known[known.length - 1]}T00:00:00Z`);
  const span = Array.from({ length: DAYS }, (_, i) => new Date(last - (DAYS - 1 - i) * DAY_MS).toISOString().slice(0, 10));
  const totals = span.map((d) => KINDS.reduce((n, k) => n + (days[d]?.[k] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const plotH = HEIGHT - BOTTOM - TOP;
  const barW = (WIDTH - LEFT) / DAYS;
  const dateOf = new Intl.DateTimeFormat(locale(), { month: 'short', day: 'numeric', timeZone: 'UTC' });
  const number = new Intl.NumberFormat(locale());
  const bars = span.map((day, i) => {
    const counts = days[day];
    const x = LEFT + i * barW + 1;
    let y = TOP + plotH;
    const rects = KINDS.filter((k) => (counts?.[k] ?? 0) > 0).map((kind) => {
      const h = ((counts?.[kind] ?? 0) / max) * plotH;
      y -= h;
      return svg('rect', { class: kind, x: x.toFixed(1), y: y.toFixed(1), width: (barW - 2).toFixed(1), height: h.toFixed(1) });
    });
    const label = `${dateOf.format(new Date(`${day}T00:00:00Z`))}: ${KINDS.map((k) => `${t(`kind_${k}`)} ${counts?.[k] ?? 0}`).join(', ')}`;
    return svg('g', {}, title(label), ...rects);
  });
  // A label every week, and the last day's unless it would touch the previous one.
  const ticks = span.flatMap((day, i) => (i % 7 === 0 || (i === DAYS - 1 && i % 7 > 3)
    ? [svg('text', { x: (LEFT + i * barW + barW / 2).toFixed(1), y: HEIGHT - 6, 'text-anchor': 'middle' })]
      .map((node) => { node.textContent = dateOf.format(new Date(`${day}T00:00:00Z`)); return node; })
    : []));
  const maxLabel = svg('text', { x: LEFT - 4, y: TOP + 8, 'text-anchor': 'end' });
  maxLabel.textContent = number.format(max);
  const sums = KINDS.map((k) => `${t(`kind_${k}`)} ${span.reduce((n, d) => n + (days[d]?.[k] ?? 0), 0)}`).join(', ');
  const summary = t('chartLabel', [dateOf.format(new Date(`${span[0]}T00:00:00Z`)), dateOf.format(new Date(`${span[DAYS - 1]}T00:00:00Z`)), sums]);
  const chart = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: WIDTH, height: HEIGHT, role: 'img', 'aria-label': summary },
    svg('line', { class: 'axis', x1: LEFT, y1: TOP + plotH, x2: WIDTH, y2: TOP + plotH }),
    svg('line', { class: 'axis', x1: LEFT, y1: TOP, x2: LEFT, y2: TOP + plotH }),
    maxLabel, ...ticks, ...bars);
  const legend = el('ul', { class: 'legend', 'aria-hidden': 'true' }, ...KINDS.map((k) => el('li', { class: k, text: t(`kind_${k}`) })));
  figure.replaceChildren(chart, legend);
}
