// Run-time filter-list updates from the lists' official URLs (served here by
// the fixture server through its TLS tunnel): garbage changes nothing, a
// good download really replaces the engine's lists, and the new lists
// survive a service-worker restart.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

const EASYPRIVACY = 'https://easylist.to/easylist/easyprivacy.txt';

/** @returns {Promise<any>} */
const send = async (/** @type {object} */ message) => current().sendFromExtensionPage(message);
const versions = async () => (await send({ type: 'engine/get-info' })).value.lists.lists.map((/** @type {any} */ l) => l.version);

/** How many requests to `domain` from news.example the lists blocked, after a fresh visit. */
async function listedFreshRequests(/** @type {string} */ domain) {
  const page = await current().open('http://news.example/fresh.html');
  await page.waitForTimeout(300);
  await page.close();
  const records = (await send({ type: 'sites/get-records' })).value;
  return records.sites['news.example']?.thirdParties[domain]?.listed ?? 0;
}

test('the bundled lists are in use at first, and do not know the fixture hosts', async () => {
  assert.deepEqual(await versions(), ['202608130520', '202608130529']);
  assert.equal(await listedFreshRequests('fresh-ads.example'), 0);
});

test('a garbage download (an HTML error page) is refused and the lists stay', async () => {
  current().server.overrides.set(EASYPRIVACY, { status: 200, body: '<!doctype html><title>Service unavailable</title>' });
  const reply = await send({ type: 'lists/update-now' });
  current().server.overrides.clear();
  assert.equal(reply.ok, false);
  assert.match(reply.error, /easyprivacy is not a filter list \(it starts with "<!doctype html>/);
  assert.deepEqual(await versions(), ['202608130520', '202608130529']);
  const info = (await send({ type: 'engine/get-info' })).value;
  assert.equal(info.listsStatus.failures, 1);
  assert.match(info.listsStatus.lastError, /not a filter list/);
});

test('a good download from the official URLs replaces the engine', async () => {
  const reply = await send({ type: 'lists/update-now' });
  assert.equal(reply.ok, true, reply.error);
  assert.deepEqual(reply.value.lists.lists.map((/** @type {any} */ l) => l.version), ['209901010000', '209901010001']);
  assert.ok(current().server.requests.some((r) => r.url === 'https://easylist.to/easylist/easylist.txt'));
  assert.equal(reply.value.listsStatus.failures, 0);
  // The new rules are live: the fixture-only hosts are now listed.
  assert.equal(await listedFreshRequests('fresh-ads.example'), 1);
  assert.equal(await listedFreshRequests('fresh-tracker.example'), 2, 'two visits since the update');
});

test('the downloaded lists survive a service-worker restart', async () => {
  await current().stopServiceWorker();
  assert.deepEqual(await versions(), ['209901010000', '209901010001']);
});

test('the options page shows the lists and their age', async () => {
  const options = await current().browser.context.newPage();
  await options.goto(`chrome-extension://${current().browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  const rows = await options.$$eval('#lists tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  assert.deepEqual(rows.map((r) => r.slice(0, 2)), [['EasyList', '209901010000'], ['EasyPrivacy', '209901010001']]);
  assert.match(await options.locator('#lists-status').textContent() ?? '', /Last updated: (now|\d+ minutes? ago|this minute)/);
  await options.close();
});

test('a stored snapshot that no longer loads is dropped at the next start, and the bundled lists are used', async () => {
  // As an update of AdLens that changed the snapshot format would leave it:
  // newer lists by their versions, bytes this engine cannot read.
  const worker = await current().browser.worker();
  await worker.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('adlens');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('snapshots', 'readwrite');
      tx.objectStore('snapshots').put({
        bytes: new Uint8Array([1, 2, 3, 4]),
        info: { lists: [{ name: 'easylist', version: '209912310000' }, { name: 'easyprivacy', version: '209912310000' }] },
        savedAt: Date.now(),
      }, 'lists');
      tx.oncomplete = () => { open.result.close(); resolve(undefined); };
      tx.onerror = () => reject(tx.error);
    };
  }));
  await current().stopServiceWorker();
  assert.deepEqual(await versions(), ['202608130520', '202608130529'], 'the bundled lists');
  assert.equal(await current().readDb('snapshots', 'lists'), undefined, 'the unusable snapshot is gone');
  const records = (await send({ type: 'sites/get-records' })).value;
  const listedBefore = records.sites['news.example']?.thirdParties['fresh-ads.example']?.listed ?? 0;
  assert.equal(await listedFreshRequests('fresh-ads.example'), listedBefore, 'the bundled rules in force: a new visit\'s request is not listed');
});
