// Waiting in a test for something the extension does asynchronously.

import assert from 'node:assert/strict';

/**
 * Waits for `check` to hold, trying every 100 ms; fails the test with
 * `what` when it has not by the deadline.
 * @param {() => Promise<boolean>} check
 * @param {string} what
 * @param {number} [timeoutMs]
 */
export async function eventually(check, what, timeoutMs = 5_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) {
    if (await check()) return;
  }
  assert.fail(`timed out waiting for: ${what}`);
}
