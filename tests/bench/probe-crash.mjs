import { startSession } from '../harness/session.mjs';
const s = await startSession();
try {
  const url = 'http://news.example/article/running.html';
  const worker = await s.browser.worker();
  const page = await s.open(url);
  const { tabId } = await s.waitForReport(url, 5);
  await new Promise((r) => setTimeout(r, 3000));
  const held = async () => {
    const all = await worker.evaluate(() => chrome.storage.session.get(null));
    const items = all[`tab:${tabId}`]?.report.items ?? [];
    return JSON.stringify({
      slots: items.filter((i) => i.network === 'Google').map((i) => `${i.landingDomain}: ${i.text} (${i.frames.length})`).sort(),
      frames: Object.keys(all[`frames:${tabId}`] ?? {}),
    });
  };
  console.log('before', await held());
  const cdp = await s.browser.context.newCDPSession(page);
  cdp.send('Page.crash').catch((e) => console.log('crash call', String(e).slice(0, 80)));
  await new Promise((r) => setTimeout(r, 1500));
  console.log('after crash', await held());
  console.log('reload', await worker.evaluate(async (id) => { try { await chrome.tabs.reload(id); return 'ok'; } catch (e) { return String(e); } }, tabId));
  await new Promise((r) => setTimeout(r, 6000));
  console.log('after reload', await held());
} finally { process.exit(0); }
