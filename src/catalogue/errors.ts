import { VaksamError } from '../errors/index.js';

/** A narrative file or catalogue that fails validation; `problems` has one `file:line:col message` entry each. */
export class CatalogueError extends VaksamError {
  readonly problems: readonly string[];

  constructor(problems: readonly string[], options: { cause?: unknown } = {}) {
    const shown = problems.slice(0, 20).join('\n');
    const more = problems.length > 20 ? `\n… and ${problems.length - 20} more` : '';
    super('CATALOGUE_INVALID', `invalid narrative catalogue:\n${shown}${more}`, { ...options, details: { problems } });
    this.problems = problems;
  }
}
