// Fills every element that has data-i18n="messageName" with the localised
// message, as text, and gives those with data-i18n-label="messageName" it
// as their accessible name.

import { fetchMessages, msg, uiLocale, useLanguage } from '../i18n.js';
import { readSettings } from '../settings.js';

/**
 * Speaks the language chosen in the options, if any (call before localise).
 * @param {import('../settings.js').Settings} [settings]
 */
export async function applyChosenLanguage(settings) {
  const { language } = settings ?? (await readSettings());
  await useLanguage(language, fetchMessages);
}

/** @param {ParentNode} root */
export function localise(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const name = el.getAttribute('data-i18n');
    if (name) el.textContent = msg(name) || name;
  }
  for (const el of root.querySelectorAll('[data-i18n-label]')) {
    const name = el.getAttribute('data-i18n-label');
    if (name) el.setAttribute('aria-label', msg(name) || name);
  }
  document.documentElement.lang = uiLocale();
}
