// The words AdLens shows, in the user's language: the browser's
// (chrome.i18n), unless a language is chosen in the options
// (settings.language), whose messages are then read from its _locales file.
// Every part of the shell speaks through `msg` and formats dates and
// numbers for `uiLocale`. Adding a language is adding a _locales folder (its
// `languageName` message names it in the options).

/**
 * @typedef {{ message: string, placeholders?: Record<string, { content: string }> }} MessageEntry
 * @typedef {Record<string, MessageEntry>} Messages
 */

/** The setting's value for "the browser's language". */
export const AUTO = 'auto';
/** What a _locales folder name looks like (`en`, `pl`, `zh_CN`). */
export const LANGUAGE_PATTERN = /^[a-z]{2,3}(_[A-Z]{2})?$/;
/** The manifest's `default_locale`: what chrome.i18n falls back to. */
export const DEFAULT_LANGUAGE = 'en';

/**
 * The _locales folder chrome.i18n speaks, known by its `languageName`
 * message (each folder names itself; the build lists them with their
 * names). chrome.i18n.getUILanguage() and `@@ui_locale` can name another
 * language than the one it speaks (seen with --lang on Linux).
 * @param {string} spokenName chrome.i18n.getMessage('languageName')
 * @param {readonly { code: string, name: string }[]} languages
 */
export function folderSpeaking(spokenName, languages) {
  return languages.find((l) => l.name === spokenName)?.code ?? DEFAULT_LANGUAGE;
}

/** @type {{ language: string, locale: string, messages: Messages } | null} */
let chosen = null;
/** Messages already looked up (labels ask for the same few words many times). */
const cache = new Map();

/**
 * A message in the user's language, with its substitutions.
 * @param {string} name
 * @param {(string | number)[]} [values]
 */
export function msg(name, values = []) {
  const key = values.length === 0 ? name : `${name}\u0000${values.join('\u0000')}`;
  let text = cache.get(key);
  if (text === undefined) {
    const entry = chosen?.messages[name];
    text = entry && typeof entry.message === 'string' ? fill(entry, values.map(String)) : chrome.i18n.getMessage(name, values.map(String));
    if (cache.size > 2_000) cache.clear();
    cache.set(key, text);
  }
  return text;
}

/** The language dates and numbers are formatted for (a BCP 47 tag). */
export function uiLocale() {
  return chosen?.locale ?? chrome.i18n.getUILanguage();
}

/**
 * A message with its substitutions, by chrome.i18n's rules: `$NAME$` is the
 * named placeholder's content, in which `$1`…`$9` are the values; `$$` is a
 * dollar sign. Values are inserted as they are, never substituted again.
 * @param {MessageEntry} entry
 * @param {string[]} values
 */
export function fill(entry, values) {
  const numbered = (/** @type {string} */ text) => text.replace(/\$(\d)/g, (_, d) => values[Number(d) - 1] ?? '');
  return entry.message.replace(/\$([A-Za-z0-9_@]+)\$|\$(\d)|\$\$/g, (whole, name, digit) => {
    if (name !== undefined) {
      const placeholder = entry.placeholders?.[name.toLowerCase()];
      return placeholder ? numbered(placeholder.content) : whole;
    }
    if (digit !== undefined) return values[Number(digit) - 1] ?? '';
    return '$';
  });
}

/**
 * Speaks `language` from now on: `auto` for the browser's, else a _locales
 * folder name whose messages `load` reads. A language that cannot be read
 * leaves the browser's, with a log line.
 * @param {string} language
 * @param {(language: string) => Promise<Messages>} load
 */
export async function useLanguage(language, load) {
  if (language === AUTO || !LANGUAGE_PATTERN.test(language)) {
    if (chosen) cache.clear();
    chosen = null;
    return;
  }
  if (chosen?.language === language) return;
  cache.clear();
  try {
    chosen = { language, locale: language.replace('_', '-'), messages: await load(language) };
  } catch (error) {
    chosen = null;
    console.warn(`[AdLens] language ${language} not available:`, error instanceof Error ? error.message : error);
  }
}

/**
 * Speaks the browser's language from messages read once, as a chosen
 * language is, rather than through chrome.i18n: in a content script its
 * first lookup loads the whole catalogue on the page's main thread (1.7–3.6
 * ms, in the first drawing of labels on every page). Dates and numbers
 * still follow the browser's language.
 * @param {(language: string) => Promise<Messages>} load gets the messages of `AUTO`
 */
export async function useBrowserLanguage(load) {
  if (chosen?.language === AUTO) return;
  cache.clear();
  try {
    chosen = { language: AUTO, locale: chrome.i18n.getUILanguage(), messages: await load(AUTO) };
  } catch (error) {
    chosen = null; // chrome.i18n speaks it then
    console.warn('[AdLens] the browser language\'s messages are not available:', error instanceof Error ? error.message : error);
  }
}

/**
 * Reads a language's messages from the extension's own files (extension
 * pages and the background; content scripts ask the background).
 * @param {string} language
 * @returns {Promise<Messages>}
 */
export async function fetchMessages(language) {
  if (!LANGUAGE_PATTERN.test(language)) throw new Error(`not a language: ${JSON.stringify(language).slice(0, 40)}`);
  const response = await fetch(chrome.runtime.getURL(`_locales/${language}/messages.json`));
  if (!response.ok) throw new Error(`no messages for ${language}`);
  return response.json();
}
