import { startSession } from '../harness/session.mjs';
const s = await startSession();
try {
  const url = 'http://news.example/article/running.html';
  const worker = await s.browser.worker();
  await worker.evaluate(() => { globalThis.__m = []; chrome.runtime.onMessage.addListener((m, sender) => { if (m?.type?.startsWith('frame/')) globalThis.__m.push([m.type, sender.frameId, sender.tab?.id, sender.url, sender.documentLifecycle]); }); });
  const p2 = await s.open(url);
  const t2 = await s.waitForReport(url, 5);
  await new Promise((r) => setTimeout(r, 3000));
  const frames = async () => Object.keys((await worker.evaluate(() => chrome.storage.session.get(null)))[`frames:${t2.tabId}`] ?? {});
  console.log('frames', await frames());
  await p2.evaluate(() => document.querySelector('iframe[src*="container.html"]').remove());
  await new Promise((r) => setTimeout(r, 3000));
  console.log('after removal', await frames());
  console.log(JSON.stringify(await worker.evaluate(() => globalThis.__m)));
} finally {
  process.exit(0);
}
