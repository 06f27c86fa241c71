import type { SignalKind, ThreatCategory, ThreatLevel } from './types.js';

/** What survived the negatives: the evidence kinds present, and whether a watchlist name or office address matched. */
export interface Evidence {
  kinds: ReadonlySet<SignalKind>;
  watchlistName: boolean;
  watchlistAddress: boolean;
}

export interface Decision {
  level: ThreatLevel;
  categories: ThreatCategory[];
}

/**
 * The level rules of ../shared/DOMAIN.md:
 * - threat (high): a threat or second-person menace; critical when it has concrete means (weapon, fire, bomb), a time,
 *   a place, or names a watchlisted employee;
 * - doxxing (high): "here is her home address", photos of a person, or a phone number or street address next to
 *   "her name is"/"she lives at" or a watchlisted name;
 * - mobilization (medium): a call to gather with a place or a time, or a call to flood phones or inboxes;
 * - hostile (low): insults or dehumanising words about staff; medium when aimed at a watchlisted employee.
 */
export function decideLevel(evidence: Evidence): Decision {
  const has = (kind: SignalKind): boolean => evidence.kinds.has(kind);
  const place = has('place') || has('address') || evidence.watchlistAddress;
  const categories: ThreatCategory[] = [];
  let level: ThreatLevel = 'none';
  const raise = (to: ThreatLevel): void => {
    if (RANK[to] > RANK[level]) level = to;
  };

  if (has('threat') || has('menace')) {
    categories.push('threat');
    raise(has('means') || has('time') || place || evidence.watchlistName ? 'critical' : 'high');
  }
  const personal = has('personal-ref') || evidence.watchlistName;
  if (has('exposure') || has('photo') || ((has('phone') || has('address')) && personal)) {
    categories.push('doxxing');
    raise('high');
  }
  if (has('flood') || (has('gathering') && (place || has('time')))) {
    categories.push('mobilization');
    raise('medium');
  }
  if (has('hostile') || has('dehumanising')) {
    categories.push('hostile');
    raise(evidence.watchlistName ? 'medium' : 'low');
  }
  return { level, categories };
}

/**
 * The kinds without which {@link decideLevel} gives none (a watchlisted name beside a phone number or street address
 * aside): means, time, place, phone, address and watchlist hits only ever raise or place what one of these started.
 * A post in which no rule of these kinds can match is decided without its full analysis.
 */
export const LEVEL_KINDS: ReadonlySet<SignalKind> = new Set<SignalKind>(['threat', 'menace', 'exposure', 'photo', 'personal-ref', 'flood', 'gathering', 'hostile', 'dehumanising']);

const RANK: Record<ThreatLevel, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

/** The category a kind of evidence belongs to (what a negative cancels); modifiers serve whichever category uses them. */
export const CATEGORY_OF: Record<SignalKind, ThreatCategory | 'modifier'> = {
  threat: 'threat',
  menace: 'threat',
  means: 'modifier',
  time: 'modifier',
  place: 'modifier',
  gathering: 'mobilization',
  flood: 'mobilization',
  hostile: 'hostile',
  dehumanising: 'hostile',
  exposure: 'doxxing',
  photo: 'doxxing',
  'personal-ref': 'modifier',
  phone: 'modifier',
  address: 'modifier',
  watchlist: 'modifier',
};

/** Evidence kinds worth showing for each category a post got. */
export const SHOWN_FOR: Record<ThreatCategory, ReadonlySet<SignalKind>> = {
  threat: new Set(['threat', 'menace', 'means', 'time', 'place', 'address', 'watchlist']),
  doxxing: new Set(['exposure', 'photo', 'personal-ref', 'phone', 'address', 'watchlist']),
  mobilization: new Set(['gathering', 'flood', 'place', 'address', 'time', 'watchlist']),
  hostile: new Set(['hostile', 'dehumanising', 'watchlist']),
};
