// A verdict's evidence in the user's language (evidence.js), read from the
// extension's real _locales: a topic's case inside a sentence, and a
// widget's heading quoted as the page writes it.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

await import('../harness/i18n-stub.mjs');
const { useLanguage } = await import('../../extension/i18n.js');
const { evidenceSentence } = await import('../../extension/evidence.js');

/** @param {string} language */
const load = async (language) => JSON.parse(await readFile(new URL(`../../extension/_locales/${language}/messages.json`, import.meta.url), 'utf8'));

/**
 * @param {string} language a _locales folder
 * @param {import('../../extension/messages.js').Evidence} evidence
 */
async function sentence(language, evidence) {
  await useLanguage(language, load);
  return evidenceSentence(evidence, { nowMs: 0, locale: language.replace('_', '-') });
}

const onPage = { type: 'topic_matches_page', topic: 'fitness_running', words: ['trail'], sentence: '' };
const differs = { type: 'topic_differs_from_page', pageTopic: 'fitness_running', topic: 'movies_tv', sentence: '' };
const profile = { type: 'topic_matches_profile', topic: 'fitness_running', share: 0.64, sentence: '' };

test('a topic inside a sentence is in lower case where the language writes it so, as named elsewhere', async () => {
  assert.equal(await sentence('en', onPage), 'It is about running and fitness, like this page (trail)');
  assert.equal(await sentence('en', differs), 'This page is about running and fitness, not movies and TV');
  assert.equal(await sentence('fr', onPage), "Il s'agit de course à pied et fitness, comme cette page (trail)");
  assert.equal(await sentence('es', differs), 'Esta página trata de running y fitness, no de cine y televisión');
  assert.equal(await sentence('de', onPage), 'Es geht um Laufen und Fitness, wie auf dieser Seite (trail)');
  assert.equal(await sentence('pl', onPage), 'Dotyczy tematu „Bieganie i fitness”, tak jak ta strona (trail)');
  assert.equal(await sentence('ja', onPage), 'このページと同じくランニング・フィットネスに関する内容です（trail）');
  // At the start of a sentence it keeps its capital.
  assert.equal(await sentence('en', profile), 'Running and fitness makes up 64% of the interests your browsing shows');
});

test('a widget\'s heading is quoted as the page writes it; a verdict stored before, by its phrase', async () => {
  const label = { type: 'label_phrase', phrase: 'around the web', heading: 'Around The Web', language: 'en', implied: null, sentence: '' };
  assert.equal(await sentence('en', label), 'The section is headed “Around The Web”');
  assert.equal(await sentence('en', { ...label, heading: undefined }), 'The section is headed “around the web”');
});

test('an interest in a sensitive topic says what it can reveal, in every language; other topics say nothing more', async () => {
  const health = { type: 'topic_matches_profile', topic: 'health', share: 0.4, reveals: 'health', sentence: '' };
  assert.equal(await sentence('en', health),
    'Health makes up 40% of the interests your browsing shows — a sensitive topic: it can reveal your health');
  assert.equal(await sentence('de', { ...health, topic: 'dating', reveals: 'sex_life' }),
    'Partnersuche und Beziehungen macht 40\u00a0% der Interessen aus, die dein Surfen zeigt – ein sensibles Thema: Es kann etwas über dein Sexualleben oder deine sexuelle Orientierung verraten');
  for (const language of ['fr', 'es', 'pl', 'zh_CN', 'ja']) {
    const plain = await sentence(language, { ...health, reveals: undefined });
    const noted = await sentence(language, health);
    assert.ok(noted.startsWith(plain.slice(0, -1)) && noted.length > plain.length + 10, `${language}: ${noted}`);
  }
  // A category this version has no words for, or a made-up key, adds
  // nothing (the browser has no message of that name: '', as Chrome says).
  const { getMessage } = globalThis.chrome.i18n;
  globalThis.chrome.i18n.getMessage = () => '';
  try {
    assert.equal(await sentence('en', { ...health, reveals: 'trade_union_membership' }),
      'Health makes up 40% of the interests your browsing shows');
    assert.equal(await sentence('en', { ...health, reveals: '../x' }), 'Health makes up 40% of the interests your browsing shows');
  } finally {
    globalThis.chrome.i18n.getMessage = getMessage;
  }
  assert.equal(await sentence('en', profile), 'Running and fitness makes up 64% of the interests your browsing shows');
});

test('a site that passed on no consent to personalised ads is said so in the user\'s language', async () => {
  const refused = { type: 'personalised_ads_refused', purposes: [3, 4], sentence: '' };
  assert.equal(await sentence('en', refused),
    'This site told ad companies you did not consent to personalised ads (the choice made in its consent banner)');
  assert.equal(await sentence('pl', refused),
    'Ta witryna przekazała firmom reklamowym, że nie masz zgody na reklamy spersonalizowane (Twój wybór w jej banerze zgód)');
});

test('a page the browser sent Global Privacy Control says so in the user\'s language', async () => {
  const gpc = { type: 'global_privacy_control', sentence: 'engine' };
  assert.equal(await sentence('en', gpc), 'Your browser asked this site not to sell or share your data (Global Privacy Control)');
  assert.equal(await sentence('fr', gpc), 'Votre navigateur a demandé à ce site de ne pas vendre ni partager vos données (Global Privacy Control)');
});

test('a site that passed on the user\'s US opt-outs says what of, as a list in the user\'s language', async () => {
  const optedOut = { type: 'targeted_ads_opted_out', optOuts: ['sale', 'targeted_advertising'], sentence: 'engine' };
  assert.equal(await sentence('en', optedOut),
    'This site told ad companies you opted out of the sale of your data and targeted advertising (the choice made in its privacy settings)');
  assert.equal(await sentence('de', optedOut),
    'Diese Website hat Werbefirmen mitgeteilt, dass du dem Verkauf deiner Daten und zielgerichteter Werbung widersprochen hast (deine Wahl in ihren Datenschutzeinstellungen)');
  assert.equal(await sentence('zh_CN', { ...optedOut, optOuts: ['sale', 'sharing', 'targeted_advertising'] }),
    '该网站已告知广告公司：你已选择退出出售你的数据、为广告共享你的数据和定向广告（你在其隐私设置中的选择）');
  // Nothing this version has words for: the engine's sentence.
  assert.equal(await sentence('en', { ...optedOut, optOuts: ['everything', 7] }), 'engine');
});
