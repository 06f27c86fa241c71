import { describe, expect, it } from 'vitest';
import { alertsConfigSchema } from '../../src/config/index.js';
import { surgeEmail } from '../../src/alerts/emails/surge-email.js';
import type { SurgeFacts } from '../../src/alerts/emails/facts.js';
import { evaluateSurge, EMPTY_SURGE_STATE } from '../../src/alerts/surge.js';

const facts: SurgeFacts = {
  narrative: { slug: 'child-kidnapping', title: { sv: 'Socialtjänsten kidnappar barn', en: 'Social services kidnap children' }, counterFacts: {} },
  channel: 'social',
  reason: 'surge',
  windowMinutes: 60,
  window: 41,
  expected: 3,
  ratio: 13.7,
  newPlatforms: [],
  newLanguages: [],
  platforms: [{ name: 'x', count: 62 }],
  languages: [{ name: 'sv', count: 62 }],
  examples: [],
  followUpMinutes: 60,
  countBy: 'accounts',
  voices: { posts: 62, texts: 4, accounts: 41 },
  coordination: { networks: 1, accounts: 38, shared: 'link' },
  coordinationWindowSeconds: 60,
  windowStart: '2026-11-20T10:59:00.000Z',
  windowEnd: '2026-11-20T12:00:00.000Z',
};

const text = (lang: 'sv' | 'en') => JSON.stringify(surgeEmail(facts, lang, { timeZone: 'Europe/Stockholm', uiBaseUrl: 'https://vaksam.example' }).blocks);

describe('surge email voices', () => {
  it('says posts, texts and accounts side by side with the coordination, in Swedish and English', () => {
    expect(text('sv')).toContain('62 inlägg · 4 texter · 41 konton · möjlig samordning: 38 konton delade samma länk inom 60 s');
    expect(text('en')).toContain('62 posts · 4 texts · 41 accounts · possible coordination: 38 accounts shared the same link within 60 s');
  });

  it('links to the cluster and network pages of the surge window', () => {
    const period = 'narrative=child-kidnapping&stance=spreading&from=2026-11-20T10%3A59%3A00.000Z&to=2026-11-20T12%3A00%3A00.000Z';
    expect(text('sv')).toContain(`https://vaksam.example/clusters?${period}`);
    expect(text('sv')).toContain(`https://vaksam.example/coordination?${period}`);
    expect(text('sv')).not.toContain('/coordination?' + 'x');
  });

  it('leaves the network link out when nobody co-shared', () => {
    const content = surgeEmail({ ...facts, coordination: null }, 'sv', { timeZone: 'Europe/Stockholm', uiBaseUrl: 'https://vaksam.example' });
    expect(JSON.stringify(content.blocks)).not.toContain('/coordination?');
    expect(JSON.stringify(content.blocks)).not.toContain('samordning');
  });
});

/**
 * The measurement behind alerts.surge.countBy's default: five kinds of hour against the same quiet baseline, with
 * the decision a communicator wants. Counting accounts gets all five right; posts alarm on one account posting 60
 * times and on five bots; texts miss 40 accounts pasting three texts, the push communicators most need to know about.
 */
describe('what surges count', () => {
  const hours = [
    { name: 'organic: 40 people, 40 texts', posts: 40, texts: 40, accounts: 40, want: true },
    { name: 'copy-paste push: 40 accounts, 3 texts', posts: 60, texts: 3, accounts: 40, want: true },
    { name: 'one account posting 60 times', posts: 60, texts: 6, accounts: 1, want: false },
    { name: 'five bots posting 12 times each', posts: 60, texts: 5, accounts: 5, want: false },
    { name: 'an ordinary hour', posts: 2, texts: 2, accounts: 2, want: false },
  ];
  const baseline = { posts: 24, texts: 20, accounts: 18 };
  const thresholds = alertsConfigSchema.parse({}).surge.social;
  const wrong = (by: 'posts' | 'texts' | 'accounts') =>
    hours.filter((h) => {
      const counts = { window: h[by], baseline: baseline[by], newPlatforms: [], newLanguages: [] };
      return (evaluateSurge('n', 'social', counts, EMPTY_SURGE_STATE, thresholds, new Date('2026-11-20T12:00:00Z')).alert !== null) !== h.want;
    }).map((h) => h.name);

  it('gets every hour right by accounts, the default', () => {
    expect(alertsConfigSchema.parse({}).surge.countBy).toBe('accounts');
    expect(wrong('accounts')).toEqual([]);
  });

  it('is wrong by posts (a single account or five bots alarm) and by texts (a copy-paste push is missed)', () => {
    expect(wrong('posts')).toEqual(['one account posting 60 times', 'five bots posting 12 times each']);
    expect(wrong('texts')).toEqual(['copy-paste push: 40 accounts, 3 texts']);
  });
});
