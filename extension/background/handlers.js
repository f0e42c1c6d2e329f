// What the background does for each message type. The shell decides
// nothing about ads: every question goes to the engine.

import { engineVersion, loadEngine, sensitiveTopics, topicNames } from './engine.js';
import { listsStatus, updateLists } from './lists-update.js';
import { saveNow, scheduleSave } from './memory.js';
import { flushObservations } from './observations.js';
import { RESCAN } from '../messages.js';
import { database } from '../storage/db.js';
import { forgetSiteObservations, wipeObservations, withQuotaRecovery, writeObservations } from '../storage/observations.js';
import { dropFrame, dropFramesBefore, readFrames, readTab, writeFrame, writeTabReport, writeTabTiming } from './tab-state.js';
import { keepSnapshot, merged, verdictsToTell } from './page-snapshots.js';
import { mutePrivateSite, privateSitesFor } from './private-settings.js';
import { isPrivateTab } from './private-tabs.js';
import { forgetSlots, rememberSlots } from './slot-memory.js';
import { showPersonalisedCount } from './toolbar.js';
import { visitOfReport } from './visits.js';
import { AUTO, fetchMessages, folderSpeaking } from '../i18n.js';

/** Messages of the languages content scripts asked for, read once. */
const languages = new Map();

/** @type {Promise<{ code: string, name: string }[]> | null} the _locales folders and their names, as the build listed them */
let folders = null;
function localeFolders() {
  folders ??= fetch(chrome.runtime.getURL('data/languages.json'))
    .then((r) => r.json())
    .catch((error) => {
      folders = null; // try again next time
      throw error;
    });
  return folders;
}

/** Most remembered sites listed in the panel (most recent first). */
const MAX_SITES_SHOWN = 200;

/** @type {import('./dispatcher.js').Handlers} */
export const handlers = {
  async 'page/get-plan'() {
    return (await loadEngine()).scanPlan();
  },

  async 'page/get-cosmetic'(message) {
    const engine = await loadEngine();
    return engine.classIdAnswer(message.url, message.classAttributes, message.ids, message.complete);
  },

  async 'page/match-labels'(message) {
    return Array.from((await loadEngine()).labelIndices(message.texts));
  },

  async 'frame/report'(message, sender) {
    const tabId = /** @type {number} */ (sender.tab?.id);
    if (!sender.frameId) throw new Error('frame/report: only frames send this');
    await writeFrame(tabId, sender.frameId, message.frame);
    // The top page's next scan attributes the frame's content to its slot.
    chrome.tabs.sendMessage(tabId, { type: RESCAN }, { frameId: 0 }).catch(() => {});
    return null;
  },

  async 'frame/gone'(_message, sender) {
    if (!sender.frameId) throw new Error('frame/gone: only frames send this');
    // A frame navigating (an ad refreshed) takes its frames with it: their
    // reports, matched by name, would add the old creative to the new one.
    await dropFrame(/** @type {number} */ (sender.tab?.id), sender.frameId);
    return null;
  },

  async 'page/report'(message, sender, bytes) {
    if (sender.frameId !== 0) throw new Error('page/report: only the top page sends this');
    const tabId = /** @type {number} */ (sender.tab?.id);
    // Frames that reported before this document began were an earlier
    // one's, at the same address (the tab reloaded after a crash).
    if (message.began !== undefined) await dropFramesBefore(tabId, message.began);
    const verdicts = await analysePage(tabId, message.page, sender);
    keepSnapshot(tabId, message.page, message.seq, bytes);
    return verdictsToTell(tabId, verdicts, true);
  },

  async 'page/update'(message, sender, bytes) {
    if (sender.frameId !== 0) throw new Error('page/update: only the top page sends this');
    const tabId = /** @type {number} */ (sender.tab?.id);
    const update = merged(tabId, message, bytes);
    if (!update) return { resend: true };
    const verdicts = await analysePage(tabId, update.snapshot, sender);
    keepSnapshot(tabId, update.snapshot, message.seq, update.bytes, false);
    return verdictsToTell(tabId, verdicts, false);
  },

  async 'page/timing'(message, sender) {
    if (sender.frameId !== 0) throw new Error('page/timing: only the top page sends this');
    await writeTabTiming(/** @type {number} */ (sender.tab?.id), message.url, message.timing);
    return null;
  },

  async 'tab/get-summary'(message) {
    const state = await readTab(message.tabId);
    return {
      tabId: message.tabId,
      url: state?.url ?? null,
      site: state?.report.site ?? null,
      counts: state?.report.counts ?? { contextual: 0, behavioural: 0, retargeted: 0, generic: 0 },
      items: state?.report.items ?? [],
      privateWindow: await isPrivateTab(message.tabId),
    };
  },

  'engine/get-info': engineInfo,

  async 'i18n/get-messages'(message) {
    const language = message.language === AUTO
      ? folderSpeaking(chrome.i18n.getMessage('languageName'), await localeFolders())
      : message.language;
    if (!languages.has(language)) languages.set(language, await fetchMessages(language));
    return languages.get(language);
  },

  async 'feedback/label-wrong'(message, sender) {
    // A report names the page: from a private window it is not kept (the
    // card there offers none).
    if (await isPrivateTab(/** @type {number} */ (sender.tab?.id), sender.tab?.incognito)) {
      throw new Error('feedback/label-wrong: not kept from a private window');
    }
    const state = await readTab(/** @type {number} */ (sender.tab?.id));
    const time = Date.now();
    const db = await database();
    const record = {
      type: 'label_feedback',
      id: `feedback/${time}/${message.elementId ?? ''}`,
      time,
      site: state?.report.site || new URL(message.url).hostname,
      pageUrl: message.url,
      kind: message.kind,
      elementId: message.elementId,
      classifierVersion: message.classifierVersion,
    };
    await withQuotaRecovery(db, () => writeObservations(db, [record]));
    return null;
  },

  async 'settings/get-private'(_message, sender) {
    return privateSitesFor(sender);
  },

  'settings/mute-private-site': mutePrivateSite,

  async 'panel/open'(message, sender) {
    const tab = /** @type {chrome.tabs.Tab} */ (sender.tab);
    // What the panel shows is what AdLens kept, and it keeps nothing from a
    // private window (whose card offers no way in).
    if (await isPrivateTab(/** @type {number} */ (tab.id), tab.incognito)) throw new Error('panel/open: not from a private window');
    const view = message.view === 'profile' ? '#profile' : `#site/${encodeURIComponent(/** @type {string} */ (message.site))}`;
    // For the page's tab, beside it: a site's page then also shows what that tab shows now.
    await chrome.tabs.create({ url: chrome.runtime.getURL(`panel.html?tabId=${tab.id}${view}`), index: tab.index + 1, openerTabId: tab.id });
    return null;
  },

  async 'lists/update-now'() {
    await updateLists();
    return engineInfo();
  },

  async 'memory/get-products'() {
    return (await loadEngine()).productMemory();
  },

  async 'memory/get-interests'() {
    const engine = await loadEngine();
    /** @type {{ sites: Record<string, { visits: number, lastSeen: number, topics: Record<string, number> }> }} */
    const profile = engine.interestProfile();
    const sites = Object.entries(profile.sites)
      .map(([site, s]) => ({
        site,
        visits: s.visits,
        lastSeen: s.lastSeen,
        topics: Object.entries(s.topics).sort((a, b) => b[1] - a[1]).map(([t]) => t),
      }))
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, MAX_SITES_SHOWN);
    return { interests: engine.interests(Date.now()), sites, topicNames: topicNames(), sensitiveTopics: sensitiveTopics() };
  },

  async 'memory/forget-site'(message) {
    const engine = await loadEngine();
    await flushObservations(engine);
    engine.forgetSite(message.site);
    await Promise.all([
      saveNow(engine),
      database().then((db) => forgetSiteObservations(db, message.site)),
      forgetSlots({ site: message.site }),
    ]);
    return null;
  },

  async 'memory/forget-topic'(message) {
    const engine = await loadEngine();
    engine.forgetTopic(message.topic);
    await saveNow(engine);
    return null;
  },

  async 'memory/wipe'() {
    const engine = await loadEngine();
    engine.takeObservations(); // what was not stored yet goes too
    engine.wipeMemory();
    await Promise.all([saveNow(engine), database().then(wipeObservations), forgetSlots()]);
    return null;
  },

  async 'memory/apply-observations'(message) {
    const engine = await loadEngine();
    engine.applyObservations(message.observations);
    await saveNow(engine);
    return null;
  },

  async 'sites/get-records'() {
    return (await loadEngine()).sitesView();
  },
};

/** @returns {Promise<import('../messages.js').EngineInfo>} */
async function engineInfo() {
  const engine = await loadEngine();
  return {
    engineVersion: engineVersion(),
    rulesVersion: engine.scanPlan().rulesVersion,
    lists: engine.listsInfo(),
    listsStatus: await listsStatus(),
  };
}

/**
 * Analyses a page's snapshot and keeps the report with the tab's state.
 * @param {number} tabId
 * @param {import('../messages.js').PageSnapshot} snapshot as the page sent it
 * @param {chrome.runtime.MessageSender} sender its tab says whether it is private; Chrome names its document
 * @returns {Promise<{ url: string, site: string, items: import('../messages.js').LabelledItem[] }>} what its labels need
 */
async function analysePage(tabId, snapshot, sender) {
  const engine = await loadEngine();
  // Frames are the background's to add, never the page's.
  const page = { ...snapshot, frames: await readFrames(tabId) };
  const now = Date.now();
  // A private tab's page is analysed with what ordinary browsing left in
  // memory, and forgotten: its report lives only in the tab's state, gone
  // when the tab closes.
  const hidden = await isPrivateTab(tabId, sender.tab?.incognito);
  const report = hidden
    ? /** @type {import('../messages.js').PageReport} */ (engine.analyzePage(page, now))
    : await visitAndRemember(engine, tabId, page, now, /** @type {{ documentId?: string }} */ (sender).documentId);
  // The slots' kinds are for the next visit: failing to keep them must not
  // cost this one its labels.
  const remembered = hidden ? null : rememberSlots(report, now).catch((error) => console.warn('[AdLens] slots not remembered:', error));
  await Promise.all([writeTabReport(tabId, report), remembered]);
  await showPersonalisedCount(tabId, report.counts);
  return pageVerdicts(report);
}

/**
 * Analyses a page with what earlier pages left in memory, then remembers it
 * (its product, its topics in the interest profile) and logs it as
 * observations of this visit, stored before the reply.
 * @param {import('../engine/adlens.js').Engine} engine
 * @param {number} tabId
 * @param {import('../messages.js').PageSnapshot} page with its frames
 * @param {number} now
 * @param {string} [documentId] the reporting document, as Chrome names it
 * @returns {Promise<import('../messages.js').PageReport>}
 */
async function visitAndRemember(engine, tabId, page, now, documentId) {
  const { visitId } = await visitOfReport(tabId, String(page.url), now, documentId);
  /** @type {import('../messages.js').PageReport} */
  const report = engine.visitPage(page, now, visitId);
  for (const note of report.notes) console.info(`[AdLens] ${report.url}: ${note}`);
  scheduleSave(engine);
  // Stored before the reply, so the panel and the export hold the page as
  // its labels appear; but a database that takes nothing more (the disk
  // full: flushObservations logs it) must not cost the page its labels.
  await flushObservations(engine).catch(() => {});
  return report;
}

/**
 * What the page's labels need of its report: the rest (text, links, topics,
 * images of every item) is the panel's, read from the tab's state, and
 * copying it into the page cost its main thread 0.2–0.6 ms per scan on
 * large pages, deserialising it (kotaku.com: 115 items).
 * @param {import('../messages.js').PageReport} report
 * @returns {{ url: string, site: string, items: import('../messages.js').LabelledItem[] }}
 */
function pageVerdicts({ url, site, items }) {
  return {
    url,
    site,
    items: items.map(({ key, elementId, itemType, frames, inPlayer, verdict: { kind, confidence, evidence, classifierVersion } }) =>
      ({ key, elementId, itemType, frames: frames.length, ...(inPlayer ? { inPlayer } : {}),
        verdict: { kind, confidence, evidence, classifierVersion } })),
  };
}
