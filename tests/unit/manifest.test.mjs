import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { browserManifest } from '../../extension/tools/manifest.mjs';

const source = JSON.parse(fs.readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'));

test('chrome gets a module service worker and no gecko settings', () => {
  const m = browserManifest(source, 'chrome');
  assert.deepEqual(m.background, { service_worker: 'background.js', type: 'module' });
  assert.equal(m.browser_specific_settings, undefined);
});

test('firefox gets background scripts and a gecko id with a minimum version', () => {
  const m = browserManifest(source, 'firefox');
  assert.deepEqual(m.background, { scripts: ['background.js'], type: 'module' });
  assert.match(m.browser_specific_settings.gecko.id, /@/);
  assert.ok(Number.parseFloat(m.browser_specific_settings.gecko.strict_min_version) >= 115);
  assert.equal(m.minimum_chrome_version, undefined);
});

test('both allow wasm compilation and nothing else beyond our own scripts', () => {
  for (const browser of /** @type {const} */ (['chrome', 'firefox'])) {
    const csp = browserManifest(source, browser).content_security_policy.extension_pages;
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval';/);
    assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'|https?:/);
  }
});

test('the source manifest is not modified', () => {
  browserManifest(source, 'firefox');
  assert.equal(source.background.service_worker, 'background.js');
});
