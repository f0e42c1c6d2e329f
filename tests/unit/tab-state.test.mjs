// What the background keeps of a tab's frames (extension/background/tab-state.js):
// the latest report of each, the newest when there are too many, and none
// from before the page's document began.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { slowArea } from '../harness/storage-area.mjs';

Object.assign(globalThis, { chrome: { storage: { session: slowArea() } } });
const { MAX_FRAMES, dropFrame, dropFramesBefore, readFrames, writeFrame } = await import('../../extension/background/tab-state.js');

/** @param {string} text */
const report = (text) => ({ url: 'about:srcdoc', name: '', links: [], text, images: [], frames: [], frameNames: [] });
const texts = async (/** @type {number} */ tabId) => (await readFrames(tabId)).map((r) => r.text).sort();

test('a frame\'s later report replaces its earlier one; a frame gone takes its report', async () => {
  const tab = 1;
  await Promise.all([writeFrame(tab, 4, report('first')), writeFrame(tab, 5, report('other')), writeFrame(tab, 4, report('second'))]);
  assert.deepEqual(await texts(tab), ['other', 'second']);
  await dropFrame(tab, 5);
  assert.deepEqual(await texts(tab), ['second']);
});

test('past the most frames kept, the frame that reported longest ago goes, not the one reporting now', async () => {
  const tab = 2;
  // Frame ids do not say which reported first: a frame that navigates keeps its id.
  await writeFrame(tab, 9_000, report('oldest'));
  for (let id = 1; id < MAX_FRAMES; id += 1) await writeFrame(tab, id, report(`frame ${id}`));
  await writeFrame(tab, 1, report('frame 1 again')); // frame 1 is now the newest of all
  assert.equal((await readFrames(tab)).length, MAX_FRAMES);
  await writeFrame(tab, 10_000, report('newest'));
  const kept = await texts(tab);
  assert.equal(kept.length, MAX_FRAMES);
  assert.ok(kept.includes('newest'), 'the newest is kept');
  assert.ok(!kept.includes('oldest'), 'the oldest went');
  await writeFrame(tab, 10_001, report('newer still'));
  const after = await texts(tab);
  assert.ok(after.includes('frame 1 again') && !after.includes('frame 2'), 'then the next oldest, frame 2, not frame 1 that reported again');
});

test('frames that reported before the page\'s document began go; those since stay', async () => {
  const tab = 3;
  await writeFrame(tab, 6, report('the crashed page\'s creative'));
  await writeFrame(tab, 7, report('its inner frame'));
  await new Promise((resolve) => setTimeout(resolve, 5));
  const began = Date.now();
  await writeFrame(tab, 9, report('the new page\'s creative'));
  await dropFramesBefore(tab, began);
  assert.deepEqual(await texts(tab), ['the new page\'s creative']);
  await dropFramesBefore(tab, began); // nothing more to drop
  assert.deepEqual(await texts(tab), ['the new page\'s creative']);
});
