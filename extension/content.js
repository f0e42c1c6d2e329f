// Content script entry for the top page (bundled into one classic script by
// the build): it asks the engine what to look for, gathers it, and labels
// what the engine found. The browser runs it once the document is parsed
// (document_idle); what must happen before the first paint, holding the
// slots known muted, content-hold.js does at document start and hands over
// its hold. Frames get content-frame.js alone, which only reports what a
// frame shows: each ad frame (a process of its own, most often) then
// compiles that, not the page scanning and labelling too. Any failure is
// caught and logged: AdLens must never break a page.

import { RESCAN, isShowItem, send } from './messages.js';
import { PageChanges } from './content/page-changes.js';
import { PageReading } from './content/page-reading.js';
import { ReportDelta } from './content/report-delta.js';
import { EarlyHold, takeHold } from './content/hold.js';
import { AUTO, useBrowserLanguage, useLanguage } from './i18n.js';
import { LabelLayer } from './content/labels.js';
import { marked, markedForNext, startScan } from './content/work-marks.js';
import { Muter } from './content/mute.js';
import { idle, loaded, nextFrame, onQuietChanges, shown } from './content/page-moments.js';
import { logFailure as report } from './content/log.js';
import { ChosenSettings } from './content/chosen-settings.js';
import { clearPredecessor } from './content/predecessor.js';
import { isItemHidden, isPaused } from './settings.js';

/** Quiet period after DOM changes before rescanning (late ads, infinite scroll). */
const RESCAN_DELAY_MS = 250;
/**
 * Most time (ms) a change waits for its rescan on a page that never holds
 * still (a live chat, a ticker): a late ad there is labelled within 500 ms
 * all the same.
 */
const RESCAN_MAX_WAIT_MS = 400;

/**
 * Speaks the language chosen in the options, or the browser's (its
 * messages come from the background: a content script cannot read the
 * extension's files).
 * @param {string} language
 */
function speak(language) {
  /** @param {string} l */
  const load = (l) => send({ type: 'i18n/get-messages', language: l });
  return language === AUTO ? useBrowserLanguage(load) : useLanguage(language, load);
}

/** Longest the first scan waits for the page's load event. */
const FIRST_SCAN_LOAD_MS = 3_000;

/** Longest the first scan waits for the page's main thread to be idle. */
const FIRST_SCAN_IDLE_MS = 300;

/**
 * A hold that holds nothing, for a page whose early script failed before
 * it could hand over its hold: too late to hide anything before the first
 * paint now.
 */
function lateHold() {
  const hold = new EarlyHold(document, []);
  hold.narrow([]);
  return hold;
}

async function topPage() {
  const handed = takeHold();
  // Without the early script's hold, this script is the first of its
  // AdLens on the page: an earlier one's marks are cleared here instead.
  if (!handed) clearPredecessor(document);
  const hold = handed ?? lateHold();
  // Nothing is read of a page being prerendered, nor reported, until it is
  // shown (its early hold holds meanwhile).
  await shown();
  const chosen = await ChosenSettings.read();
  let settings = chosen.current;
  await speak(settings.language);
  const plan = await send({ type: 'page/get-plan' });
  await loaded(FIRST_SCAN_LOAD_MS);
  await idle(FIRST_SCAN_IDLE_MS);
  /** The page's site as the engine names it (registrable domain). */
  let site = '';
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let settleTimer;
  /** @type {import('./content/labels.js').Labelled[]} */
  let labelled = [];
  const muter = new Muter(document);
  /**
   * The labels' overlay, made when there is first something to label: most
   * pages have nothing, and making it (its shadow root, its style) was a
   * third of a millisecond of each first scan.
   * @type {LabelLayer | null}
   */
  let layer = null;
  /** Stops watching the page for changes (set once it is watched). */
  let stopWatching = () => {};
  /**
   * Updating, reloading or removing AdLens leaves this script running with
   * no extension to talk to (its `chrome.runtime.id` gone): the cards of
   * its labels could act on nothing, and its rescans would fail. It then
   * takes its labels off the page and stops watching it; muted items stay
   * as they are (their "Show" needs no extension). The page's next load
   * gets the new AdLens. Whether that happened is known at a failure, and
   * checked whenever the tab is shown again.
   */
  let retired = false;
  const retireIfOrphaned = () => {
    if (chrome.runtime?.id) return false;
    retired = true;
    stopWatching();
    clearTimeout(settleTimer);
    layer?.remove();
    layer = null;
    return true;
  };
  /** @param {unknown} error */
  const failed = (error) => {
    if (!retireIfOrphaned()) report(error);
  };
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') retireIfOrphaned();
  });
  const labelLayer = () => (layer ??= new LabelLayer(document, {
    site: () => site,
    // From a private window, "on this site" holds only for private windows.
    onMute: (kind, scope) => {
      chosen.mute(kind, scope, site).catch(failed);
    },
    onMuteSensitive: () => {
      chosen.muteSensitive().catch(failed);
    },
    privateWindow: chosen.private,
    // A report of a wrong label names the page: none from a private window.
    onWrong: chosen.private ? null : (item) => {
      send({
        type: 'feedback/label-wrong',
        url: location.href,
        kind: item.verdict.kind,
        elementId: item.elementId,
        classifierVersion: item.verdict.classifierVersion,
      }).catch(failed);
    },
    onOpenPanel: chosen.private ? null : (view, panelSite) => {
      send({ type: 'panel/open', view, site: panelSite }).catch(failed);
    },
  }));

  /** Labels and mutes as the settings say, without rescanning. */
  const show = () => {
    if (retired) return;
    if (isPaused(settings, site)) {
      hold.stop();
      muter.restoreAll();
      layer?.render([]);
      return;
    }
    // A held slot was hidden before it could show (a slot of a muted kind
    // on an earlier load): it is given a placeholder as one that showed.
    // An ad in the site's own video player is not hidden (its label stays).
    const muted = labelled.filter((l) => isItemHidden(settings, site, l.item))
      .map((l) => (hold.isHeld(l.element) ? { ...l, boxed: true } : l));
    // Held slots: the muted ones go to the Muter in this same task (no
    // paint in between), the others show once the page has settled.
    clearTimeout(settleTimer);
    const awaitingFrames = new Set(labelled
      .filter((l) => hold.isHeld(l.element) && l.item.frames === 0 && l.element.querySelector('iframe'))
      .map((l) => l.element));
    const again = hold.settle(new Set(muted.map((l) => l.element)), awaitingFrames);
    if (again !== null) settleTimer = setTimeout(show, again);
    muter.apply(muted, settings.muteStyle, show);
    // A muted item is hidden and its placeholder says what it was: a label
    // of its own would never show, and placing the 115 of a wholly muted
    // kotaku.com read as many boxes (1.1 ms of its first scan). A slot still
    // held, its creative's frame not reported yet, is labelled once it
    // shows (`again` above calls this then): it may still turn out muted.
    // Its label was hidden with it (a box without area hides a badge) but in the
    // overlay all the same, a "Generic" one more than the page showed.
    const unmuted = labelled.filter((l) => !muter.isHidden(l.element) && !hold.isHeld(l.element));
    if (settings.labelStyle === 'off' || unmuted.length === 0) layer?.render([]);
    else labelLayer().render(unmuted, settings.labelStyle);
  };
  chosen.onChange((fresh) => {
    const language = fresh.language !== settings.language ? fresh.language : null;
    settings = fresh;
    if (language === null) show();
    // Placeholders are made once: rebuilt in the new language, in one task.
    else speak(language).then(() => { muter.restoreAll(); show(); }).catch(report);
  });

  /**
   * Main-thread time of the scan under way: every synchronous DOM read it
   * makes and every message it sends (copied out in the sending task), in
   * whichever task, counts against the budget (10 ms per scan).
   */
  let scanWorkMs = 0;
  /**
   * @template T
   * @param {string} piece what the work is, for the trace
   * @param {() => T} work
   * @returns {T}
   */
  const timed = (piece, work) => {
    const started = performance.now();
    try {
      return marked(piece, work);
    } finally {
      scanWorkMs += performance.now() - started;
    }
  };

  /** Class attributes and ids already asked about, and the engine's answer. */
  const looked = {
    classAttributes: new Set(),
    ids: new Set(),
    answer: /** @type {import('./messages.js').ClassIdAnswer | null} */ (null),
  };
  /** @param {import('./content/page-classes.js').PageClasses} page */
  const askAboutClasses = async ({ classAttributes, ids, complete }) => {
    const fresh = [...classAttributes].some((c) => !looked.classAttributes.has(c)) || [...ids].some((i) => !looked.ids.has(i));
    if (fresh || looked.answer === null) {
      looked.answer = await timed('ask-cosmetic', () =>
        send({ type: 'page/get-cosmetic', url: location.href, classAttributes: [...classAttributes], ids: [...ids], complete }));
      Object.assign(looked, { classAttributes, ids });
    }
    return looked.answer;
  };

  /** Heading texts already asked about, and those the engine called labels. */
  const asked = new Set();
  /** @type {Set<string>} */
  const labels = new Set();
  /**
   * The page's headings and sponsor-marked elements, with their texts.
   * @param {Element[]} sponsorMarked
   * @param {import('./content/page-changes.js').Changes | null} since a rescan's changes
   */
  const labelTexts = async (sponsorMarked, since) => {
    const headings = timed('headings', () => reading.headings(sponsorMarked, since));
    /** @type {Set<string>} */
    const unasked = new Set();
    for (const { text } of headings.values()) if (text !== null && !asked.has(text)) unasked.add(text);
    const fresh = [...unasked];
    if (fresh.length > 0) {
      const indices = await timed('ask-labels', () => send({ type: 'page/match-labels', texts: fresh }));
      for (const text of fresh) asked.add(text);
      for (const i of indices) if (fresh[i] !== undefined) labels.add(fresh[i]);
    }
    return { headings, labels };
  };

  // Our own overlay and placeholders changing is not the page changing.
  const ours = (/** @type {Node} */ node) => node === layer?.element || muter.ours.has(node);
  /** What changed since the last scan: a rescan reads only that (content/page-changes.js). */
  const changes = new PageChanges(ours);
  /** What the last scan read, for the next one to keep what has not changed. */
  const reading = new PageReading(document, plan);
  /** What the background was last sent of the page: a rescan sends what changed since. */
  const reports = new ReportDelta(performance.timeOrigin);
  /** @type {Map<number, import('./messages.js').LabelledItem>} the items' verdicts as the background last told them, by key */
  const verdicts = new Map();

  const scan = async () => {
    try {
      await scanOnce();
    } catch (error) {
      // What changed since the last scan was taken, and not all of it read:
      // the next scan reads the whole page.
      changes.readWhole();
      throw error;
    }
  };

  const scanOnce = async () => {
    startScan();
    scanWorkMs = 0;
    const taken = changes.take(location.href);
    const since = taken.whole ? null : taken;
    const classes = timed('classes', () => reading.classes(since));
    const asking = Promise.all([askAboutClasses(classes), labelTexts(classes.labels, since)]);
    // Read in this task too, while the engine answers: the next one, which
    // needs the layout, is then no longer than this one.
    const markerWords = timed('marker-words', () => reading.markerWords(since));
    const hints = timed('product', () => reading.product(since));
    const [answer, texts] = await asking;
    // Scan at the start of a frame: the layout our box reads need is the one
    // the frame needs anyway, so flush it first rather than force an extra
    // one mid-scan (the flush is the page's work, not ours).
    await nextFrame();
    const prepMs = scanWorkMs; // one task: classes, ids, headings, marker words, product hints, and asking about them
    document.documentElement.getBoundingClientRect();
    const read = { texts, markerWords, productHints: hints };
    const snapshot = timed('candidates', () => reading.snapshot(answer, read, since));
    // Sending copies the snapshot (or what changed in it) out of the page's
    // process, in this task.
    const judging = timed('report', () => send(reports.message(snapshot, taken.whole)));
    let scanMs = scanWorkMs;
    let judged = await judging;
    if ('resend' in judged) {
      // The background no longer has the last snapshot (its worker was
      // stopped meanwhile): the whole of this one, as it stands.
      judged = await timed('report', () => send(reports.resend()));
      scanMs = scanWorkMs;
    }
    const labelling = performance.now();
    site = judged.site;
    if (judged.whole) verdicts.clear();
    for (const key of judged.removed) verdicts.delete(key);
    for (const item of judged.items) verdicts.set(item.key, item);
    labelled = [];
    for (const item of verdicts.values()) {
      const element = reading.keys.elementOf(item.key);
      if (element) labelled.push({ element, item, boxed: reading.boxed(element) });
    }
    marked('labels', show);
    // Registered after drawing, in the same task: the labels are placed
    // once the browser has laid them out, in a later one.
    const placed = layer?.placed() ?? Promise.resolve(0);
    const showMs = performance.now() - labelling;
    const placeMs = await placed;
    const labelMs = showMs + placeMs;
    // The scan's four tasks: reading classes and headings, reading the
    // candidates, drawing the labels, placing them.
    const longestMs = Math.max(prepMs, scanMs - prepMs, showMs, placeMs);
    send({ type: 'page/timing', url: judged.url, timing: { scanMs, labelMs, longestMs, whole: taken.whole } }).catch(report);
  };

  // One scan at a time (a rescan reads what changed since the one before);
  // a rescan asked for while one runs follows it.
  let running = Promise.resolve();
  let queued = false;
  const rescan = () => {
    if (queued) return running;
    queued = true;
    running = running.then(() => {
      queued = false;
      return retired ? undefined : scan();
    }).catch(failed);
    return running;
  };
  // Watched from the first scan on, so that what changes during it is known
  // and the first rescan reads only that, like every later one. Watched
  // from after it, the first rescan read the whole page again, on nearly
  // every page with ads (they arrive after the load): on kotaku.com 16 ms
  // against 7–9 now, for 0.4 ms more in the first scan (paired medians over
  // kotaku.com, yahoo.com and pixnet.net, tests/bench/content-script-ab.mjs).
  const { schedule, stop } = onQuietChanges(rescan, RESCAN_DELAY_MS, {
    // Only nodes added or removed call for a rescan (changed classes, links
    // and texts are recorded, and read by the next one).
    // Both run on every batch of the page's changes: marked as the next
    // scan's work, which what they record makes short.
    ignore: (records) => markedForNext('changes', () => records
      .every((r) => r.type !== 'childList' || ours(r.target) || [...r.addedNodes, ...r.removedNodes].some(ours))),
    watch: PageChanges.watching(plan.attributes),
    record: (records) => markedForNext('changes', () => changes.record(records)),
    maxWait: RESCAN_MAX_WAIT_MS,
  });
  stopWatching = stop;
  await rescan();
  // A page shown again from the browser's back/forward cache is a visit
  // again, and the background forgot it when the tab moved on (its report,
  // its frames' reports); nothing in the page changed, so no change calls
  // for a rescan. The whole page is read and reported again, after the
  // quiet delay (the background forgets a tab's page as the browser reports
  // the navigation, which must come first); the settings are read again
  // (a kind muted meanwhile is muted at once).
  addEventListener('pageshow', (event) => {
    if (!event.persisted || retireIfOrphaned()) return;
    chosen.reread().catch(failed);
    changes.readWhole();
    schedule();
  });
  // The browser counts a jump within the page (to another fragment, or to
  // an address the page sets itself with history.pushState or replaceState)
  // as the tab loading again; at another address the background forgets
  // the tab's page then (background/tab-state.js), and nothing in the page
  // need change after. Each jump calls for a rescan, which tells the
  // background the page again (whole, as it asks having forgotten it;
  // another address is another page). The Navigation API tells of every
  // such jump; without it, of a fragment or a step back or forward within
  // the page.
  const navigation = /** @type {{ navigation?: EventTarget }} */ (/** @type {unknown} */ (globalThis)).navigation;
  if (navigation) navigation.addEventListener('currententrychange', schedule);
  else for (const jump of ['hashchange', 'popstate']) addEventListener(jump, schedule);
  // The background asks for a rescan when a frame reported new content.
  chrome.runtime.onMessage.addListener((message) => {
    if (message?.type === RESCAN) schedule();
  });
  // The popup's list of what the page shows: "show me this one".
  chrome.runtime.onMessage.addListener((message, sender, reply) => {
    if (!isShowItem(message, sender) || retired) return;
    // A muted item is hidden: the popup does not offer it.
    const found = labelled.find((l) => l.item.key === message.key && l.element.isConnected && !muter.isHidden(l.element));
    if (found) {
      found.element.scrollIntoView({ block: 'center' });
      // Its badge is where the item is on the page, so the card opens by it.
      layer?.openCard(message.key);
    }
    reply({ shown: Boolean(found) });
  });
}

// The manifest injects this script into top pages only (all_frames false);
// checked again so that no browser can make a frame scan itself as a page.
if (window.top === window) topPage().catch(report);
