// Stops the add-on's background page in Firefox, as Firefox does to an
// event page idle for 30 s (Chromium's side: session.mjs stopServiceWorker).
// Its listeners stay registered: the next event starts it again, with
// nothing in memory.
//
// Done from the browser's own window (a `chrome` scope browsing context),
// which BiDi reaches as Firefox is launched with --remote-allow-system-access.

import { ADDON_ID } from './firefox.mjs';

/**
 * Stops the background page; resolves once it has stayed stopped for a
 * moment. An event on its way (a message from one of the add-on's pages,
 * just opened to read its state) may start it again at once: it is stopped
 * again then, up to five times.
 * @param {import('./firefox.mjs').FirefoxSession} session
 */
export async function stopFirefoxBackground(session) {
  const { contexts } = await session.send('browsingContext.getTree', { 'moz:scope': 'chrome', maxDepth: 0 });
  const evaluated = await session.send('script.evaluate', {
    expression: `(async () => {
      const { ExtensionParent } = ChromeUtils.importESModule('resource://gre/modules/ExtensionParent.sys.mjs');
      const extension = ExtensionParent.GlobalManager.getExtension(${JSON.stringify(ADDON_ID)});
      for (let tries = 0; tries < 5; tries++) {
        await extension.terminateBackground();
        await new Promise((resolve) => setTimeout(resolve, 300));
        if (extension.backgroundState === 'stopped') return 'stopped';
      }
      return extension.backgroundState;
    })()`,
    target: { context: contexts[0].context },
    awaitPromise: true,
  });
  if (evaluated.type === 'exception') throw new Error(`background not stopped: ${evaluated.exceptionDetails?.text ?? 'exception'}`);
  if (evaluated.result.value !== 'stopped') throw new Error(`background not stopped: it is ${evaluated.result.value}`);
}
