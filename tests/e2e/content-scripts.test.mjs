// Which content script runs where: the top page runs content.js (the page
// scanning and labelling); every frame runs content-frame.js alone, which
// reports what the frame shows. An ad frame, most often a process of its
// own, then compiles 8 kB of script, not 78.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';
import { scriptEvaluations, traceWork } from '../harness/trace.mjs';

const current = sessionForTests();

/** Frames in nested-frames.html: 25 levels, each with a slot and some text. */
const FRAMES = 25;

test('frames run the frames’ script alone and report what they show; the top page runs the page’s script once', async () => {
  const session = current();
  const url = 'http://news.example/hostile/nested-frames.html';
  const page = await session.browser.context.newPage();
  const cdp = await session.browser.context.newCDPSession(page);
  const stop = await traceWork(cdp);
  await page.goto(url);
  await waitForLabels(page, 2);
  const found = await session.tabStateFor(url);
  assert.ok(found, 'the top page reported');
  const worker = await session.browser.worker();
  const key = `frames:${found.tabId}`;
  /** @type {Record<string, { text: string }>} */
  let frames = {};
  const deadline = Date.now() + 10_000;
  while (Object.keys(frames).length < FRAMES && Date.now() < deadline) {
    const stored = /** @type {Record<string, typeof frames | undefined>} */ (await worker.evaluate((k) => chrome.storage.session.get(k), key));
    frames = stored[key] ?? {};
    await page.waitForTimeout(100);
  }
  const { events } = await stop();
  await cdp.detach();
  // Every frame's report came from the frames' script: nothing else sends one.
  assert.equal(Object.keys(frames).length, FRAMES, 'each frame reported what it shows');
  assert.ok(Object.values(frames).every((f) => /level \d+|deepest/.test(f.text)), 'with its text');
  // The scripts each frame evaluated (these frames share the top page's process, so one trace holds them all).
  const evaluated = scriptEvaluations(events);
  assert.equal(evaluated.get('content.js')?.length, 1, 'the page’s script runs in the top page only');
  // Injected into the top page too (no manifest key leaves it out), where it stops at once.
  assert.equal(evaluated.get('content-frame.js')?.length, FRAMES + 1, 'the frames’ script runs in every frame');
  await page.close();
});
