// Private (incognito) windows in the test browser. Chrome lets an extension
// into them only when the user allows it on chrome://extensions; the tests
// flip that switch the way that page does, through its own API.

import { DEVELOPER_MODE, onExtensionsPage, untilAdLensAnswers } from './extensions-page.mjs';

/**
 * @typedef {Awaited<ReturnType<typeof import('./session.mjs').startSession>>} Session
 * @typedef {import('playwright-core').Page} Page
 */

/**
 * Allows AdLens in private windows, as "Allow in Incognito" does. Chrome
 * reloads the extension for it (and disables an unpacked one unless
 * developer mode is on): this returns once its engine answers again.
 * @param {Session} session
 */
export async function allowInPrivateWindows(session) {
  await onExtensionsPage(session, [DEVELOPER_MODE, ['updateExtensionConfiguration', { extensionId: '{id}', incognitoAccess: true }]]);
  await untilAdLensAnswers(session);
}

/**
 * Opens `url` in a new private window and returns its page and tab id.
 * @param {Session} session
 * @param {string} url
 * @returns {Promise<{ page: Page, tabId: number }>}
 */
export async function openPrivateWindow(session, url) {
  const { context, extensionId } = session.browser;
  const opener = await context.newPage();
  try {
    await opener.goto(`chrome-extension://${extensionId}/options.html`);
    const pageOpened = context.waitForEvent('page', (p) => p.url() === url || p.url() === 'about:blank');
    const tab = await opener.evaluate(async (u) => {
      const window = await chrome.windows.create({ incognito: true, url: u });
      const first = window?.tabs?.[0];
      return { id: first?.id ?? -1, incognito: first?.incognito ?? false };
    }, url);
    if (!tab.incognito) throw new Error(`the window Chrome opened for ${url} is not private`);
    const page = await pageOpened;
    await page.waitForURL(url);
    await page.waitForLoadState('load');
    return { page, tabId: tab.id };
  } finally {
    await opener.close();
  }
}
