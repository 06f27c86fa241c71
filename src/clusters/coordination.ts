import type { CoordinationSettings } from '../config/index.js';

/** One account putting one link or one text (a cluster) out at one moment: a post, or a boost/retweet of one. */
export interface ShareEvent {
  postId: number;
  account: string;
  /** `url:<normalised url>` or `cluster:<id>`. */
  key: string;
  /** Epoch milliseconds. */
  at: number;
}

export interface CoordinationEvidence {
  key: string;
  /** The shares of this link or text by the network's accounts that fell within the window of another's, by time. */
  shares: ShareEvent[];
}

/** Accounts that repeatedly shared the same links or texts within the window of each other; no verdict on intent. */
export interface CoordinationNetwork {
  accounts: string[];
  /** Account pairs that co-shared at least `minRepeats` times. */
  links: number;
  /** Distinct co-sharing occasions (pairs of posts) between linked accounts. */
  coShares: number;
  evidence: CoordinationEvidence[];
  firstAt: number;
  lastAt: number;
}

type Limits = Pick<CoordinationSettings, 'windowSeconds' | 'minRepeats' | 'minAccounts' | 'maxPostsPerKey'>;

/**
 * Coordinated sharing in the manner of CooRnet/CooRTweet: two accounts co-share when they post the same link or
 * near-identical text within `windowSeconds` of each other; pairs that co-shared on at least `minRepeats` distinct
 * occasions (pairs of posts, so a post's link and text count once) are linked, and linked groups of at least
 * `minAccounts` accounts are networks. Each key's earliest `maxPostsPerKey` shares are considered.
 */
export function detectCoordination(events: readonly ShareEvent[], limits: Limits): CoordinationNetwork[] {
  const windowMs = limits.windowSeconds * 1000;
  const occasions = new Map<string, Set<string>>();
  const coShared = new Map<string, { key: string; a: ShareEvent; b: ShareEvent }[]>();
  for (const [key, shares] of byKey(events, limits.maxPostsPerKey)) {
    for (let i = 0; i < shares.length; i++) {
      const a = shares[i] as ShareEvent;
      for (let j = i + 1; j < shares.length; j++) {
        const b = shares[j] as ShareEvent;
        if (b.at - a.at > windowMs) break;
        if (a.account === b.account) continue;
        const pair = pairKey(a.account, b.account);
        const occasion = a.postId < b.postId ? `${a.postId}:${b.postId}` : `${b.postId}:${a.postId}`;
        (occasions.get(pair) ?? occasions.set(pair, new Set()).get(pair)!).add(occasion);
        (coShared.get(pair) ?? coShared.set(pair, []).get(pair)!).push({ key, a, b });
      }
    }
  }
  const linked = [...occasions].filter(([, set]) => set.size >= limits.minRepeats).map(([pair]) => pair);
  const groups = components(linked);
  const networks: CoordinationNetwork[] = [];
  for (const accounts of groups) {
    if (accounts.length < limits.minAccounts) continue;
    const members = new Set(accounts);
    const pairs = linked.filter((pair) => members.has(pair.split('\u0000')[0] as string));
    networks.push(networkOf(accounts, pairs, coShared, occasions));
  }
  return networks.sort((x, y) => y.accounts.length - x.accounts.length || x.firstAt - y.firstAt || (x.accounts[0] ?? '').localeCompare(y.accounts[0] ?? ''));
}

function byKey(events: readonly ShareEvent[], maxPerKey: number): Map<string, ShareEvent[]> {
  const groups = new Map<string, ShareEvent[]>();
  for (const event of events) (groups.get(event.key) ?? groups.set(event.key, []).get(event.key)!).push(event);
  for (const [key, shares] of groups) {
    shares.sort((a, b) => a.at - b.at || a.postId - b.postId || a.account.localeCompare(b.account));
    if (shares.length > maxPerKey) groups.set(key, shares.slice(0, maxPerKey));
  }
  return groups;
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** Connected components of the linked pairs (union-find), each sorted. */
function components(pairs: readonly string[]): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    for (let node = x; node !== root; ) {
      const next = parent.get(node) as string;
      parent.set(node, root);
      node = next;
    }
    return root;
  };
  for (const pair of pairs) {
    const [a, b] = pair.split('\u0000') as [string, string];
    if (!parent.has(a)) parent.set(a, a);
    if (!parent.has(b)) parent.set(b, b);
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, string[]>();
  for (const node of parent.keys()) {
    const root = find(node);
    (groups.get(root) ?? groups.set(root, []).get(root)!).push(node);
  }
  return [...groups.values()].map((g) => g.sort());
}

function networkOf(
  accounts: string[],
  pairs: readonly string[],
  coShared: Map<string, { key: string; a: ShareEvent; b: ShareEvent }[]>,
  occasions: Map<string, Set<string>>,
): CoordinationNetwork {
  const evidence = new Map<string, Map<string, ShareEvent>>();
  let firstAt = Infinity;
  let lastAt = -Infinity;
  let coShares = 0;
  for (const pair of pairs) {
    coShares += occasions.get(pair)?.size ?? 0;
    for (const { key, a, b } of coShared.get(pair) ?? []) {
      const shares = evidence.get(key) ?? evidence.set(key, new Map()).get(key)!;
      for (const share of [a, b]) {
        shares.set(`${share.postId}:${share.account}:${share.at}`, share);
        firstAt = Math.min(firstAt, share.at);
        lastAt = Math.max(lastAt, share.at);
      }
    }
  }
  return {
    accounts,
    links: pairs.length,
    coShares,
    evidence: [...evidence]
      .map(([key, shares]) => ({ key, shares: [...shares.values()].sort((x, y) => x.at - y.at || x.postId - y.postId) }))
      .sort((x, y) => y.shares.length - x.shares.length || x.key.localeCompare(y.key)),
    firstAt,
    lastAt,
  };
}

/** What an alert says about coordination: accounts in networks, and whether they shared links, texts or both. */
export interface CoordinationSummary {
  networks: number;
  accounts: number;
  shared: 'link' | 'text' | 'both';
}

export function summariseCoordination(networks: readonly CoordinationNetwork[]): CoordinationSummary | null {
  if (networks.length === 0) return null;
  const accounts = new Set(networks.flatMap((n) => n.accounts));
  const kinds = new Set(networks.flatMap((n) => n.evidence.map((e) => (e.key.startsWith('url:') ? 'link' : 'text'))));
  return { networks: networks.length, accounts: accounts.size, shared: kinds.size > 1 ? 'both' : kinds.has('link') ? 'link' : 'text' };
}
