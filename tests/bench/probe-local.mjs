import { waitForLabels, readLabels } from '../harness/labels.mjs';
import { startSession } from '../harness/session.mjs';
const s = await startSession();
try {
  const worker = await s.browser.worker();
  const r = await worker.evaluate(async () => {
    let n = 0;
    let err = '';
    for (const [size, count] of [[500_000, 40], [1_000, 5000], [50, 5000], [1, 2000]]) {
      const pad = 'x'.repeat(size);
      try { for (let i = 0; i < count; i += 1, n += 1) await chrome.storage.local.set({ [`slots:h${n}.example`]: { site: `h${n}.example`, time: n, slots: { pad } } }); } catch (e) { err = String(e); }
    }
    return [n, err, await chrome.storage.local.getBytesInUse(null), chrome.storage.local.QUOTA_BYTES];
  });
  console.log('filled', r);
  const page = await s.open('http://news.example/article/running.html');
  try { await waitForLabels(page, 5); console.log('labels', (await readLabels(page)).length); } catch (e) { console.log('no labels', String(e).slice(0, 100)); }
  console.log('state', !!(await s.tabStateFor('http://news.example/article/running.html')));
} catch (e) { console.log('ERR', e); } finally { process.exit(0); }
