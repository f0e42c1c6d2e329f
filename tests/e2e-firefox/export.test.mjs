// The research export and import in Firefox, as tests/e2e/panel.test.mjs
// checks them in Chromium: after the shop-then-article journey, the panel's
// export (made in a module worker, saved through an <a download>) is a real
// download that `adlens validate` accepts, with every stored observation;
// wiped, then imported from that file (a module worker again), the sites'
// records come back the same, and importing it twice adds nothing.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { ROOT } from '../harness/browser.mjs';
import { firefoxLabelsWhen, inExtensionPage, onceReady, sendFromAddonPage } from '../harness/firefox.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';

const JOURNEY = [['http://shop.example/product/trail-runner-x.html', 2], ['http://news.example/article/running.html', 5]];
const ADLENS = path.join(ROOT, 'target/debug/adlens');

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;
/** Where Firefox saves downloads. */
const downloads = fs.mkdtempSync(path.join(os.tmpdir(), 'adlens-firefox-downloads-'));

firefoxForTests({}, async (started) => {
  firefox = started.firefox;
  await firefox.send('browser.setDownloadBehavior', { downloadBehavior: { type: 'allowed', destinationFolder: downloads } });
  await firefox.send('session.subscribe', { events: ['browsingContext.downloadEnd'] });
});

after(async () => {
  fs.rmSync(downloads, { recursive: true, force: true });
});

/** @param {object} message */
const send = (message) => sendFromAddonPage(firefox, message);

/** The observations stored in AdLens's database, read from its own page. */
const storedObservations = () => inExtensionPage(firefox, 'options.html', `new Promise((resolve, reject) => {
  const open = indexedDB.open('adlens');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction('observations').objectStore('observations').count();
    all.onsuccess = () => { open.result.close(); resolve(all.result); };
    all.onerror = () => reject(all.error);
  };
})`);

/** Each site's third parties, by site, as the panel reads them. */
const thirdPartiesBySite = async () => {
  const records = (await send({ type: 'sites/get-records' })).value;
  return Object.fromEntries(Object.entries(records.sites).map(([site, r]) => [site, Object.keys(/** @type {any} */ (r).thirdParties).sort()]));
};

/**
 * Opens the panel's data view in the tab and runs `action` there once it is
 * ready; resolves with what `action` resolves with.
 * @param {string} action an expression for a promise, evaluated in the panel
 */
const inDataView = (action) => inExtensionPage(firefox, 'panel.html#data', onceReady(action));

/** A promise, in the panel, for the data view's `data-<name>` once set. */
const dataViewSets = (/** @type {string} */ name) => `new Promise((resolve) => {
  const view = document.getElementById('view-data');
  const read = () => view.dataset.${name};
  if (read() !== undefined) resolve(read());
  else new MutationObserver((_, o) => { if (read() !== undefined) { o.disconnect(); resolve(read()); } }).observe(view, { attributes: true });
})`;

/** @type {string} */
let exported;

test('in Firefox, the export is a download of every stored observation that `adlens validate` accepts', async () => {
  for (const [url, count] of JOURNEY) {
    await firefox.send('browsingContext.navigate', { context: firefox.context, url, wait: 'complete' });
    await firefoxLabelsWhen(firefox, (labels) => labels.length >= Number(count));
  }
  await new Promise((resolve) => setTimeout(resolve, 500)); // the last page's observations are written after its labels
  const stored = await storedObservations();
  assert.ok(stored > 0, 'the journey stored observations');

  const from = firefox.events.length;
  const count = await inDataView(`(document.getElementById('export-start').click(), ${dataViewSets('exported')})`);
  assert.equal(count, String(stored), 'every stored observation exported');
  const deadline = Date.now() + 10_000;
  let done = firefox.events.slice(from).find((e) => e.method === 'browsingContext.downloadEnd');
  while (!done && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    done = firefox.events.slice(from).find((e) => e.method === 'browsingContext.downloadEnd');
  }
  assert.equal(done?.params.status, 'complete', 'the file was saved');
  exported = done?.params.filepath;
  assert.match(path.basename(exported), /^adlens-export-\d{4}-\d{2}-\d{2}\.jsonl$/);

  assert.match(execFileSync(ADLENS, ['validate', exported], { encoding: 'utf8' }), new RegExp(`valid, schema version 1, ${stored} observations`));
  const lines = fs.readFileSync(exported, 'utf8').trim().split('\n');
  assert.match(JSON.parse(lines[0]).producer, /^AdLens extension/);
  assert.equal(lines.length - 1, stored);
});

test('in Firefox, an export imported into a wiped AdLens gives back the same sites, and importing it twice adds nothing', async () => {
  assert.ok(exported, 'the export test ran');
  const before = await thirdPartiesBySite();
  assert.ok(before['news.example']?.includes('doubleclick.net'), JSON.stringify(before));
  const stored = await storedObservations();

  const wiped = await send({ type: 'memory/wipe' });
  assert.equal(wiped.ok, true, wiped.error);
  assert.deepEqual(await thirdPartiesBySite(), {});
  assert.equal(await storedObservations(), 0);

  /** Chooses the exported file in the data view's file input, as a user would; what the import says. */
  const importExported = async () => {
    const { result } = await firefox.send('script.evaluate', {
      expression: "document.getElementById('import-file')", target: { context: firefox.context }, awaitPromise: false,
    });
    await firefox.send('script.evaluate', {
      expression: "delete document.getElementById('view-data').dataset.imported", target: { context: firefox.context }, awaitPromise: false,
    });
    await firefox.send('input.setFiles', { context: firefox.context, element: { sharedId: result.sharedId }, files: [exported] });
    const { result: imported } = await firefox.send('script.evaluate', {
      expression: dataViewSets('imported'), target: { context: firefox.context }, awaitPromise: true,
    });
    return imported.value;
  };
  await inDataView('true');
  assert.equal(await importExported(), String(stored), 'every observation imported');
  assert.equal(await importExported(), '0', 'the same file again adds nothing');
  assert.equal(await storedObservations(), stored);
  assert.deepEqual(await thirdPartiesBySite(), before, 'the same sites, with the same third parties');
});
