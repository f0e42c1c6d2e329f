// Building elements from data, as text only: whatever a page or a stored
// record says is set with textContent, never parsed as HTML.

import { msg, uiLocale } from '../i18n.js';

/**
 * An element with attributes and children; strings become text nodes.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string | number | boolean | null | undefined>} [attributes] `text` sets the text
 * @param {(Node | string | null | undefined | false)[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === 'text') node.textContent = String(value);
    else if (name === 'class') node.className = String(value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/**
 * A localised message (chrome.i18n), with its substitutions.
 * @param {string} name
 * @param {(string | number)[]} [values]
 */
export function t(name, values = []) {
  return msg(name, values.map(String)) || name;
}

/** The browser's language, for Intl formats. */
export const locale = () => uiLocale();
