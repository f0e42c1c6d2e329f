// Launches Debian's Chromium with the built extension loaded, through
// playwright-core (no downloaded browser), pointed at the fixture server.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { removeProfile } from './profile-dir.mjs';

/** How long Chromium gets to exit before it is killed. */
const CLOSE_TIMEOUT_MS = 10_000;
/** How long Chromium gets to start with the extension ready. */
const LAUNCH_TIMEOUT_MS = 30_000;

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const EXTENSION_DIR = path.join(ROOT, 'dist/chrome');

/**
 * @typedef {import('playwright-core').BrowserContext} BrowserContext
 * @typedef {import('playwright-core').Worker} Worker
 * @typedef {{ context: BrowserContext, extensionId: string, worker: () => Promise<Worker>,
 *   userDataDir: string, close: () => Promise<void> }} ExtensionBrowser
 */

/**
 * @param {{ proxyPort: number, headless?: boolean, userDataDir?: string, locale?: string, extensionDir?: string,
 *   backForwardCache?: boolean }} options
 *   extensionDir: the unpacked extension to load (dist/chrome by default);
 *   backForwardCache: keep the browser's back/forward cache on, as users have it (Playwright turns it off)
 * @returns {Promise<ExtensionBrowser>}
 */
export async function launchWithExtension(options) {
  // Chromium start-up sometimes stalls on this loaded 2-core machine (about 1
  // start in 20, more often with --lang): a stalled start is killed and tried
  // once more instead of hanging the test file until its timeout.
  const ownsDir = !options.userDataDir;
  const newDir = () => options.userDataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'adlens-profile-'));
  const first = newDir();
  const attempt = launchOnce(options, first, ownsDir);
  try {
    return await withTimeout(attempt, LAUNCH_TIMEOUT_MS, 'Chromium start-up');
  } catch (error) {
    console.warn(`[harness] ${error instanceof Error ? error.message : error}; starting Chromium again`);
    // If the stalled start completes after all, close it: a live browser
    // connection would keep this test process from ever exiting.
    attempt.then((late) => late.close()).catch(() => {});
    spawnSync('pkill', ['-KILL', '-f', `--user-data-dir=${first}`]);
    return withTimeout(launchOnce(options, newDir(), ownsDir), LAUNCH_TIMEOUT_MS, 'Chromium start-up (second try)');
  }
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, what) {
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms);
  });
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

/** The window every test browses in. */
export const VIEWPORT = { width: 1200, height: 900 };

/** Debian's Chromium (CHROMIUM_PATH to use another). */
export function chromiumPath() {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: run npm run setup (as root it installs Debian's chromium)`);
  }
  return executablePath;
}

/**
 * Chromium's switches for browsing the fixture server's sites on this
 * closed machine: every request goes to the fixture server (a proxy).
 * ADLENS_CHROMIUM_FLAGS adds more, space-separated, for diagnosing a
 * benchmark (tests/bench/README.md: `--js-flags=--min-semi-space-size=16`
 * shows what garbage collection costs a scan); the tests never set it.
 * @param {number} proxyPort
 */
export function chromiumArgs(proxyPort) {
  return [
    `--proxy-server=http://127.0.0.1:${proxyPort}`,
    '--proxy-bypass-list=<-loopback>',
    // The fixture server's TLS certificate is self-signed (server.mjs).
    '--ignore-certificate-errors',
    '--no-sandbox',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    ...(process.env.ADLENS_CHROMIUM_FLAGS ?? '').split(' ').filter(Boolean),
  ];
}

/**
 * @param {Parameters<typeof launchWithExtension>[0]} options
 * @param {string} userDataDir
 * @param {boolean} ownsDir remove the directory on close
 * @returns {Promise<ExtensionBrowser>}
 */
async function launchOnce(options, userDataDir, ownsDir) {
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (!fs.existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`${extensionDir} is missing: run the build first (npm run build)`);
  }
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath(),
    timeout: LAUNCH_TIMEOUT_MS,
    headless: options.headless ?? true,
    locale: options.locale,
    viewport: VIEWPORT,
    ignoreDefaultArgs: options.backForwardCache ? ['--disable-back-forward-cache'] : undefined,
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...chromiumArgs(options.proxyPort),
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const worker = async () => {
    const existing = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://'));
    return existing ?? context.waitForEvent('serviceworker', { timeout: 15_000 });
  };
  const extensionId = new URL((await worker()).url()).host;
  // Browse only once the extension is ready, as a user would after
  // installing it: right after install, Chrome may not yet route a new
  // tab's requests to the webRequest listener (seen here: the first page's
  // requests were sometimes never observed). One round trip to the engine
  // from an extension page proves the background ran its start-up.
  try {
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/options.html`);
    const reply = await withTimeout(page.evaluate(() => chrome.runtime.sendMessage({ type: 'engine/get-info' })), 15_000, 'the engine round trip');
    if (!reply?.ok) throw new Error(`the extension did not start: ${reply?.error ?? 'no reply'}`);
    await page.close();
  } catch (error) {
    spawnSync('pkill', ['-KILL', '-f', `--user-data-dir=${userDataDir}`]);
    throw error;
  }
  return {
    context,
    extensionId,
    worker,
    userDataDir,
    close: async () => {
      // Chromium sometimes does not exit when asked (about 1 run in 10 on
      // this 2-core machine): the test file then hung until its timeout
      // although every test had passed. Ask, wait a while, then make sure.
      /** @type {ReturnType<typeof setTimeout> | undefined} */
      let timer;
      const closed = await Promise.race([
        context.close().then(() => true),
        new Promise((resolve) => { timer = setTimeout(() => resolve(false), CLOSE_TIMEOUT_MS); }),
      ]);
      clearTimeout(timer);
      if (!closed) {
        console.warn(`[harness] Chromium did not close within ${CLOSE_TIMEOUT_MS} ms; killing it`);
        spawnSync('pkill', ['-KILL', '-f', `--user-data-dir=${userDataDir}`]);
      }
      if (ownsDir) await removeProfile(userDataDir);
    },
  };
}
