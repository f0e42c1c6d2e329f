// AdLens's site access in the test browser, set as the user sets it on
// chrome://extensions (or from the toolbar's extensions menu): on every
// site, on click, or on some sites. The tests call that page's own API.

import { onExtensionsPage } from './extensions-page.mjs';

/**
 * @typedef {Awaited<ReturnType<typeof import('./session.mjs').startSession>>} Session
 * @typedef {import('playwright-core').Page} Page
 */

/**
 * Sets AdLens's site access; with `ON_SPECIFIC_SITES`, `sites` are the
 * allowed ones (patterns such as `http://news.example/*`).
 * @param {Session} session
 * @param {'ON_ALL_SITES' | 'ON_CLICK' | 'ON_SPECIFIC_SITES'} hostAccess
 * @param {string[]} [sites]
 */
export async function setSiteAccess(session, hostAccess, sites = []) {
  await onExtensionsPage(session, [
    ['updateExtensionConfiguration', { extensionId: '{id}', hostAccess }],
    ...sites.map((host) => /** @type {[string, ...unknown[]]} */ (['addHostPermission', '{id}', host])),
  ]);
}

/**
 * Opens `url` in a new tab and returns it with its tab id, which a test
 * cannot look up by URL where AdLens may not read the tab's URL.
 * @param {Session} session
 * @param {string} url
 * @returns {Promise<{ page: Page, tabId: number }>}
 */
export async function openTab(session, url) {
  const { context, extensionId } = session.browser;
  const opener = await context.newPage();
  try {
    await opener.goto(`chrome-extension://${extensionId}/options.html`);
    const opened = context.waitForEvent('page', (p) => p !== opener);
    const tabId = await opener.evaluate((u) => chrome.tabs.create({ url: u, active: true }).then((tab) => tab.id ?? -1), url);
    const page = await opened;
    await page.waitForLoadState('load');
    return { page, tabId };
  } finally {
    await opener.close();
  }
}
