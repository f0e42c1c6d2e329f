// YouTube's ads in Firefox ESR, on the fixture watch page: the layer its
// player draws over a video ad, the companion banner and the ad beside the
// video are labelled; with every kind muted the two boxes are hidden and the
// video ad's layer is not (hiding it would take its "Skip" button away), its
// label staying. Chromium's side: tests/e2e/youtube.test.mjs.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firefoxLabelsWhen, inExtensionPage } from '../harness/firefox.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';

const WATCH = 'https://www.youtube.com/watch?v=trail-first-month';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

firefoxForTests({}, (started) => { firefox = started.firefox; });

/**
 * The computed display of each selector's element in the tab.
 * @param {string[]} selectors
 * @returns {Promise<string[]>}
 */
async function displays(selectors) {
  const { result } = await firefox.send('script.evaluate', {
    expression: `JSON.stringify(${JSON.stringify(selectors)}.map((s) => getComputedStyle(document.querySelector(s)).display))`,
    target: { context: firefox.context },
    awaitPromise: false,
  });
  return JSON.parse(result.value);
}

test('in Firefox, YouTube\'s three ads are labelled; muted, the boxes are hidden and the video ad stays, labelled, its Skip button shown', async () => {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: WATCH, wait: 'complete' });
  const labels = await firefoxLabelsWhen(firefox, (l) => l.length >= 3);
  assert.equal(labels.length, 3, labels.map((l) => l.text).join(' | '));
  // The add-on's page that sets the settings opens in a tab of its own.
  const { context: side } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    await inExtensionPage(firefox, 'options.html',
      "browser.storage.local.set({ settings: { mute: { contextual: true, behavioural: true, retargeted: true, generic: true } } }).then(() => true)", side);
    const left = await firefoxLabelsWhen(firefox, (l) => l.length === 1, 5_000);
    assert.equal(left.length, 1, 'the video ad keeps its label');
    const boxes = ['ytd-action-companion-ad-renderer', 'ytd-ad-slot-renderer', '.ytp-ad-player-overlay-layout', '.ytp-skip-ad-button'];
    assert.deepEqual(await displays(boxes), ['none', 'none', 'block', 'inline-block']);
  } finally {
    await inExtensionPage(firefox, 'options.html', "browser.storage.local.remove('settings').then(() => true)", side);
    await firefox.send('browsingContext.close', { context: side });
  }
});
