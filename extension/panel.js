// The tracking panel. Routes (the URL's hash):
//   #sites          every site AdLens saw (the default)
//   #site/<site>    one site: companies, what it told advertisers, what
//                   followed you from it, kinds over time
//   #ads            the ads and widgets chosen for you, newest first, and why
//   #profile        what advertisers could infer about you
//   #data           export, import, storage
// `?tabId=N` (from the popup) adds what that tab shows now to its site's
// page. Observations are read straight from IndexedDB (storage/); the
// engine's memory and every change go through the background.
// body[data-ready] is set once a view is drawn (tests and the benchmark wait
// for it); body[data-view] names it.

import { send } from './messages.js';
import { readSettings } from './settings.js';
import { followAllSitesAccess } from './site-access.js';
import { ago } from './evidence.js';
import { locale, t } from './pages/dom.js';
import { applyChosenLanguage, localise } from './pages/i18n.js';
import { database } from './storage/db.js';
import {
  countObservations, readNewestItems, readNotice, readSiteObservations, readSiteSummaries, readSiteSummary,
} from './storage/observations.js';
import { ADS_SHOWN, chosenCount, kindsShown, renderChosenAds } from './panel/ads-view.js';
import { setUpDataView, showStorageUse } from './panel/data-view.js';
import { followSensitiveMute, renderProfile } from './panel/profile-view.js';
import { renderSite } from './panel/site-view.js';
import { SitesView } from './panel/sites-view.js';

const $ = (/** @type {string} */ id) => /** @type {HTMLElement} */ (document.getElementById(id));
const tabId = Number.parseInt(new URLSearchParams(location.search).get('tabId') ?? '', 10);
const sitesView = new SitesView($('view-sites'));
/** How many of the ads chosen for the user the panel shows ("show more" adds ADS_SHOWN). */
let adsShown = ADS_SHOWN;

/** @returns {{ view: 'sites' | 'site' | 'ads' | 'profile' | 'data', site: string }} */
function route() {
  const hash = location.hash.slice(1);
  if (hash.startsWith('site/')) return { view: 'site', site: decodeURIComponent(hash.slice(5)) };
  if (hash === 'ads' || hash === 'profile' || hash === 'data') return { view: hash, site: '' };
  return { view: 'sites', site: '' };
}

/** Draws the view the URL names. */
async function show() {
  const { view, site } = route();
  document.body.dataset.ready = 'false';
  for (const section of document.querySelectorAll('.view')) /** @type {HTMLElement} */ (section).hidden = section.id !== `view-${view}`;
  for (const link of document.querySelectorAll('nav a[data-route]')) {
    const current = link.getAttribute('data-route') === view || (view === 'site' && link.getAttribute('data-route') === 'sites');
    if (current) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const db = await database();
  if (view === 'sites') sitesView.show(await readSiteSummaries(db));
  if (view === 'site') {
    const [summary, observations, tab, settings] = await Promise.all([
      readSiteSummary(db, site),
      readSiteObservations(db, site),
      Number.isInteger(tabId) && tabId >= 0 ? send({ type: 'tab/get-summary', tabId }).catch(() => null) : null,
      readSettings(),
    ]);
    renderSite($('view-site'), site, summary, observations, tab, settings.retentionDays);
  }
  if (view === 'ads') {
    const kinds = kindsShown(/** @type {HTMLSelectElement} */ ($('ads-kind')).value);
    const [items, summaries] = await Promise.all([readNewestItems(db, kinds, adsShown), readSiteSummaries(db)]);
    renderChosenAds($('view-ads'), items, adsShown, chosenCount(summaries, kinds));
  }
  if (view === 'profile') await renderProfile($('view-profile'), await readSiteSummaries(db), () => { show().catch(report); });
  if (view === 'data') await showStorageUse($('view-data'), await countObservations(db));
  await showNotice(db);
  document.body.dataset.view = view;
  // Time from navigation start to the first view drawn, read by tests/bench/panel.mjs.
  document.body.dataset.readyMs ??= String(Math.round(performance.now()));
  document.body.dataset.ready = 'true';
}

/** @param {IDBDatabase} db */
async function showNotice(db) {
  const notice = await readNotice(db);
  $('notice').hidden = !notice;
  if (notice) $('notice').textContent = t('noticeQuota', [ago(notice.time, Date.now(), locale()), String(notice.dropped)]);
}

/**
 * Says above the sites, for as long as it is so, that AdLens may not see
 * every site (the browser's site access): those it may not see are missing.
 */
function showSiteAccess() {
  void followAllSitesAccess((all) => { $('sites-access').hidden = all; }, report);
}

/** @param {unknown} error */
function report(error) {
  console.error('[AdLens] panel:', error);
}

async function main() {
  await applyChosenLanguage();
  localise(document);
  showSiteAccess();
  followSensitiveMute($('view-profile'));
  $('ads-more').addEventListener('click', () => {
    adsShown += ADS_SHOWN;
    show().catch(report);
  });
  $('ads-kind').addEventListener('change', () => {
    adsShown = ADS_SHOWN;
    show().catch(report);
  });
  $('forget-site').addEventListener('click', () => {
    const { site } = route();
    if (!site || !confirm(t('forgetSiteConfirm', [site]))) return;
    send({ type: 'memory/forget-site', site }).then(() => { location.hash = '#sites'; }).catch(report);
  });
  $('wipe').addEventListener('click', () => {
    if (!confirm(t('memoryWipeConfirm'))) return;
    send({ type: 'memory/wipe' }).then(show).catch(report);
  });
  setUpDataView($('view-data'), () => { show().catch(report); });
  window.addEventListener('hashchange', () => { show().catch(report); });
  // From the popup, a tab's panel opens on its site's page.
  if (!location.hash && Number.isInteger(tabId) && tabId >= 0) {
    send({ type: 'tab/get-summary', tabId })
      .then((tab) => { if (tab.site) history.replaceState(null, '', `#site/${encodeURIComponent(tab.site)}`); })
      .catch(() => {})
      .finally(() => { show().catch(report); });
    return;
  }
  show().catch(report);
}

main().catch(report);
