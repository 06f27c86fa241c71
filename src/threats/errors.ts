import { VaksamError } from '../errors/index.js';

/** Threat rule files that fail validation; `problems` has one `file:line:col message` entry each. */
export class ThreatRulesError extends VaksamError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options: { cause?: unknown } = {}) {
    const shown = problems.slice(0, 20).join('\n');
    const more = problems.length > 20 ? `\n… and ${problems.length - 20} more` : '';
    super('THREAT_RULES_INVALID', `invalid threat rules:\n${shown}${more}`, { ...options, details: { problems } });
    this.problems = problems;
  }
}

/** A watchlist value that cannot be matched (no letters or digits, too short to be safe). */
export class WatchlistValueError extends VaksamError {
  constructor(message: string) {
    super('WATCHLIST_VALUE_INVALID', message);
  }
}
