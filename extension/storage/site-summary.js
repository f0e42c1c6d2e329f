// Per-site summaries: what the panel's site list and a site's page show
// without reading every observation. A summary is a sum of its
// observations' shares: adding a record adds its share, removing one (an
// update, retention, "forget this site") subtracts it, so a summary is
// always what its stored observations add up to. Pure functions, no storage.

/**
 * @typedef {import('../messages.js').Kind} Kind
 * @typedef {{ contextual: number, behavioural: number, retargeted: number, generic: number }} KindCounts
 * @typedef {{ requests: number, listed: number, tracker: string | null, company: string | null,
 *   category: string | null, retargeting: boolean }} ThirdPartySummary
 * @typedef {{ vendor: string, event: string, productId: string | null, count: number, lastTime: number }} RemarketingSummary
 * @typedef {{ count: number, lastTime: number, products: Record<string, number> }} FollowedSummary
 * @typedef {{ cmpId: number | null, refused: number[], count: number, lastTime: number, framework?: string,
 *   optedOut?: string[] }} ConsentSummary
 *   the consent the site passed on to ad companies (IAB TCF, GPP or US Privacy), by answer: `refused`, the
 *   purposes personalised ads need that were not consented to; `optedOut`, what the user opted out of (US
 *   strings); `framework` absent in summaries from before AdLens read the US strings (TCF)
 * @typedef {{ site: string, firstSeen: number, lastSeen: number, visits: number, kinds: KindCounts,
 *   days: Record<string, KindCounts>, thirdParties: Record<string, ThirdPartySummary>,
 *   remarketing: Record<string, RemarketingSummary>, followedTo: Record<string, FollowedSummary>,
 *   feedback: number, consent?: Record<string, ConsentSummary>, interestAds?: Record<string, number> }} SiteSummary
 *   consent: absent in summaries stored before AdLens kept it; interestAds: the ads and widgets chosen here for
 *   the user's profile, counted by the interest that picked them (`pickedByInterest`), absent in summaries stored
 *   before AdLens counted them
 * @typedef {{ type: string, id: string, time: number, lastTime?: number, site: string, [field: string]: unknown }} StoredObservation
 */

/** Most days kept per site for the kinds-over-time chart. */
export const MAX_DAYS = 400;

/** @returns {KindCounts} */
const noKinds = () => ({ contextual: 0, behavioural: 0, retargeted: 0, generic: 0 });

/**
 * @param {string} site
 * @returns {SiteSummary}
 */
export function emptySummary(site) {
  return {
    site,
    firstSeen: 0,
    lastSeen: 0,
    visits: 0,
    kinds: noKinds(),
    days: {},
    thirdParties: {},
    remarketing: {},
    followedTo: {},
    feedback: 0,
    consent: {},
    interestAds: {},
  };
}

/**
 * The interest of the user's profile an item was chosen for, when it was
 * (a "your profile" verdict whose evidence names the topic it matched).
 * @param {Record<string, unknown>} record an `item_seen` record
 * @returns {string | null}
 */
export function pickedByInterest(record) {
  if (record.kind !== 'behavioural' || !Array.isArray(record.evidence)) return null;
  const match = record.evidence.find((e) => e?.type === 'topic_matches_profile' && typeof e.topic === 'string');
  return match ? match.topic : null;
}

/**
 * The UTC day of a time, `YYYY-MM-DD`.
 * @param {number} time epoch ms
 */
export function dayOf(time) {
  return new Date(time).toISOString().slice(0, 10);
}

/**
 * The sites a record's share touches: its own, and for an ad that followed
 * the user, the shop it followed them from.
 * @param {StoredObservation} record
 * @returns {string[]}
 */
export function sitesOf(record) {
  const from = record.type === 'item_seen' && record.kind === 'retargeted' ? record.followedFrom : null;
  return typeof from === 'string' && from && from !== record.site ? [record.site, from] : [record.site];
}

/**
 * Adds (`sign` 1) or removes (`sign` -1) one record's share.
 * @param {(site: string) => SiteSummary} summaryOf the summary to change, by site
 * @param {StoredObservation} record
 * @param {1 | -1} sign
 */
export function applyRecord(summaryOf, record, sign) {
  const own = summaryOf(record.site);
  if (sign > 0) {
    own.firstSeen = own.firstSeen === 0 ? record.time : Math.min(own.firstSeen, record.time);
    own.lastSeen = Math.max(own.lastSeen, record.lastTime ?? record.time);
  }
  const r = /** @type {Record<string, any>} */ (record);
  switch (record.type) {
    case 'page_visit':
      own.visits += sign;
      break;
    case 'item_seen': {
      const kind = /** @type {Kind} */ (r.kind);
      if (!(kind in own.kinds)) break;
      own.kinds[kind] += sign;
      const day = dayOf(record.time);
      (own.days[day] ??= noKinds())[kind] += sign;
      if (Object.values(own.days[day]).every((n) => n <= 0)) delete own.days[day];
      trimDays(own);
      const interest = pickedByInterest(r);
      if (interest) {
        const picked = (own.interestAds ??= {});
        picked[interest] = (picked[interest] ?? 0) + sign;
        if (picked[interest] <= 0) delete picked[interest];
      }
      const [, from] = sitesOf(record);
      if (from) {
        const shop = summaryOf(from);
        const followed = (shop.followedTo[record.site] ??= { count: 0, lastTime: 0, products: {} });
        followed.count += sign;
        followed.lastTime = Math.max(followed.lastTime, record.time);
        if (typeof r.product === 'string') {
          followed.products[r.product] = (followed.products[r.product] ?? 0) + sign;
          if (followed.products[r.product] <= 0) delete followed.products[r.product];
        }
        if (followed.count <= 0) delete shop.followedTo[record.site];
      }
      break;
    }
    case 'tracker_contact': {
      const tp = (own.thirdParties[r.domain] ??= {
        requests: 0, listed: 0, tracker: null, company: null, category: null, retargeting: false,
      });
      tp.requests += sign * Number(r.requests);
      tp.listed += sign * Number(r.listed);
      if (sign > 0) {
        tp.tracker = r.tracker ?? tp.tracker;
        tp.company = r.company ?? tp.company;
        tp.category = r.category ?? tp.category;
        tp.retargeting ||= r.retargetingVendor === true;
      }
      if (tp.requests <= 0) delete own.thirdParties[r.domain];
      break;
    }
    case 'remarketing_event': {
      const key = `${r.vendor}|${r.event}|${r.productId ?? ''}`;
      const event = (own.remarketing[key] ??= { vendor: r.vendor, event: r.event, productId: r.productId ?? null, count: 0, lastTime: 0 });
      event.count += sign * Number(r.count);
      event.lastTime = Math.max(event.lastTime, Number(r.lastTime ?? r.time));
      if (event.count <= 0) delete own.remarketing[key];
      break;
    }
    case 'label_feedback':
      own.feedback += sign;
      break;
    case 'consent_signal': {
      const refused = Array.isArray(r.refused) ? r.refused.map(Number) : [];
      const optedOut = Array.isArray(r.optedOut) ? r.optedOut.map(String) : [];
      const framework = typeof r.framework === 'string' ? r.framework : 'tcf';
      const cmpId = typeof r.cmpId === 'number' ? r.cmpId : null;
      // TCF answers keep the keys they always had (summaries stored before are taken from by them).
      const key = framework === 'tcf' ? `${cmpId}|${refused.join('+')}` : `${framework}|${cmpId}|${refused.join('+')}|${optedOut.join('+')}`;
      const consent = (own.consent ??= {});
      const answer = (consent[key] ??= { cmpId, refused, count: 0, lastTime: 0, framework, optedOut });
      answer.count += sign * Number(r.count);
      answer.lastTime = Math.max(answer.lastTime, Number(r.lastTime ?? r.time));
      if (answer.count <= 0) delete consent[key];
      break;
    }
    default:
      break;
  }
}

/** @param {SiteSummary} summary */
function trimDays(summary) {
  const days = Object.keys(summary.days);
  if (days.length <= MAX_DAYS) return;
  for (const day of days.sort().slice(0, days.length - MAX_DAYS)) delete summary.days[day];
}

/**
 * Nothing is left of the site: its summary can go.
 * @param {SiteSummary} summary
 */
export function isEmpty(summary) {
  return summary.visits <= 0 && Object.values(summary.kinds).every((n) => n <= 0)
    && Object.keys(summary.thirdParties).length === 0 && Object.keys(summary.remarketing).length === 0
    && Object.keys(summary.followedTo).length === 0 && summary.feedback <= 0
    && Object.keys(summary.consent ?? {}).length === 0 && Object.keys(summary.interestAds ?? {}).length === 0;
}

/**
 * A stored record merged with a newer one of the same id (a page rescanned,
 * more requests to the same third party): counts add up, the first time
 * stays, the latest verdict wins.
 * @param {StoredObservation} old
 * @param {StoredObservation} fresh
 * @returns {StoredObservation}
 */
export function mergeRecords(old, fresh) {
  /** @type {StoredObservation} */
  const merged = { ...old, ...fresh, time: Math.min(old.time, fresh.time) };
  if (old.lastTime !== undefined || fresh.lastTime !== undefined) {
    merged.lastTime = Math.max(Number(old.lastTime ?? old.time), Number(fresh.lastTime ?? fresh.time));
  }
  const o = /** @type {Record<string, any>} */ (old);
  const f = /** @type {Record<string, any>} */ (fresh);
  if (fresh.type === 'tracker_contact') {
    merged.requests = Number(o.requests) + Number(f.requests);
    merged.listed = Number(o.listed) + Number(f.listed);
  } else if (fresh.type === 'remarketing_event' || fresh.type === 'consent_signal') {
    merged.count = Number(o.count) + Number(f.count);
  }
  return merged;
}
