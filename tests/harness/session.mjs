// One end-to-end session: the fixture server plus Chromium with the built
// extension, and helpers to look at what the extension did.

import { after, before } from 'node:test';
import { launchWithExtension } from './browser.mjs';
import { startFixtureServer } from './server.mjs';

/**
 * @typedef {import('playwright-core').Page} Page
 * @typedef {import('../../extension/messages.js').TabState} TabState
 * @typedef {import('../../extension/messages.js').KindCounts} KindCounts
 */

/** @param {{ headless?: boolean, locale?: string, routes?: Map<string, string>, userDataDir?: string, extensionDir?: string, backForwardCache?: boolean }} [options] */
export async function startSession(options = {}) {
  const { routes, ...launch } = options;
  // Keep Node's event loop alive for the session's whole life: a browser call
  // still pending must not let the process end the test silently (seen once
  // in CI as "Promise resolution is still pending but the event loop has
  // already resolved"). A real hang then fails on the runner's test timeout.
  const keepAlive = setInterval(() => {}, 60_000);
  const server = await startFixtureServer({ routes });
  const browser = await launchWithExtension({ proxyPort: server.port, ...launch });
  /** @type {string[]} */
  const pageErrors = [];

  /** @param {string} url */
  const open = async (url) => {
    const page = await browser.context.newPage();
    page.on('pageerror', (error) => pageErrors.push(`${url}: ${error.message}`));
    await page.goto(url);
    return page;
  };

  /**
   * The tracking panel in a tab of its own, once its view is drawn.
   * @param {string} hash its route and query (`#ads`, `?tabId=3`…)
   */
  const openPanel = async (hash) => {
    const panel = await browser.context.newPage();
    await panel.goto(`chrome-extension://${browser.extensionId}/panel.html${hash}`);
    await panel.waitForSelector('body[data-ready="true"]');
    return panel;
  };

  /**
   * The background's stored state for the tab showing `url`, with its id.
   * @param {string} url
   * @returns {Promise<{ tabId: number, state: TabState } | null>}
   */
  const tabStateFor = async (url) => {
    const worker = await browser.worker();
    const all = /** @type {Record<string, TabState>} */ (await worker.evaluate(() => chrome.storage.session.get(null)));
    for (const [key, state] of Object.entries(all)) {
      if (key.startsWith('tab:') && state.url === url) return { tabId: Number(key.slice(4)), state };
    }
    return null;
  };

  /**
   * Polls until the background has a report for `url` with `items` items.
   * @param {string} url
   * @param {number} items
   */
  const waitForReport = async (url, items, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = await tabStateFor(url);
      if (found && found.state.report.items.length >= items) return found;
      if (Date.now() > deadline) throw new Error(`no report with ${items} items for ${url}: ${JSON.stringify(found?.state.report.counts)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /**
   * Opens one of AdLens's pages for a tab (the toolbar popup, the tracking
   * panel) in a tab of its own, once it is filled.
   * @param {number} tabId
   * @param {'popup' | 'panel'} [page]
   */
  const openFor = async (tabId, page = 'popup') => {
    const opened = await browser.context.newPage();
    await opened.goto(`chrome-extension://${browser.extensionId}/${page}.html?tabId=${tabId}`);
    await opened.waitForSelector('body[data-ready="true"]');
    return opened;
  };

  /**
   * Opens the popup for a tab and reads its counts per kind.
   * @param {number} tabId
   * @returns {Promise<KindCounts>}
   */
  const popupCounts = async (tabId) => {
    const popup = await openFor(tabId);
    const counts = await popup.$$eval('#counts li', (items) =>
      Object.fromEntries(items.map((li) => [li.getAttribute('data-kind'), Number(li.querySelector('.count')?.textContent)])));
    await popup.close();
    return /** @type {KindCounts} */ (counts);
  };

  /**
   * Stops the extension's service worker the way Chrome does when it is
   * idle. The DevTools ServiceWorker domain sees the extension's worker only
   * from a session on one of the extension's own pages.
   */
  const stopServiceWorker = async () => {
    const page = await browser.context.newPage();
    await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
    const cdp = await browser.context.newCDPSession(page);
    try {
      /** @type {string[]} */
      const states = [];
      cdp.on('ServiceWorker.workerVersionUpdated', (e) => {
        for (const v of /** @type {{ runningStatus: string }[]} */ (e.versions)) states.push(v.runningStatus);
      });
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const deadline = Date.now() + 5_000;
      while (!states.includes('stopped') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      if (!states.includes('stopped')) throw new Error(`service worker did not stop (saw ${states.join(', ')})`);
    } finally {
      await cdp.detach();
      await page.close();
    }
  };

  /**
   * Runs a function in one of the extension's own pages (its modules are
   * importable there, its messages come from the extension) and returns
   * its result.
   * @template T
   * @param {(arg: any) => Promise<T>} work
   * @param {unknown} [arg] handed to `work` (serialisable)
   * @returns {Promise<T>}
   */
  const inExtensionPage = async (work, arg) => {
    const page = await browser.context.newPage();
    try {
      await page.goto(`chrome-extension://${browser.extensionId}/options.html`);
      return /** @type {T} */ (await page.evaluate(work, arg));
    } finally {
      await page.close();
    }
  };

  /**
   * Stores observations through the extension's own store (its summaries
   * kept in step), in batches of 1,000, from one of its pages.
   * @param {object[]} records
   * @returns {Promise<number>} how many were written
   */
  const writeObservations = (records) => inExtensionPage(async (/** @type {object[]} */ all) => {
    const dbUrl = '/storage/db.js';
    const storeUrl = '/storage/observations.js';
    /** @type {typeof import('../../extension/storage/db.js')} */
    const { database } = await import(dbUrl);
    /** @type {typeof import('../../extension/storage/observations.js')} */
    const store = await import(storeUrl);
    const db = await database();
    for (let i = 0; i < all.length; i += 1_000) {
      await store.writeObservations(db, /** @type {any[]} */ (all.slice(i, i + 1_000)));
    }
    return all.length;
  }, records);

  /**
   * Sends a message from one of the extension's own pages and returns the
   * raw reply ({ ok, value } or { ok, error }).
   * @param {object} message
   */
  const sendFromExtensionPage = (message) => inExtensionPage((m) => chrome.runtime.sendMessage(m), message);

  /**
   * Reads AdLens's IndexedDB from its service worker: every record of a
   * store, or the one under `key`.
   * @param {'observations' | 'sites' | 'memory' | 'snapshots'} store
   * @param {string} [key]
   * @returns {Promise<any>}
   */
  const readDb = async (store, key) => {
    const worker = await browser.worker();
    return worker.evaluate(async ([name, k]) => {
      /** @type {IDBDatabase} */
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open('adlens');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      try {
        return await new Promise((resolve, reject) => {
          const os = db.transaction(name).objectStore(name);
          const request = k === undefined ? os.getAll() : os.get(k);
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      } finally {
        db.close();
      }
    }, /** @type {[string, string | undefined]} */ ([store, key]));
  };

  return {
    server,
    browser,
    readDb,
    stopServiceWorker,
    sendFromExtensionPage,
    inExtensionPage,
    writeObservations,
    pageErrors,
    open,
    openPanel,
    tabStateFor,
    waitForReport,
    openFor,
    popupCounts,
    close: async () => {
      const started = Date.now();
      try {
        await browser.close();
        const closedBrowser = Date.now();
        // Never wait on the server for long: it only serves this session.
        await Promise.race([server.close(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
        if (Date.now() - started > 5_000) {
          console.warn(`[harness] slow close: browser ${closedBrowser - started} ms, server ${Date.now() - closedBrowser} ms`);
        }
      } finally {
        clearInterval(keepAlive);
      }
    },
  };
}

/**
 * Evaluates an expression in AdLens's content-script world of a page (the
 * isolated world page scripts cannot reach), through the DevTools protocol.
 * @param {Page} page
 * @param {string} extensionId
 * @param {string} expression
 */
export async function evaluateInContentScript(page, extensionId, expression) {
  const cdp = await page.context().newCDPSession(page);
  try {
    /** @type {number[]} */
    const contexts = [];
    cdp.on('Runtime.executionContextCreated', (event) => {
      const ctx = /** @type {{ id: number, origin: string, auxData?: { type?: string } }} */ (event.context);
      if (ctx.auxData?.type === 'isolated' && ctx.origin === `chrome-extension://${extensionId}`) contexts.push(ctx.id);
    });
    await cdp.send('Runtime.enable');
    if (contexts.length === 0) throw new Error('no AdLens content-script world in this page');
    const result = /** @type {{ result: { value?: unknown }, exceptionDetails?: { exception?: { description?: string } } }} */ (
      await cdp.send('Runtime.evaluate', { expression, contextId: contexts[0], awaitPromise: true, returnByValue: true }));
    if (result.exceptionDetails) throw new Error(result.exceptionDetails.exception?.description ?? 'evaluation failed');
    return result.result.value;
  } finally {
    await cdp.detach();
  }
}

/**
 * One session for a whole test file: started before its tests, closed after.
 * @param {Parameters<typeof startSession>[0]} [options]
 * @returns {() => Awaited<ReturnType<typeof startSession>>} the session, once started
 */
export function sessionForTests(options) {
  /** @type {Awaited<ReturnType<typeof startSession>> | undefined} */
  let session;
  before(async () => { session = await startSession(options); });
  after(async () => { await session?.close(); });
  return () => {
    if (!session) throw new Error('the session is not started yet');
    return session;
  };
}
