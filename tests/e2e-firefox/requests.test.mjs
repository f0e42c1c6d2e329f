// What the sites' records hold of a page's requests, in Firefox ESR.
//
// A request something blocked never left the browser, so the site's record
// must not say it sent it. With AdLens's own retargeting block on (a
// declarativeNetRequest rule, as an ad blocker's are), the shop's Criteo tag
// is asked for and stopped: Firefox still fires `onBeforeRequest` for it,
// then `onErrorOccurred` (NS_ERROR_ABORT), and no `onSendHeaders`.
//
// A beacon a page sends as it is left is asked for after the next page: it
// is the page left's (Firefox names the document that made it). So it is
// when the event page had stopped: Firefox, starting it again for the next
// page's request, may tell first that the tab shows the next page.
//
// Chromium's side: tests/e2e/retargeting-block.test.mjs, trackers.test.mjs.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDeepStrictEqual } from 'node:util';
import { eventually } from '../harness/eventually.mjs';
import { firefoxDb, firefoxLabelsWhen, firefoxObservations, firefoxTabState, inExtensionPage, sendFromAddonPage } from '../harness/firefox.mjs';
import { stopFirefoxBackground } from '../harness/firefox-background.mjs';
import { firefoxWithAddonTab } from '../harness/firefox-tests.mjs';

const PRODUCT = 'http://shop.example/product/trail-runner-x.html';

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;
/** @type {import('../harness/server.mjs').FixtureServer} */
let server;
/** @type {string} */
let addonTab;

firefoxWithAddonTab({}, (started) => { ({ firefox, server, addonTab } = started); });

/** Opens the product page; the Criteo hosts it reached. */
async function viewProduct() {
  server.requests.length = 0;
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: PRODUCT, wait: 'complete' });
  await firefoxLabelsWhen(firefox, (labels) => labels.length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 500)); // the tag's event request follows its script
  return [...new Set(server.requests.map((r) => r.host).filter((h) => /criteo\.(com|net)$/.test(h)))].sort();
}

/** The sites' records, as the panel reads them. */
async function siteRecords() {
  const reply = await sendFromAddonPage(firefox, { type: 'sites/get-records' }, addonTab);
  assert.equal(reply.ok, true, reply.error);
  return reply.value.sites;
}

/**
 * The per-site summaries the panel shows (stored with the observations, in
 * one transaction), by site.
 * @returns {Promise<Record<string, any>>}
 */
async function panelSites() {
  return Object.fromEntries((await firefoxDb(firefox, 'sites', addonTab)).map((summary) => [summary.site, summary]));
}

/** What shop.example's record says it sent Criteo. */
async function toldCriteo() {
  const shop = (await siteRecords())['shop.example'];
  return {
    requests: Object.fromEntries(['criteo.com', 'criteo.net'].map((d) => [d, shop?.thirdParties[d]?.requests ?? 0])),
    events: shop?.remarketing.length ?? 0,
  };
}

test('in Firefox, a request the retargeting block stopped is not recorded as sent', async () => {
  assert.deepEqual(await viewProduct(), ['sslwidget.criteo.com', 'static.criteo.net']);
  const told = await toldCriteo();
  assert.deepEqual(told, { requests: { 'criteo.com': 1, 'criteo.net': 1 }, events: 1 }, 'the open visit told Criteo');

  const rules = await inExtensionPage(firefox, 'options.html', `browser.storage.local
    .set({ settings: { mute: { retargeted: true }, blockRetargeting: true } })
    .then(() => new Promise((resolve) => setTimeout(resolve, 500)))
    .then(() => browser.declarativeNetRequest.getDynamicRules())
    .then((rules) => rules.length)`, addonTab);
  assert.equal(rules, 1, 'the block rule is in place');

  try {
    assert.deepEqual(await viewProduct(), [], 'no request reached Criteo');
    assert.deepEqual(await toldCriteo(), told, 'the blocked tag is not in the shop\'s record');
  } finally {
    await inExtensionPage(firefox, 'options.html', "browser.storage.local.remove('settings').then(() => true)", addonTab);
  }
});

/**
 * Leaves the blog post for the bank: the beacons the post and its ad's frame
 * send as it is left (asked for after the bank's page) must be the blog
 * visit's, and the bank must have sent no one anything. Firefox names the
 * documents that made them: the blog's, and its frame's, whose top is the
 * blog's.
 * @param {{ backgroundStopped: boolean }} how backgroundStopped: stopped while the post was
 *   read, as Firefox stops an event page idle for 30 s; the bank's request starts it again
 */
async function leaveTheBlog({ backgroundStopped }) {
  const LEAVING = 'http://blog.example/post/leaving.html';
  const BEACONS = ['google-analytics.com', 'googlesyndication.com'];
  const before = (await panelSites())['blog.example']?.thirdParties ?? {};
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: LEAVING, wait: 'complete' });
  await eventually(async () => (await firefoxTabState(firefox, LEAVING, addonTab)) !== null, 'the blog post reported: a visit');
  const visit = (await firefoxObservations(firefox, addonTab))
    .filter((o) => o.type === 'page_visit' && o.pageUrl === LEAVING)
    .sort((a, b) => b.time - a.time)[0].visitId;
  if (backgroundStopped) await stopFirefoxBackground(firefox);
  server.requests.length = 0;
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: 'http://bank.example/offers.html', wait: 'complete' });
  await firefoxLabelsWhen(firefox, (labels) => labels.length >= 1);
  const sent = (/** @type {string} */ host) => server.requests.some((r) => r.host === host);
  const beaconHosts = ['www.google-analytics.com', 'pagead2.googlesyndication.com'];
  // Sent as the blog is left; the next page and a loaded CI machine can hold them up.
  await eventually(async () => beaconHosts.every(sent), 'both beacons sent', 15_000)
    .catch(() => {}); // which was not, and what was asked for instead, is told below
  assert.deepEqual(beaconHosts.filter(sent), beaconHosts,
    `both beacons sent; asked for since the blog was left: ${server.requests.map((r) => r.url).join(' ')}`);
  // The frame's own request made the blog's visit a contact of
  // googlesyndication.com already: its beacon is known by the count.
  const expected = {
    contacts: [['google-analytics.com', 'blog.example', LEAVING], ['googlesyndication.com', 'blog.example', LEAVING]],
    blogSent: { 'google-analytics.com': 1, 'googlesyndication.com': 2 }, // the ad's frame and its beacon
    bankSent: [], // the bank sent no one anything
  };
  /** @type {unknown} */
  let recorded;
  await eventually(async () => {
    const sites = await panelSites();
    recorded = {
      contacts: (await firefoxObservations(firefox, addonTab))
        .filter((o) => o.type === 'tracker_contact' && o.visitId === visit && BEACONS.includes(o.domain))
        .map((o) => [o.domain, o.site, o.pageUrl]).sort(),
      blogSent: Object.fromEntries(BEACONS.map((d) => [d, (sites['blog.example']?.thirdParties[d]?.requests ?? 0) - (before[d]?.requests ?? 0)])),
      bankSent: Object.keys(sites['bank.example']?.thirdParties ?? {}),
    };
    return isDeepStrictEqual(recorded, expected);
  }, 'the beacons recorded', 10_000).catch(() => {}); // what was recorded instead is told below
  assert.deepEqual(recorded, expected, 'the beacons are the blog visit\'s, and the panel says the bank sent no one anything');
}

test('in Firefox, beacons a page and its ad\'s frame send as the page is left are that page\'s visit\'s, not the next page\'s on another site', async () => {
  await leaveTheBlog({ backgroundStopped: false });
});

test('in Firefox, so they are when the background page had stopped while the page was read, and starts again for the next page', async () => {
  await leaveTheBlog({ backgroundStopped: true });
});

test('in Firefox, a page opened as the stopped background starts again is one visit, its requests and items in it', async () => {
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: 'http://bank.example/offers.html', wait: 'complete' });
  await eventually(async () => (await firefoxTabState(firefox, 'http://bank.example/offers.html', addonTab)) !== null, 'the bank reported');
  const known = new Set((await firefoxObservations(firefox, addonTab)).map((o) => o.visitId));
  await stopFirefoxBackground(firefox);
  assert.deepEqual(await viewProduct(), ['sslwidget.criteo.com', 'static.criteo.net']);
  /** @type {Record<string, string[]>} */
  let visits = {};
  await eventually(async () => {
    visits = {};
    for (const o of await firefoxObservations(firefox, addonTab)) {
      if (!known.has(o.visitId)) (visits[o.visitId] ??= []).push(o.domain ? `${o.type} ${o.domain}` : o.type);
    }
    return Object.values(visits).flat().filter((t) => t.startsWith('tracker_contact')).length >= 2;
  }, 'the product page\'s Criteo contacts recorded');
  assert.deepEqual(Object.values(visits).map((types) => [...new Set(types)].sort()),
    [['item_seen', 'page_visit', 'remarketing_event', 'tracker_contact criteo.com', 'tracker_contact criteo.net']], 'one visit');
});
