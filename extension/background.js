// Background entry point (MV3 service worker in Chrome, event page in
// Firefox). It only wires features together. Every listener is registered
// synchronously here at top level: the browser wakes a stopped worker for an
// event and delivers it only to listeners that exist by the end of this
// script's first run.

import { loadEngine } from './background/engine.js';
import { startDispatcher } from './background/dispatcher.js';
import { handlers } from './background/handlers.js';
import { watchPrivateSettings } from './background/private-settings.js';
import { scheduleListUpdates } from './background/lists-update.js';
import { observeRequests } from './background/requests.js';
import { scheduleRetention } from './background/retention.js';
import { watchSiteAccess } from './background/site-access.js';
import { watchRetargetingBlock } from './background/retargeting-block.js';
import { watchTabs } from './background/tab-state.js';
import { watchToolbarLanguage } from './background/toolbar.js';

startDispatcher(handlers);
watchTabs();
observeRequests();
scheduleListUpdates();
scheduleRetention();
watchRetargetingBlock();
watchPrivateSettings();
watchSiteAccess();
watchToolbarLanguage();
// Start compiling the wasm now so the first page's message does not wait.
loadEngine().catch((error) => console.error('[AdLens] engine failed to load:', error));
