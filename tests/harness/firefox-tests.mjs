// One Firefox with the add-on, and the fixture server it reaches every
// address through, for a test file's tests: started before the first test
// and closed after the last (node:test hooks), as `sessionForTests` does
// for Chromium.

import { after, before } from 'node:test';
import { launchFirefoxWithExtension } from './firefox.mjs';
import { startFixtureServer } from './server.mjs';

/**
 * @typedef {{ firefox: import('./firefox.mjs').FirefoxSession, server: import('./server.mjs').FixtureServer }} Started
 */

/**
 * @param {Omit<Parameters<typeof launchFirefoxWithExtension>[0], 'proxyPort'> & { server?: Parameters<typeof startFixtureServer>[0] }} options
 *   server: the fixture server's own options
 * @param {(started: Started) => void | Promise<void>} ready given both once started, before any test
 *   (what the file's own setup needs runs here: Node 20 runs a file's hooks at once, not one after another)
 */
export function firefoxForTests(options, ready) {
  /** @type {Partial<Started>} */
  const live = {};
  const { server, ...launch } = options;
  before(async () => {
    live.server = await startFixtureServer(server);
    live.firefox = await launchFirefoxWithExtension({ ...launch, proxyPort: live.server.port });
    await ready({ firefox: live.firefox, server: live.server });
  });
  after(async () => {
    await live.firefox?.close();
    await live.server?.close();
  });
}

/**
 * `firefoxForTests`, with a background tab for the add-on's own pages, where
 * a test reads the background's state without leaving the page it looks at.
 * @param {Parameters<typeof firefoxForTests>[0]} options
 * @param {(started: Started & { addonTab: string }) => void} ready given them once started (the tab's browsing context)
 */
export function firefoxWithAddonTab(options, ready) {
  firefoxForTests(options, async (started) => {
    const { context } = await started.firefox.send('browsingContext.create', { type: 'tab', background: true });
    ready({ ...started, addonTab: context });
  });
}
