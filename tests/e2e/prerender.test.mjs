// A page Chromium prerenders (one it guesses the user opens next: here from
// the front page's speculation rules; Chrome's address bar does the same)
// is read and reported once it is shown in its tab, and not before: until
// then it is no visit, and its tab shows the page before it. Its content
// script used to scan it at once; its report was refused (a prerendered
// page is not yet its tab's top frame: its frame id is another than 0), and
// with nothing in the page changing after, the page, once shown, never got
// a label.
// Playwright's DevTools client turns prerendering off in every tab it
// drives, so this test drives Chromium through the DevTools pipe itself
// (tests/harness/bare-chromium.mjs).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { launchBareChromium } from '../harness/bare-chromium.mjs';
import { startFixtureServer } from '../harness/server.mjs';

const STORY = 'http://news.example/article/running.html';
/** The front page, opening the story it had Chromium prerender 6 s after it loads. */
const FRONT = `http://news.example/front.html?${new URLSearchParams({ to: STORY, go: '6000' })}`;

/** @typedef {import('../../extension/messages.js').TabState} TabState */

test('a prerendered page is reported and labelled once it is shown, and is no visit before', async (t) => {
  const server = await startFixtureServer();
  const chromium = await launchBareChromium({ proxyPort: server.port });
  t.after(async () => {
    try {
      await chromium.close();
    } finally {
      await server.close();
    }
  });
  /** @returns {Promise<Record<string, TabState>>} */
  const tabStates = () => chromium.inWorker('chrome.storage.session.get(null)');
  const stateOf = async (/** @type {string} */ url) => Object.entries(await tabStates())
    .find(([key, state]) => key.startsWith('tab:') && state.url === url)?.[1] ?? null;
  /**
   * The pages of the observations of a type stored.
   * @param {string} type
   * @returns {Promise<string[]>}
   */
  const observed = (type) => chromium.inWorker(`new Promise((resolve, reject) => {
    const opening = indexedDB.open('adlens');
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const all = opening.result.transaction('observations').objectStore('observations').getAll();
      all.onerror = () => reject(all.error);
      all.onsuccess = () => resolve(all.result.filter((o) => o.type === ${JSON.stringify(type)}).map((o) => o.pageUrl));
    };
  })`);
  const visited = () => observed('page_visit');
  const storyRequests = () => server.requests.filter((r) => r.url === STORY).length;

  const { targetId } = await chromium.send('Target.createTarget', { url: FRONT });
  await eventually(async () => storyRequests() === 1, 'Chromium prerendering the story');
  await eventually(async () => (await stateOf(FRONT)) !== null, 'the front page reported');
  // The story is loaded and idle in its prerender, time enough for a first
  // scan (it waits for the load, then an idle moment of at most 300 ms).
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  assert.equal(await stateOf(STORY), null, 'no report of the story while it is prerendered');
  assert.equal((await visited()).includes(STORY), false, 'no visit of the story while it is prerendered');
  // Its requests (Google's tag, Taboola's loader) are its site's, of no
  // visit: the front page, which has no third party, contacted none.
  assert.deepEqual(await observed('tracker_contact'), [], 'no third party contacted by a visit yet');

  // The front page opens the story: its prerendered page is shown.
  await eventually(async () => (await stateOf(STORY))?.report.items.length === 5, 'the story reported with its 5 items', 10_000);
  assert.equal(storyRequests(), 1, 'the story shown is the prerendered one, not loaded again');
  assert.ok(await chromium.inTab(targetId, "performance.getEntriesByType('navigation')[0].activationStart > 0"),
    'the story was prerendered, then shown');
  assert.equal(await chromium.inTab(targetId, 'document.querySelectorAll(\'[data-adlens="labels"]\').length'), 1, 'its labels drawn');
  assert.deepEqual((await visited()).filter((url) => url === STORY), [STORY], 'one visit of the story');
  // Shown, it is a visit: its ad frames, loaded only then, contact Google for it.
  await eventually(async () => (await observed('tracker_contact')).includes(STORY), 'a third party contacted by the story\'s visit');
  assert.deepEqual([...new Set(await observed('tracker_contact'))], [STORY], 'every contact the story\'s, none the front page\'s');
});
