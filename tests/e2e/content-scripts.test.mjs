// Which content script runs where: the top page runs content-hold.js at
// document start (holding the slots known muted) and content.js once it is
// parsed (the page scanning and labelling); every frame runs
// content-frame.js alone, which reports what the frame shows. An ad frame,
// most often a process of its own, then compiles 8 kB of script, not 78,
// and the top page's parser waits for 10 kB, not 78.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';
import { scriptEvaluations, traceWork } from '../harness/trace.mjs';

const current = sessionForTests();

/** Frames in nested-frames.html: 25 levels, each with a slot and some text. */
const FRAMES = 25;

test('frames run the frames’ script alone and report what they show; the top page holds slots at document start, then runs the page’s script', async () => {
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
  /** @type {Record<string, { report: { text: string } }>} */
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
  assert.ok(Object.values(frames).every((f) => /level \d+|deepest/.test(f.report.text)), 'with its text');
  // The scripts each frame evaluated (these frames share the top page's
  // process, so one trace holds them all), in the order they ran.
  const evaluations = scriptEvaluations(events);
  /** @type {Map<string, string[]>} */
  const byFrame = new Map();
  for (const { frame, script } of evaluations) byFrame.set(frame, [...(byFrame.get(frame) ?? []), script]);
  const [top, ...frameScripts] = [...byFrame.values()];
  // The early hold runs while the page's HTML is being parsed, the page's script once it is parsed.
  const parses = events.filter((e) => e.name === 'ParseHTML'
    && /** @type {{ beginData?: { url?: string } } | undefined} */ (/** @type {unknown} */ (e.args))?.beginData?.url === url);
  assert.ok(parses.length > 0, 'the page’s parsing is in the trace');
  const parsedAt = Math.max(...parses.map((e) => e.ts + (e.dur ?? 0)));
  const startOf = (/** @type {string} */ script) => evaluations.find((e) => e.script === script)?.ts ?? NaN;
  assert.ok(startOf('content-hold.js') < parsedAt, 'the early hold starts before the page is parsed');
  assert.ok(startOf('content.js') > parsedAt, 'the page’s script starts once the page is parsed');
  // The frames' script is injected into the top page too (no manifest key leaves it out), where it stops at once.
  assert.deepEqual(top, ['content-hold.js', 'content.js', 'content-frame.js'], 'the top page: the early hold first, then the page’s script');
  assert.equal(frameScripts.length, FRAMES);
  assert.ok(frameScripts.every((scripts) => scripts.length === 1 && scripts[0] === 'content-frame.js'),
    `each frame runs the frames’ script alone: ${JSON.stringify(frameScripts)}`);
  await page.close();
});

for (const { page: name, slotId, when } of [
  { page: 'written-frame.html', slotId: 'div-gpt-ad-1700000000000-7', when: 'as it adds the frame' },
  // The frame's script is in place by then, watching a document the tag
  // then replaces: it must watch the document, not its first root element.
  { page: 'late-written-frame.html', slotId: 'div-gpt-ad-1700000000000-6', when: 'a second after it added the frame' },
]) {
  test(`a creative the tag writes into a blank frame ${when} is reported by that frame and attributed to its slot`, async () => {
    // Google Ad Manager outside SafeFrame: an about:blank frame named after
    // the slot, its document written by the page's script after load.
    const url = `http://news.example/article/${name}`;
    const page = await current().open(url);
    /** @type {import('../../extension/messages.js').PageReport['items'][number] | undefined} */
    let slot;
    const deadline = Date.now() + 10_000;
    while (!slot?.landingDomain && Date.now() < deadline) {
      slot = (await current().tabStateFor(url))?.state.report.items.find((i) => i.elementId === slotId);
      await page.waitForTimeout(100);
    }
    assert.ok(slot, 'the slot is found');
    assert.equal(slot.landingDomain, 'travel.example', 'its landing page, from the link inside the written frame');
    assert.equal(slot.text, 'Hill running camps from €199');
    assert.equal(slot.frames.length, 1, 'one frame attributed to it');
    await page.close();
  });
}

test('a tab moving on to a page AdLens does not read forgets the page before it (the popup must not show its items there)', async () => {
  const url = 'http://news.example/article/text-ads.html';
  const session = current();
  const page = await session.open(url);
  await session.waitForReport(url, 3);
  await page.goto('about:blank');
  await eventually(async () => (await session.tabStateFor(url)) === null, 'the text-ads page forgotten');
  await page.close();
});

test('a frame whose creative keeps changing reports at most five times', async () => {
  const url = 'http://news.example/article/rotating-frame.html';
  const page = await current().open(url);
  const frame = page.frames().find((f) => f.name() === 'google_ads_iframe_/1234/news/rotating_0');
  assert.ok(frame, 'the written frame is there');
  await frame.waitForFunction(() => document.getElementById('offer')?.textContent === 'Offer 12', null, { timeout: 10_000 });
  await page.waitForTimeout(800); // past the quiet period after the last change
  const slot = (await current().tabStateFor(url))?.state.report.items.find((i) => i.elementId === 'div-gpt-ad-1700000000000-8');
  assert.ok(slot, 'the slot is found');
  const shown = Number(/^Offer (\d+)$/.exec(slot.text ?? '')?.[1]);
  assert.ok(shown >= 1 && shown <= 5, `its text is from one of the frame's first five reports, not the twelfth change: "${slot.text}"`);
  await page.close();
});
