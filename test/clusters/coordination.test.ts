import { describe, expect, it } from 'vitest';
import { detectCoordination, type ShareEvent } from '../../src/clusters/index.js';

const limits = { windowSeconds: 60, minRepeats: 2, minAccounts: 3, maxPostsPerKey: 2000 };
const T0 = Date.parse('2026-11-20T12:00:00Z');
let nextId = 1;
const share = (account: string, key: string, offsetSeconds: number): ShareEvent => ({ postId: nextId++, account, key, at: T0 + offsetSeconds * 1000 });

/**
 * A synthetic day: a network of five accounts posts three links and one text within seconds of each other, while
 * twenty ordinary accounts share the same links hours apart, and two accounts co-share once by chance.
 */
function syntheticDay(): { events: ShareEvent[]; members: string[] } {
  const members = ['net1', 'net2', 'net3', 'net4', 'net5'];
  const events: ShareEvent[] = [];
  ['url:https://a.example/1', 'url:https://a.example/2', 'url:https://a.example/3', 'cluster:7'].forEach((key, k) => {
    members.forEach((m, i) => events.push(share(m, key, k * 3600 + i * 9)));
  });
  for (let i = 0; i < 20; i++) events.push(share(`person${i}`, `url:https://a.example/${(i % 3) + 1}`, 900 + i * 700));
  events.push(share('chance1', 'url:https://news.example/x', 5000), share('chance2', 'url:https://news.example/x', 5010));
  return { events, members };
}

describe('detectCoordination', () => {
  it('finds exactly the network of a synthetic day, with its evidence', () => {
    const { events, members } = syntheticDay();
    const networks = detectCoordination(events, limits);
    expect(networks).toHaveLength(1);
    expect(networks[0]!.accounts).toEqual(members);
    expect(networks[0]!.links).toBe(10);
    expect(networks[0]!.evidence.map((e) => e.key).sort()).toEqual(['cluster:7', 'url:https://a.example/1', 'url:https://a.example/2', 'url:https://a.example/3']);
    for (const e of networks[0]!.evidence) expect(new Set(e.shares.map((s) => s.account))).toEqual(new Set(members));
    expect(networks[0]!.firstAt).toBe(T0);
  });

  it('does not link accounts that co-shared only once (chance) or outside the window', () => {
    const events = [share('a', 'url:x', 0), share('b', 'url:x', 30), share('c', 'url:x', 50), share('a', 'url:y', 0), share('b', 'url:y', 61), share('c', 'url:y', 200)];
    expect(detectCoordination(events, limits)).toEqual([]);
  });

  it('counts a post\'s link and text once: two posts sharing both are one occasion', () => {
    const a = { postId: 1, account: 'a', at: T0 };
    const b = { postId: 2, account: 'b', at: T0 + 5000 };
    const c = { postId: 3, account: 'c', at: T0 + 9000 };
    const events = [a, b, c].flatMap((p) => [{ ...p, key: 'url:z' }, { ...p, key: 'cluster:1' }]);
    expect(detectCoordination(events, limits)).toEqual([]);
    expect(detectCoordination(events, { ...limits, minRepeats: 1 })[0]!.accounts).toEqual(['a', 'b', 'c']);
  });

  it('ignores one account repeating itself', () => {
    const events = Array.from({ length: 30 }, (_, i) => share('spammer', `url:${i % 3}`, i));
    expect(detectCoordination(events, limits)).toEqual([]);
  });
});
