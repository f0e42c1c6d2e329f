import { waitForLabels } from './tests/harness/labels.mjs';
import { startSession } from './tests/harness/session.mjs';
const session = await startSession({});
try {
  const page = await session.open(process.argv[2]);
  await waitForLabels(page, Number(process.argv[3] ?? 1), 5000);
  await page.waitForTimeout(1200);
  await page.screenshot({ path: '/tmp/shot2.png', fullPage: false });
} finally { await session.close(); }
