#!/usr/bin/env node
// Builds the extension for Chrome and Firefox from the one manifest.json:
//   1. the Rust engine for wasm32 (cargo is incremental),
//   2. wasm-bindgen --target web, then wasm-opt when present; both skipped
//      when the compiled wasm has not changed since the last build,
//   3. the filter-list snapshots of EasyList + EasyPrivacy, from
//      ADLENS_LISTS_DIR, else ../shared/data/lists beside the checkout, else
//      downloaded from the lists' official URLs: one compiled by the wasm
//      engine itself for the extension, one by the native `adlens
//      compile-lists` for the CLI (snapshots are pointer-width specific);
//      each skipped when neither the lists nor its compiler changed,
//   4. dist/chrome and dist/firefox: the shell's files, each content script
//      bundled into one classic script and the background's and each
//      page's script into one ES module, the snapshot, each browser's
//      manifest,
//   5. store-ready zips dist/adlens-<browser>-<version>.zip.
// Usage: node extension/tools/build.mjs

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { browserManifest } from './manifest.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const extension = path.join(root, 'extension');
const dist = path.join(root, 'dist');
const engineOut = path.join(extension, 'engine');
const wasmIn = path.join(root, 'target/wasm32-unknown-unknown/wasm/adlens.wasm');
const dataOut = path.join(root, 'target/adlens-data');
/** Where each list comes from when no local copy is given. */
export const LIST_URLS = {
  'easylist.txt': 'https://easylist.to/easylist/easylist.txt',
  'easyprivacy.txt': 'https://easylist.to/easylist/easyprivacy.txt',
};
/** AdGuard's companies database (CC BY-SA 4.0), when no local copy is given. */
export const TRACKER_DB_URLS = {
  'trackers.json': 'https://raw.githubusercontent.com/AdguardTeam/companiesdb/main/dist/trackers.json',
  'companies.json': 'https://raw.githubusercontent.com/AdguardTeam/companiesdb/main/dist/companies.json',
};
/**
 * The content scripts, each bundled (buildShell), with the banner it
 * carries: V8's compile hint, or none.
 */
const CONTENT_SCRIPTS = {
  'content.js': '//# allFunctionsCalledOnLoad',
  'content-hold.js': '//# allFunctionsCalledOnLoad',
  'content-frame.js': '',
};
/**
 * The background's and the extension pages' scripts, each bundled with the
 * modules it imports into one ES module: a module waits for its whole
 * graph, each module a request of its own, before it runs. The popup's
 * eight modules took a quarter of its opening (tests/bench/popup.mjs: 86 →
 * 71 ms median, side by side); loading the background's 28 one by one, a
 * stopped worker's top level finished 40 ms after the worker started,
 * against 23 bundled (median of 30 starts each, side by side). Files are
 * found by `chrome.runtime.getURL`, not relative to a module's URL, which
 * bundling changes.
 */
const MODULE_SCRIPTS = ['background.js', 'popup.js', 'options.js', 'panel.js'];
/** Shell files that are not copied as they are. */
const SKIP = new Set(['tools', 'content', ...Object.keys(CONTENT_SCRIPTS), ...MODULE_SCRIPTS]);

const started = Date.now();
/** @param {string} step */
const log = (step) => console.log(`[build ${((Date.now() - started) / 1000).toFixed(1)}s] ${step}`);

/**
 * @param {string} cmd
 * @param {string[]} args
 */
function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
}


function buildEngine() {
  run('cargo', ['build', '--profile', 'wasm', '--target', 'wasm32-unknown-unknown', '-p', 'adlens', '--lib']);
  const digest = createHash('sha256').update(fs.readFileSync(wasmIn)).digest('hex');
  const stampFile = path.join(engineOut, '.source-sha256');
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === digest) {
    log('engine unchanged: wasm-bindgen and wasm-opt skipped');
    return;
  }
  fs.rmSync(engineOut, { recursive: true, force: true });
  run('wasm-bindgen', ['--target', 'web', '--out-dir', engineOut, '--out-name', 'adlens', wasmIn]);
  const wasm = path.join(engineOut, 'adlens_bg.wasm');
  // The npm binaryen package pins a wasm-opt new enough for wasm-bindgen's
  // externref table; Debian 12's binaryen 108 corrupts it (the module then
  // fails with "Table.set(): Argument 1 is invalid").
  const wasmOpt = path.join(root, 'node_modules/.bin/wasm-opt');
  if (fs.existsSync(wasmOpt)) {
    run(wasmOpt, ['-Oz', '--enable-reference-types', '--enable-multivalue', '--enable-bulk-memory', '--enable-nontrapping-float-to-int',
      '--enable-sign-ext', '--enable-mutable-globals', '--strip-debug', '--strip-producers', wasm, '-o', wasm]);
  } else {
    log('wasm-opt not found (npm install): shipping the unoptimised module');
  }
  fs.writeFileSync(stampFile, digest);
}

/**
 * Where a build-time input lives: the directory named by `envVar`, else the
 * shared reference data beside the checkout, else a download of `urls` into
 * target/ (checked by `looksRight` before it is kept).
 * @param {string} envVar
 * @param {string} sharedDir relative to ../shared/data
 * @param {Record<string, string>} urls file name → official URL
 * @param {(text: string) => boolean} looksRight
 * @returns {Promise<string>}
 */
async function inputDir(envVar, sharedDir, urls, looksRight) {
  const files = Object.keys(urls);
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!fs.existsSync(path.join(fromEnv, files[0]))) throw new Error(`${envVar}=${fromEnv} has no ${files[0]}`);
    return fromEnv;
  }
  const shared = path.resolve(root, '../shared/data', sharedDir);
  if (fs.existsSync(path.join(shared, files[0]))) return shared;
  const cache = path.join(root, 'target/download', sharedDir);
  fs.mkdirSync(cache, { recursive: true });
  for (const [file, url] of Object.entries(urls)) {
    const target = path.join(cache, file);
    if (fs.existsSync(target)) continue;
    log(`downloading ${url}`);
    const response = await fetch(url);
    const text = await response.text();
    if (!response.ok || !looksRight(text)) throw new Error(`${url}: unexpected content (HTTP ${response.status})`);
    fs.writeFileSync(target, text);
  }
  return cache;
}

const listsDir = () => inputDir('ADLENS_LISTS_DIR', 'lists', LIST_URLS, (t) => t.startsWith('[Adblock Plus'));
const trackerDbDir = () =>
  inputDir('ADLENS_TRACKERS_DIR', 'trackers/adguard-companiesdb', TRACKER_DB_URLS, (t) => t.trimStart().startsWith('{'));

/** @returns {Promise<string>} the compact tracker database for the extension */
async function buildTrackerDb() {
  const dir = await trackerDbDir();
  const inputs = Object.keys(TRACKER_DB_URLS).map((file) => fs.readFileSync(path.join(dir, file)));
  const wasmFile = path.join(engineOut, 'adlens_bg.wasm');
  const out = path.join(dataOut, 'trackers.json');
  const { initSync, Engine } = await import(path.join(engineOut, 'adlens.js'));
  cached(out, [fs.readFileSync(wasmFile), ...inputs], () => {
    initSync({ module: fs.readFileSync(wasmFile) });
    fs.writeFileSync(out, Engine.compileTrackers(inputs[0].toString('utf8'), inputs[1].toString('utf8')));
  });
  return out;
}

/**
 * Runs `compile` into `out` unless the inputs hash as last time.
 * @param {string} out
 * @param {Buffer[]} inputs what the snapshot depends on
 * @param {() => void} compile
 */
function cached(out, inputs, compile) {
  const hash = createHash('sha256');
  for (const input of inputs) hash.update(input);
  const digest = hash.digest('hex');
  const stampFile = `${out}.sha256`;
  if (fs.existsSync(out) && fs.existsSync(stampFile) && fs.readFileSync(stampFile, 'utf8') === digest) {
    log(`${path.basename(out)} unchanged: kept`);
    return;
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  compile();
  fs.writeFileSync(stampFile, digest);
}

/** @returns {Promise<string>} the extension's (wasm32) snapshot */
async function buildListsSnapshots() {
  const dir = await listsDir();
  const lists = Object.keys(LIST_URLS).map((file) => fs.readFileSync(path.join(dir, file)));

  run('cargo', ['build', '-q', '-p', 'adlens', '--bin', 'adlens']);
  const compiler = path.join(root, 'target/debug/adlens');
  const native = path.join(dataOut, 'lists.bin');
  cached(native, [fs.readFileSync(compiler), ...lists], () =>
    run(compiler, ['compile-lists', '--lists-dir', dir, '--out', native]));

  const wasmFile = path.join(engineOut, 'adlens_bg.wasm');
  const forExtension = path.join(dataOut, 'lists-wasm32.bin');
  const { initSync, Engine } = await import(path.join(engineOut, 'adlens.js'));
  cached(forExtension, [fs.readFileSync(wasmFile), ...lists], () => {
    initSync({ module: fs.readFileSync(wasmFile) });
    const started = Date.now();
    const snapshot = Engine.compileLists(lists[0].toString('utf8'), lists[1].toString('utf8'));
    fs.writeFileSync(`${forExtension}.tmp`, snapshot);
    fs.renameSync(`${forExtension}.tmp`, forExtension);
    log(`compiled the lists in wasm into ${forExtension} (${snapshot.length} bytes) in ${Date.now() - started} ms`);
  });
  // What the bundled lists are, so the extension can tell whether lists it
  // downloaded later are newer without loading both.
  initSync({ module: fs.readFileSync(wasmFile) });
  const info = new Engine().loadLists(fs.readFileSync(forExtension));
  fs.writeFileSync(path.join(dataOut, 'lists-info.json'), `${JSON.stringify(info)}\n`);
  return forExtension;
}

/**
 * The engine's slot id prefixes, baked into the content script: it holds
 * such slots from its first instant, before any message could return.
 * @returns {Promise<string[]>}
 */
async function slotIdPrefixes() {
  const { initSync, slotIdPrefixes: prefixes } = await import(path.join(engineOut, 'adlens.js'));
  initSync({ module: fs.readFileSync(path.join(engineOut, 'adlens_bg.wasm')) });
  return prefixes();
}

/**
 * @param {'chrome' | 'firefox'} browser
 * @param {string} snapshot
 * @param {string} trackerDb
 * @param {string[]} prefixes see slotIdPrefixes
 */
async function buildShell(browser, snapshot, trackerDb, prefixes) {
  const out = path.join(dist, browser);
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  for (const entry of fs.readdirSync(extension)) {
    if (SKIP.has(entry) || entry.endsWith('.test.js')) continue;
    fs.cpSync(path.join(extension, entry), path.join(out, entry), {
      recursive: true,
      filter: (src) => !src.endsWith('.test.js') && !src.endsWith('.d.ts') && !path.basename(src).startsWith('.'),
    });
  }
  // MV3 content scripts cannot be ES modules: bundle each into one classic
  // script. The page's (content.js, run once the document is parsed)
  // carries V8's compile hint: every function compiled with the script,
  // not each at its first call, which came in the first scan (kotaku.com:
  // 2.2–3 ms of compiling on the page's thread, most of it in the scan,
  // against 0.9 ms more when the script starts; one parse, not two). Other
  // engines read a comment. The frames' does not: it is injected into the
  // top page too, where it only checks that it is not in a frame (compiled
  // whole there: 0.43–0.61 ms against 0.27–0.37). The early hold's does:
  // the page's script calls its hold's methods when labelling.
  const bundle = (/** @type {string} */ entry, /** @type {import('esbuild').BuildOptions} */ options) => esbuild.build({
    entryPoints: [path.join(extension, entry)],
    outfile: path.join(out, entry),
    bundle: true,
    target: browser === 'chrome' ? 'chrome120' : 'firefox140',
    legalComments: 'none',
    logLevel: 'warning',
    ...options,
  });
  await Promise.all([
    ...Object.entries(CONTENT_SCRIPTS).map(([entry, banner]) => bundle(entry, {
      format: 'iife',
      define: { __SLOT_ID_PREFIXES__: JSON.stringify(prefixes), __WORK_MARKS__: String(browser === 'chrome') },
      banner: { js: banner },
    })),
    ...MODULE_SCRIPTS.map((entry) => bundle(entry, { format: 'esm' })),
  ]);
  fs.mkdirSync(path.join(out, 'data'), { recursive: true });
  fs.copyFileSync(snapshot, path.join(out, 'data/lists.bin'));
  // The languages the options offer: every _locales folder, by its own name.
  const languages = fs.readdirSync(path.join(extension, '_locales')).sort().map((code) => {
    const messages = JSON.parse(fs.readFileSync(path.join(extension, '_locales', code, 'messages.json'), 'utf8'));
    return { code, name: messages.languageName?.message ?? code };
  });
  fs.writeFileSync(path.join(out, 'data/languages.json'), `${JSON.stringify(languages)}\n`);
  fs.copyFileSync(path.join(dataOut, 'lists-info.json'), path.join(out, 'data/lists-info.json'));
  fs.copyFileSync(trackerDb, path.join(out, 'data/trackers.json'));
  const source = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  fs.writeFileSync(path.join(out, 'manifest.json'), `${JSON.stringify(browserManifest(source, browser), null, 2)}\n`);
}

/** @param {'chrome' | 'firefox'} browser */
function zip(browser) {
  const { version } = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
  const name = `adlens-${browser}-${version}.zip`;
  run(path.join(root, 'node_modules/.bin/web-ext'), ['build', '--source-dir', path.join(dist, browser),
    '--artifacts-dir', dist, '--filename', name, '--overwrite-dest']);
}

buildEngine();
log('engine built');
const snapshot = await buildListsSnapshots();
const trackerDb = await buildTrackerDb();
log('filter-list snapshots and tracker database ready');
const prefixes = await slotIdPrefixes();
await Promise.all([buildShell('chrome', snapshot, trackerDb, prefixes), buildShell('firefox', snapshot, trackerDb, prefixes)]);
log('dist/chrome and dist/firefox written');
zip('chrome');
zip('firefox');
const wasmBytes = fs.statSync(path.join(engineOut, 'adlens_bg.wasm')).size;
log(`done: engine ${(wasmBytes / 1024).toFixed(0)} kB`);
