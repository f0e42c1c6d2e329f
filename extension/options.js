// Options page. For now it shows which engine and rules are running.

import { send } from './messages.js';
import { localise } from './pages/i18n.js';

async function main() {
  localise(document);
  const info = await send({ type: 'engine/get-info' });
  /** @type {HTMLElement} */ (document.getElementById('engine-version')).textContent = info.engineVersion;
  /** @type {HTMLElement} */ (document.getElementById('rules-version')).textContent = info.rulesVersion;
  document.body.dataset.ready = 'true';
}

main().catch((error) => console.error('[AdLens] options:', error));
