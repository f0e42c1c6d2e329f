// Messages in a chosen language follow chrome.i18n's substitution rules:
// named placeholders hold $1…$9, "$$" is a dollar sign, and what is
// substituted is never substituted again.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fill, folderSpeaking } from '../../extension/i18n.js';

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../extension/_locales');

test('named placeholders, numbered values and dollar signs, as chrome.i18n does', () => {
  const entry = { message: '$SHOP$ told $VENDOR$ $WHAT$ ($$5)', placeholders: { shop: { content: '$1' }, vendor: { content: '$2' }, what: { content: '$3' } } };
  assert.equal(fill(entry, ['shop.example', 'Criteo', 'you viewed it']), 'shop.example told Criteo you viewed it ($5)');
  assert.equal(fill(entry, ['$2', 'Criteo', '$1']), '$2 told Criteo $1 ($5)', 'values are not substituted again');
  assert.equal(fill({ message: 'Price: $1' }, ['€9']), 'Price: €9');
  assert.equal(fill({ message: 'no $UNKNOWN$ here' }, []), 'no $UNKNOWN$ here');
});

test('every language has every message of English, with the same placeholders', () => {
  const read = (/** @type {string} */ code) => JSON.parse(fs.readFileSync(path.join(locales, code, 'messages.json'), 'utf8'));
  const english = read('en');
  for (const code of fs.readdirSync(locales)) {
    const other = read(code);
    assert.ok(other.languageName?.message, `${code} names itself`);
    for (const [key, entry] of Object.entries(english)) {
      assert.ok(other[key], `${code} lacks ${key}`);
      assert.deepEqual(Object.keys(other[key].placeholders ?? {}).sort(), Object.keys(entry.placeholders ?? {}).sort(), `${code}: ${key}'s placeholders`);
      for (const name of Object.keys(entry.placeholders ?? {})) {
        assert.ok(other[key].message.includes(`$${name.toUpperCase()}$`), `${code}: ${key} uses $${name.toUpperCase()}$`);
      }
    }
  }
});

test("every language's name and description fit the stores' limits (Chrome: 45 and 132 characters)", () => {
  for (const code of fs.readdirSync(locales)) {
    const messages = JSON.parse(fs.readFileSync(path.join(locales, code, 'messages.json'), 'utf8'));
    assert.ok([...messages.extName.message].length <= 45, `${code}: extName has ${messages.extName.message.length} characters`);
    assert.ok([...messages.extDescription.message].length <= 132, `${code}: extDescription has ${messages.extDescription.message.length} characters`);
  }
});

test('the browser language is the folder whose name chrome.i18n speaks, else the default', () => {
  const languages = [{ code: 'en', name: 'English' }, { code: 'pl', name: 'Polski' }, { code: 'zh_CN', name: '简体中文' }];
  assert.equal(folderSpeaking('Polski', languages), 'pl');
  assert.equal(folderSpeaking('简体中文', languages), 'zh_CN');
  assert.equal(folderSpeaking('', languages), 'en', 'no name: the default');
  assert.equal(folderSpeaking('Deutsch', languages), 'en');
});
