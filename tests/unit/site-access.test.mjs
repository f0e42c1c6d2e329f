// AdLens's site access (site-access.js, background/site-access.js): what the
// popup says for a tab from what the browser lets it know, and the tab
// reloaded once the user allows every site from the popup. Chrome's
// permissions, storage and tabs are stubbed.
import assert from 'node:assert/strict';
import { test } from 'node:test';

/** @type {Record<string, unknown>} storage.session */
const session = {};
let allSites = false;
/** @type {number[]} tabs reloaded */
const reloaded = [];
/** @type {(() => void)[]} */
const addedListeners = [];
/** @type {unknown[]} what was asked of permissions.request */
const requested = [];

Object.assign(globalThis, {
  chrome: {
    storage: {
      session: {
        /** @param {string} key */
        get: async (key) => (key in session ? { [key]: structuredClone(session[key]) } : {}),
        /** @param {Record<string, unknown>} items */
        set: async (items) => { Object.assign(session, structuredClone(items)); },
        /** @param {string} key */
        remove: async (key) => { delete session[key]; },
      },
    },
    permissions: {
      /** @param {{ origins: string[] }} asked */
      contains: async (asked) => allSites && asked.origins.every((o) => o === 'http://*/*' || o === 'https://*/*'),
      /** @param {unknown} asked */
      request: async (asked) => {
        requested.push(asked);
        return true;
      },
      onAdded: { addListener: (/** @type {() => void} */ l) => addedListeners.push(l) },
    },
    tabs: {
      /** @param {number} id */
      reload: async (id) => {
        if (id === 404) throw new Error('No tab with id: 404');
        reloaded.push(id);
      },
    },
  },
});
const { ALL_SITES, RELOAD_WHEN_ALLOWED_KEY, accessOf, askForAllSites } = await import('../../extension/site-access.js');
const { reloadAskedTab, watchSiteAccess } = await import('../../extension/background/site-access.js');
watchSiteAccess();

const PAGE = 'https://news.example/article/running.html';

test('every site allowed: a web page is seen; a page no extension may read is closed', () => {
  assert.deepEqual(accessOf({ allSites: true, seen: true, url: PAGE }), { access: 'all', site: 'news.example' });
  // Not reported yet (still loading, or nothing found): still AdLens's to see.
  assert.deepEqual(accessOf({ allSites: true, seen: false, url: PAGE }), { access: 'all', site: 'news.example' });
  // The browser hides the URL of its own pages from an extension allowed on every web site.
  assert.deepEqual(accessOf({ allSites: true, seen: false, url: null }), { access: 'closed', site: null });
  assert.deepEqual(accessOf({ allSites: true, seen: false, url: 'chrome://settings/' }), { access: 'closed', site: null });
});

test('access limited: a site AdLens sees is "limited", one it may not see "withheld", named when the browser says which', () => {
  assert.deepEqual(accessOf({ allSites: false, seen: true, url: PAGE }), { access: 'limited', site: 'news.example' });
  assert.deepEqual(accessOf({ allSites: false, seen: true, url: null }), { access: 'limited', site: null });
  // The tab the user clicked AdLens's button in (activeTab) names its site.
  assert.deepEqual(accessOf({ allSites: false, seen: false, url: PAGE }), { access: 'withheld', site: 'news.example' });
  assert.deepEqual(accessOf({ allSites: false, seen: false, url: null }), { access: 'withheld', site: null });
  assert.deepEqual(accessOf({ allSites: false, seen: false, url: 'about:addons' }), { access: 'closed', site: null });
});

test('asking for every site notes the tab, and the background reloads it once they are allowed', async () => {
  allSites = false;
  const granted = await askForAllSites(12);
  assert.equal(granted, true);
  assert.deepEqual(requested, [{ origins: ALL_SITES }]);
  assert.equal(/** @type {any} */ (session[RELOAD_WHEN_ALLOWED_KEY]).tabId, 12);
  // A permission added that is not every site: nothing reloaded, the note kept.
  for (const listener of addedListeners) listener();
  await reloadAskedTab();
  assert.deepEqual(reloaded, []);
  assert.ok(RELOAD_WHEN_ALLOWED_KEY in session);
  allSites = true;
  await reloadAskedTab();
  assert.deepEqual(reloaded, [12]);
  assert.equal(RELOAD_WHEN_ALLOWED_KEY in session, false, 'reloaded once, then forgotten');
  await reloadAskedTab();
  assert.deepEqual(reloaded, [12]);
});

test('a stale or malformed note, or a tab closed since, reloads nothing and does not throw', async () => {
  allSites = true;
  reloaded.length = 0;
  session[RELOAD_WHEN_ALLOWED_KEY] = { tabId: 5, time: Date.now() - 60 * 60 * 1000 };
  await reloadAskedTab();
  session[RELOAD_WHEN_ALLOWED_KEY] = { tabId: '5', time: Date.now() };
  await reloadAskedTab();
  session[RELOAD_WHEN_ALLOWED_KEY] = { tabId: 404, time: Date.now() };
  await reloadAskedTab();
  assert.deepEqual(reloaded, []);
  assert.equal(RELOAD_WHEN_ALLOWED_KEY in session, false);
});
