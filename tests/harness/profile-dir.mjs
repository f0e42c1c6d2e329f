// Removing a browser's profile once the browser is closed. Its helper
// processes can outlive the main one by a moment, still writing there: in
// CI, Chromium's profile once failed to go with ENOTEMPTY after five quick
// retries, which failed a test whose checks had all passed and left its
// fixture server open until the file timed out.

import fs from 'node:fs';

/** How long to keep trying. */
const GIVE_UP_MS = 10_000;

/**
 * Removes `dir`, trying again while something is still writing there; a
 * directory that will not go is left to the system's temporary files, said.
 * @param {string} dir
 */
export async function removeProfile(dir) {
  for (const deadline = Date.now() + GIVE_UP_MS; ;) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        console.warn(`[harness] ${dir} left behind: ${error instanceof Error ? error.message : error}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
