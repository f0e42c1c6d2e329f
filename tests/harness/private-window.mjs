// Private (incognito) windows in the test browser. Chrome lets an extension
// into them only when the user allows it on chrome://extensions; the tests
// flip that switch the way that page does, through its own API.

/**
 * @typedef {Awaited<ReturnType<typeof import('./session.mjs').startSession>>} Session
 * @typedef {import('playwright-core').Page} Page
 */

/** How long the extension gets to come back after the switch reloads it. */
const RELOAD_TIMEOUT_MS = 15_000;

/**
 * Allows AdLens in private windows, as "Allow in Incognito" does. Chrome
 * reloads the extension for it (and disables an unpacked one unless
 * developer mode is on): this returns once its engine answers again.
 * @param {Session} session
 */
export async function allowInPrivateWindows(session) {
  const { context, extensionId } = session.browser;
  const manager = await context.newPage();
  try {
    await manager.goto(`chrome://extensions/?id=${extensionId}`);
    const failure = await manager.evaluate((id) => {
      /** @type {any} the chrome://extensions page's own API, not in @types/chrome */
      const dev = /** @type {any} */ (chrome).developerPrivate;
      const call = (/** @type {(done: () => void) => void} */ act) =>
        new Promise((resolve) => act(() => resolve(chrome.runtime.lastError?.message ?? null)));
      return call((done) => dev.updateProfileConfiguration({ inDeveloperMode: true }, done))
        .then((error) => error ?? call((done) => dev.updateExtensionConfiguration({ extensionId: id, incognitoAccess: true }, done)));
    }, extensionId);
    if (failure) throw new Error(`could not allow AdLens in private windows: ${failure}`);
  } finally {
    await manager.close();
  }
  const deadline = Date.now() + RELOAD_TIMEOUT_MS;
  for (;;) {
    const reply = /** @type {any} */ (await session.sendFromExtensionPage({ type: 'engine/get-info' }).catch((e) => ({ error: String(e) })));
    if (reply?.ok) return;
    if (Date.now() > deadline) throw new Error(`AdLens did not come back after the switch: ${reply?.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
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
