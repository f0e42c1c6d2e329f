// What the background does for each message type. The shell decides
// nothing about ads: every question goes to the engine.

import { engineVersion, loadEngine } from './engine.js';
import { listsStatus, updateLists } from './lists-update.js';
import { scheduleSave } from './memory.js';
import { readTab, writeTabReport } from './tab-state.js';
import { showPersonalisedCount } from './toolbar.js';

/** @type {import('./dispatcher.js').Handlers} */
export const handlers = {
  async 'page/get-plan'() {
    return (await loadEngine()).scanPlan();
  },

  async 'page/get-cosmetic'(message) {
    const engine = await loadEngine();
    return engine.hidingSelectors(message.url, message.classes, message.ids);
  },

  async 'page/match-labels'(message) {
    return Array.from((await loadEngine()).labelIndices(message.texts));
  },

  async 'page/report'(message, sender) {
    const engine = await loadEngine();
    /** @type {import('../messages.js').PageReport} */
    const report = engine.analyzePage(message.page);
    for (const note of report.notes) console.info(`[AdLens] ${report.url}: ${note}`);
    if (report.product) {
      engine.rememberProduct(report.product, Date.now());
      scheduleSave(engine);
    }
    const tabId = /** @type {number} */ (sender.tab?.id);
    await writeTabReport(tabId, report, message.timing?.scanMs);
    await showPersonalisedCount(tabId, report.counts);
    return report;
  },

  async 'tab/get-summary'(message) {
    const state = await readTab(message.tabId);
    return {
      tabId: message.tabId,
      url: state?.url ?? null,
      counts: state?.report.counts ?? { contextual: 0, behavioural: 0, retargeted: 0, generic: 0 },
      items: state?.report.items ?? [],
    };
  },

  'engine/get-info': engineInfo,

  async 'lists/update-now'() {
    await updateLists();
    return engineInfo();
  },

  async 'memory/get-products'() {
    return (await loadEngine()).productMemory();
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
