// What a user does on chrome://extensions, done through that page's own API
// (`chrome.developerPrivate`): developer mode, private windows, site access,
// reloading AdLens as an update does. Some of these reload the extension:
// `untilAdLensAnswers` waits for it to come back.

/**
 * @typedef {Awaited<ReturnType<typeof import('./session.mjs').startSession>>} Session
 */

/** How long the extension gets to come back after a reload. */
const RELOAD_TIMEOUT_MS = 15_000;

/**
 * Runs `steps` on chrome://extensions: each is a `developerPrivate` method
 * and its arguments before the callback (`'{id}'` stands for AdLens's id),
 * one after the other; throws with the first failure.
 * @param {Session} session
 * @param {[string, ...unknown[]][]} steps
 */
export async function onExtensionsPage(session, steps) {
  const { context, extensionId } = session.browser;
  const manager = await context.newPage();
  try {
    await manager.goto(`chrome://extensions/?id=${extensionId}`);
    const failure = await manager.evaluate(async ([id, all]) => {
      /** @type {any} the chrome://extensions page's own API, not in @types/chrome */
      const dev = /** @type {any} */ (chrome).developerPrivate;
      for (const [method, ...args] of all) {
        const filled = JSON.parse(JSON.stringify(args).replaceAll('"{id}"', JSON.stringify(id)));
        const error = await new Promise((resolve) => dev[method](...filled, () => resolve(chrome.runtime.lastError?.message ?? null)));
        if (error) return `${method}: ${error}`;
      }
      return null;
    }, /** @type {const} */ ([extensionId, steps]));
    if (failure) throw new Error(`chrome://extensions: ${failure}`);
  } finally {
    await manager.close();
  }
}

/**
 * Returns once AdLens's background answers again (after a reload).
 * @param {Session} session
 */
export async function untilAdLensAnswers(session) {
  const deadline = Date.now() + RELOAD_TIMEOUT_MS;
  for (;;) {
    const reply = /** @type {any} */ (await session.sendFromExtensionPage({ type: 'engine/get-info' }).catch((e) => ({ error: String(e) })));
    if (reply?.ok) return;
    if (Date.now() > deadline) throw new Error(`AdLens did not come back: ${reply?.error}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Developer mode on: Chrome disables an unpacked extension it reloads otherwise. */
export const DEVELOPER_MODE = /** @type {[string, ...unknown[]]} */ (['updateProfileConfiguration', { inDeveloperMode: true }]);
