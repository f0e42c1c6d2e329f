// AdLens updated while a page is open, in Firefox: the old page scripts are
// gone without tidying up, and Firefox runs the new ones in the open page.
// The new AdLens takes the old labels, placeholders and hidden items off
// before drawing its own: the page shows one label per item and one
// placeholder per muted item, and a muted item shown again is shown as the
// page had it, not left hidden by the old AdLens.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FIREFOX_EXTENSION_DIR, firefoxLabelsWhen, inExtensionPage, readFirefoxLabels } from '../harness/firefox.mjs';
import { ARTICLE } from '../harness/kept.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';

/** Labels appear at most 3 s after a page's load (README, "Using it"); a little more. */
const LABELS_DUE_MS = 3_500;

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

firefoxForTests({}, (started) => { firefox = started.firefox; });

/**
 * AdLens's marks in the page, as the page sees them: its elements (overlay,
 * placeholders) and the items it hid, with what each had before.
 */
async function marks() {
  const evaluated = await firefox.send('script.evaluate', {
    expression: `JSON.stringify({
      ours: [...document.querySelectorAll('[data-adlens]')].map((el) => el.getAttribute('data-adlens')).sort(),
      hidden: [...document.querySelectorAll('[data-adlens-hidden]')].map((el) => [el.getAttribute('data-adlens-hidden'), el.style.display]),
    })`,
    target: { context: firefox.context },
    awaitPromise: false,
  });
  if (evaluated.type === 'exception') throw new Error(`reading AdLens's marks: ${evaluated.exceptionDetails?.text}`);
  return JSON.parse(evaluated.result.value);
}

test('an update in Firefox leaves one set of labels and placeholders, and the muted items as the page had them', async () => {
  const panelTab = (await firefox.send('browsingContext.create', { type: 'tab', background: true })).context;
  await inExtensionPage(firefox, 'options.html', 'browser.storage.local.set({ settings: { mute: { generic: true } } }).then(() => true)', panelTab);
  await firefox.send('browsingContext.close', { context: panelTab });
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: ARTICLE, wait: 'complete' });
  const first = await firefoxLabelsWhen(firefox, (l) => l.length >= 3);
  assert.equal(first.length, 3, `labels before the update: ${first.map((l) => l.text)}; ${JSON.stringify(await marks())}`);
  const before = await marks();
  assert.deepEqual(before, { ours: ['labels', 'placeholder', 'placeholder'], hidden: [['|', 'none'], ['|', 'none']] });

  // The same add-on installed again, as an update is.
  await firefox.send('webExtension.install', { extensionData: { type: 'path', path: FIREFOX_EXTENSION_DIR } });
  await new Promise((resolve) => setTimeout(resolve, LABELS_DUE_MS));
  await firefoxLabelsWhen(firefox, (l) => l.length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 500)); // a second set would be drawn by now
  // Each of the article's 5 items once: a label, or a placeholder for a muted
  // one (which of the two, the new AdLens decides again: an ad's creative
  // frame may not report to it as it did to the old one), and the items it
  // hid hidden once each, by the new AdLens, which knows they had no display
  // of their own.
  const labels = await readFirefoxLabels(firefox);
  const after = await marks();
  const placeholders = after.ours.filter((/** @type {string} */ o) => o === 'placeholder').length;
  assert.equal(after.ours.filter((/** @type {string} */ o) => o === 'labels').length, 1, 'one overlay');
  assert.equal(labels.length + placeholders, 5, `one mark per item: ${labels.map((l) => l.text)} and ${placeholders} placeholders`);
  assert.deepEqual(after.hidden, Array(placeholders).fill(['|', 'none']));
});
