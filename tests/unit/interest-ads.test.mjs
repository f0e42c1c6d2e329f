// The ads each interest picked for the user, from the per-site summaries:
// summed over the sites, the sites that showed the most first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { adsByInterest } from '../../extension/panel/interest-ads.js';
import { emptySummary } from '../../extension/storage/site-summary.js';

/**
 * @param {string} site
 * @param {Record<string, number> | undefined} interestAds
 */
function summary(site, interestAds) {
  const s = emptySummary(site);
  if (interestAds === undefined) delete s.interestAds;
  else s.interestAds = interestAds;
  return s;
}

test('each interest: the ads it picked over every site, and the sites the most first', () => {
  const found = adsByInterest([
    summary('news.example', { health: 1, running: 2 }),
    summary('blog.example', { health: 3 }),
    summary('a.example', { health: 1 }),
    // Stored before AdLens counted them, or left at nothing: no entry.
    summary('old.example', undefined),
    summary('gone.example', { dating: 0 }),
  ]);
  assert.deepEqual(Object.fromEntries(found), {
    health: { count: 5, sites: ['blog.example', 'a.example', 'news.example'] },
    running: { count: 2, sites: ['news.example'] },
  });
});

test('no summaries, no interests', () => {
  assert.equal(adsByInterest([]).size, 0);
});
