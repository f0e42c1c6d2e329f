// AdLens's site access in the test browser, set as the user sets it on
// chrome://extensions (or from the toolbar's extensions menu): on every
// site, on click, or on some sites. The tests call that page's own API.

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
  const { context, extensionId } = session.browser;
  const manager = await context.newPage();
  try {
    await manager.goto(`chrome://extensions/?id=${extensionId}`);
    const failure = await manager.evaluate(async ([id, access, allowed]) => {
      /** @type {any} the chrome://extensions page's own API, not in @types/chrome */
      const dev = /** @type {any} */ (chrome).developerPrivate;
      const call = (/** @type {(done: () => void) => void} */ act) =>
        new Promise((resolve) => act(() => resolve(chrome.runtime.lastError?.message ?? null)));
      const set = await call((done) => dev.updateExtensionConfiguration({ extensionId: id, hostAccess: access }, done));
      if (set) return set;
      for (const host of allowed) {
        const added = await call((done) => dev.addHostPermission(id, host, done));
        if (added) return added;
      }
      return null;
    }, /** @type {const} */ ([extensionId, hostAccess, sites]));
    if (failure) throw new Error(`could not set AdLens's site access to ${hostAccess}: ${failure}`);
  } finally {
    await manager.close();
  }
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
