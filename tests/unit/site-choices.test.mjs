// The options' list of sites with choices of their own
// (pages/site-choices.js): which sites it lists, in what order, and what it
// says of each (chrome.i18n stubbed: a message reads as its name and values).
import assert from 'node:assert/strict';
import { test } from 'node:test';

await import('../harness/i18n-stub.mjs');
const { describeChoice, siteChoices } = await import('../../extension/pages/site-choices.js');

test('only sites whose own choices change something are listed, by name', () => {
  const listed = siteChoices({
    'shop.example': { mute: { retargeted: true } },
    'blog.example': { paused: true },
    'empty.example': {},
    'unpaused.example': { mute: {} },
    'news.example': { mute: { generic: false, retargeted: true, contextual: true } },
  });
  assert.deepEqual(listed, [
    { site: 'blog.example', paused: true, muted: [], shown: [] },
    { site: 'news.example', paused: false, muted: ['contextual', 'retargeted'], shown: ['generic'] },
    { site: 'shop.example', paused: false, muted: ['retargeted'], shown: [] },
  ]);
});

test('a site\'s choices in words: paused, the kinds muted, the kinds shown', () => {
  assert.equal(describeChoice({ site: 'a.example', paused: true, muted: [], shown: [] }), 'optionsSitesPaused');
  assert.equal(describeChoice({ site: 'a.example', paused: false, muted: ['contextual', 'retargeted'], shown: ['generic'] }),
    'optionsSitesMuted(kind_contextual, kind_retargeted) · optionsSitesShown(kind_generic)');
});
