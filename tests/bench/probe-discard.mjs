import { startSession } from '../harness/session.mjs';
const s = await startSession();
try {
  const url = 'http://news.example/article/running.html';
  const page = await s.open(url);
  const { tabId } = await s.waitForReport(url, 5);
  const worker = await s.browser.worker();
  const held = async () => {
    const all = await worker.evaluate(() => chrome.storage.session.get(null));
    const items = all[`tab:${tabId}`]?.report.items ?? [];
    return JSON.stringify({
      slots: items.filter((i) => i.network === 'Google').map((i) => `${i.landingDomain}: ${i.text} (${i.frames.length})`).sort(),
      frames: Object.keys(all[`frames:${tabId}`] ?? {}),
      keys: Object.keys(all).filter((k) => k.startsWith('tab:') || k.startsWith('frames:')),
    });
  };
  await new Promise((r) => setTimeout(r, 3000));
  console.log('before', await held());
  const other = await s.browser.context.newPage();
  await other.goto('http://news.example/article/text-ads.html');
  await other.bringToFront();
  const events = [];
  await worker.evaluate(() => { globalThis.__ev = []; chrome.tabs.onUpdated.addListener((id, c) => globalThis.__ev.push([id, c])); chrome.tabs.onReplaced.addListener((a, b) => globalThis.__ev.push(['replaced', a, b])); });
  const d = await worker.evaluate(async (id) => { try { const t = await chrome.tabs.discard(id); return t && { id: t.id, discarded: t.discarded }; } catch (e) { return String(e); } }, tabId);
  console.log('discard', d);
  await new Promise((r) => setTimeout(r, 1000));
  console.log('after discard', await held());
  const r = await worker.evaluate(async (id) => { try { await chrome.tabs.update(id, { active: true }); return 'ok'; } catch (e) { return String(e); } }, d.id);
  console.log('activate', r);
  await new Promise((r) => setTimeout(r, 5000));
  console.log('after reload', await held());
  const all = await worker.evaluate(() => chrome.storage.session.get(null));
  console.log('new tab', JSON.stringify(all[`tab:${d.id}`]?.report.items.length), Object.keys(all[`frames:${d.id}`] ?? {}));
  const p2 = await s.open(url);
  const t2 = await s.waitForReport(url, 5);
  await new Promise((r) => setTimeout(r, 3000));
  const frames = async () => Object.keys((await worker.evaluate(() => chrome.storage.session.get(null)))[`frames:${t2.tabId}`] ?? {});
  console.log('p2 frames', await frames());
  await p2.evaluate(() => document.querySelector('iframe[src*="container.html"]').remove());
  await new Promise((r) => setTimeout(r, 3000));
  console.log('p2 frames after removal', await frames());
  console.log('events', JSON.stringify(await worker.evaluate(() => globalThis.__ev)));
} finally {
  await s.close?.();
  process.exit(0);
}
