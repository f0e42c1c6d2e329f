// The saved real pages of ../shared/data/pages, each with the address it was
// saved from, and the fixture server's routes that serve them there.

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './browser.mjs';

/** Where the shared data is: ADLENS_DATA_DIR, else ../shared/data beside the checkout. */
export const DATA_DIR = process.env.ADLENS_DATA_DIR ?? path.resolve(ROOT, '../shared/data');

/**
 * @typedef {{ url: string, file: string, bytes: number }} RealPage
 */

/**
 * The saved pages with ads (not the negatives), largest first.
 * @param {string[] | null} only host words: keep the pages whose host holds one of them (null: all)
 * @returns {RealPage[]}
 */
export function realPages(only = null) {
  const manifest = JSON.parse(fs.readFileSync(path.join(DATA_DIR, 'pages/manifest.json'), 'utf8'));
  return manifest
    .filter((/** @type {any} */ p) => p.original_url && !p.file.startsWith('negatives/'))
    .map((/** @type {any} */ p) => ({ url: absolute(p.original_url), file: path.join(DATA_DIR, 'pages', p.file), bytes: p.bytes }))
    .sort((/** @type {RealPage} */ a, /** @type {RealPage} */ b) => b.bytes - a.bytes)
    .filter((/** @type {RealPage} */ p) => !only || only.some((word) => new URL(p.url).host.includes(word)));
}

/** @param {string} url as saved (some are scheme-relative) */
function absolute(url) {
  return url.startsWith('//') ? `https:${url}` : url;
}

/**
 * The fixture server's routes for the pages, under both schemes (some saved
 * pages move themselves to https:// when they load).
 * @param {RealPage[]} pages
 * @returns {Map<string, string>}
 */
export function routesFor(pages) {
  return new Map(pages.flatMap((p) => ['http:', 'https:'].map((scheme) => [p.url.replace(/^https?:/, scheme), p.file])));
}

/** Host words from ADLENS_BENCH_PAGES (`kotaku,yahoo`), or null for every page. */
export function benchPageWords() {
  return process.env.ADLENS_BENCH_PAGES?.split(',').filter(Boolean) ?? null;
}
