// "Who saw you where" (panel/company-reach.js): which companies count, the
// sites each was on, what those sites were about, who told it what.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { companyReach } from '../../extension/panel/company-reach.js';
import { emptySummary } from '../../extension/storage/site-summary.js';

/**
 * @param {string} site
 * @param {number} visits
 * @param {[domain: string, company: string | null, category: string | null, listed?: number][]} thirdParties
 * @param {[vendor: string, event: string][]} [told]
 */
function summary(site, visits, thirdParties, told = []) {
  const s = emptySummary(site);
  s.visits = visits;
  for (const [domain, company, category, listed = 0] of thirdParties) {
    s.thirdParties[domain] = { requests: 3, listed, tracker: null, company, category, retargeting: false };
  }
  for (const [vendor, event] of told) s.remarketing[`${vendor}|${event}|`] = { vendor, event, productId: null, count: 1, lastTime: 1 };
  return s;
}

const summaries = [
  summary('news.example', 4, [['doubleclick.net', 'Google', 'advertising'], ['criteo.com', 'Criteo', 'advertising'],
    ['cdn.example', 'Example CDN', 'cdn'], ['fonts.example', 'Fonts Inc', 'essential']]),
  summary('shop.example', 2, [['criteo.com', 'Criteo', 'advertising'], ['google-analytics.com', 'Google', 'site_analytics'],
    ['rtbhouse.com', 'RTB House S.A.', 'advertising']], [['Criteo', 'viewItem'], ['RTB House', 'viewBasket']]),
  summary('blog.example', 1, [['criteo.net', 'Criteo', 'advertising'], ['pixel.example', 'Pixel Co', 'misc', 2]]),
  summary('quiet.example', 5, [['unknown.example', null, null, 4]]),
];
const remembered = [
  { site: 'news.example', visits: 4, lastSeen: 1, topics: ['fitness_running', 'travel'] },
  { site: 'shop.example', visits: 2, lastSeen: 1, topics: ['fitness_running', 'style_fashion'] },
  { site: 'blog.example', visits: 1, lastSeen: 1, topics: ['outdoors'] },
];

test('the companies that saw the most sites first, with those sites (most read first) and what they were about', () => {
  const reach = companyReach(summaries, remembered);
  assert.deepEqual(reach.map((c) => c.company), ['Criteo', 'Google', 'RTB House S.A.', 'Pixel Co'], 'by sites, then pages read there');
  const [criteo, google] = reach;
  assert.deepEqual(criteo.sites, ['news.example', 'shop.example', 'blog.example']);
  assert.equal(criteo.visits, 7);
  assert.deepEqual(criteo.topics, ['fitness_running', 'travel', 'style_fashion'], 'weighted by pages read: 6, 4, 2, 1');
  assert.deepEqual(google.sites, ['news.example', 'shop.example'], 'one company for its two domains');
});

test('a CDN or a font host is not counted unless the lists block it; a company without a name is not a company', () => {
  const names = companyReach(summaries, remembered).map((c) => c.company);
  assert.ok(!names.includes('Example CDN') && !names.includes('Fonts Inc'));
  assert.ok(names.includes('Pixel Co'), 'the lists block its requests');
  assert.equal(names.length, 4);
});

test('the shops that told a company what the user did, its name as the engine or the tracker database writes it', () => {
  const reach = companyReach(summaries, remembered);
  assert.deepEqual(reach.find((c) => c.company === 'Criteo')?.toldBy, ['shop.example']);
  assert.deepEqual(reach.find((c) => c.company === 'RTB House S.A.')?.toldBy, ['shop.example']);
  assert.deepEqual(reach.find((c) => c.company === 'Google')?.toldBy, []);
});

test('nothing seen, nothing listed', () => {
  assert.deepEqual(companyReach([], []), []);
  assert.deepEqual(companyReach([summary('a.example', 1, [])], []), []);
});
