// Launches Debian's Firefox ESR with the Firefox build of the extension,
// driven over WebDriver BiDi (Firefox's own remote protocol: no downloaded
// browser, no driver binary), pointed at the fixture server as its proxy.
//
// BiDi is spoken over the WebSocket client Node.js has built in (global from
// Node 22; Node 20 needs --experimental-websocket, which run-all.mjs passes).

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './browser.mjs';
import { removeProfile } from './profile-dir.mjs';

export const FIREFOX_EXTENSION_DIR = path.join(ROOT, 'dist/firefox');
/** The add-on's id, from the Firefox manifest's browser_specific_settings. */
export const ADDON_ID = 'adlens@adlens.example';
/**
 * The add-on's internal UUID, set by preference, so its pages have a known
 * address (Firefox picks a random one per profile otherwise).
 */
const ADDON_UUID = '0a1b2c3d-4e5f-4a6b-8c7d-000000ad1e25';
/** How long Firefox gets to start listening. */
const LAUNCH_TIMEOUT_MS = 30_000;
/** How long one protocol command may take. */
const COMMAND_TIMEOUT_MS = 30_000;

/**
 * @typedef {{ type: string, value?: any, sharedId?: string }} Remote a BiDi remote value
 * @typedef {{ method: string, params: any }} BidiEvent
 * @typedef {{ send: (method: string, params?: object) => Promise<any>, events: BidiEvent[],
 *   context: string, extensionUrl: (page: string) => string, close: () => Promise<void> }} FirefoxSession
 */

/** The Firefox binary: FIREFOX_PATH, else Debian's firefox-esr. */
export function firefoxPath() {
  const found = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!fs.existsSync(found)) {
    throw new Error(`Firefox not found at ${found}: run 'sudo apt-get install firefox-esr' or set FIREFOX_PATH`);
  }
  return found;
}

/**
 * Starts Firefox headless with a new profile whose proxy is the fixture
 * server, and installs the extension from `extensionDir` (temporarily, as
 * `about:debugging` does).
 * @param {{ proxyPort: number, extensionDir?: string, prefs?: [string, string | number | boolean][], allowPrivate?: boolean }} options
 *   prefs: more preferences for the profile (a test's own);
 *   allowPrivate: the add-on also runs in private windows, as the user may allow it to
 * @returns {Promise<FirefoxSession>}
 */
export async function launchFirefoxWithExtension(options) {
  if (typeof WebSocket === 'undefined') {
    throw new Error('no WebSocket in this Node.js: run it with --experimental-websocket (Node 20) or use Node 22 or newer');
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'adlens-firefox-'));
  fs.writeFileSync(path.join(profile, 'user.js'), userPrefs(options.proxyPort, options.prefs ?? []));
  // System access lets the remote protocol open the add-on's own pages
  // (Firefox 153 allows only web addresses without it).
  const firefox = spawn(firefoxPath(), ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port', '0',
    '--remote-allow-system-access'],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  const close = async () => {
    if (firefox.exitCode === null) {
      const exited = new Promise((resolve) => firefox.once('exit', resolve));
      firefox.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      if (firefox.exitCode === null) firefox.kill('SIGKILL');
    }
    await removeProfile(profile);
  };
  try {
    const address = await listening(firefox);
    const bidi = await connect(`${address}/session`);
    // The fixture server's TLS certificate is self-signed (official https addresses served locally).
    await bidi.send('session.new', { capabilities: { alwaysMatch: { acceptInsecureCerts: true } } });
    await bidi.send('webExtension.install', {
      extensionData: { type: 'path', path: options.extensionDir ?? FIREFOX_EXTENSION_DIR },
      ...(options.allowPrivate ? { 'moz:allowPrivateBrowsing': true } : {}),
    });
    const { contexts } = await bidi.send('browsingContext.getTree', {});
    return {
      ...bidi,
      context: contexts[0].context,
      extensionUrl: (page) => `moz-extension://${ADDON_UUID}/${page}`,
      close: async () => {
        bidi.socket.close();
        await close();
      },
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * A profile's preferences: every request through the fixture server (the
 * pages keep their realistic host names, nothing leaves the machine), no
 * updates, telemetry or first-run pages.
 * @param {number} proxyPort
 * @param {[string, string | number | boolean][]} more a test's own
 */
function userPrefs(proxyPort, more) {
  /** @type {[string, string | number | boolean][]} */
  const prefs = [
    ['network.proxy.type', 1],
    ['network.proxy.http', '127.0.0.1'],
    ['network.proxy.http_port', proxyPort],
    ['network.proxy.ssl', '127.0.0.1'],
    ['network.proxy.ssl_port', proxyPort],
    ['network.proxy.no_proxies_on', ''],
    ['network.proxy.allow_hijacking_localhost', true],
    ['app.update.enabled', false],
    ['app.normandy.enabled', false],
    ['browser.shell.checkDefaultBrowser', false],
    ['browser.startup.homepage_override.mstone', 'ignore'],
    ['datareporting.policy.dataSubmissionEnabled', false],
    ['toolkit.telemetry.enabled', false],
    ['extensions.update.enabled', false],
    ['extensions.getAddons.cache.enabled', false],
    ['browser.safebrowsing.malware.enabled', false],
    ['browser.safebrowsing.phishing.enabled', false],
    ['extensions.webextensions.uuids', JSON.stringify({ [ADDON_ID]: ADDON_UUID })],
    ...more,
  ];
  return prefs.map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});\n`).join('');
}

/**
 * The BiDi address Firefox prints once it listens.
 * @param {import('node:child_process').ChildProcess} firefox
 * @returns {Promise<string>}
 */
function listening(firefox) {
  return new Promise((resolve, reject) => {
    let printed = '';
    const timer = setTimeout(() => reject(new Error(`Firefox did not start listening in ${LAUNCH_TIMEOUT_MS} ms: ${printed.slice(-500)}`)),
      LAUNCH_TIMEOUT_MS);
    firefox.stderr?.on('data', (chunk) => {
      printed += chunk;
      const found = printed.match(/WebDriver BiDi listening on (ws:\/\/\S+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    firefox.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Firefox exited (${code}) before listening: ${printed.slice(-500)}`));
    });
  });
}

/**
 * A BiDi connection: commands answered by id; events kept in order.
 * @param {string} url
 */
async function connect(url) {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => {
    socket.addEventListener('open', resolve, { once: true });
    socket.addEventListener('error', () => reject(new Error(`cannot connect to Firefox at ${url}`)), { once: true });
  });
  let last = 0;
  /** @type {Map<number, { resolve: (value: any) => void, reject: (error: Error) => void }>} */
  const pending = new Map();
  /** @type {BidiEvent[]} */
  const events = [];
  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data));
    if (message.type === 'event') {
      events.push({ method: message.method, params: message.params });
      return;
    }
    const waiting = pending.get(message.id);
    if (!waiting) return;
    pending.delete(message.id);
    if (message.type === 'error') waiting.reject(new Error(`${message.error}: ${message.message}`));
    else waiting.resolve(message.result);
  });
  /**
   * @param {string} method
   * @param {object} [params]
   */
  const send = (method, params = {}) => new Promise((resolve, reject) => {
    const id = ++last;
    const timer = setTimeout(() => {
      pending.delete(id);
      reject(new Error(`${method}: no answer in ${COMMAND_TIMEOUT_MS} ms`));
    }, COMMAND_TIMEOUT_MS);
    pending.set(id, {
      resolve: (value) => { clearTimeout(timer); resolve(value); },
      reject: (error) => { clearTimeout(timer); reject(new Error(`${method}: ${error.message}`)); },
    });
    socket.send(JSON.stringify({ id, method, params }));
  });
  return { socket, send, events };
}

/**
 * The nodes in AdLens's overlay (a closed shadow root on a host beside the
 * page's body) that `match` picks, as BiDi serialises them (BiDi serialises
 * closed roots when asked for every shadow tree; page scripts cannot reach
 * them). Each has a `sharedId` a later command can pass back.
 * @param {FirefoxSession} session
 * @param {(value: any) => boolean} match given a node's serialised value
 * @returns {Promise<Remote[]>}
 */
export async function overlayNodes(session, match) {
  const { result } = await session.send('script.callFunction', {
    // The root through Document's own getter: in the page's world a named
    // image or form can shadow `document.documentElement`.
    functionDeclaration: '() => [...Reflect.get(Document.prototype, "documentElement", document).children].filter((el) => el.localName === "div")',
    target: { context: session.context },
    awaitPromise: false,
    serializationOptions: { maxDomDepth: 20, includeShadowTree: 'all' },
  });
  /** @type {Remote[]} */
  const found = [];
  /**
   * @param {Remote} node
   * @param {boolean} inClosedRoot
   */
  const walk = (node, inClosedRoot) => {
    const value = node?.value;
    if (!value) return;
    if (inClosedRoot && match(value)) found.push(node);
    if (value.shadowRoot) walk(value.shadowRoot, inClosedRoot || value.shadowRoot.value?.mode === 'closed');
    for (const child of value.children ?? []) walk(child, inClosedRoot);
  };
  for (const host of result.value ?? []) walk(host, false);
  return found;
}

/**
 * A serialised node's text: its text nodes' values, in order, outside
 * style sheets ('' for no node).
 * @param {Remote | undefined} node
 * @returns {string}
 */
export function remoteText(node) {
  const value = node?.value;
  if (!value || value.localName === 'style') return '';
  if (value.nodeType === 3) return String(value.nodeValue ?? '');
  return (value.children ?? []).map(remoteText).join('');
}

/**
 * AdLens's labels on the page, read from its overlay.
 * @param {FirefoxSession} session
 * @returns {Promise<{ text: string, kind: string, node: Remote }[]>}
 */
export async function readFirefoxLabels(session) {
  const classes = (/** @type {any} */ value) => String(value.attributes?.class ?? '').split(' ');
  const badges = await overlayNodes(session, (value) => value.localName === 'button' && classes(value).includes('badge'));
  return badges.map((node) => ({
    text: remoteText(node),
    kind: classes(node.value).filter((c) => c !== 'badge').join(' '),
    node,
  }));
}

/**
 * The labels in the session's tab once `done` says so, or as they are when
 * the time is up (polled every `everyMs`).
 * @param {FirefoxSession} session
 * @param {(labels: { text: string, kind: string, node: Remote }[]) => boolean} done
 */
export async function firefoxLabelsWhen(session, done, timeoutMs = 15_000, everyMs = 200) {
  const deadline = Date.now() + timeoutMs;
  let labels = await readFirefoxLabels(session);
  while (!done(labels) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    labels = await readFirefoxLabels(session);
  }
  return labels;
}

/**
 * The open "why" card in the overlay: its node, role, title, confidence
 * line, evidence sentences and buttons (by data-action, as nodes to click),
 * or null.
 * @param {FirefoxSession} session
 */
export async function readFirefoxWhyCard(session) {
  const [card] = await overlayNodes(session, (value) => value.localName === 'div' && value.attributes?.class === 'card');
  if (!card) return null;
  /** @type {Remote[]} */
  const all = [];
  const walk = (/** @type {Remote} */ node) => {
    all.push(node);
    for (const child of node.value?.children ?? []) walk(child);
  };
  walk(card);
  const tagged = (/** @type {string} */ tag) => all.filter((n) => n.value?.localName === tag);
  return {
    node: card,
    role: card.value.attributes?.role,
    title: remoteText(tagged('h2')[0]),
    meaning: remoteText(tagged('p').find((p) => p.value?.attributes?.class === 'meaning')),
    confidence: remoteText(tagged('p').find((p) => p.value?.attributes?.class === 'confidence')),
    evidence: tagged('li').map(remoteText),
    buttons: Object.fromEntries(tagged('button').map((b) => [b.value.attributes?.['data-action'], b])),
  };
}

/**
 * Clicks a serialised node of the session's tab where it is drawn, as a
 * mouse does, scrolled into the window first if it is not all in it, as a
 * user would (a label at the bottom of an ad near the window's bottom edge
 * is just below it). (BiDi's Enter reaches a focused button in headless
 * Firefox but does not press it, not even one of the page's own: the
 * keyboard path is tested in Chromium.)
 * @param {FirefoxSession} session
 * @param {Remote} node
 */
export async function clickFirefoxNode(session, node) {
  await callOnFirefoxNode(session, "(el) => el.scrollIntoView({ block: 'nearest', inline: 'nearest' })", node);
  return session.send('input.performActions', { context: session.context, actions: [{
    type: 'pointer', id: 'mouse', actions: [
      { type: 'pointerMove', x: 0, y: 0, origin: { type: 'element', element: { sharedId: node.sharedId } } },
      { type: 'pointerDown', button: 0 },
      { type: 'pointerUp', button: 0 },
    ],
  }] });
}

/**
 * Calls `fn` on a serialised node of the session's tab.
 * @param {FirefoxSession} session
 * @param {string} fn e.g. `(el) => el.getBoundingClientRect().width`
 * @param {Remote} node
 */
export function callOnFirefoxNode(session, fn, node) {
  return session.send('script.callFunction', {
    functionDeclaration: fn, arguments: [{ sharedId: node.sharedId }], target: { context: session.context }, awaitPromise: false,
  });
}

/**
 * Evaluates `expression` in one of the add-on's own pages, opened in the
 * session's tab or another (what the panel and the options page can do, a
 * test can).
 * @param {FirefoxSession} session
 * @param {string} page e.g. `options.html`
 * @param {string} expression awaited; its value returned through JSON
 * @param {string} [context] the tab (BiDi browsing context) to open it in: the session's by default
 * @returns {Promise<any>}
 */
export async function inExtensionPage(session, page, expression, context = session.context) {
  await session.send('browsingContext.navigate', { context, url: session.extensionUrl(page), wait: 'complete' });
  const evaluated = await session.send('script.evaluate', {
    expression: `(async () => JSON.stringify(await (${expression})))()`,
    target: { context },
    awaitPromise: true,
  });
  if (evaluated.type === 'exception') throw new Error(`${page}: ${evaluated.exceptionDetails?.text ?? 'exception'}`);
  return JSON.parse(evaluated.result.value);
}

/**
 * An expression, for one of the add-on's pages, whose promise resolves to
 * `then`'s value once the page says it is drawn (`<body data-ready="true">`).
 * @param {string} then an expression evaluated then
 */
export function onceReady(then) {
  return `new Promise((resolve) => {
    const ready = () => document.body.dataset.ready === 'true';
    const go = () => resolve(${then});
    if (ready()) go();
    else new MutationObserver((_, seen) => { if (ready()) { seen.disconnect(); go(); } }).observe(document.body, { attributes: true });
  })`;
}

/**
 * Sends a message to the background from the add-on's options page, as its
 * own pages do; the raw reply ({ ok, value } or { ok, error }).
 * @param {FirefoxSession} session
 * @param {object} message
 * @param {string} [context] the tab to open the page in: the session's by default
 */
export function sendFromAddonPage(session, message, context = session.context) {
  return inExtensionPage(session, 'options.html', `browser.runtime.sendMessage(${JSON.stringify(message)})`, context);
}

/**
 * Every observation AdLens stored (its IndexedDB's), read from the add-on's
 * options page in tab `context`, as the panel reads them.
 * @param {FirefoxSession} session
 * @param {string} context a tab of the session's other than the page's
 * @returns {Promise<any[]>}
 */
export function firefoxObservations(session, context) {
  return firefoxDb(session, 'observations', context);
}

/**
 * Every record of one of AdLens's IndexedDB stores (`sites`: the per-site
 * summaries the panel shows), read as firefoxObservations reads.
 * @param {FirefoxSession} session
 * @param {string} store
 * @param {string} context a tab of the session's other than the page's
 * @returns {Promise<any[]>}
 */
export function firefoxDb(session, store, context) {
  return inExtensionPage(session, 'options.html', `new Promise((resolve, reject) => {
    const opening = indexedDB.open('adlens');
    opening.onerror = () => reject(opening.error);
    opening.onsuccess = () => {
      const all = opening.result.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
      all.onerror = () => reject(all.error);
      all.onsuccess = () => resolve(all.result);
    };
  })`, context);
}

/**
 * The background's state for the tab showing `url` (null before its first
 * report), as the popup reads it, from the options page in tab `context`.
 * @param {FirefoxSession} session
 * @param {string} url
 * @param {string} context a tab of the session's other than the page's (the options page replaces what it shows)
 * @returns {Promise<import('../../extension/messages.js').TabState | null>}
 */
export async function firefoxTabState(session, url, context) {
  /** @type {Record<string, import('../../extension/messages.js').TabState>} */
  const all = await inExtensionPage(session, 'options.html', 'browser.storage.session.get(null)', context);
  return Object.entries(all).find(([key, state]) => key.startsWith('tab:') && state.url === url)?.[1] ?? null;
}
