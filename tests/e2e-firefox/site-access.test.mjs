// AdLens's site access withdrawn in Firefox (as its extensions panel and
// about:addons allow): the page gets no labels, the popup says why and asks
// for every site; once the user allows it, the page is reloaded and
// labelled. Firefox's prompt is answered by its own preference for tests
// (`extensions.webextOptionalPermissionPrompts`: granted without asking);
// the click on the popup's button is a real one.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { firefoxLabelsWhen, inExtensionPage, onceReady, readFirefoxLabels } from '../harness/firefox.mjs';
import { ARTICLE } from '../harness/kept.mjs';
import { firefoxForTests } from '../harness/firefox-tests.mjs';

/** Labels appear at most 3 s after a page's load (README, "Using it"); a little more. */
const LABELS_DUE_MS = 3_500;
const ALL_SITES = JSON.stringify(['http://*/*', 'https://*/*']);

/** @type {import('../harness/firefox.mjs').FirefoxSession} */
let firefox;

firefoxForTests({ prefs: [['extensions.webextOptionalPermissionPrompts', false]] }, (started) => { firefox = started.firefox; });

test('site access withdrawn: no labels, the popup says why; "Allow AdLens on all sites" reloads the page, labelled', async () => {
  const withdrawn = await inExtensionPage(firefox, 'options.html',
    `browser.permissions.remove({ origins: ${ALL_SITES} }).then(() => browser.permissions.contains({ origins: ${ALL_SITES} }))`);
  assert.equal(withdrawn, false, 'AdLens may no longer see every site');
  await firefox.send('browsingContext.navigate', { context: firefox.context, url: ARTICLE, wait: 'complete' });
  await new Promise((resolve) => setTimeout(resolve, LABELS_DUE_MS));
  assert.deepEqual(await readFirefoxLabels(firefox), [], 'no content script ran');

  // The popup, in a tab of its own opened behind the article's.
  const { context: popupTab } = await firefox.send('browsingContext.create', { type: 'tab', background: true });
  try {
    /** @type {number} */
    const tabId = await inExtensionPage(firefox, 'options.html',
      'browser.tabs.query({ active: true, currentWindow: true }).then(([tab]) => tab.id)', popupTab);
    const popup = await inExtensionPage(firefox, `popup.html?tabId=${tabId}`, onceReady(`({
      note: document.getElementById('access').hidden ? null : document.getElementById('access-note').textContent,
      asks: !document.getElementById('allow-all-sites').hidden,
      counts: !document.getElementById('counts').hidden,
      nothing: !document.getElementById('nothing').hidden,
    })`), popupTab);
    assert.deepEqual(popup, {
      note: "AdLens cannot see this page: its site access is limited in your browser's settings, so it finds none of the ads here.",
      asks: true,
      counts: false,
      nothing: false,
    });
    const button = await firefox.send('script.evaluate', {
      expression: `document.getElementById('allow-all-sites')`, target: { context: popupTab }, awaitPromise: false, resultOwnership: 'root',
    });
    await firefox.send('input.performActions', { context: popupTab, actions: [{
      type: 'pointer', id: 'mouse', actions: [
        { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: button.result.sharedId } } },
        { type: 'pointerDown', button: 0 },
        { type: 'pointerUp', button: 0 },
      ],
    }] });
    // Nothing reloads the article but AdLens's background, once allowed.
    const labels = await firefoxLabelsWhen(firefox, (l) => l.length >= 5);
    assert.equal(labels.length, 5, `the reloaded article is labelled: ${labels.map((l) => l.text)}`);
    assert.equal(await inExtensionPage(firefox, 'options.html', `browser.permissions.contains({ origins: ${ALL_SITES} })`, popupTab), true);
  } finally {
    await firefox.send('browsingContext.close', { context: popupTab });
  }
});
