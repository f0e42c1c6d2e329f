#!/usr/bin/env node
// Runs every test layer in order and prints how many tests each ran:
// formatting, lints, the wasm build, Rust tests, the JS type-check, JS unit
// tests, web-ext lint on the Firefox build, and end-to-end tests in Chromium.
// Exits non-zero when any layer fails. Run through `npm test`, which first
// installs what is missing (tests/tools/setup.sh).

import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const bin = (/** @type {string} */ name) => path.join(root, 'node_modules/.bin', name);

/**
 * @typedef {{ name: string, cmd: string, args: string[], count?: (output: string) => { passed: number, failed: number }, needsBuild?: boolean }} Layer
 * @typedef {{ name: string, passed: number, failed: number, seconds: number, note: string }} Result
 */

/** @param {string} out */
function cargoCounts(out) {
  let passed = 0;
  let failed = 0;
  for (const m of out.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  return { passed, failed };
}

/** @param {string} out TAP from node --test */
function tapCounts(out) {
  const pick = (/** @type {string} */ key) => Number(out.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: pick('pass'), failed: pick('fail') + pick('cancelled') };
}

/** @param {string} out web-ext lint --output=json */
function lintCounts(out) {
  try {
    const report = JSON.parse(out.slice(out.indexOf('{')));
    const { errors, warnings } = report.summary;
    for (const item of [...report.errors, ...report.warnings]) console.log(`  ${item.code}: ${item.message} (${item.file ?? ''})`);
    return { passed: errors + warnings === 0 ? 1 : 0, failed: errors + warnings };
  } catch {
    return { passed: 0, failed: 1 };
  }
}

/** @type {Layer[]} */
const layers = [
  { name: 'cargo fmt --check', cmd: 'cargo', args: ['fmt', '--all', '--', '--check'] },
  { name: 'cargo clippy (native)', cmd: 'cargo', args: ['clippy', '--workspace', '--all-targets', '--', '-D', 'warnings'] },
  { name: 'Rust tests', cmd: 'cargo', args: ['test', '--workspace'], count: cargoCounts },
  { name: 'wasm32 build + extension', cmd: 'node', args: ['extension/tools/build.mjs'] },
  { name: 'cargo clippy (wasm32)', cmd: 'cargo', args: ['clippy', '-p', 'adlens', '--lib', '--target', 'wasm32-unknown-unknown', '--', '-D', 'warnings'], needsBuild: true },
  { name: 'tsc --checkJs (strict)', cmd: bin('tsc'), args: ['-p', '.'], needsBuild: true },
  { name: 'JS unit tests', cmd: 'node', args: ['--test', '--test-reporter=tap', 'tests/unit/'], count: tapCounts, needsBuild: true },
  { name: 'web-ext lint (firefox)', cmd: bin('web-ext'), args: ['lint', '--source-dir', 'dist/firefox', '--output', 'json', '--no-config-discovery'], count: lintCounts, needsBuild: true },
  { name: 'browser e2e (Chromium)', cmd: 'node', args: ['--test', '--test-reporter=tap', '--test-concurrency=1', '--test-timeout=120000', 'tests/e2e/'], count: tapCounts, needsBuild: true },
  // Firefox is driven over WebDriver BiDi, with Node's own WebSocket client
  // (a flag before Node 22).
  { name: 'browser e2e (Firefox)', cmd: 'node', args: [...(typeof WebSocket === 'undefined' ? ['--experimental-websocket'] : []),
    '--test', '--test-reporter=tap', '--test-concurrency=1', '--test-timeout=120000', 'tests/e2e-firefox/'], count: tapCounts, needsBuild: true },
];

/**
 * @param {Layer} layer
 * @returns {Promise<{ code: number, output: string }>}
 */
function run(layer) {
  return new Promise((resolve) => {
    const child = spawn(layer.cmd, layer.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const quiet = layer.count === lintCounts;
    child.stdout.on('data', (d) => { output += d; if (!quiet) process.stdout.write(d); });
    child.stderr.on('data', (d) => { output += d; process.stderr.write(d); });
    child.on('error', (error) => resolve({ code: 127, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** @type {Result[]} */
const results = [];
let built = true;
for (const layer of layers) {
  console.log(`\n=== ${layer.name}`);
  if (layer.needsBuild && !built) {
    results.push({ name: layer.name, passed: 0, failed: 1, seconds: 0, note: 'not run: the build failed' });
    continue;
  }
  const start = Date.now();
  const { code, output } = await run(layer);
  const seconds = (Date.now() - start) / 1000;
  if (layer.name.startsWith('wasm32 build')) built = code === 0;
  if (layer.count) {
    const { passed, failed } = layer.count(output);
    const noTests = passed + failed === 0;
    results.push({ name: layer.name, passed, failed: failed || (code !== 0 || noTests ? 1 : 0), seconds, note: noTests ? 'no tests ran' : '' });
  } else {
    results.push({ name: layer.name, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1, seconds, note: 'check' });
  }
}

console.log('\n=== Summary');
for (const r of results) {
  const status = r.failed ? 'FAIL' : 'ok  ';
  console.log(`${status} ${r.name.padEnd(28)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.seconds.toFixed(1).padStart(7)} s ${r.note}`);
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`\ntotal: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
