// Debian's Chromium with the built extension, driven through the DevTools
// pipe directly rather than through Playwright: Playwright attaches its
// DevTools client to every tab, and Chromium prerenders no page for a tab
// a client is attached to ("PrerenderingDisabledByDevTools"). Here nothing
// is attached to a tab until a test asks; the extension's service worker
// is where a test reads what the extension knows.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXTENSION_DIR, chromiumArgs, chromiumPath } from './browser.mjs';
import { removeProfile } from './profile-dir.mjs';

/** How long a DevTools command may take. */
const COMMAND_TIMEOUT_MS = 15_000;

/**
 * @typedef {{ send: (method: string, params?: object, sessionId?: string) => Promise<any>,
 *   inWorker: (expression: string) => Promise<any>, inTab: (targetId: string, expression: string) => Promise<any>,
 *   close: () => Promise<void> }} BareChromium
 *   send: a DevTools command (on a session, if named), its result; inWorker: an expression's value in the
 *   extension's service worker (promises awaited); inTab: the same in a tab's page, attaching to it then
 */

/**
 * @param {{ proxyPort: number }} options
 * @returns {Promise<BareChromium>}
 */
export async function launchBareChromium({ proxyPort }) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'adlens-bare-'));
  const chromium = spawn(chromiumPath(), [
    '--headless', '--remote-debugging-pipe', `--user-data-dir=${userDataDir}`,
    `--disable-extensions-except=${EXTENSION_DIR}`, `--load-extension=${EXTENSION_DIR}`,
    ...chromiumArgs(proxyPort), 'about:blank',
  ], { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] });
  const toBrowser = /** @type {import('node:stream').Writable} */ (chromium.stdio[3]);
  const fromBrowser = /** @type {import('node:stream').Readable} */ (chromium.stdio[4]);
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  let lastId = 0;
  let buffered = '';
  // The pipe's messages are JSON, each ended by a NUL.
  fromBrowser.on('data', (chunk) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf('\0'); end >= 0; end = buffered.indexOf('\0')) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const waiting = pending.get(message.id);
      if (!waiting) continue; // an event: none is listened to
      pending.delete(message.id);
      if (message.error) waiting.reject(new Error(`${message.error.message} (${message.error.code})`));
      else waiting.resolve(message.result);
    }
  });
  /** @type {BareChromium['send']} */
  const send = (method, params = {}, sessionId) => new Promise((resolve, reject) => {
    const id = ++lastId;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`${method} took over ${COMMAND_TIMEOUT_MS} ms`));
    }, COMMAND_TIMEOUT_MS);
    pending.set(id, {
      resolve: (value) => { clearTimeout(timer); resolve(value); },
      reject: (error) => { clearTimeout(timer); reject(error); },
    });
    toBrowser.write(`${JSON.stringify({ id, method, params, sessionId })}\0`);
  });
  /**
   * An expression's value on a session.
   * @param {string} sessionId
   * @param {string} expression
   */
  const evaluate = async (sessionId, expression) => {
    const { result, exceptionDetails } = await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true }, sessionId);
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  };
  const close = async () => {
    chromium.kill();
    await new Promise((resolve) => {
      if (chromium.exitCode !== null || chromium.signalCode !== null) resolve(undefined);
      else chromium.once('exit', resolve);
    });
    await removeProfile(userDataDir);
  };
  try {
    /** @type {{ targetId: string } | undefined} */
    let worker;
    for (const deadline = Date.now() + COMMAND_TIMEOUT_MS; !worker; await new Promise((r) => setTimeout(r, 100))) {
      if (Date.now() > deadline) throw new Error('the extension\'s service worker did not start');
      const { targetInfos } = await send('Target.getTargets');
      worker = targetInfos.find((/** @type {{ type: string, url: string }} */ t) =>
        t.type === 'service_worker' && t.url.startsWith('chrome-extension://'));
    }
    const { sessionId: workerSession } = await send('Target.attachToTarget', { targetId: worker.targetId, flatten: true });
    return {
      send,
      inWorker: (expression) => evaluate(workerSession, expression),
      inTab: async (targetId, expression) => {
        const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
        try {
          return await evaluate(sessionId, expression);
        } finally {
          await send('Target.detachFromTarget', { sessionId });
        }
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
