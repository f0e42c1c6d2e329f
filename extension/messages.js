// Every message the extension's parts exchange, in one place.
//
// Content scripts run inside hostile pages, so the background treats every
// message as untrusted: `checkMessage` allows only the types listed here,
// caps their size, and checks that each comes from the kind of sender it is
// meant for (page messages from tabs, privileged ones from our own pages).

import { AUTO, LANGUAGE_PATTERN } from './i18n.js';

/** @typedef {import('./engine/adlens.js').Engine} Engine */

/**
 * What the engine reports for one page (see crate/src/engine.rs).
 * @typedef {{ contextual: number, behavioural: number, retargeted: number, generic: number }} KindCounts
 * @typedef {'contextual' | 'behavioural' | 'retargeted' | 'generic'} Kind
 * @typedef {{ type: string, sentence: string, [param: string]: unknown }} Evidence
 * @typedef {{ topic: string, share: number, score: number, words: string[] }} TopicShare
 * @typedef {{ topics: TopicShare[], language: string | null }} Topics
 * @typedef {{ kind: Kind, confidence: number, evidence: Evidence[], topics: Topics, classifierVersion: string }} Verdict
 * @typedef {{ phrase: string, lang: string, hint: string, heading?: string }} PhraseMatch
 * @typedef {{ key: number, elementId: string | null, itemType: 'ad' | 'recommendation', source: Candidate['source'], vendor: string | null,
 *   network: string | null, label: PhraseMatch | null, landingUrl: string | null, landingDomain: string | null,
 *   firstParty: boolean, text: string, images: string[], rect: Rect, frames: string[], nonPersonalised: boolean,
 *   inPlayer: boolean, verdict: Verdict }} ReportedItem
 *   inPlayer: the layer a site's video player draws over the ad it plays (YouTube's advertiser card and "Skip"):
 *   labelled, never hidden
 * @typedef {{ name: string, brand: string | null, sku: string | null, gtin: string | null, price: string | null,
 *   currency: string | null, image: string | null, url: string, shop: string }} Product
 * @typedef {Product & { firstSeen: number, lastSeen: number, views: number }} ViewedProduct
 * @typedef {{ products: ViewedProduct[] }} ProductMemory
 * @typedef {{ url: string, site: string, items: ReportedItem[], counts: KindCounts, product: Product | null,
 *   topics: Topics, notes: string[], engineVersion: string }} PageReport
 * @typedef {{ key: number, elementId: string | null, itemType: ReportedItem['itemType'], frames: number,
 *   inPlayer?: true, verdict: Pick<Verdict, 'kind' | 'confidence' | 'evidence' | 'classifierVersion'> }} LabelledItem
 *   what the page's content script needs of an item to label it: frames is how many frames its content came from;
 *   inPlayer (only when so) as in ReportedItem: muting its kind cannot hide it
 * @typedef {{ url: string, site: string, items: LabelledItem[], removed: number[], whole: boolean }} PageVerdicts
 *   the reply to a page's report: its items' verdicts, for the labels (the whole report stays in the background); after
 *   a whole snapshot (whole) every item, after an update only those whose verdict changed, and the keys of those gone
 * @typedef {{ topics: [string, number][], weight: number, sites: number }} Interests
 * @typedef {{ site: string, visits: number, lastSeen: number, topics: string[] }} RememberedSite
 * @typedef {{ interests: Interests, sites: RememberedSite[], topicNames: Record<string, string>,
 *   sensitiveTopics: Record<string, string> }} MemoryView
 */

/**
 * What the engine asks the content script to gather (crate/src/plan.rs).
 * @typedef {{ maxCandidates: number, maxTextChars: number, maxHeadingChars: number, maxUrls: number,
 *   maxClassesAndIds: number, maxJsonLdBlocks: number, maxJsonLdChars: number, maxJsonLdScripts: number, maxProductProperties: number,
 *   maxPageTextChars: number, maxHeadings: number }} ScanLimits
 * @typedef {{ rulesVersion: string, markerSelector: string, otherMarkerSelectors: string[],
 *   headingSelector: string, headingContainerSelector: string, labelSelector: string, labelClassParts: string[],
 *   labelContainerSelector: string, textMarkers: string[], attributes: string[],
 *   jsonLdSelector: string, jsonLdNeeds: string, productMetaSelector: string,
 *   microdataProductSelector: string, limits: ScanLimits }} ScanPlan
 * @typedef {{ x: number, y: number, width: number, height: number }} Rect
 * @typedef {{ key: number, source: 'marker' | 'heading' | 'cosmetic', parent: number | null, tag: string,
 *   id: string | null, classes: string[], attributes: [string, string][], heading: string | null,
 *   text: string, links: string[], frames: string[], frameNames: string[], images: string[], rect: Rect }} Candidate
 * @typedef {Pick<Candidate, 'key' | 'source' | 'parent' | 'tag' | 'id' | 'classes' | 'attributes'> & { links?: string[] }}
 *   NestedCandidate a candidate inside another: its markers only (and a link's target); the engine reads the fields left
 *   out as empty. One the lists picked inside another they picked is not sent at all, unless it is a link
 * @typedef {{ jsonLd: string[], meta: [string, string][], microdata: [string, string][], canonical: string | null }} ProductHints
 * @typedef {{ url: string, title: string, lang: string | null, description: string, headings: string[], text: string,
 *   candidates: (Candidate | NestedCandidate)[], productHints: ProductHints, frames?: FrameReport[], gpc?: boolean }} PageSnapshot
 *   gpc: the browser sends the page Global Privacy Control (`navigator.globalPrivacyControl`: the browser's, which the
 *   page cannot change for a content script)
 */

/**
 * What the background keeps per tab (background/tab-state.js).
 * @typedef {{ url: string, report: PageReport, updatedAt: number, scans: ScanTiming[] }} TabState
 * @typedef {{ tabId: number, url: string | null, site: string | null, counts: KindCounts, items: ReportedItem[],
 *   privateWindow: boolean }} TabSummary privateWindow: the tab is in a private window (nothing of it is kept)
 */

/**
 * The `storage.session` key of a tab's `TabState` (the popup follows it while open).
 * @param {number} tabId
 */
export const tabStateKey = (tabId) => `tab:${tabId}`;

/**
 * Requests and their replies, by type.
 * @typedef {{ type: 'page/get-plan' }} GetPlanMessage
 * @typedef {{ type: 'page/get-cosmetic', url: string, classAttributes: string[], ids: string[], complete: boolean }}
 *   GetCosmeticMessage a page's distinct class attributes (whole, as written) and ids; `complete` when none was left
 *   out (the engine then leaves out the selectors that need a class or id the page lacks)
 * @typedef {{ classes: string[], classPrefixes: string[], tagClasses: [string, string][], idPrefixes: string[],
 *   tags: string[] }} MarkedNames
 *   the vendor-marked classes (whatever the tag; those beginning with a prefix; for the tag given) among a page's, the
 *   vendor prefixes that begin some of its ids, and the tags that are markers on this page's site (YouTube's
 *   `ytd-ad-slot-renderer`…; crate/src/plan.rs)
 * @typedef {{ selectors: string[], marked: MarkedNames }} ClassIdAnswer the lists' hiding selectors for the page, and
 *   its marked names
 * @typedef {{ type: 'page/match-labels', texts: string[] }} MatchLabelsMessage
 * @typedef {{ url: string, name: string, links: string[], text: string, images: string[], frames: string[],
 *   frameNames: string[] }} FrameReport what a frame shows, and the frames inside it (whose content is its slot's too)
 * @typedef {{ type: 'frame/report', frame: FrameReport }} FrameReportMessage
 * @typedef {{ type: 'frame/gone' }} FrameGoneMessage a frame's document is going (the frame navigates, or its page):
 *   what it reported is no longer in the page
 * @typedef {{ scanMs: number, labelMs: number, longestMs: number, whole: boolean }} ScanTiming main-thread time of one
 *   scan: reading the page, labelling it, and the longest of the scan's tasks; whether it read the whole page (else only
 *   what changed since the scan before)
 * @typedef {{ type: 'page/report', page: PageSnapshot, seq?: number, began?: number }} PageReportMessage a page's whole
 *   snapshot, the content script's number for this report (the base of its next update), and when the page's document
 *   began (its time origin, epoch ms: what frames reported before it, they reported in an earlier document)
 * @typedef {{ type: 'page/update', url: string, base: number, seq: number,
 *   page: Partial<Pick<PageSnapshot, 'title' | 'lang' | 'description' | 'headings' | 'text' | 'productHints'>>,
 *   candidates: PageSnapshot['candidates'], removed: number[] }} PageUpdateMessage what changed in a page since its report
 *   number `base`: the page fields and candidates that changed (a candidate by its key), the keys of those gone
 * @typedef {{ type: 'page/timing', url: string, timing: ScanTiming }} PageTimingMessage
 * @typedef {{ type: 'tab/get-summary', tabId: number }} GetTabSummaryMessage
 * @typedef {{ type: 'engine/get-info' }} GetEngineInfoMessage
 * @typedef {{ type: 'sites/get-records' }} GetSiteRecordsMessage
 * @typedef {{ type: 'memory/get-products' }} GetProductsMessage
 * @typedef {{ type: 'lists/update-now' }} UpdateListsMessage
 * @typedef {{ type: 'memory/get-interests' }} GetInterestsMessage
 * @typedef {{ type: 'memory/forget-site', site: string }} ForgetSiteMessage
 * @typedef {{ type: 'memory/forget-topic', topic: string }} ForgetTopicMessage
 * @typedef {{ type: 'i18n/get-messages', language: string }} GetMessagesMessage
 * @typedef {{ type: 'memory/apply-observations', observations: object[] }} ApplyObservationsMessage
 * @typedef {{ type: 'memory/wipe' }} WipeMemoryMessage
 * @typedef {{ type: 'feedback/label-wrong', url: string, kind: Kind, elementId: string | null, classifierVersion: string }} LabelWrongMessage
 * @typedef {{ type: 'settings/get-private' }} GetPrivateSitesMessage a private tab's content script asks for the
 *   per-site choices made in private windows (settings.js)
 * @typedef {{ type: 'settings/mute-private-site', site: string, kind: Kind }} MutePrivateSiteMessage "mute on this
 *   site" from a private tab's why card: kept in memory for private windows only
 * @typedef {{ type: 'panel/open', view: PanelView, site: string | null }} OpenPanelMessage the why card's way into
 *   the tracking panel: a site's page (`site`) or what advertisers could infer (`profile`, no site), in a tab beside the
 *   page's, for that tab
 * @typedef {'site' | 'profile'} PanelView
 * @typedef {GetPlanMessage | GetCosmeticMessage | MatchLabelsMessage | FrameReportMessage | FrameGoneMessage | PageReportMessage | PageUpdateMessage | PageTimingMessage
 *   | GetTabSummaryMessage | GetEngineInfoMessage
 *   | GetSiteRecordsMessage | GetProductsMessage | UpdateListsMessage | GetInterestsMessage | ForgetSiteMessage
 *   | WipeMemoryMessage | LabelWrongMessage | ForgetTopicMessage | ApplyObservationsMessage | GetMessagesMessage
 *   | GetPrivateSitesMessage | MutePrivateSiteMessage | OpenPanelMessage} Message
 * @typedef {{ name: string, title: string | null, version: string | null, rules: number }} ListInfo
 * @typedef {{ checkedAt: number | null, updatedAt: number | null, failures: number, lastError: string | null }} ListsStatus
 * @typedef {{ engineVersion: string, rulesVersion: string, lists: { lists: ListInfo[] } | null,
 *   listsStatus: ListsStatus }} EngineInfo
 * @typedef {{ requests: number, listed: number, firstSeen: number, lastSeen: number, tracker: string | null,
 *   company: string | null, category: string | null, retargeting: boolean }} ThirdPartyRecord
 * @typedef {{ vendor: string, event: string, productId: string | null, count: number, firstSeen: number,
 *   lastSeen: number }} RemarketingRecord
 * @typedef {{ sites: Record<string, { thirdParties: Record<string, ThirdPartyRecord>,
 *   remarketing: RemarketingRecord[], lastSeen: number }>, trackersVersion: string | null }} SiteRecords
 * @typedef {{ 'page/get-plan': ScanPlan, 'page/get-cosmetic': ClassIdAnswer, 'page/match-labels': number[], 'frame/report': null,
 *   'frame/gone': null, 'page/report': PageVerdicts, 'page/update': PageVerdicts | { resend: true }, 'page/timing': null,
 *   'tab/get-summary': TabSummary, 'engine/get-info': EngineInfo, 'sites/get-records': SiteRecords,
 *   'memory/get-products': ProductMemory, 'lists/update-now': EngineInfo, 'memory/get-interests': MemoryView,
 *   'memory/forget-site': null, 'memory/wipe': null, 'feedback/label-wrong': null, 'memory/forget-topic': null,
 *   'memory/apply-observations': null, 'i18n/get-messages': import('./i18n.js').Messages,
 *   'settings/get-private': Record<string, import('./settings.js').SiteSettings>,
 *   'settings/mute-private-site': null, 'panel/open': null }} ReplyOf
 * @typedef {{ ok: true, value: unknown } | { ok: false, error: string }} Reply
 */

/** @type {readonly string[]} */
const KIND_NAMES = ['contextual', 'behavioural', 'retargeted', 'generic'];

/** Most imported observations sent to the background in one message. */
export const MAX_APPLY_BATCH = 2_000;

/** Longest scan time taken as a measurement (longer is a bug, or a lie). */
const MAX_TIMING_MS = 60_000;

/** What the background may tell a page's content script: scan again. */
export const RESCAN = 'page/rescan';
/**
 * What the background may tell a private tab's content script: the private
 * windows' per-site choices changed (`{ type, sites }`).
 */
export const PRIVATE_SITES_CHANGED = 'settings/private-changed';
/**
 * What the popup may ask a page's content script (`{ type, key }`, the key
 * of an item in the tab's report): bring the item into view and open its
 * "why" card. Answered `{ shown }`, false when the item is gone.
 */
export const SHOW_ITEM = 'page/show-item';

/**
 * Whether a message to a content script is the popup's "show this item":
 * from one of AdLens's own pages (by the sender's URL: a popup opened in a
 * tab has one, in Firefox), with a whole number for its key.
 * @param {unknown} message
 * @param {chrome.runtime.MessageSender} sender
 * @returns {message is { type: typeof SHOW_ITEM, key: number }}
 */
export function isShowItem(message, sender) {
  if (sender.id !== chrome.runtime.id || !sender.url?.startsWith(chrome.runtime.getURL(''))) return false;
  const m = /** @type {{ type?: unknown, key?: unknown } | null} */ (message);
  return m?.type === SHOW_ITEM && Number.isSafeInteger(m.key);
}

/** Who may send a message type. */
export const SENDER = Object.freeze({
  /** A content script in a tab. */
  PAGE: 'page',
  /** One of the extension's own pages (popup, panel, options). */
  EXTENSION: 'extension',
});

/**
 * The allow-list: every message type, who may send it and its size cap in
 * bytes of JSON. A page snapshot is capped at 2,000 candidates by the engine;
 * 4 MB leaves room for their text without letting a page exhaust memory.
 * @type {Readonly<Record<Message['type'], { from: string, maxBytes: number }>>}
 */
// Made in a function marked pure: a content script's bundle, which only
// sends, leaves the rules out (the early hold's, which the page's parser
// waits for, stays small).
export const MESSAGE_RULES = /* @__PURE__ */ (() => Object.freeze({
  'page/get-plan': { from: SENDER.PAGE, maxBytes: 256 },
  // 250,000 characters of class attributes and 10,000 ids: room for
  // escaping (content/page-classes.js).
  'page/get-cosmetic': { from: SENDER.PAGE, maxBytes: 2_000_000 },
  // A frame's summary: 32 links and 2,000 characters of text.
  'frame/report': { from: SENDER.PAGE, maxBytes: 100_000 },
  'frame/gone': { from: SENDER.PAGE, maxBytes: 256 },
  // 2,000 headings of up to 200 characters.
  'page/match-labels': { from: SENDER.PAGE, maxBytes: 1_000_000 },
  'page/report': { from: SENDER.PAGE, maxBytes: 4_000_000 },
  // What changed since the last report: at most as much as a whole one.
  'page/update': { from: SENDER.PAGE, maxBytes: 4_000_000 },
  'page/timing': { from: SENDER.PAGE, maxBytes: 4_096 },
  'tab/get-summary': { from: SENDER.EXTENSION, maxBytes: 256 },
  'engine/get-info': { from: SENDER.EXTENSION, maxBytes: 256 },
  'sites/get-records': { from: SENDER.EXTENSION, maxBytes: 256 },
  'memory/get-products': { from: SENDER.EXTENSION, maxBytes: 256 },
  'lists/update-now': { from: SENDER.EXTENSION, maxBytes: 256 },
  'memory/get-interests': { from: SENDER.EXTENSION, maxBytes: 256 },
  'memory/forget-site': { from: SENDER.EXTENSION, maxBytes: 512 },
  'memory/wipe': { from: SENDER.EXTENSION, maxBytes: 256 },
  'memory/forget-topic': { from: SENDER.EXTENSION, maxBytes: 256 },
  // A content script's labels in the language chosen in the options.
  'i18n/get-messages': { from: SENDER.PAGE, maxBytes: 256 },
  // Imported observations, sent in batches of at most MAX_APPLY_BATCH.
  'memory/apply-observations': { from: SENDER.EXTENSION, maxBytes: 8_000_000 },
  // "This label is wrong", from the why card: a URL and a few short fields.
  'feedback/label-wrong': { from: SENDER.PAGE, maxBytes: 4_096 },
  // Private windows' per-site choices: asked for, and one site muted.
  'settings/get-private': { from: SENDER.PAGE, maxBytes: 256 },
  'settings/mute-private-site': { from: SENDER.PAGE, maxBytes: 512 },
  // The why card's way into the tracking panel: a view and a site.
  'panel/open': { from: SENDER.PAGE, maxBytes: 512 },
}))();

/**
 * @typedef {{ id?: string, url?: string, tab?: { id?: number }, frameId?: number }} SenderLike
 * @typedef {{ ok: true, message: Message, bytes: number } | { ok: false, error: string }} Checked bytes: the message's
 *   size as JSON, as measured against its cap
 */

/**
 * Decides whether a message may be handled.
 * @param {unknown} message what arrived
 * @param {SenderLike} sender who sent it, as the browser reports
 * @param {{ extensionId: string, extensionOrigin: string }} self our id and origin (`chrome-extension://id/`)
 * @returns {Checked}
 */
export function checkMessage(message, sender, self) {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return { ok: false, error: 'message is not an object' };
  }
  const type = /** @type {{ type?: unknown }} */ (message).type;
  if (typeof type !== 'string' || !Object.hasOwn(MESSAGE_RULES, type)) {
    return { ok: false, error: `unknown message type ${JSON.stringify(String(type)).slice(0, 60)}` };
  }
  const rule = MESSAGE_RULES[/** @type {Message['type']} */ (type)];
  if (sender.id !== self.extensionId) {
    return { ok: false, error: `${type}: sender is not this extension` };
  }
  const fromOurPage = typeof sender.url === 'string' && sender.url.startsWith(self.extensionOrigin);
  if (rule.from === SENDER.PAGE && (fromOurPage || typeof sender.tab?.id !== 'number')) {
    return { ok: false, error: `${type}: only content scripts in tabs may send this` };
  }
  if (rule.from === SENDER.EXTENSION && !fromOurPage) {
    return { ok: false, error: `${type}: only the extension's own pages may send this` };
  }
  let size;
  try {
    size = JSON.stringify(message).length;
  } catch {
    return { ok: false, error: `${type}: payload is not serialisable` };
  }
  if (size > rule.maxBytes) {
    return { ok: false, error: `${type}: payload of ${size} bytes exceeds the cap of ${rule.maxBytes}` };
  }
  const shapeError = checkShape(/** @type {Message} */ (message));
  if (shapeError) return { ok: false, error: `${type}: ${shapeError}` };
  return { ok: true, message: /** @type {Message} */ (message), bytes: size };
}

/**
 * Top-level field checks; the engine validates page snapshots in depth.
 * @param {Message} message
 * @returns {string | null} what is wrong, or null
 */
function checkShape(message) {
  switch (message.type) {
    case 'page/get-cosmetic':
      return typeof message.url === 'string' && isStringArray(message.classAttributes) && isStringArray(message.ids)
        && typeof message.complete === 'boolean'
        ? null
        : 'url must be a string, classAttributes and ids arrays of strings, complete a boolean';
    case 'frame/report': {
      const f = message.frame;
      const ok = typeof f === 'object' && f !== null && typeof f.url === 'string' && typeof f.name === 'string'
        && typeof f.text === 'string' && isStringArray(f.links) && isStringArray(f.images)
        && isStringArray(f.frames) && isStringArray(f.frameNames);
      return ok ? null : 'frame must have url, name, text, links, images, frames and frameNames';
    }
    case 'page/match-labels':
      return isStringArray(message.texts) ? null : 'texts must be an array of strings';
    case 'page/report':
      return isObject(message.page) && (message.seq === undefined || isCount(message.seq))
        && (message.began === undefined || isTime(message.began))
        ? null
        : 'page must be an object, seq (if given) a whole number, began (if given) a time in epoch ms';
    case 'page/update': {
      const ok = typeof message.url === 'string' && isCount(message.base) && isCount(message.seq) && isObject(message.page)
        && Array.isArray(message.candidates) && message.candidates.every((c) => isObject(c) && isCount(c.key))
        && Array.isArray(message.removed) && message.removed.every(isCount);
      return ok ? null : 'url must be a string, base and seq whole numbers, page an object, candidates objects with whole-number keys, removed whole numbers';
    }
    case 'page/timing': {
      const t = message.timing;
      const ms = (/** @type {unknown} */ v) => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIMING_MS;
      return typeof message.url === 'string' && typeof t === 'object' && t !== null && ms(t.scanMs) && ms(t.labelMs) && ms(t.longestMs)
        && typeof t.whole === 'boolean'
        ? null
        : `url must be a string, timing.scanMs, labelMs and longestMs numbers of 0 to ${MAX_TIMING_MS} ms, timing.whole a boolean`;
    }
    case 'feedback/label-wrong':
      return typeof message.url === 'string' && KIND_NAMES.includes(message.kind)
        && (message.elementId === null || typeof message.elementId === 'string') && typeof message.classifierVersion === 'string'
        ? null
        : 'url, kind, elementId and classifierVersion are required';
    case 'memory/forget-site':
      return isSiteName(message.site) ? null : 'site must be a registrable domain';
    case 'settings/mute-private-site':
      return isSiteName(message.site) && KIND_NAMES.includes(message.kind) ? null : 'site must be a registrable domain, kind a kind';
    case 'i18n/get-messages':
      return typeof message.language === 'string' && (LANGUAGE_PATTERN.test(message.language) || message.language === AUTO)
        ? null
        : `language must be a _locales folder name or "${AUTO}"`;
    case 'memory/forget-topic':
      return typeof message.topic === 'string' && /^[a-z_]{1,64}$/.test(message.topic) ? null : 'topic must be a topic id';
    case 'memory/apply-observations':
      return Array.isArray(message.observations) && message.observations.length <= MAX_APPLY_BATCH
        && message.observations.every((o) => typeof o === 'object' && o !== null)
        ? null
        : `observations must be an array of at most ${MAX_APPLY_BATCH} records`;
    case 'panel/open':
      return (message.view === 'site' && isSiteName(message.site)) || (message.view === 'profile' && message.site === null)
        ? null
        : 'view must be "site" with a registrable domain, or "profile" with site null';
    case 'tab/get-summary':
      return Number.isInteger(message.tabId) && message.tabId >= 0 ? null : 'tabId must be a non-negative integer';
    default:
      return null;
  }
}

/** @param {unknown} value a host name's length: 1 to 253 characters */
function isSiteName(value) {
  return typeof value === 'string' && value.length > 0 && value.length <= 253;
}

/** @param {unknown} value */
function isStringArray(value) {
  return Array.isArray(value) && value.every((v) => typeof v === 'string');
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>} a plain object (not null, not an array)
 */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** @param {unknown} value a whole number of 0 or more (a key, a report's number) */
function isCount(value) {
  return Number.isSafeInteger(value) && /** @type {number} */ (value) >= 0;
}

/** @param {unknown} value a moment, in ms since the epoch (fractions allowed) */
function isTime(value) {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/**
 * Sends a message to the background and unwraps its reply; throws with the
 * background's error message when it refused or failed.
 * @template {Message} M
 * @param {M} message
 * @returns {Promise<ReplyOf[M['type']]>}
 */
export async function send(message) {
  /** @type {Reply | undefined} */
  const reply = await chrome.runtime.sendMessage(message);
  if (!reply) throw new Error(`${message.type}: no reply from the background`);
  if (!reply.ok) throw new Error(reply.error);
  return /** @type {ReplyOf[M['type']]} */ (reply.value);
}
