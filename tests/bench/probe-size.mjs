import { realPages, routesFor } from '../harness/real-pages.mjs';
import { startSession } from '../harness/session.mjs';
const pages = realPages(null);
const s = await startSession({ routes: routesFor(pages) });
try {
  const worker = await s.browser.worker();
  const sizes = [];
  for (const p of pages) {
    const page = await s.open(p.url);
    await new Promise((r) => setTimeout(r, 4000));
    const all = await worker.evaluate(() => chrome.storage.session.get(null));
    const found = Object.entries(all).find(([k, v]) => k.startsWith('tab:') && v.url === p.url);
    const tabId = found?.[0].slice(4);
    const sz = (k) => JSON.stringify(all[k] ?? null).length;
    sizes.push([new URL(p.url).host, sz(`tab:${tabId}`), sz(`frames:${tabId}`), sz(`visit:${tabId}`)]);
    await page.close();
  }
  console.log(sizes.map((r) => r.join('\t')).join('\n'));
  const bytes = await worker.evaluate(() => chrome.storage.session.getBytesInUse(null));
  console.log('session bytes', bytes, 'quota', await worker.evaluate(() => chrome.storage.session.QUOTA_BYTES));
  console.log(Object.keys(await worker.evaluate(() => chrome.storage.session.get(null))));
} finally { process.exit(0); }
