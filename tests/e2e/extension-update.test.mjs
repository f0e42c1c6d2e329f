// AdLens updated (or reloaded) while a tab is open: the old page script
// has no extension to talk to any more. It takes its labels, whose cards
// could act on nothing, off the page and stops watching it; muted items
// stay muted. The page's next load is labelled by the new AdLens. Its ad
// frames' requests meanwhile are its site's, though the new AdLens never
// saw the page load. In a file of its own: the reload replaces the
// extension the session started with.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eventually } from '../harness/eventually.mjs';
import { DEVELOPER_MODE, onExtensionsPage, untilAdLensAnswers } from '../harness/extensions-page.mjs';
import { ARTICLE } from '../harness/kept.mjs';
import { readLabels, readPlaceholders, waitForLabels } from '../harness/labels.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

test('after an update the old labels go, muted items stay muted, and a reload brings the new AdLens', async () => {
  const worker = await current().browser.worker();
  await worker.evaluate(() => chrome.storage.local.set({ settings: { mute: { generic: true } } }));
  // Developer mode first: Chrome disables an unpacked extension it reloads otherwise.
  await onExtensionsPage(current(), [DEVELOPER_MODE]);
  const behind = await current().open(ARTICLE);
  await waitForLabels(behind, 3);
  const page = await current().open(ARTICLE);
  await waitForLabels(page, 3);
  await eventually(async () => (await readPlaceholders(page)).length === 2, 'the two generic ads muted');
  assert.equal((await readLabels(page)).length, 3);

  // As an update does: the extension unloaded and loaded again (the worker goes with it).
  await worker.evaluate(() => { chrome.runtime.reload(); }).catch(() => {});
  await untilAdLensAnswers(current());
  // The page changes (a late ad): the old script's rescan finds no extension.
  await page.evaluate(() => {
    const slot = document.createElement('div');
    slot.id = 'div-gpt-ad-1700000000000-9';
    slot.textContent = 'late ad';
    document.body.append(slot);
  });
  await eventually(async () => (await readLabels(page)).length === 0, 'the old labels gone', 5_000);
  assert.equal(await page.evaluate(() => document.documentElement.lastElementChild?.localName), 'body', 'the overlay is off the page');
  assert.equal((await readPlaceholders(page)).length, 2, 'muted items stay muted');

  // A tab behind, unchanged, loses its old labels when it is shown again.
  // (Headless Chromium never hides a tab: its visibilitychange is sent here
  // as the browser sends it when the user comes back to the tab.)
  assert.equal((await readLabels(behind)).length, 3);
  await behind.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await eventually(async () => (await readLabels(behind)).length === 0, 'the labels of the tab shown again gone', 5_000);
  await behind.close();

  // The new AdLens labels the page once it loads again.
  await page.reload();
  await waitForLabels(page, 4);
  await eventually(async () => (await readPlaceholders(page)).length === 2, 'muted again by the new AdLens');
});

test('after an update, a page loaded before it is the site its ad frames\' requests are recorded for, not the frames\' own', async () => {
  await onExtensionsPage(current(), [DEVELOPER_MODE]);
  const page = await current().open(ARTICLE);
  await waitForLabels(page, 3);
  const worker = await current().browser.worker();
  await worker.evaluate(() => { chrome.runtime.reload(); }).catch(() => {});
  await untilAdLensAnswers(current());
  // A creative loaded now, as ads refresh: its impression pixel is Xandr's.
  const sentBefore = current().server.requests.length;
  await page.evaluate(() => {
    const frame = document.createElement('iframe');
    frame.src = 'https://tpc.googlesyndication.com/safeframe/1-0-40/html/pixel.html';
    document.body.append(frame);
  });
  await eventually(async () => current().server.requests.slice(sentBefore).some((r) => r.host === 'ib.adnxs.com'), 'the pixel sent');
  /** @returns {Promise<import('../../extension/messages.js').SiteRecords['sites']>} */
  const sites = async () => (/** @type {any} */ (await current().sendFromExtensionPage({ type: 'sites/get-records' }))).value.sites;
  await eventually(async () => (await sites())['news.example']?.thirdParties['adnxs.com'] !== undefined, 'the pixel recorded for news.example');
  assert.equal((await sites())['googlesyndication.com'], undefined, 'no site named after the ad\'s frame');
  await page.close();
});
