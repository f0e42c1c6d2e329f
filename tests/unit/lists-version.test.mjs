import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isNewer } from '../../extension/background/lists-version.js';

const info = (/** @type {string} */ easylist, /** @type {string | null} */ easyprivacy) => ({
  lists: [{ name: 'easylist', version: easylist }, { name: 'easyprivacy', version: easyprivacy }],
});

test('downloaded lists win only when newer than the bundled ones', () => {
  const bundled = info('202608130520', '202608130529');
  assert.equal(isNewer(info('202609010000', '202609010000'), bundled), true);
  assert.equal(isNewer(info('202608130520', '202608140000'), bundled), true, 'one newer, one the same');
  assert.equal(isNewer(bundled, bundled), false, 'the same lists: keep the bundled');
  assert.equal(isNewer(info('202607010000', '202609010000'), bundled), false, 'one older: an extension update brought newer lists');
  assert.equal(isNewer(info('202609010000', null), bundled), false, 'an unknown version never wins');
});
