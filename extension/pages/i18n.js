// Fills every element that has data-i18n="messageName" with the localised
// message, as text, and gives those with data-i18n-label="messageName" it
// as their accessible name.

/** @param {ParentNode} root */
export function localise(root) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const name = el.getAttribute('data-i18n');
    if (name) el.textContent = chrome.i18n.getMessage(name) || name;
  }
  for (const el of root.querySelectorAll('[data-i18n-label]')) {
    const name = el.getAttribute('data-i18n-label');
    if (name) el.setAttribute('aria-label', chrome.i18n.getMessage(name) || name);
  }
  document.documentElement.lang = chrome.i18n.getUILanguage();
}
