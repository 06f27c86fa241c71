import { sql } from 'drizzle-orm';
import { queryRows, type Db } from '../db/index.js';

/** Reviewers' verdicts per rule: acknowledged and escalated cases confirm it, dismissed ones cry wolf. */
export interface RulePrecision {
  rule: string;
  cases: number;
  confirmed: number;
  dismissed: number;
  pending: number;
  /** confirmed / (confirmed + dismissed); null before any verdict. */
  precision: number | null;
}

/** Precision per rule over every case it contributed to (each case counted once per rule), worst first. */
export async function rulePrecision(db: Db): Promise<RulePrecision[]> {
  const rows = await queryRows<{ rule: string; cases: string; confirmed: string; dismissed: string }>(
    db,
    sql`select r.rule,
          count(distinct c.id) as cases,
          count(distinct c.id) filter (where c.status in ('acknowledged', 'escalated')) as confirmed,
          count(distinct c.id) filter (where c.status = 'dismissed') as dismissed
        from threat_cases c
        join threat_case_posts p on p.case_id = c.id
        cross join lateral jsonb_array_elements_text(p.rules) as r(rule)
        group by r.rule`,
  );
  return rows
    .map((r) => {
      const confirmed = Number(r.confirmed);
      const dismissed = Number(r.dismissed);
      const cases = Number(r.cases);
      return {
        rule: r.rule,
        cases,
        confirmed,
        dismissed,
        pending: cases - confirmed - dismissed,
        precision: confirmed + dismissed === 0 ? null : Math.round((confirmed / (confirmed + dismissed)) * 1000) / 1000,
      };
    })
    .sort((a, b) => (a.precision ?? 2) - (b.precision ?? 2) || b.cases - a.cases || (a.rule < b.rule ? -1 : 1));
}
