// What the background keeps for each tab, in Firefox (Chromium's are in
// tests/e2e/tab-state.test.mjs): a tab discarded, then shown again, holds
// each creative once; and storage.session full does not cost a page its
// labels.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { firefoxLabelsWhen, firefoxTabState, inExtensionPage } from '../harness/firefox.mjs';
import { firefoxWithAddonTab } from '../harness/firefox-tests.mjs';

const NEWS = 'http://news.example/article/running.html';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;
/** A background tab for the add-on's own pages. */
let addonTab = '';

firefoxWithAddonTab({}, (started) => { ({ firefox, addonTab } = started); });

test('in Firefox, with storage.session full, a page opened is still labelled and kept: the tabs reported longest ago are forgotten', async () => {
  // Other tabs' states, made up, until storage.session takes no more.
  /** @type {{ ids: number[], error: string }} */
  const filled = await inExtensionPage(firefox, 'options.html', `(async () => {
    const ids = [];
    let error = '';
    for (const [size, count] of [[1000000, 20], [1000, 2000]]) {
      const pad = 'x'.repeat(size);
      try {
        for (let i = 0; i < count; i += 1) {
          const id = 900000 + ids.length;
          await browser.storage.session.set({ ['tab:' + id]: { url: 'http://old.example/' + id, report: { items: [], pad }, updatedAt: ids.length, scans: [] } });
          ids.push(id);
        }
      } catch (e) {
        error = String(e);
      }
    }
    return { ids, error };
  })()`, addonTab);
  assert.ok(filled.ids.length > 10 && /quota/i.test(filled.error), `storage.session filled (${filled.ids.length} made-up tabs: ${filled.error})`);
  try {
    await firefox.send('browsingContext.navigate', { context: firefox.context, url: NEWS, wait: 'complete' });
    assert.equal((await firefoxLabelsWhen(firefox, (labels) => labels.length >= 5)).length, 5, 'the page is labelled');
    await eventually(async () => (await firefoxTabState(firefox, NEWS, addonTab))?.report.items.length === 5, 'its report kept for its popup');
    /** @type {string[]} */
    const left = await inExtensionPage(firefox, 'options.html', 'browser.storage.session.get(null).then(Object.keys)', addonTab);
    assert.ok(!left.includes(`tab:${filled.ids[0]}`) && left.includes(`tab:${filled.ids.at(-1)}`), 'the tab reported longest ago went, the latest stayed');
  } finally {
    await inExtensionPage(firefox, 'options.html', `browser.storage.session.remove(${JSON.stringify(filled.ids.map((id) => `tab:${id}`))}).then(() => true)`, addonTab);
  }
});

test('in Firefox, a tab discarded, then shown again: its page loaded anew holds each creative once (its old frames said nothing as they went)', async () => {
  // Last in the file: the discard takes the session's tab (its browsing context) away.
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: NEWS, wait: 'complete' });
  await firefoxLabelsWhen(firefox, (labels) => labels.length >= 5);
  /** The tab's id, and the ids of the frames whose reports it keeps. */
  const tabFrames = async () => /** @type {{ id: number, frames: string[] }} */ (await inExtensionPage(firefox, 'options.html', `(async () => {
    const all = await browser.storage.session.get(null);
    const id = Number(Object.entries(all).find(([k, v]) => k.startsWith('tab:') && v.url === ${JSON.stringify(NEWS)})[0].slice(4));
    return { id, frames: Object.keys(all['frames:' + id] ?? {}) };
  })()`, addonTab));
  await eventually(async () => (await tabFrames()).frames.length === 3, 'the page\'s three frames reported', 8_000);
  const before = await tabFrames();
  // Firefox discards no tab the user is looking at.
  await firefox.send('browsingContext.activate', { context: addonTab });
  const discarded = await inExtensionPage(firefox, 'options.html', `(async () => {
    await browser.tabs.discard(${before.id});
    const { discarded } = await browser.tabs.get(${before.id});
    await browser.tabs.update(${before.id}, { active: true });
    return discarded;
  })()`, addonTab);
  assert.equal(discarded, true, 'the tab was discarded, then shown again');
  await eventually(async () => (await tabFrames()).frames.filter((f) => !before.frames.includes(f)).length === 3,
    'the page loaded anew: its three frames reported', 10_000);
  await new Promise((resolve) => setTimeout(resolve, 1_000)); // the page scanned again with them
  const creatives = ((await firefoxTabState(firefox, NEWS, addonTab))?.report.items ?? [])
    .filter((i) => i.network === 'Google').map((i) => `${i.landingDomain}: ${i.text} (${i.frames.length})`).sort();
  assert.deepEqual(creatives, ['shop.example: Trail Runner X Now €129 at Shop Example (2)', 'travel.example: Autumn city breaks from €99 (1)']);
});
