#!/usr/bin/env node
// The main job: AdLens at work on the bundled demo sites. Serves them on
// loopback under their realistic host names, opens Chromium with the built
// extension, and walks a short journey. With a display it opens a window
// and stays until you press Ctrl+C; without one it runs headless, prints
// what was labelled on each page and saves screenshots.
// Run through `npm start` (which installs what is missing and builds first).

import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../harness/browser.mjs';
import { waitForLabels } from '../harness/labels.mjs';
import { startSession } from '../harness/session.mjs';

const JOURNEY = [
  { url: 'http://shop.example/product/trail-runner-x.html', expect: 2 },
  { url: 'http://news.example/article/running.html', expect: 5 },
  { url: 'http://shop.example/', expect: 2 },
  { url: 'http://sklep.example/', expect: 2 },
  { url: 'http://gouwu.example/', expect: 2 },
  // Three health guides build an interest in a sensitive topic; the running
  // article's vitamins ad is then picked from it, and says so.
  { url: 'http://healthguide.example/guides/allergies.html', expect: 0 },
  { url: 'http://healthguide.example/guides/vitamins.html', expect: 0 },
  { url: 'http://healthguide.example/guides/diabetes.html', expect: 0 },
  { url: 'http://news.example/article/hill-running.html', expect: 1 },
  // A US site that told Google the user opted out of targeted advertising.
  { url: 'http://usnews.example/article/opted-out.html', expect: 1 },
  // A YouTube video whose pre-roll ad is for the product viewed: labelled on
  // the player, it follows the user (and is never hidden: "Skip" is there).
  { url: 'https://www.youtube.com/watch?v=trail-first-month', expect: 3 },
];

const headed = Boolean(process.env.DISPLAY) && process.env.ADLENS_HEADLESS !== '1';
const outDir = path.join(ROOT, 'tests/out/demo');
fs.mkdirSync(outDir, { recursive: true });

const session = await startSession({ headless: !headed });
console.log(`Fixture sites served on 127.0.0.1:${session.server.port}; Chromium ${headed ? 'window' : 'headless'}, extension ${session.browser.extensionId}\n`);
try {
  for (const [i, step] of JOURNEY.entries()) {
    const page = await session.open(step.url);
    const labels = await waitForLabels(page, step.expect, 5_000);
    // A page with nothing to label still reports what it is about (its topics make the profile).
    const { state } = await session.waitForReport(step.url, step.expect);
    await page.waitForTimeout(300); // let late ads settle
    console.log(step.url);
    if (labels.length === 0) console.log('  (nothing labelled)');
    for (const label of labels) console.log(`  ${label.text}`);
    // Why the ads chosen for the user were chosen, as their why cards say it (in English here).
    for (const item of state.report.items.filter((i) => i.verdict.kind === 'behavioural' || i.verdict.kind === 'retargeted')) {
      console.log(`    why (${item.vendor ?? item.landingDomain ?? item.itemType}): ${item.verdict.evidence.map((e) => e.sentence).join(' · ')}`);
    }
    const shot = path.join(outDir, `${String(i + 1).padStart(2, '0')}-${new URL(step.url).hostname}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    if (!headed && i > 1) await page.close(); // the first two stay open for the popup and panel
  }
  const last = await session.tabStateFor(JOURNEY[0].url);
  if (last) {
    const popup = await session.browser.context.newPage();
    await popup.setViewportSize({ width: 340, height: 260 });
    await popup.goto(`chrome-extension://${session.browser.extensionId}/popup.html?tabId=${last.tabId}`);
    await popup.waitForSelector('body[data-ready="true"]');
    await popup.screenshot({ path: path.join(outDir, 'popup.png') });
  }
  const news = await session.tabStateFor(JOURNEY[1].url);
  if (news) {
    const panel = await session.browser.context.newPage();
    await panel.goto(`chrome-extension://${session.browser.extensionId}/panel.html?tabId=${news.tabId}`);
    await panel.waitForSelector('body[data-ready="true"]');
    await panel.screenshot({ path: path.join(outDir, 'panel-news.png'), fullPage: true });
  }
  // The panel's summary of the journey: every ad chosen for the user, and
  // what advertisers could infer, with the ads each interest picked.
  const panelPage = async (/** @type {string} */ hash) => {
    const page = await session.browser.context.newPage();
    await page.goto(`chrome-extension://${session.browser.extensionId}/panel.html${hash}`);
    await page.waitForSelector('body[data-ready="true"]');
    await page.screenshot({ path: path.join(outDir, `panel-${hash.slice(1)}.png`), fullPage: true });
    return page;
  };
  const ads = await panelPage('#ads');
  const chosen = await ads.$$eval('#chosen-ads tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
  console.log(`\nAds chosen for you over the journey (the panel's "Ads chosen for you"): ${chosen.length}`);
  for (const [, site, item, kind] of chosen) console.log(`  ${site}: ${item} — ${kind}`);
  const profile = await panelPage('#profile');
  const interests = await profile.$$eval('#interests li', (lis) => lis.map((li) => [
    `${li.querySelector('.topic')?.firstChild?.textContent}${li.hasAttribute('data-sensitive') ? ' (sensitive)' : ''}`,
    li.querySelector('.share')?.textContent, li.querySelector('.picked')?.textContent]));
  console.log('What advertisers could infer (the panel):');
  for (const [topic, share, picked] of interests) console.log(`  ${topic} ${share}${picked ? ` — ${picked}` : ''}`);
  console.log(`\nScreenshots: ${outDir}`);
  if (headed) {
    console.log('Browsing is yours now: press Ctrl+C to quit.');
    await new Promise((resolve) => process.once('SIGINT', resolve));
  }
} finally {
  await session.close();
}
