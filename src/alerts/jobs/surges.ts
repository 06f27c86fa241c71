import type { Db } from '../../db/index.js';
import { activeSurgeKeys, channelSql, countSpreading, findNewChannels, lockAlertKey, narrativeVoices, readAlertState, surgeDetails, writeAlertState } from '../../db/queries/index.js';
import { findCoordination } from '../../cluster-store/index.js';
import { summariseCoordination } from '../../clusters/index.js';
import { clusterSettings } from '../../config/index.js';
import type { NarrativeFacts, SurgeFacts } from '../emails/facts.js';
import { surgeEmail } from '../emails/surge-email.js';
import type { Recipient } from '../recipients.js';
import type { SurgeThresholds } from '../../config/index.js';
import { thresholdsFor, thresholdsKey, type SurgeChannel } from '../settings.js';
import { EMPTY_SURGE_STATE, evaluateSurge, expectedCount, surgeKey, surgeThread, type SurgeCounts, type SurgeState } from '../surge.js';
import { emailOptions, type AlertDeps } from './deps.js';
import { loadNarratives, loadRecipients, toPostFacts } from './load.js';
import { announce, writeAlert } from './record.js';

const CHANNELS: SurgeChannel[] = ['social', 'news'];
const MINUTE = 60_000;

/** Counts for every narrative on one channel, each under its own thresholds (one query per distinct window). */
async function channelCounts(deps: AlertDeps, channel: SurgeChannel, now: Date): Promise<Map<string, SurgeCounts>> {
  const surge = deps.settings.surge;
  const configs = new Map<string, SurgeThresholds>([[thresholdsKey(surge[channel]), surge[channel]]]);
  for (const slug of Object.keys(surge.overrides)) configs.set(thresholdsKey(thresholdsFor(surge, slug, channel)), thresholdsFor(surge, slug, channel));
  const counts = new Map<string, SurgeCounts>();
  const entry = (slug: string) => counts.get(slug) ?? counts.set(slug, { window: 0, baseline: 0, newPlatforms: [], newLanguages: [] }).get(slug)!;
  for (const [key, t] of configs) {
    const filter = { channel, newsPlatforms: surge.newsPlatforms, now };
    const windowStart = new Date(now.getTime() - t.windowMinutes * MINUTE);
    const mine = (slug: string) => thresholdsKey(thresholdsFor(surge, slug, channel)) === key;
    const baselineStart = new Date(windowStart.getTime() - t.baselineMinutes * MINUTE);
    for (const row of await countSpreading(deps.db, { ...filter, windowStart, baselineStart, countBy: surge.countBy })) {
      if (mine(row.slug)) Object.assign(entry(row.slug), { window: row.window, baseline: row.baseline });
    }
    const lookbackStart = new Date(windowStart.getTime() - surge.newChannelLookbackDays * 1440 * MINUTE);
    for (const row of await findNewChannels(deps.db, { ...filter, windowStart, lookbackStart, minPosts: surge.newChannelMinPosts })) {
      if (!mine(row.slug)) continue;
      (row.kind === 'platform' ? entry(row.slug).newPlatforms : entry(row.slug).newLanguages).push(row.value);
    }
  }
  return counts;
}

/**
 * Evaluates narrative surges (all narratives, or only `slugs` after a classify batch). Each narrative and channel
 * is decided under an advisory lock in its own transaction: state, alert and emails commit together or not at all.
 */
export async function evaluateSurges(deps: AlertDeps, slugs?: readonly string[]): Promise<number> {
  const now = deps.now();
  const active = await activeSurgeKeys(deps.db);
  let recipients: Recipient[] | null = null;
  let alerted = 0;
  for (const channel of CHANNELS) {
    const counts = await channelCounts(deps, channel, now);
    for (const key of active) {
      const [, slug, ch] = key.split(':');
      if (slug && ch === channel && !counts.has(slug)) counts.set(slug, { window: 0, baseline: 0, newPlatforms: [], newLanguages: [] });
    }
    for (const [slug, c] of counts) {
      if (slugs && !slugs.includes(slug)) continue;
      if (!active.includes(surgeKey(slug, channel)) && !mayAlert(c, thresholdsFor(deps.settings.surge, slug, channel))) continue;
      recipients ??= await loadRecipients(deps.db);
      if (await decideSurge(deps, slug, channel, c, recipients, now)) alerted++;
    }
  }
  return alerted;
}

/**
 * Posts, texts and accounts of the surge's window side by side, and coordinated sharing among its spreading posts
 * (looking back one coordination window before it, so a push that began just before the window is seen whole).
 */
async function campaignFacts(db: Db, deps: AlertDeps, slug: string, channel: SurgeChannel, windowStart: Date, now: Date) {
  const coordination = deps.coordination ?? clusterSettings({}).coordination;
  const filter = channelSql({ channel, newsPlatforms: deps.settings.surge.newsPlatforms });
  const [voices] = await narrativeVoices(db, { from: windowStart, to: now, stance: 'spreading', slugs: [slug], extra: filter });
  const from = new Date(windowStart.getTime() - coordination.windowSeconds * 1000);
  const networks = await findCoordination(db, { from, to: now, slug, stance: 'spreading' }, coordination);
  return {
    voices: voices ?? { posts: 0, texts: 0, accounts: 0 },
    coordination: summariseCoordination(networks),
    coordinationWindowSeconds: coordination.windowSeconds,
    windowStart: from.toISOString(),
    windowEnd: now.toISOString(),
  };
}

/** Cheap pre-check: without a running episode, only a surge or a new channel can change anything. */
function mayAlert(c: SurgeCounts, t: SurgeThresholds): boolean {
  return c.newPlatforms.length + c.newLanguages.length > 0 || (c.window >= t.minCount && c.window / expectedCount(c.baseline, t) >= t.minRatio);
}

async function decideSurge(deps: AlertDeps, slug: string, channel: SurgeChannel, counts: SurgeCounts, recipients: Recipient[], now: Date): Promise<boolean> {
  const t = thresholdsFor(deps.settings.surge, slug, channel);
  const key = surgeKey(slug, channel);
  const result = await deps.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await lockAlertKey(tx, key);
    const state = (await readAlertState<SurgeState>(tx, key)) ?? EMPTY_SURGE_STATE;
    const decision = evaluateSurge(slug, channel, counts, state, t, now, deps.settings.surge.followUpMinutes);
    if (JSON.stringify(decision.state) !== JSON.stringify(state)) await writeAlertState(tx, key, decision.state, now);
    if (!decision.alert) return null;
    const windowStart = new Date(now.getTime() - t.windowMinutes * MINUTE);
    const narratives = await loadNarratives(tx, [slug]);
    const details = await surgeDetails(tx, {
      slug,
      channel,
      newsPlatforms: deps.settings.surge.newsPlatforms,
      windowStart,
      now,
      examples: deps.settings.surge.examplePosts,
    });
    const campaign = await campaignFacts(tx, deps, slug, channel, windowStart, now);
    const facts: SurgeFacts = {
      narrative: narratives.get(slug) as NarrativeFacts,
      channel,
      reason: decision.alert.reason,
      windowMinutes: t.windowMinutes,
      window: decision.alert.window,
      expected: decision.alert.expected,
      ratio: decision.alert.ratio,
      newPlatforms: decision.alert.newPlatforms,
      newLanguages: decision.alert.newLanguages,
      platforms: details.platforms,
      languages: details.languages,
      examples: details.examples.map(toPostFacts),
      followUpMinutes: deps.settings.surge.followUpMinutes,
      countBy: deps.settings.surge.countBy,
      ...campaign,
    };
    const { examples, narrative, ...summary } = facts;
    const exampleIds = examples.flatMap((e) => (e.id === null ? [] : [e.id]));
    const options = emailOptions(deps);
    const alert = {
      kind: 'surge' as const,
      dedupeKey: decision.alert.dedupeKey,
      severity: 'surge',
      subject: slug,
      payload: { slug, ...summary, episodeStart: decision.alert.episodeStart, seq: decision.alert.seq, examplePostIds: exampleIds },
      postIds: exampleIds,
      audience: { role: 'communications' as const, narrative: slug, urgent: false },
      threadKey: surgeThread(slug, channel, decision.alert.episodeStart),
      contentFor: (lang: 'sv' | 'en') => surgeEmail(facts, lang, options),
      createdAt: now,
    };
    const recorded = await writeAlert(tx, deps, alert, recipients);
    return recorded ? { alert, recorded } : null;
  });
  if (!result) return false;
  await announce(deps, result.alert, result.recorded);
  return true;
}
