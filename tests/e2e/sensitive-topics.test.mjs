// Sensitive topics in Chromium: three health guides read (each page tells
// ID5 the user was there), then a running article whose one ad sells
// vitamins. The ad is picked from the user's profile, and its why card says
// the topic behind it can reveal the user's health; the panel's "what
// advertisers could infer" tags Health as sensitive, says what that means,
// and tags it again where ID5 saw the user. Such ads can be muted, from
// their why card or the options, whatever their kind: the ad collapses to a
// placeholder that says why, leaves the popup's list, and its slot is never
// painted on the next visit.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { eventually } from '../harness/eventually.mjs';
import { clickCardAction, pressLabel, readLabels, readPlaceholders, readWhyCard, waitForLabels } from '../harness/labels.mjs';
import { paintProbe, readPaintProbe } from '../harness/paint-probe.mjs';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const GUIDES = ['allergies', 'vitamins', 'diabetes'].map((g) => `http://healthguide.example/guides/${g}.html`);
const ARTICLE = 'http://news.example/article/hill-running.html';
const NOTE = 'a sensitive topic: it can reveal your health';

/** Starts afresh and reads the three health guides. */
async function readHealthGuides() {
  assert.deepEqual(await current().sendFromExtensionPage({ type: 'memory/wipe' }), { ok: true, value: null });
  for (const url of GUIDES) {
    const page = await current().open(url);
    await current().waitForReport(url, 0);
    await page.close();
  }
}

test('an ad picked by an interest in health says so in its why card, and the panel tags the topic sensitive', async () => {
  await readHealthGuides();
  const page = await current().open(ARTICLE);
  const { state, tabId } = await current().waitForReport(ARTICLE, 1);
  const ad = state.report.items.find((i) => i.elementId === 'div-gpt-ad-vitamins');
  assert.equal(ad?.verdict.kind, 'behavioural', JSON.stringify(ad?.verdict));
  const [matched] = ad.verdict.evidence;
  assert.equal(matched.type, 'topic_matches_profile');
  assert.equal(matched.topic, 'health');
  assert.equal(matched.reveals, 'health');

  await waitForLabels(page, 1);
  await pressLabel(page, 'Ad · Your profile');
  const card = await readWhyCard(page);
  const sentence = card?.evidence.find((e) => e.startsWith('Health makes up'));
  assert.ok(sentence?.endsWith(` — ${NOTE}`), card?.evidence.join(' | '));
  // Its way into the panel leads to what advertisers could infer.
  assert.equal(card?.actions['open-panel'], 'What advertisers could infer about you', JSON.stringify(card?.actions));
  const opened = current().browser.context.waitForEvent('page', { predicate: (p) => p.url().includes('/panel.html') });
  await clickCardAction(page, 'open-panel');
  const fromCard = await opened;
  assert.equal(fromCard.url(), `chrome-extension://${current().browser.extensionId}/panel.html?tabId=${tabId}#profile`);
  await fromCard.waitForSelector('body[data-ready="true"][data-view="profile"]');
  assert.equal(await fromCard.isVisible('#interests li[data-topic="health"]'), true);
  await fromCard.close();
  // The popup's list says it under the ad's label.
  const popup = await current().openFor(tabId);
  assert.deepEqual(await popup.$$eval('#page-items li', (lis) => lis.map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent))),
    [['Ad · Your profile — Google Ad Manager', NOTE, 'Vitamin D supplements for the winter months. Ask your pharm…']]);
  await popup.close();
  await page.close();

  const { browser } = current();
  const panel = await browser.context.newPage();
  await panel.goto(`chrome-extension://${browser.extensionId}/panel.html#profile`);
  await panel.waitForSelector('body[data-ready="true"]');
  const interests = await panel.$$eval('#interests li', (lis) => lis.map((li) => ({
    topic: li.getAttribute('data-topic'),
    sensitive: li.getAttribute('data-sensitive'),
    tag: li.querySelector('.tag.sensitive')?.textContent ?? null,
    title: li.querySelector('.tag.sensitive')?.getAttribute('title') ?? null,
  })));
  const health = interests.find((i) => i.topic === 'health');
  assert.deepEqual(health, { topic: 'health', sensitive: 'health', tag: 'sensitive', title: NOTE }, JSON.stringify(interests));
  for (const other of interests.filter((i) => i.topic !== 'health')) assert.equal(other.tag, null, JSON.stringify(other));
  // Under each topic, the ads it picked for the user and where: the vitamins ad, on the news site.
  const picked = await panel.$$eval('#interests li', (lis) => lis.map((li) => [li.getAttribute('data-topic'), li.querySelector('.picked')?.textContent ?? null]));
  assert.deepEqual(picked.filter(([, text]) => text !== null), [['health', 'Ads it picked for you: 1 (on news.example)']], JSON.stringify(picked));
  const note = await panel.$eval('#sensitive-note', (p) => ({ hidden: /** @type {HTMLElement} */ (p).hidden, text: p.textContent }));
  assert.equal(note.hidden, false);
  assert.match(note.text ?? '', /^Topics marked sensitive can reveal your health, .* \(GDPR, Art\. 9\)\. .* \(Digital Services Act, Art\. 26\)\.$/);
  // Beside it, the choice to mute the ads such topics pick (the options' switch).
  assert.equal(await panel.isVisible('#sensitive-mute'), true);
  assert.equal(await panel.textContent('label:has(#mute-sensitive)'), ' Mute ads picked by sensitive topics everywhere');
  const muteSensitive = async () => /** @type {import('../../extension/settings.js').Settings} */ (
    (await (await current().browser.worker()).evaluate(() => chrome.storage.local.get('settings'))).settings)?.muteSensitive;
  await panel.check('#mute-sensitive');
  await eventually(async () => (await muteSensitive()) === true, 'the choice stored');
  await panel.uncheck('#mute-sensitive');
  await eventually(async () => (await muteSensitive()) === false, 'and taken back');
  // Changed in the options while the panel is open, the panel's switch follows.
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.check('#mute-sensitive');
  await eventually(async () => panel.isChecked('#mute-sensitive'), 'the panel follows the options');
  await options.uncheck('#mute-sensitive');
  await eventually(async () => !(await panel.isChecked('#mute-sensitive')), 'both ways');
  await options.close();
  // ID5 saw the user on the health guides: the topic is tagged there too.
  const id5 = await panel.$eval('#company-reach tr[data-company="ID5 Sync"]', (tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
  assert.match(id5[0] ?? '', /^1 of 2healthguide\.example$/);
  assert.match(id5[1] ?? '', /^Healthsensitive \(a sensitive topic: it can reveal your health\)$/);

  // And in the sites behind the profile.
  assert.equal(await panel.$eval('#memory-sites tr[data-site="healthguide.example"] td:nth-child(3) .tag.sensitive', (t) => t.textContent), 'sensitive');
  assert.equal(await panel.$('#memory-sites tr[data-site="news.example"] .tag'), null);
  await panel.screenshot({ path: path.join(root, 'tests/out/screenshots/panel-profile-sensitive.png'), fullPage: true });

  // Forgetting the topic takes the note away with it.
  await panel.click('#interests li[data-topic="health"] button');
  await panel.waitForSelector('#interests li[data-topic="health"]', { state: 'detached' });
  assert.equal(await panel.$eval('#sensitive-note', (p) => /** @type {HTMLElement} */ (p).hidden), true);
  assert.equal(await panel.isVisible('#sensitive-mute'), false);
  await panel.close();
});

test('ads picked by a sensitive topic are muted from their why card: a placeholder says why, the popup leaves them out, and the slot is never painted again', async () => {
  await readHealthGuides();
  const page = await current().open(ARTICLE);
  const { tabId } = await current().waitForReport(ARTICLE, 1);
  await waitForLabels(page, 1);
  await pressLabel(page, 'Ad · Your profile');
  const card = await readWhyCard(page);
  assert.equal(card?.actions['mute-sensitive'], 'Mute ads picked by sensitive topics everywhere', JSON.stringify(card?.actions));
  await clickCardAction(page, 'mute-sensitive');
  await eventually(async () => (await readPlaceholders(page)).length === 1, 'the vitamins ad collapsed to its placeholder');
  assert.deepEqual(await readPlaceholders(page), ['Your profile · sensitive topic · mutedShow']);
  assert.deepEqual(await readLabels(page), [], 'its label went with it');
  assert.equal(await page.$eval('#div-gpt-ad-vitamins', (el) => getComputedStyle(el).display), 'none');
  // "Your profile" itself is not muted: only what a sensitive topic picked.
  const worker = await current().browser.worker();
  const stored = /** @type {import('../../extension/settings.js').Settings} */ (
    (await worker.evaluate(() => chrome.storage.local.get('settings'))).settings);
  assert.equal(stored.muteSensitive, true);
  assert.equal(stored.mute.behavioural, false);

  // The popup counts the ad but does not list it: it is not on the screen.
  const popup = await current().openFor(tabId);
  assert.equal(await popup.$eval('#counts li[data-kind="behavioural"] .count', (c) => c.textContent), '1');
  assert.equal(await popup.$$eval('#page-items li', (lis) => lis.length), 0);
  await popup.close();
  await page.close();

  // The next visit: its slot is held from the moment it is parsed, never painted, while the article is.
  const again = await current().browser.context.newPage();
  await again.addInitScript(paintProbe('#div-gpt-ad-vitamins', 'article'));
  await again.goto(ARTICLE);
  await eventually(async () => (await readPlaceholders(again)).length === 1, 'the ad collapsed to its placeholder again', 8_000);
  await again.waitForTimeout(1_200);
  const probe = await readPaintProbe(again);
  assert.equal(probe.slot, 0, JSON.stringify(probe));
  assert.ok(probe.article > 10, JSON.stringify(probe));

  // The options say so, and unticking shows the ad again at once, without a reload.
  const { browser } = current();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  assert.equal(await options.isChecked('#mute-sensitive'), true);
  assert.match(await options.textContent('label:has(#mute-sensitive)') ?? '', /ads picked by a sensitive topic \(one that can reveal your health, /);
  await options.uncheck('#mute-sensitive');
  await eventually(async () => (await readPlaceholders(again)).length === 0, 'the placeholder went');
  await waitForLabels(again, 1);
  assert.deepEqual((await readLabels(again)).map((l) => l.text), ['Ad · Your profile']);
  await options.close();
  await again.close();
});
