// Writes a second, smaller labelled set (tests/scenarios/holdout/): journeys
// in German, French, Spanish, Japanese and English, with topics (cars,
// cooking, hiking, pets, DIY), vendors (RTB House, AdRoll) and phrasings the
// first suite does not use. Written, with every label, before the classifier
// ever ran on them, to see how its rules do on journeys they were not tuned
// on; they then joined the suite (crate/tests/scenarios.rs).
//
// Each label follows the kinds' definitions (README), from how the journey
// is designed: the product the persona viewed is retargeted; an ad about the
// page's topic is contextual, as is a non-personalised request or an
// item-to-item widget; an ad about what the persona read a lot about
// elsewhere, or a "for you" widget once there is such reading, is
// behavioural; anything else is generic.
//
//   node tests/scenarios/make-holdout.mjs   # rewrites tests/scenarios/holdout/

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'holdout');
const enc = encodeURIComponent;
/** @param {string} s */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** @typedef {'contextual' | 'behavioural' | 'retargeted' | 'generic'} Kind */
/** @typedef {{ id: string, kind: Kind, html: string }} Item */

/** A Google Ad Manager slot. @param {string} id @param {string} text @param {string} landing @param {Kind} kind @param {boolean} [npa] */
const gpt = (id, text, landing, kind, npa = false) => ({
  id: `div-gpt-ad-${id}`,
  kind,
  html: `<div id="div-gpt-ad-${id}"><a href="${esc(`https://adclick.g.doubleclick.net/aclk?sa=L&ai=C${id}${npa ? '&npa=1' : ''}&adurl=${enc(landing)}`)}">${esc(text)}</a></div>`,
});
/** An RTB House banner in a publisher's ad box. @param {string} id @param {string} text @param {string} landing @param {Kind} kind */
const rtbHouse = (id, text, landing, kind) => ({
  id,
  kind,
  html: `<div id="${id}" class="ad-slot"><a href="${esc(`https://creativecdn.com/click?id=${id}&url=${enc(landing)}`)}"><img src="https://creativecdn.com/images/${id}.png" alt="">${esc(text)}</a></div>`,
});
/** A Criteo banner. @param {string} id @param {string} text @param {string} landing @param {Kind} kind */
const criteo = (id, text, landing, kind) => ({
  id: `crt-${id}`,
  kind,
  html: `<div id="crt-${id}"><a href="${esc(`https://cat.fr3.vip.prod.criteo.com/delivery/ckn.php?cppv=3&cpp=${id}&maxdest=${enc(landing)}`)}">${esc(text)}</a></div>`,
});
/** An AdRoll banner in a publisher's ad box. @param {string} id @param {string} text @param {string} landing @param {Kind} kind */
const adroll = (id, text, landing, kind) => ({
  id,
  kind,
  html: `<div id="${id}" class="ad-slot"><a href="${esc(`https://d.adroll.com/r/ADV77/click?url=${enc(landing)}`)}">${esc(text)}</a></div>`,
});
/** A site's own section under a heading. @param {string} id @param {string} heading @param {[string, string][]} links @param {Kind} kind */
const section = (id, heading, links, kind) => ({
  id,
  kind,
  html: `<section id="${id}"><h2>${esc(heading)}</h2><ul>${links.map(([t, u]) => `<li><a href="${esc(u)}">${esc(t)}</a></li>`).join('')}</ul></section>`,
});

/**
 * A visit's line.
 * @param {{ time: string, url: string, lang: string, title: string, text: string, items?: Item[],
 *   requests?: { url: string, type: string }[], product?: object }} v
 */
function visit(v) {
  const items = v.items ?? [];
  const ld = v.product ? `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', ...v.product })}</script>` : '';
  const paragraphs = `<p>${esc(v.text)}</p><p>${esc(v.text)}</p>`;
  const html = `<!doctype html><html lang="${v.lang}"><head><meta charset="utf-8"><title>${esc(v.title)}</title>
    <meta name="description" content="${esc(v.text.slice(0, 150))}">${ld}</head>
    <body><main><article><h1>${esc(v.title)}</h1>${paragraphs}</article></main>
    <aside>${items.map((i) => i.html).join('\n')}</aside></body></html>`;
  return { time: v.time, url: v.url, html, ...(v.requests ? { requests: v.requests } : {}), expect: Object.fromEntries(items.map((i) => [i.id, i.kind])) };
}

const criteoViewItem = (/** @type {string} */ sku) => [
  { url: 'https://static.criteo.net/js/ld/ld.js', type: 'script' },
  { url: `https://sslwidget.criteo.com/event?a=777&v=5.23.0&p0=e%3Dvi%26p%3D${sku}`, type: 'image' },
];

const DACHBOX = 'https://www.autoteile.example/produkt/dachbox-alpin-420';
const SIERRA = 'https://www.tiendamonte.example/producto/zapatillas-trail-sierra';

/** @type {Record<string, ReturnType<typeof visit>[]>} */
const JOURNEYS = {
  'de-01-roof-box-follows': [
    visit({ time: '2026-11-02T09:00:00Z', url: DACHBOX, lang: 'de', title: 'Dachbox Alpin 420 – 420 Liter für Ihr Auto',
      text: 'Die Dachbox Alpin 420 passt auf fast jedes Auto mit Dachträger. Mehr Platz für Gepäck im Urlaub, wenn der Kofferraum voll ist. Montage in zehn Minuten, abschließbar, für Skier geeignet.',
      product: { name: 'Dachbox Alpin 420', brand: { '@type': 'Brand', name: 'Alpin' }, sku: 'DA-420', offers: { '@type': 'Offer', price: '389.00', priceCurrency: 'EUR' } },
      requests: criteoViewItem('DA-420') }),
    visit({ time: '2026-11-02T20:00:00Z', url: 'https://www.nachrichten.example/sport/bundesliga-spieltag', lang: 'de', title: 'Bundesliga: Spitzenspiel endet unentschieden',
      text: 'Im Stadion sahen 80.000 Zuschauer ein spannendes Fußballspiel. Der Trainer lobte seine Mannschaft, der Stürmer traf zweimal, doch in der Nachspielzeit fiel der Ausgleich. Die Tabelle bleibt eng vor dem nächsten Spieltag.',
      items: [
        rtbHouse('rtb-de-1', 'Dachbox Alpin 420 – jetzt 10 % günstiger', DACHBOX, 'retargeted'),
        gpt('de-2', 'Kickschuh Pro: Fußballschuhe für Kunstrasen, leicht und griffig', 'https://www.fussballschuhe.example/kickschuh-pro', 'contextual'),
        gpt('de-3', 'Frische Brötchen jeden Morgen – Bäckerei Müller', 'https://www.baeckerei-mueller.example/', 'generic'),
      ] }),
    visit({ time: '2026-11-03T08:00:00Z', url: 'https://www.nachrichten.example/auto/elektroauto-test', lang: 'de', title: 'Elektroauto im Test: Reichweite im Winter',
      text: 'Wir haben fünf Elektroautos bei Kälte getestet. Die Reichweite sinkt deutlich, die Batterie lädt langsamer. Wer zu Hause eine Wallbox hat, fährt günstiger; an der Autobahn kostet das Laden mehr. Welches Fahrzeug passt zu Pendlern?',
      items: [
        gpt('de-4', 'Wallbox für Ihr Elektroauto – schnell laden in der Garage', 'https://www.ladestrom.example/wallbox', 'contextual'),
        criteo('de-5', 'Dachbox Alpin 420 – noch auf Lager', DACHBOX, 'retargeted'),
      ] }),
  ],
  'fr-01-cooking-profile': [
    ...[['boeuf-bourguignon', 'Bœuf bourguignon : la recette traditionnelle'], ['tarte-tatin', 'Tarte tatin : la recette facile'],
      ['ratatouille', 'Ratatouille au four : recette d’été']].map(([slug, title], i) => visit({
      time: `2026-11-0${2 + i}T19:00:00Z`, url: `https://www.recettes.example/recette/${slug}`, lang: 'fr', title,
      text: 'Préparez les ingrédients, faites revenir les légumes dans une cocotte, ajoutez le vin et laissez mijoter au four. Une recette de cuisine familiale pour le dîner, avec une cuisson lente et un dessert maison.' })),
    visit({ time: '2026-11-06T08:30:00Z', url: 'https://www.journal.example/politique/assemblee-budget', lang: 'fr', title: 'Budget : l’Assemblée nationale vote le texte en première lecture',
      text: 'Les députés ont adopté le projet de loi de finances après trois semaines de débat. Le gouvernement a accepté plusieurs amendements de l’opposition ; le ministre promet de réduire le déficit. Le Sénat examinera le texte en décembre.',
      items: [
        gpt('fr-1', 'Cocotte en fonte 24 cm : la cuisson lente parfaite pour vos recettes', 'https://www.cuisineplus.example/cocotte-fonte', 'behavioural'),
        { ...gpt('fr-2', 'Banque Lumière : ouvrez un compte en ligne gratuit', 'https://www.banquelumiere.example/compte', 'contextual', true) },
        section('reco-fr-3', 'Recommandé pour vous', [['Gratin dauphinois : la vraie recette', 'https://www.journal.example/cuisine/gratin'], ['Soupe à l’oignon gratinée', 'https://www.journal.example/cuisine/soupe']], 'behavioural'),
        gpt('fr-4', 'Élections : suivez les résultats en direct avec Politique Hebdo', 'https://www.politiquehebdo.example/abonnement', 'contextual'),
      ] }),
  ],
  'es-01-trail-shoes-follow': [
    visit({ time: '2026-11-04T10:00:00Z', url: SIERRA, lang: 'es', title: 'Zapatillas Trail Sierra – tienda de montaña',
      text: 'Zapatillas de trail para senderismo y carreras por montaña, con suela de agarre y membrana impermeable. Ligeras y cómodas para rutas largas.',
      product: { name: 'Zapatillas Trail Sierra', sku: 'TS-9', offers: { '@type': 'Offer', price: '119.00', priceCurrency: 'EUR' } },
      requests: [{ url: 'https://s.adroll.com/j/roundtrip.js', type: 'script' }, { url: 'https://d.adroll.com/pixel/ADV77/PIX1/?adroll_product_id=TS-9', type: 'image' }] }),
    visit({ time: '2026-11-05T18:00:00Z', url: 'https://www.blogviajes.example/rutas/picos-de-europa', lang: 'es', title: 'Picos de Europa: tres rutas de senderismo en otoño',
      text: 'Una ruta de montaña entre hayedos y cumbres: el camino sube al refugio en tres horas. Lleva agua, chubasquero y mapa; la excursión del segundo día cruza un puerto de montaña con vistas al valle.',
      items: [
        adroll('adroll-es-1', 'Zapatillas Trail Sierra: vuelve a por ellas', SIERRA, 'retargeted'),
        gpt('es-2', 'Tienda de campaña ultraligera para dos personas, ideal para montaña', 'https://www.campingpro.example/tienda-ultraligera', 'contextual'),
        gpt('es-3', 'Seguro de hogar desde 9 € al mes', 'https://www.segurocasa.example/hogar', 'generic'),
      ] }),
  ],
  'en-01-diy-shop-widgets': [
    ...[['lawn-care-autumn', 'Autumn lawn care: feed, rake and reseed'], ['compost-guide', 'How to make compost for your vegetable garden']].map(([slug, title], i) => visit({
      time: `2026-11-0${2 + i}T17:00:00Z`, url: `https://www.gardenweekly.example/guides/${slug}`, lang: 'en', title,
      text: 'Rake the lawn, spread compost on the flower beds and plant bulbs before the frost. Good soil, mulch and a little fertiliser keep the garden and the plants healthy through the winter.' })),
    visit({ time: '2026-11-05T12:00:00Z', url: 'https://www.homeshop.example/p/cordless-drill-18v', lang: 'en', title: 'Cordless drill 18V with two batteries',
      text: 'A compact cordless drill for DIY: drill and drive screws in wood, metal and masonry. Two batteries, a charger and a case included.',
      product: { name: 'Cordless drill 18V', sku: 'CD-18', offers: { '@type': 'Offer', price: '89.00', priceCurrency: 'GBP' } },
      items: [
        section('fbt', 'Frequently bought together', [['Drill bit set, 30 pieces', 'https://www.homeshop.example/p/drill-bits-30'], ['Spare 18V battery', 'https://www.homeshop.example/p/battery-18v']], 'contextual'),
        section('inspired', 'Inspired by your browsing history', [['Compost bin, 300 litres', 'https://www.homeshop.example/p/compost-bin'], ['Lawn rake', 'https://www.homeshop.example/p/lawn-rake']], 'behavioural'),
        section('bestsellers', 'Best sellers in Tools', [['Hammer', 'https://www.homeshop.example/p/hammer'], ['Tape measure', 'https://www.homeshop.example/p/tape']], 'generic'),
      ] }),
    visit({ time: '2026-11-06T12:00:00Z', url: 'https://www.homeshop.example/', lang: 'en', title: 'Home Shop – tools, garden and home',
      text: 'Everything for the home and the garden, delivered tomorrow.',
      items: [section('recent', 'Your recently viewed items', [['Cordless drill 18V', 'https://www.homeshop.example/p/cordless-drill-18v']], 'retargeted')] }),
  ],
  'ja-01-pets-profile': [
    visit({ time: '2026-11-03T21:00:00Z', url: 'https://www.petlife.example/dog/shitsuke', lang: 'ja', title: '子犬のしつけ：散歩とトイレの基本',
      text: '子犬のしつけは早めに始めましょう。散歩の練習、トイレのしつけ、ドッグフードの量、獣医での予防接種について、飼い主が知っておきたい基本をまとめました。犬との暮らしを楽しく。' }),
    visit({ time: '2026-11-04T21:00:00Z', url: 'https://www.petlife.example/cat/kenkou', lang: 'ja', title: '猫の健康：毎日のチェックポイント',
      text: '猫の健康を守るために、キャットフードと水の量、トイレの様子、毛並みを毎日確認しましょう。ペットの体調の変化に気づいたら動物病院へ。' }),
    visit({ time: '2026-11-06T07:30:00Z', url: 'https://www.keizai.example/news/kinri', lang: 'ja', title: '日銀、金融政策を据え置き　円安続く',
      text: '日本銀行は金融政策決定会合で金利の据え置きを決めた。円安と株価の上昇が続き、投資家は来年の利上げを意識している。銀行株や輸出企業の決算に注目が集まる。',
      items: [
        gpt('ja-1', 'プレミアムドッグフード　国産・無添加で愛犬の健康を', 'https://www.dogfood.example/premium', 'behavioural'),
        gpt('ja-2', 'NISAで始める投資信託　ネット証券なら手数料無料', 'https://www.netshoken.example/nisa', 'contextual'),
        section('osusume', 'あなたにおすすめ', [['猫と暮らす部屋づくり', 'https://www.keizai.example/life/neko'], ['犬の散歩グッズ特集', 'https://www.keizai.example/life/inu']], 'behavioural'),
      ] }),
  ],
};

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
let items = 0;
for (const [name, visits] of Object.entries(JOURNEYS)) {
  writeFileSync(join(OUT, `${name}.jsonl`), `${visits.map((v) => JSON.stringify(v)).join('\n')}\n`);
  items += visits.reduce((n, v) => n + Object.keys(v.expect).length, 0);
}
console.log(`${Object.keys(JOURNEYS).length} journeys, ${items} labelled items in ${OUT}`);
