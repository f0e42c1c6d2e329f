// The user's mute and pause choices: a site's own choice wins over the
// global default, and damaged stored values fall back to the defaults.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  defaultSettings, isItemHidden, isItemMuted, isMuted, isPaused, normalisePrivateSites, normaliseSettings, updatePrivateSite, updateSettings, withPrivateSites,
} from '../../extension/settings.js';
import { slowArea } from '../harness/storage-area.mjs';

const local = slowArea();
const session = slowArea();
Object.assign(globalThis, { chrome: { storage: { local, session } } });

test('a site override wins over the global default, both ways', () => {
  const s = defaultSettings();
  s.mute.retargeted = true;
  s.sites['shop.example'] = { mute: { retargeted: false, contextual: true } };
  assert.equal(isMuted(s, 'news.example', 'retargeted'), true);
  assert.equal(isMuted(s, 'shop.example', 'retargeted'), false);
  assert.equal(isMuted(s, 'shop.example', 'contextual'), true);
  assert.equal(isMuted(s, 'news.example', 'contextual'), false);
});

test('an item picked by a sensitive topic is muted everywhere while those are, whatever its kind and the site\'s choices', () => {
  /** @param {import('../../extension/messages.js').Kind} kind @param {string} [reveals] */
  const verdict = (kind, reveals) => ({
    kind, evidence: [{ type: 'topic_matches_profile', topic: 'health', share: 0.4, sentence: '', ...(reveals ? { reveals } : {}) }],
  });
  const s = defaultSettings();
  s.sites['news.example'] = { mute: { behavioural: false } };
  assert.equal(isItemMuted(s, 'news.example', verdict('behavioural', 'health')), false, 'not unless asked');
  s.muteSensitive = true;
  assert.equal(isItemMuted(s, 'news.example', verdict('behavioural', 'health')), true, 'a site showing its kind does not show it');
  assert.equal(isItemMuted(s, 'news.example', verdict('behavioural')), false, 'a topic that reveals nothing');
  assert.equal(isItemMuted(s, 'news.example', verdict('behavioural', 'Health <b>')), false, 'only the engine\'s names count');
  s.mute.contextual = true;
  assert.equal(isItemMuted(s, 'news.example', { kind: 'contextual', evidence: [] }), true, 'a muted kind still is');
  assert.equal(normaliseSettings({ muteSensitive: true }).muteSensitive, true);
  assert.equal(normaliseSettings({ muteSensitive: 'yes' }).muteSensitive, false);
  assert.equal(defaultSettings().muteSensitive, false);
});

test('muting hides an item, but not an ad playing in the site\'s own video player', () => {
  const s = defaultSettings();
  s.mute.retargeted = true;
  /** @type {import('../../extension/item-sensitive.js').SeenVerdict} */
  const verdict = { kind: 'retargeted', evidence: [] };
  assert.equal(isItemHidden(s, 'youtube.com', { verdict }), true);
  assert.equal(isItemHidden(s, 'youtube.com', { verdict, inPlayer: true }), false, 'hiding its layer would take its Skip button away');
  assert.equal(isItemHidden(s, 'youtube.com', { verdict: { kind: 'generic', evidence: [] } }), false, 'a kind not muted');
});

test('damaged stored settings become the defaults, valid parts are kept', () => {
  assert.deepEqual(normaliseSettings('garbage'), defaultSettings());
  assert.deepEqual(normaliseSettings(null), defaultSettings());
  const s = normaliseSettings({
    mute: { retargeted: true, generic: 'yes', unknown: true },
    muteStyle: 'explode',
    sites: { 'a.example': { paused: true, mute: { behavioural: false, contextual: 1 } }, 'b.example': 'nope' },
  });
  assert.deepEqual(s.mute, { contextual: false, behavioural: false, retargeted: true, generic: false });
  assert.equal(s.muteStyle, 'placeholder');
  assert.deepEqual(s.sites, { 'a.example': { paused: true, mute: { behavioural: false } } });
  assert.equal(isPaused(s, 'a.example'), true);
  assert.equal(isPaused(s, 'b.example'), false);
});

test('retention and label style keep only the offered choices', () => {
  assert.equal(defaultSettings().retentionDays, 30);
  assert.equal(normaliseSettings({ retentionDays: 90 }).retentionDays, 90);
  assert.equal(normaliseSettings({ retentionDays: 3 }).retentionDays, 30);
  assert.equal(normaliseSettings({ retentionDays: '365' }).retentionDays, 30);
  assert.equal(normaliseSettings({ labelStyle: 'outline' }).labelStyle, 'outline');
  assert.equal(normaliseSettings({ labelStyle: 'off' }).labelStyle, 'off');
  assert.equal(normaliseSettings({ labelStyle: 'blink' }).labelStyle, 'badge');
  assert.equal(defaultSettings().blockRetargeting, false, 'AdLens blocks nothing unless asked');
  assert.equal(normaliseSettings({ blockRetargeting: true }).blockRetargeting, true);
  assert.equal(normaliseSettings({ blockRetargeting: 'yes' }).blockRetargeting, false);
});

test('a private window goes by its own site choices over the ordinary ones, kind by kind', () => {
  const s = defaultSettings();
  s.mute.generic = true;
  s.sites['news.example'] = { mute: { retargeted: true }, paused: true };
  s.sites['shop.example'] = { mute: { contextual: true } };
  const inPrivate = withPrivateSites(s, { 'news.example': { mute: { behavioural: true }, paused: false }, 'blog.example': { paused: true } });
  // news.example: its ordinary retargeted mute stays, behavioural is added, the ordinary pause is lifted.
  assert.equal(isMuted(inPrivate, 'news.example', 'retargeted'), true);
  assert.equal(isMuted(inPrivate, 'news.example', 'behavioural'), true);
  assert.equal(isPaused(inPrivate, 'news.example'), false);
  assert.equal(isPaused(inPrivate, 'blog.example'), true);
  // Untouched sites and the global choices are the ordinary ones.
  assert.equal(isMuted(inPrivate, 'shop.example', 'contextual'), true);
  assert.equal(isMuted(inPrivate, 'blog.example', 'generic'), true);
  // The ordinary settings themselves are left as they were.
  assert.deepEqual(s.sites['news.example'], { mute: { retargeted: true }, paused: true });
  assert.equal(s.sites['blog.example'], undefined);
});

test('stored private choices keep "not paused" (it lifts an ordinary pause); damaged ones are left out', () => {
  assert.deepEqual(normalisePrivateSites({ 'a.example': { paused: false, mute: { generic: true, evil: true } }, 'b.example': 7 }),
    { 'a.example': { paused: false, mute: { generic: true } } });
  assert.deepEqual(normalisePrivateSites('garbage'), {});
  // The ordinary settings have no use for it: unpausing there removes the choice.
  assert.deepEqual(normaliseSettings({ sites: { 'a.example': { paused: false } } }).sites, { 'a.example': {} });
});

test('switches flipped in quick succession are all kept: a page\'s changes run one after the other', async () => {
  const changes = [
    updateSettings((st) => { st.mute.generic = true; }),
    updateSettings((st) => { (st.sites['shop.example'] ??= {}).paused = true; }),
    updateSettings((st) => { st.mute.generic = false; }),
    updateSettings((st) => { (st.sites['news.example'] ??= {}).mute = { retargeted: true }; }),
  ];
  await Promise.all(changes);
  const stored = normaliseSettings(local.items.settings);
  assert.equal(stored.mute.generic, false, 'the last change to a switch wins');
  assert.deepEqual(stored.sites, { 'shop.example': { paused: true }, 'news.example': { mute: { retargeted: true } } });
  // A change that throws leaves the others to run.
  await assert.rejects(updateSettings(() => { throw new Error('bad change'); }), /bad change/);
  await updateSettings((st) => { st.mute.contextual = true; });
  assert.equal(normaliseSettings(local.items.settings).mute.contextual, true);
  // The private windows' choices too.
  await Promise.all([
    updatePrivateSite('news.example', (own) => { (own.mute ??= {}).generic = true; }),
    updatePrivateSite('news.example', (own) => { own.paused = true; }),
  ]);
  assert.deepEqual(normalisePrivateSites(session.items['settings:private']), { 'news.example': { paused: true, mute: { generic: true } } });
});
