import { VaksamError } from '../../errors/index.js';

/**
 * A query that cannot be parsed or is over the size caps. `position` is the 0-based character offset in the query
 * where the problem is; `expected` lists what would have been accepted there.
 */
export class QuerySyntaxError extends VaksamError {
  readonly position: number;
  readonly expected: readonly string[];

  constructor(message: string, position: number, expected: readonly string[], options: { cause?: unknown } = {}) {
    super('QUERY_SYNTAX', message, { ...options, details: { position, expected } });
    this.position = position;
    this.expected = expected;
  }
}

/** The query with a caret under the error position, for `vaksam query check`. */
export function formatQueryError(query: string, error: QuerySyntaxError): string {
  const lineStart = query.lastIndexOf('\n', Math.max(0, error.position - 1)) + 1;
  const lineEnd = query.indexOf('\n', error.position);
  const line = query.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
  return `${error.message}\n  ${line}\n  ${' '.repeat(Math.max(0, error.position - lineStart))}^`;
}
