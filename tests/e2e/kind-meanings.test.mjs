// What each kind means, where a user decides about kinds: the popup (below
// its counts, folded) and the options' default mutes (each switch described
// by its kind's sentence, which a screen reader reads with it).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sessionForTests } from '../harness/session.mjs';

const current = sessionForTests();
const NEWS = 'http://news.example/article/running.html';

const MEANINGS = [
  ['About this page', 'Chosen because of the page you are reading.'],
  ['Your profile', 'Chosen from an interest profile built from your browsing.'],
  ['Following you', 'A product or shop you looked at before, following you around.'],
  ['Generic', 'Not enough evidence for one of the other kinds: AdLens never guesses.'],
];

test('the popup says what each kind means, folded under its counts until asked', async () => {
  const page = await current().open(NEWS);
  const { tabId } = await current().waitForReport(NEWS, 4);
  const popup = await current().openFor(tabId);
  try {
    assert.equal(await popup.textContent('#meanings summary'), 'What the labels mean');
    assert.equal(await popup.isVisible('#meanings dd'), false, 'folded at first');
    await popup.click('#meanings summary');
    assert.equal(await popup.isVisible('#meanings dd'), true, 'open once asked');
    const pairs = await popup.$$eval('#meanings dt', (names) => names.map((dt) => [dt.textContent, dt.nextElementSibling?.textContent]));
    assert.deepEqual(pairs, MEANINGS);
  } finally {
    await popup.close();
    await page.close();
  }
});

test('each default mute in the options is described by what its kind means', async () => {
  const { browser } = current();
  const options = await browser.context.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.waitForSelector('body[data-ready="true"]');
  try {
    // As the browser computes it for assistive technology, not only as written.
    const cdp = await browser.context.newCDPSession(options);
    const { nodes } = /** @type {{ nodes: { role?: { value: string }, name?: { value: string }, description?: { value: string } }[] }} */ (
      await cdp.send('Accessibility.getFullAXTree'));
    await cdp.detach();
    const described = nodes
      .filter((n) => n.role?.value === 'checkbox' && MEANINGS.some(([name]) => name === n.name?.value))
      .map((n) => [n.name?.value, n.description?.value]);
    assert.deepEqual(described, MEANINGS);
  } finally {
    await options.close();
  }
});
