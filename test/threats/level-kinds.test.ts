import { describe, expect, it } from 'vitest';
import { decideLevel, LEVEL_KINDS, RULE_SIGNAL_KINDS, type SignalKind } from '../../src/threats/index.js';

// The classify stage skips the full analysis of a post in which no rule of a LEVEL_KINDS kind can match (and no
// watchlisted name can stand beside a phone number or address): decideLevel must give none for every such post.

const ALL_KINDS: readonly SignalKind[] = [...RULE_SIGNAL_KINDS, 'phone', 'address', 'watchlist'];
const OTHER_KINDS = ALL_KINDS.filter((kind) => !LEVEL_KINDS.has(kind));

function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
}

describe('LEVEL_KINDS', () => {
  it('leaves the level at none for every mix of the other kinds, with or without a watchlisted address', () => {
    for (const kinds of subsets(OTHER_KINDS)) {
      for (const watchlistAddress of [false, true]) {
        expect(decideLevel({ kinds: new Set(kinds), watchlistName: false, watchlistAddress }).level, kinds.join(',')).toBe('none');
      }
    }
  });

  it('leaves it at none with a watchlisted name as long as no phone number or street address is beside it', () => {
    for (const kinds of subsets(OTHER_KINDS.filter((k) => k !== 'phone' && k !== 'address'))) {
      expect(decideLevel({ kinds: new Set(kinds), watchlistName: true, watchlistAddress: true }).level, kinds.join(',')).toBe('none');
    }
    expect(decideLevel({ kinds: new Set(['phone']), watchlistName: true, watchlistAddress: false }).level).toBe('high');
  });

  it('holds only kinds that give a level with the right company', () => {
    for (const kind of LEVEL_KINDS) {
      const raised = subsets(OTHER_KINDS).some((others) => decideLevel({ kinds: new Set([kind, ...others]), watchlistName: false, watchlistAddress: false }).level !== 'none');
      expect(raised, kind).toBe(true);
    }
  });
});
