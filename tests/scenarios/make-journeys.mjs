// Writes the labelled scenario suite: browsing journeys in English, Polish
// and Chinese (Simplified), in the `adlens replay` format, each visit with the
// kind every ad or widget on it should get (`expect`: element id → kind).
//
// The kind of each item follows from how the journey was designed, by the
// definitions in the README (not from what the engine answers): an ad for a
// product the persona viewed is retargeted, an ad about the page's topic is
// contextual, an ad about a topic the persona read a lot about elsewhere is
// behavioural, anything else is generic.
//
//   node tests/scenarios/make-journeys.mjs   # rewrites tests/scenarios/journeys/

import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CONTENT } from './content.mjs';

const OUT = join(dirname(fileURLToPath(import.meta.url)), 'journeys');

/** @typedef {import('./content.mjs').Creative} Creative */
/** @typedef {import('./content.mjs').LanguagePack} Lang */
/** @typedef {'contextual' | 'behavioural' | 'retargeted' | 'generic'} Kind */
/** @typedef {{ id: string, html: string, kind: Kind }} Item */
/** @typedef {{ time: string, url: string, html: string, requests?: { url: string, type: string }[], expect: Record<string, Kind> }} Visit */

const enc = encodeURIComponent;
/** @param {string} s */
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// ---------------------------------------------------------------- items

/** A Google Ad Manager slot whose creative links through Google's click server. */
/**
 * @param {string} id
 * @param {Creative} creative
 * @param {Kind} kind
 * @param {{ npa?: boolean }} [options]
 * @returns {Item}
 */
function gpt(id, creative, kind, { npa = false } = {}) {
  const click = `https://adclick.g.doubleclick.net/aclk?sa=L&ai=C${id}${npa ? '&npa=1' : ''}&adurl=${enc(creative.url)}`;
  return {
    id: `div-gpt-ad-${id}`,
    kind,
    html: `<div id="div-gpt-ad-${id}" class="ad-slot" data-google-query-id="Q${id}">
      <a href="${esc(click)}"><img src="https://tpc.googlesyndication.com/simgad/${id}.jpg" alt=""><span>${esc(creative.text)}</span></a></div>`,
  };
}

/** An AdSense unit: the request (with npa=1 when non-personalised) is the frame's URL. */
/**
 * @param {string} id
 * @param {Creative} creative
 * @param {Kind} kind
 * @param {{ npa?: boolean }} [options]
 * @returns {Item}
 */
function adsense(id, creative, kind, { npa = false } = {}) {
  const request = `https://googleads.g.doubleclick.net/pagead/ads?client=ca-pub-1234&output=html&slotname=${id}${npa ? '&npa=1' : ''}`;
  const click = `https://www.googleadservices.com/pagead/aclk?sa=L&ai=D${id}&adurl=${enc(creative.url)}`;
  return {
    id: `ads-${id}`,
    kind,
    html: `<ins id="ads-${id}" class="adsbygoogle" style="display:block" data-ad-client="ca-pub-1234" data-ad-slot="${id}">
      <iframe src="${esc(request)}" width="300" height="250" title="Advertisement"></iframe>
      <a href="${esc(click)}">${esc(creative.text)}</a></ins>`,
  };
}

/** A Criteo banner: its click server carries the landing page in `maxdest`. */
/**
 * @param {string} id
 * @param {Creative} creative
 * @param {Kind} kind
 * @returns {Item}
 */
function criteo(id, creative, kind) {
  const click = `https://cat.fr3.vip.prod.criteo.com/delivery/ckn.php?cppv=3&cpp=${id}&maxdest=${enc(creative.url)}`;
  return {
    id: `crt-${id}`,
    kind,
    html: `<div id="crt-${id}" class="crt-banner"><a href="${esc(click)}">
      <img src="https://static.criteo.net/images/produits/${id}.jpg" alt="${esc(creative.text)}"><p>${esc(creative.text)}</p></a></div>`,
  };
}

/** An RTB House banner. */
/**
 * @param {string} id
 * @param {Creative} creative
 * @param {Kind} kind
 * @returns {Item}
 */
function rtbHouse(id, creative, kind) {
  const click = `https://www.creativecdn.com/click?id=${id}&url=${enc(creative.url)}`;
  return {
    id: `rtb-${id}`,
    kind,
    html: `<div id="rtb-${id}" class="ad-container"><iframe src="https://creativecdn.com/ads?id=${id}" title="ad"></iframe>
      <a href="${esc(click)}">${esc(creative.text)}</a></div>`,
  };
}

/** A Taboola block of sponsored links. */
/**
 * @param {string} id
 * @param {string} heading
 * @param {Creative[]} links
 * @param {Kind} kind
 * @returns {Item}
 */
function taboola(id, heading, links, kind) {
  const items = links
    .map((l, i) => `<a class="item" href="https://trc.taboola.com/${id}/click?item=${i}&redir=${enc(l.url)}">${esc(l.text)}</a>`)
    .join('\n      ');
  return {
    id: `taboola-${id}`,
    kind,
    html: `<div id="taboola-${id}" class="trc_related_container"><div class="trc_header">${esc(heading)}</div>
      ${items}</div>`,
  };
}

/** An Outbrain block. */
/**
 * @param {string} id
 * @param {string} heading
 * @param {Creative[]} links
 * @param {Kind} kind
 * @returns {Item}
 */
function outbrain(id, heading, links, kind) {
  const items = links.map((l) => `<a href="https://paid.outbrain.com/network/redir?p=${id}&url=${enc(l.url)}">${esc(l.text)}</a>`).join('\n      ');
  return {
    id: `outbrain-${id}`,
    kind,
    html: `<div id="outbrain-${id}" class="OUTBRAIN" data-widget-id="AR_${id}"><h3>${esc(heading)}</h3>
      ${items}</div>`,
  };
}

/** A shop's own widget: a section under a heading, linking within the shop. */
/**
 * @param {string} id
 * @param {string} heading
 * @param {Creative[]} links
 * @param {Kind} kind
 * @returns {Item}
 */
function section(id, heading, links, kind) {
  const items = links.map((l) => `<li><a href="${esc(l.url)}">${esc(l.text)}</a></li>`).join('');
  return { id, kind, html: `<section id="${id}" class="widget"><h2>${esc(heading)}</h2><ul>${items}</ul></section>` };
}

/** A sponsored product tile among search results. */
/**
 * @param {string} id
 * @param {string} label
 * @param {Creative} creative
 * @param {Kind} kind
 * @returns {Item}
 */
function tile(id, label, creative, kind) {
  return {
    id,
    kind,
    html: `<li id="${id}" class="product-tile"><span class="sponsored-label">${esc(label)}</span>
      <a href="${esc(creative.url)}">${esc(creative.text)}</a></li>`,
  };
}

// ---------------------------------------------------------------- pages

/**
 * @param {{ lang: string, title: string, description?: string, main: string, aside?: Item[], items?: Item[], head?: string }} page
 */
function html(page) {
  const items = page.items ?? [];
  const aside = page.aside ?? [];
  return `<!doctype html><html lang="${page.lang}"><head><meta charset="utf-8"><title>${esc(page.title)}</title>
    <meta name="description" content="${esc(page.description ?? '')}">${page.head ?? ''}</head>
    <body><header><nav><a href="/">Home</a></nav></header>
    <main>${page.main}
    ${items.map((i) => i.html).join('\n    ')}</main>
    <aside>${aside.map((i) => i.html).join('\n    ')}</aside>
    <footer><p>© 2026</p></footer></body></html>`;
}

/**
 * The products of a shop topic.
 * @param {Lang} L
 * @param {string} topic
 */
function products(L, topic) {
  const list = L.topics[topic].products;
  if (!list) throw new Error(`topic ${topic} has no products`);
  return list;
}

/** @param {Item[]} items */
const expect = (items) => Object.fromEntries(items.map((i) => [i.id, i.kind]));

/**
 * A news-style article about `topic`, with `items` placed in and beside it.
 * @param {Lang} L
 * @param {string} site
 * @param {string} path
 * @param {string} topic
 * @param {Item[]} items
 * @param {string} time
 * @param {number} [variant]
 * @returns {Visit}
 */
function articleVisit(L, site, path, topic, items, time, variant = 0) {
  const a = L.topics[topic].article;
  const title = variant ? `${a.title} (${variant})` : a.title;
  const [first, ...rest] = items;
  const main = `<article><h1>${esc(title)}</h1><p>${esc(a.text)}</p>${first ? first.html : ''}<p>${esc(a.text)}</p></article>`;
  return {
    time,
    url: `https://${site}${path}`,
    html: html({ lang: L.lang, title, description: a.text.split(/[.。]/)[0], main, aside: rest }),
    expect: expect(items),
  };
}

/**
 * A product page with schema.org JSON-LD, and the shop's tags firing.
 * @param {Lang} L
 * @param {string} shop
 * @param {string} topic
 * @param {number} index
 * @param {Item[]} items
 * @param {string} time
 * @param {boolean} [tags]
 * @returns {Visit}
 */
function productVisit(L, shop, topic, index, items, time, tags = true) {
  const p = products(L, topic)[index];
  const url = `https://${shop}/p/${p.slug}`;
  const ld = JSON.stringify({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: p.name,
    brand: { '@type': 'Brand', name: p.brand },
    sku: `${p.slug.toUpperCase()}-1`,
    offers: { '@type': 'Offer', price: p.price, priceCurrency: 'EUR' },
  });
  const requests = tags
    ? [
        { url: 'https://static.criteo.net/js/ld/ld.js', type: 'script' },
        { url: `https://sslwidget.criteo.com/event?a=4242&v=5.23.0&p0=${enc('e=exd&site_type=d')}&p1=${enc(`e=vi&p=${p.slug.toUpperCase()}-1`)}`, type: 'image' },
        { url: `https://googleads.g.doubleclick.net/pagead/viewthroughconversion/98765/?random=1&data=${enc(`ecomm_prodid=${p.slug};ecomm_pagetype=product`)}`, type: 'image' },
      ]
    : [];
  const main = `<div class="product-detail"><h1>${esc(p.name)}</h1><p class="brand">${esc(p.brand)}</p><p>${esc(p.text)}</p>
    <p class="price">${p.price}</p><button>Add to basket</button></div>`;
  return {
    time,
    url,
    requests,
    html: html({
      lang: L.lang,
      title: `${p.name} — ${shop}`,
      description: p.text,
      main,
      items,
      head: `<script type="application/ld+json">${ld}</script><link rel="canonical" href="${url}">`,
    }),
    expect: expect(items),
  };
}

/**
 * A shop's home or category page (no product), with its tags.
 * @param {Lang} L
 * @param {string} shop
 * @param {string} path
 * @param {string} topic
 * @param {Item[]} items
 * @param {string} time
 * @returns {Visit}
 */
function shopPageVisit(L, shop, path, topic, items, time) {
  const list = products(L, topic).map((p) => `<li><a href="/p/${p.slug}">${esc(p.name)}</a> <span>${esc(p.text)}</span></li>`).join('');
  return {
    time,
    url: `https://${shop}${path}`,
    requests: [
      { url: 'https://static.criteo.net/js/ld/ld.js', type: 'script' },
      { url: `https://sslwidget.criteo.com/event?a=4242&p0=${enc('e=vh')}`, type: 'image' },
      { url: `https://creativecdn.com/tags?id=pr_shop42_home&ts=1`, type: 'image' },
    ],
    html: html({ lang: L.lang, title: `${shop}`, description: products(L, topic)[0].text, main: `<h1>${esc(shop)}</h1><ul class="catalogue">${list}</ul>`, items }),
    expect: expect(items),
  };
}

/**
 * A shop's search results, with sponsored tiles among them.
 * @param {Lang} L
 * @param {string} shop
 * @param {string} topic
 * @param {string} query
 * @param {Item[]} tiles
 * @param {string} time
 * @returns {Visit}
 */
function searchVisit(L, shop, topic, query, tiles, time) {
  const results = products(L, topic).map((p) => `<li class="result"><a href="/p/${p.slug}">${esc(p.name)}</a><p>${esc(p.text)}</p></li>`).join('');
  const main = `<h1>${esc(L.headings.search)} ${esc(query)}</h1><ul class="results">${tiles.map((t) => t.html).join('')}${results}</ul>`;
  return {
    time,
    url: `https://${shop}/search?q=${enc(query)}`,
    html: html({ lang: L.lang, title: `${query} — ${shop}`, main }),
    expect: expect(tiles),
  };
}

// ---------------------------------------------------------------- journeys

/**
 * A clock for a journey: each call moves it on by `minutes`.
 * @param {string} start
 */
function clock(start) {
  let t = Date.parse(start);
  return (minutes = 20) => {
    t += minutes * 60_000;
    return new Date(t).toISOString().replace('.000Z', 'Z');
  };
}

/**
 * Products of a shop topic as first-party links.
 * @param {Lang} L
 * @param {string} shop
 * @param {string} topic
 * @param {number} [skip]
 */
const productLinks = (L, shop, topic, skip = -1) =>
  products(L, topic).filter((_, i) => i !== skip).map((p) => ({ text: p.name, url: `https://${shop}/p/${p.slug}` }));

/**
 * The journeys for one language. `s` names the sites and topics: the shop's
 * topic, the persona's other interest, page topics and an unrelated topic.
 */
/**
 * @typedef {{ shop: string, shopTopic: string, query: string, news: string, interest: string, interest2: string,
 *   pages: string[], unrelated: string, topicSites: Record<string, string> }} Suite
 * @param {string} code
 * @param {Suite} s
 */
function journeys(code, s) {
  const L = CONTENT[code];
  /** @type {(topic: string, i?: number) => Creative} */
  const ad = (topic, i = 0) => L.topics[topic].ads[i];
  /** @param {number} i */
  const brand = (i) => L.brandAds[i % L.brandAds.length];
  /** @param {number} i */
  const product = (i) => products(L, s.shopTopic)[i];
  /** @param {number} i */
  const productAd = (i) => ({ text: `${product(i).name} — ${product(i).text}`, url: `https://${s.shop}/p/${product(i).slug}?utm_source=criteo` });
  const h = L.headings;
  /** @type {Record<string, Visit[]>} */
  const out = {};

  // 1. A product viewed on a shop follows the persona to the news.
  {
    const t = clock('2026-11-02T08:00:00Z');
    out[`${code}-01-product-follows`] = [
      productVisit(L, s.shop, s.shopTopic, 0, [
        section('also-viewed', h.alsoViewed, productLinks(L, s.shop, s.shopTopic, 0), 'contextual'),
        section('trending', h.trending, productLinks(L, s.shop, s.shopTopic, 0), 'generic'),
      ], t()),
      articleVisit(L, s.news, '/a/101', s.pages[0], [
        criteo('a1', productAd(0), 'retargeted'),
        gpt('a2', ad(s.pages[0]), 'contextual'),
        adsense('a3', brand(0), 'generic'),
        gpt('a4', ad(s.unrelated), 'generic'),
      ], t(90)),
      articleVisit(L, s.news, '/a/102', s.pages[1], [
        criteo('b1', productAd(0), 'retargeted'),
        gpt('b2', { text: brand(1).text, url: `https://${s.shop}/?utm_campaign=winter` }, 'retargeted'),
        adsense('b3', ad(s.pages[1]), 'contextual'),
        outbrain('b4', h.aroundWeb, [brand(0), brand(2)], 'generic'),
      ], t(60 * 24)),
    ];
  }

  // 2. Reading about one topic for days makes its ads behavioural elsewhere.
  for (const [n, interest, pages, start] of /** @type {[string, string, string[], string][]} */ ([
    ['02', s.interest, [s.pages[0], s.pages[2]], '2026-11-03T18:00:00Z'],
    ['03', s.interest2, [s.pages[1], s.pages[0]], '2026-11-05T07:30:00Z'],
  ])) {
    const t = clock(start);
    const site = s.topicSites[interest];
    out[`${code}-${n}-interest-${interest}`] = [
      articleVisit(L, site, '/guide/1', interest, [gpt(`${n}p1`, ad(interest, 0), 'contextual')], t(), 1),
      articleVisit(L, site, '/guide/2', interest, [adsense(`${n}p2`, ad(interest, 1), 'contextual')], t(60 * 5), 2),
      articleVisit(L, `blog.${site}`, '/post/3', interest, [gpt(`${n}p3`, brand(2), 'generic')], t(60 * 20), 3),
      articleVisit(L, s.news, `/a/${n}4`, pages[0], [
        gpt(`${n}n1`, ad(interest, 0), 'behavioural'),
        adsense(`${n}n2`, ad(pages[0], 0), 'contextual'),
        gpt(`${n}n3`, brand(0), 'generic'),
        taboola(`${n}n4`, h.sponsored, [ad(interest, 0), ad(interest, 1)], 'behavioural'),
        gpt(`${n}n5`, ad(s.unrelated, 1), 'generic'),
      ], t(60 * 26)),
      articleVisit(L, s.news, `/a/${n}5`, pages[1], [
        adsense(`${n}m1`, ad(interest, 1), 'behavioural'),
        gpt(`${n}m2`, ad(pages[1], 0), 'contextual'),
        gpt(`${n}m3`, ad(interest, 0), 'contextual', { npa: true }),
        adsense(`${n}m4`, brand(1), 'generic'),
      ], t(60 * 3)),
    ];
  }

  // 3. A first visit: nothing is known yet, so nothing is personal.
  {
    const t = clock('2026-11-06T12:00:00Z');
    out[`${code}-04-first-visit`] = [
      articleVisit(L, s.news, '/a/401', s.pages[1], [
        gpt('f1', ad(s.pages[1], 1), 'contextual'),
        section('for-you', h.forYou, [{ text: L.topics[s.pages[2]].article.title, url: `https://${s.news}/a/9` }], 'generic'),
        gpt('f2', ad(s.unrelated, 0), 'generic'),
        adsense('f3', ad(s.unrelated, 1), 'contextual', { npa: true }),
        outbrain('f4', h.aroundWeb, [ad(s.pages[1], 0), ad(s.pages[1], 1)], 'contextual'),
      ], t()),
      articleVisit(L, s.news, '/a/402', s.pages[2], [
        gpt('g1', ad(s.pages[2], 0), 'contextual'),
        adsense('g2', brand(2), 'generic'),
        gpt('g3', ad(s.unrelated, 1), 'generic'),
        taboola('g4', h.aroundWeb, [brand(1), brand(2)], 'generic'),
      ], t(15)),
    ];
  }

  // 4. The shop's own widgets while browsing it.
  {
    const t = clock('2026-11-07T19:00:00Z');
    /** @param {number} skip */
    const links = (skip) => productLinks(L, s.shop, s.shopTopic, skip);
    out[`${code}-05-shop-widgets`] = [
      productVisit(L, s.shop, s.shopTopic, 0, [
        section('also-viewed', h.alsoViewed, links(0), 'contextual'),
        section('bought-together', h.together, links(0), 'contextual'),
        section('trending', h.trending, links(0), 'generic'),
      ], t()),
      productVisit(L, s.shop, s.shopTopic, 1, [
        section('recently-viewed', h.recent, links(1).slice(0, 1), 'retargeted'),
        section('also-viewed', h.alsoViewed, links(1), 'contextual'),
      ], t(4)),
      productVisit(L, s.shop, s.shopTopic, 2, [
        section('recently-viewed', h.recent, links(2), 'retargeted'),
        section('bought-together', h.together, links(2), 'contextual'),
      ], t(3)),
      shopPageVisit(L, s.shop, '/', s.shopTopic, [
        section('for-you', h.forYou, links(-1), 'behavioural'),
        section('trending', h.trending, links(-1), 'generic'),
        section('recently-viewed', h.recent, links(-1), 'retargeted'),
      ], t(5)),
    ];
  }

  // 5. Sponsored tiles among a shop's search results.
  {
    const t = clock('2026-11-08T10:00:00Z');
    /** @param {number} i */
    const p = (i) => ({ text: `${product(i).name}: ${product(i).text}`, url: `https://${s.shop}/p/${product(i).slug}` });
    out[`${code}-06-search-tiles`] = [
      searchVisit(L, s.shop, s.shopTopic, s.query, [
        tile('sp-1', h.sponsored, p(1), 'contextual'),
        tile('sp-2', h.sponsored, { text: ad(s.shopTopic, 0).text, url: ad(s.shopTopic, 0).url }, 'contextual'),
        tile('sp-3', h.sponsored, { text: brand(0).text, url: brand(0).url }, 'generic'),
        tile('sp-4', h.sponsored, ad(s.unrelated, 0), 'generic'),
      ], t()),
    ];
  }

  // 6. A shop browsed, not a product: the shop follows, by RTB House and Google.
  {
    const t = clock('2026-11-09T09:00:00Z');
    const sale = { text: `${s.shop} −30%`, url: `https://www.${s.shop}/sale` };
    out[`${code}-07-shop-follows`] = [
      shopPageVisit(L, s.shop, '/', s.shopTopic, [], t()),
      shopPageVisit(L, s.shop, '/c/all', s.shopTopic, [], t(6)),
      articleVisit(L, s.news, '/a/701', s.pages[0], [
        rtbHouse('r1', sale, 'retargeted'),
        gpt('r2', { text: brand(2).text, url: `https://${s.shop}/` }, 'retargeted'),
        adsense('r3', ad(s.pages[0], 1), 'contextual'),
        gpt('r4', ad(s.unrelated, 1), 'generic'),
        criteo('r5', productAd(1), 'retargeted'),
      ], t(60 * 30)),
    ];
  }

  // 7. A week of mixed browsing, then one page with every kind.
  {
    const t = clock('2026-11-10T07:00:00Z');
    const site = s.topicSites[s.interest];
    out[`${code}-08-mixed-week`] = [
      articleVisit(L, site, '/guide/11', s.interest, [], t(), 4),
      productVisit(L, s.shop, s.shopTopic, 2, [], t(60 * 24)),
      articleVisit(L, site, '/guide/12', s.interest, [], t(60 * 24), 5),
      articleVisit(L, `blog.${site}`, '/post/13', s.interest, [], t(60 * 24), 6),
      articleVisit(L, s.news, '/a/801', s.pages[2], [
        criteo('x1', productAd(2), 'retargeted'),
        gpt('x2', ad(s.interest, 1), 'behavioural'),
        adsense('x3', ad(s.pages[2], 1), 'contextual'),
        gpt('x4', brand(0), 'generic'),
        taboola('x5', h.aroundWeb, [ad(s.pages[2], 0), ad(s.pages[2], 1)], 'contextual'),
        gpt('x6', ad(s.pages[2], 0), 'contextual', { npa: true }),
      ], t(60 * 48)),
    ];
  }
  return out;
}

const SUITES = {
  en: {
    shop: 'trailshop.example',
    shopTopic: 'running',
    query: 'running shoes',
    news: 'dailyherald.example',
    interest: 'travel',
    interest2: 'food',
    pages: ['politics', 'finance', 'tech'],
    unrelated: 'pets',
    topicSites: { travel: 'islandhopper.example', food: 'weeknightcook.example' },
  },
  pl: {
    shop: 'elektromarket.example',
    shopTopic: 'tech',
    query: 'laptop',
    news: 'gazetaporanna.example',
    interest: 'running',
    interest2: 'pets',
    pages: ['finance', 'politics', 'food'],
    unrelated: 'travel',
    topicSites: { running: 'biegamy.example', pets: 'psiaki.example' },
  },
  zh: {
    shop: 'jiaju-shop.example',
    shopTopic: 'home',
    query: '沙发',
    news: 'chenbao.example',
    interest: 'tech',
    interest2: 'travel',
    pages: ['politics', 'food', 'finance'],
    unrelated: 'pets',
    topicSites: { tech: 'shuma-pingce.example', travel: 'lvxing-gonglue.example' },
  },
};

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
let visits = 0;
let items = 0;
for (const [code, suite] of Object.entries(SUITES)) {
  for (const [name, journey] of Object.entries(journeys(code, suite))) {
    writeFileSync(join(OUT, `${name}.jsonl`), journey.map((v) => JSON.stringify(v)).join('\n') + '\n');
    visits += journey.length;
    items += journey.reduce((n, v) => n + Object.keys(v.expect).length, 0);
  }
}
console.log(`${readdirSync(OUT).length} journeys, ${visits} visits, ${items} labelled items in ${OUT}`);
