import { readLabels } from './tests/harness/labels.mjs';
import { benchPageWords, realPages, routesFor } from './tests/harness/real-pages.mjs';
import { startSession } from './tests/harness/session.mjs';
const pages = realPages(benchPageWords());
const session = await startSession({ routes: routesFor(pages) });
try {
  for (const page of pages) {
    const tab = await session.browser.context.newPage();
    await tab.setViewportSize({ width: 1280, height: 900 });
    await tab.goto(page.url);
    await tab.waitForTimeout(4000);
    const labels = (await readLabels(tab)).filter((l) => l.box);
    const name = new URL(page.url).host;
    let i = 0;
    for (const l of labels.slice(0, Number(process.env.N ?? 3))) {
      const y = Math.max(0, (l.box?.y ?? 0) - 150);
      await tab.screenshot({ path: `/tmp/shot-${name}-${i++}.png`, clip: { x: Math.max(0, (l.box?.x ?? 0) - 500), y, width: 700, height: 350 }, fullPage: true });
      console.log(name, i - 1, l.text, JSON.stringify(l.box));
    }
    await tab.close();
  }
} finally { await session.close(); }
