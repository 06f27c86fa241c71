import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/index.js';
import { SCORE_BANDS, type ScoreBand } from '../threat-model/index.js';

/** Reviewers' verdicts over a group of cases (a rule, a score band): what they say about its precision. */
export interface VerdictCounts {
  cases: number;
  /** The level was right. */
  confirmed: number;
  /** A threat, but at another level; `wrongLevelQueued` of them at medium or above (they belonged in the queue). */
  wrongLevel: number;
  wrongLevelQueued: number;
  /** Not a threat (dismissed). */
  dismissed: number;
  pending: number;
  /** Cases that belonged in the queue (confirmed, or wrong level at medium+) over reviewed cases; null before any. */
  precision: number | null;
  /** Cases whose level was right over reviewed cases; null before any. */
  levelAccuracy: number | null;
}

export interface RulePrecision extends VerdictCounts {
  rule: string;
}

export interface BandPrecision extends VerdictCounts {
  band: ScoreBand;
  /** `model`: cases only the model's suggestion put in the queue; `rules`: cases a rule put there (scored too). */
  origin: 'model' | 'rules';
}

type CountRow = { cases: string; confirmed: string; wrong_level: string; wrong_level_queued: string; dismissed: string };

/**
 * The verdict of a case: the one recorded, else what its status says (cases reviewed before verdicts were stored:
 * acknowledged and escalated confirm, dismissed says no threat).
 */
const VERDICT = sql`coalesce(c.verdict, case when c.status in ('acknowledged', 'escalated') then 'confirmed' when c.status = 'dismissed' then 'not-a-threat' end)`;
const COUNTS = sql`count(distinct c.id) as cases,
  count(distinct c.id) filter (where ${VERDICT} = 'confirmed') as confirmed,
  count(distinct c.id) filter (where ${VERDICT} = 'wrong-level') as wrong_level,
  count(distinct c.id) filter (where ${VERDICT} = 'wrong-level' and c.verdict_level in ('medium', 'high', 'critical')) as wrong_level_queued,
  count(distinct c.id) filter (where ${VERDICT} = 'not-a-threat') as dismissed`;

/**
 * Precision per rule over every case it raised (each case counted once per rule), worst first. Posts only the model
 * suggested are left out: a rule that put such a post at low did not claim a threat.
 */
export async function rulePrecision(db: Db): Promise<RulePrecision[]> {
  const rows = await queryRows<CountRow & { rule: string }>(
    db,
    sql`select r.rule, ${COUNTS}
        from threat_cases c
        join threat_case_posts p on p.case_id = c.id and not p.suggested
        cross join lateral jsonb_array_elements_text(p.rules) as r(rule)
        group by r.rule`,
  );
  return rows
    .map((r) => ({ rule: r.rule, ...toCounts(r) }))
    .sort((a, b) => (a.precision ?? 2) - (b.precision ?? 2) || b.cases - a.cases || (a.rule < b.rule ? -1 : 1));
}

/** Precision per model score band (the case's highest score), for model-suggested and rule cases apart, in band order. */
export async function bandPrecision(db: Db): Promise<BandPrecision[]> {
  const band = sql`case when c.model_score < 0.5 then '0.0-0.5' when c.model_score < 0.7 then '0.5-0.7' when c.model_score < 0.8 then '0.7-0.8' when c.model_score < 0.9 then '0.8-0.9' else '0.9-1.0' end`;
  const rows = await queryRows<CountRow & { band: ScoreBand; origin: 'model' | 'rules' }>(
    db,
    sql`select ${band} as band, c.origin, ${COUNTS}
        from threat_cases c
        where c.model_score is not null
        group by 1, 2`,
  );
  return rows
    .map((r) => ({ band: r.band, origin: r.origin, ...toCounts(r) }))
    .sort((a, b) => SCORE_BANDS.indexOf(a.band) - SCORE_BANDS.indexOf(b.band) || (a.origin < b.origin ? -1 : 1));
}

function toCounts(r: CountRow): VerdictCounts {
  const [cases, confirmed, wrongLevel, wrongLevelQueued, dismissed] = [r.cases, r.confirmed, r.wrong_level, r.wrong_level_queued, r.dismissed].map(Number) as [number, number, number, number, number];
  const reviewed = confirmed + wrongLevel + dismissed;
  return {
    cases,
    confirmed,
    wrongLevel,
    wrongLevelQueued,
    dismissed,
    pending: cases - reviewed,
    precision: reviewed === 0 ? null : round((confirmed + wrongLevelQueued) / reviewed),
    levelAccuracy: reviewed === 0 ? null : round(confirmed / reviewed),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
