// Private windows' per-site choices in the background
// (background/private-settings.js), with Chrome's storage, tabs and
// windows stubbed: only private tabs may read or add to them, a tab only
// for its own site; every private tab is told of a change; they are
// forgotten when the last private window closes.
import assert from 'node:assert/strict';
import { test } from 'node:test';

/** @type {Record<string, unknown>} storage.session */
const session = {};
/** @type {((changes: Record<string, { newValue?: unknown }>, area: string) => void)[]} */
const storageListeners = [];
/** @type {(() => void)[]} */
const windowListeners = [];
/** @type {{ id: number, incognito: boolean }[]} */
let openTabs = [];
/** @type {{ incognito: boolean }[]} */
let openWindows = [];
/** @type {[number, unknown][]} what each tab was told */
const told = [];

const area = {
  /** @param {string} key */
  get: async (key) => (key in session ? { [key]: structuredClone(session[key]) } : {}),
  /** @param {Record<string, unknown>} items */
  set: async (items) => {
    Object.assign(session, structuredClone(items));
    for (const listener of storageListeners) {
      listener(Object.fromEntries(Object.entries(items).map(([k, v]) => [k, { newValue: v }])), 'session');
    }
  },
  /** @param {string} key */
  remove: async (key) => {
    delete session[key];
  },
};
Object.assign(globalThis, {
  chrome: {
    storage: { session: area, onChanged: { addListener: (/** @type {any} */ l) => storageListeners.push(l) } },
    windows: { getAll: async () => openWindows, onRemoved: { addListener: (/** @type {any} */ l) => windowListeners.push(l) } },
    tabs: {
      query: async () => openTabs,
      /** @param {number} id @param {unknown} message */
      sendMessage: async (id, message) => {
        told.push([id, message]);
      },
      get: async (/** @type {number} */ id) => openTabs.find((t) => t.id === id) ?? Promise.reject(new Error('no tab')),
    },
  },
});
const { mutePrivateSite, privateSitesFor, watchPrivateSettings } = await import('../../extension/background/private-settings.js');
watchPrivateSettings();

const privateTab = { id: 7, incognito: true };
const ordinaryTab = { id: 8, incognito: false };
/**
 * @param {{ id: number, incognito: boolean }} tab
 * @param {string} url
 */
const from = (tab, url) => /** @type {chrome.runtime.MessageSender} */ ({ tab, url, frameId: 0 });
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

test('a private tab mutes a kind on its own site; its private tabs are told; an ordinary tab may do neither', async () => {
  openTabs = [privateTab, ordinaryTab, { id: 9, incognito: true }];
  openWindows = [{ incognito: false }, { incognito: true }];
  await mutePrivateSite({ type: 'settings/mute-private-site', site: 'news.example', kind: 'retargeted' },
    from(privateTab, 'http://www.news.example/article'));
  const expected = { 'news.example': { mute: { retargeted: true } } };
  assert.deepEqual(await privateSitesFor(from(privateTab, 'http://shop.example/')), expected);
  await settled();
  assert.deepEqual(told, [7, 9].map((id) => [id, { type: 'settings/private-changed', sites: expected }]), 'the private tabs only');
  await assert.rejects(privateSitesFor(from(ordinaryTab, 'http://news.example/')), /only for tabs in a private window/);
  await assert.rejects(mutePrivateSite({ type: 'settings/mute-private-site', site: 'news.example', kind: 'generic' },
    from(ordinaryTab, 'http://news.example/')), /only for tabs in a private window/);
  // Nor another site's, even from a private tab.
  await assert.rejects(mutePrivateSite({ type: 'settings/mute-private-site', site: 'shop.example', kind: 'generic' },
    from(privateTab, 'http://evilshop.example/')), /shop\.example is not the sending page's site/);
  assert.deepEqual(await privateSitesFor(from(privateTab, 'http://shop.example/')), expected);
});

test('closing a window keeps them while a private window is open, and forgets them with the last', async () => {
  openWindows = [{ incognito: false }, { incognito: true }];
  for (const listener of windowListeners) listener();
  await settled();
  assert.ok(session['settings:private'], 'a private window is still open');
  openWindows = [{ incognito: false }];
  for (const listener of windowListeners) listener();
  await settled();
  assert.equal(session['settings:private'], undefined);
  assert.deepEqual(await privateSitesFor(from(privateTab, 'http://news.example/')), {});
});
