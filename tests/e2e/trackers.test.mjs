// Per-site third-party records from real requests observed with webRequest,
// matched against the real EasyList + EasyPrivacy snapshot.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { waitForLabels } from '../harness/labels.mjs';
import { eventually } from '../harness/eventually.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();

/** @returns {Promise<import('../../extension/messages.js').SiteRecords>} */
async function records() {
  const reply = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'sites/get-records' }));
  assert.equal(reply.ok, true, reply.error);
  return reply.value;
}

/**
 * Each site's request count per third party, as `held` holds them (the
 * engine's records, or the memory saved of them).
 * @param {{ sites: Record<string, { thirdParties: Record<string, { requests: number }> }> } | undefined} held
 */
const counts = (held) => JSON.stringify(Object.entries(held?.sites ?? {})
  .map(([site, { thirdParties }]) => [site, Object.entries(thirdParties).map(([domain, p]) => [domain, p.requests])]));

/**
 * Waits until the engine's memory is saved with every request it has
 * recorded (memory.js saves it 1 s after a change), as it is when Chrome
 * stops an idle worker, after 30 s: one stopped sooner may come back with a
 * site's count short.
 */
async function recordsSaved() {
  await eventually(async () => counts(await current().readDb('memory', 'siteRecords')) === counts(await records()),
    'the records saved');
}

test('the real filter lists are loaded from the build-time snapshot', async () => {
  const reply = /** @type {any} */ (await current().sendFromExtensionPage({ type: 'engine/get-info' }));
  assert.deepEqual(reply.value.lists.lists.map((/** @type {any} */ l) => [l.name, l.version]),
    [['easylist', '202608130520'], ['easyprivacy', '202608130529']]);
});

test('a news article records the ad and widget vendors it contacted, listed or not', async () => {
  const page = await current().open('http://news.example/article/running.html');
  await waitForLabels(page, 5);
  const news = (await records()).sites['news.example'];
  assert.ok(news, 'news.example has a record');
  const parties = news.thirdParties;
  assert.deepEqual(Object.keys(parties).sort(), ['doubleclick.net', 'googlesyndication.com', 'taboola.com']);
  assert.ok(parties['doubleclick.net'].listed >= 1, 'gpt.js is on EasyList');
  // EasyList hides Taboola blocks cosmetically but has no network rule for its loader.
  assert.equal(parties['taboola.com'].listed, 0);
  assert.ok(parties['taboola.com'].requests >= 1);
  for (const p of Object.values(parties)) assert.ok(p.firstSeen > 0 && p.lastSeen >= p.firstSeen);
  // Who is behind each, from AdGuard's companies database.
  assert.deepEqual([parties['doubleclick.net'].company, parties['doubleclick.net'].category], ['Google', 'advertising']);
  assert.deepEqual([parties['taboola.com'].company, parties['taboola.com'].category], ['Taboola', 'advertising']);
  assert.equal(parties['taboola.com'].retargeting, false);
  // First-party requests are not third parties.
  assert.equal(parties['news.example'], undefined);
  await page.close();
});

test('a product page that tells Criteo what you viewed is recorded as a remarketing event', async () => {
  const page = await current().open('http://shop.example/product/trail-runner-x.html');
  await waitForLabels(page, 2);
  await page.waitForTimeout(300); // the tag's request follows its script
  const shop = (await records()).sites['shop.example'];
  assert.ok(shop, 'shop.example has a record');
  assert.deepEqual(shop.remarketing.map((e) => [e.vendor, e.event, e.productId]), [['Criteo', 'viewItem', 'TRX-42']]);
  assert.equal(shop.thirdParties['criteo.com'].retargeting, true);
  assert.equal(shop.thirdParties['criteo.com'].company, 'Criteo');
  assert.ok(shop.thirdParties['criteo.net'], 'the tag itself came from criteo.net');
  await page.close();
});

/**
 * Opens the blog post whose analytics and ad frame send beacons as it is
 * left, then leaves it for the bank's page (another site, which contacts no
 * one): both beacons must be the blog visit's.
 * @param {{ workerStopped: boolean }} how whether the service worker is
 *   stopped before leaving, as Chrome stops it after 30 s idle while a page is read
 */
async function leaveTheBlog({ workerStopped }) {
  const LEAVING = 'http://blog.example/post/leaving.html';
  const BEACONS = ['google-analytics.com', 'googlesyndication.com'];
  const { server } = current();
  const before = (await records()).sites['blog.example']?.thirdParties ?? {};
  const page = await current().open(LEAVING);
  await eventually(async () => (await current().tabStateFor(LEAVING)) !== null, 'the blog post reported: a visit');
  const visit = (await current().readDb('observations'))
    .filter((/** @type {any} */ o) => o.type === 'page_visit' && o.pageUrl === LEAVING)
    .sort((/** @type {any} */ a, /** @type {any} */ b) => b.time - a.time)[0].visitId;
  if (workerStopped) {
    await recordsSaved();
    await current().stopServiceWorker();
  }
  const sentBefore = server.requests.length;
  await page.goto('http://bank.example/offers.html');
  await waitForLabels(page, 1);
  // Both are asked for after the bank's page: Chrome says they are the
  // blog's documents', being left (`documentLifecycle: pending_deletion`).
  const sent = (/** @type {string} */ host) => server.requests.slice(sentBefore).some((r) => r.host === host);
  await eventually(async () => sent('www.google-analytics.com') && sent('pagead2.googlesyndication.com'), 'both beacons sent');
  const more = async (/** @type {string} */ domain) => ((await records()).sites['blog.example']?.thirdParties[domain]?.requests ?? 0)
    - (before[domain]?.requests ?? 0);
  /** @type {any[]} */
  let contacts = [];
  await eventually(async () => {
    contacts = (await current().readDb('observations'))
      .filter((/** @type {any} */ o) => o.type === 'tracker_contact' && o.visitId === visit && BEACONS.includes(o.domain));
    return contacts.length === 2 && await more('googlesyndication.com') === 2;
  }, 'the beacons recorded for the blog\'s visit');
  assert.deepEqual(contacts.map((o) => [o.domain, o.site, o.pageUrl]).sort(),
    [['google-analytics.com', 'blog.example', LEAVING], ['googlesyndication.com', 'blog.example', LEAVING]]);
  assert.equal(await more('google-analytics.com'), 1);
  assert.deepEqual(Object.keys((await records()).sites['bank.example']?.thirdParties ?? {}), [], 'the bank sent no one anything');
  await page.close();
}

test('beacons a page and its ad\'s frame send as the page is left are that page\'s visit\'s, not the next page\'s on another site', async () => {
  await leaveTheBlog({ workerStopped: false });
});

test('so they are when the service worker had stopped while the page was read, and starts again for the next page', async () => {
  await leaveTheBlog({ workerStopped: true });
});

test('records survive a service-worker restart', async () => {
  const page = await current().open('http://news.example/article/running.html');
  await waitForLabels(page, 5);
  await recordsSaved();
  const before = (await records()).sites['news.example'];
  await current().stopServiceWorker();
  const after = (await records()).sites['news.example'];
  assert.deepEqual(after, before);
  await page.close();
});
