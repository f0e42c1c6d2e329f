// The one thing AdLens may block, and only when the user asks twice: with
// "Following you" muted everywhere and "also block retargeting companies"
// on, a dynamic declarativeNetRequest rule blocks third-party requests to the
// known retargeting vendors (the engine's list: Criteo, AdRoll, RTB House…).
// Otherwise the rule is removed. Dynamic rules persist across restarts, so
// the rule is brought in step with the settings at every start and change.

import { loadEngine, retargetingDomains } from './engine.js';
import { readSettings, SETTINGS_KEY } from '../settings.js';

const RULE_ID = 1;
/** Every request type but the page itself: a vendor's own site still opens. */
const RESOURCE_TYPES = /** @type {chrome.declarativeNetRequest.ResourceType[]} */ ([
  'sub_frame', 'script', 'image', 'xmlhttprequest', 'ping', 'media', 'font', 'stylesheet', 'object', 'websocket', 'other',
]);

/** Registers the listeners. Call synchronously at top level. */
export function watchRetargetingBlock() {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[SETTINGS_KEY]) syncRetargetingBlock().catch(report);
  });
  syncRetargetingBlock().catch(report);
}

/** Adds or removes the rule as the settings say. */
export async function syncRetargetingBlock() {
  const settings = await readSettings();
  const wanted = settings.mute.retargeted && settings.blockRetargeting;
  await loadEngine(); // the vendor list comes from the engine's module
  /** @type {chrome.declarativeNetRequest.Rule[]} */
  const addRules = wanted
    ? [{
      id: RULE_ID,
      priority: 1,
      action: { type: /** @type {chrome.declarativeNetRequest.RuleActionType} */ ('block') },
      condition: {
        requestDomains: retargetingDomains(),
        domainType: /** @type {chrome.declarativeNetRequest.DomainType} */ ('thirdParty'),
        resourceTypes: RESOURCE_TYPES,
      },
    }]
    : [];
  await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [RULE_ID], addRules });
}

/** @param {unknown} error */
function report(error) {
  console.error('[AdLens] retargeting block:', error instanceof Error ? error.message : error);
}
