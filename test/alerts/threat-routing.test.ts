import { describe, expect, it } from 'vitest';
import { decideCaseAlert, type CaseTold } from '../../src/alerts/index.js';

const now = new Date('2026-11-23T10:00:00Z');
const told = (level: CaseTold['level'], postCount: number, minutesAgo: number): CaseTold => ({ level, postCount, at: new Date(now.getTime() - minutesAgo * 60_000) });

describe('what to tell about a threat case', () => {
  it.each([
    ['a new high case', { level: 'high', status: 'new', postCount: 1 }, null, 60, { kind: 'threat', change: 'opened' }],
    ['a repost joining it', { level: 'high', status: 'new', postCount: 2 }, told('high', 1, 5), null, null],
    ['growth before the summary is due', { level: 'high', status: 'new', postCount: 9 }, told('high', 1, 59), 60, null],
    ['growth once it is due', { level: 'high', status: 'acknowledged', postCount: 9 }, told('high', 1, 60), 60, { kind: 'threat-growth' }],
    ['no growth at all', { level: 'critical', status: 'new', postCount: 1 }, told('critical', 1, 600), 60, null],
    ['a rise to critical', { level: 'critical', status: 'new', postCount: 2 }, told('high', 1, 1), null, { kind: 'threat', change: 'raised' }],
    ['a medium case rising to high after its batch', { level: 'high', status: 'new', postCount: 2 }, told('medium', 1, 30), null, { kind: 'threat', change: 'raised' }],
    ['a medium case (the batch tells it)', { level: 'medium', status: 'new', postCount: 1 }, null, 60, null],
    ['a dismissed case', { level: 'critical', status: 'dismissed', postCount: 3 }, null, 60, null],
  ] as const)('%s', (_name, c, before, growthMinutes, expected) => {
    expect(decideCaseAlert(c, before, now, growthMinutes)).toEqual(expected);
  });
});
