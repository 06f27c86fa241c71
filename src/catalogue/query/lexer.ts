import { QUERY_FIELDS, type QueryField } from './ast.js';
import { QuerySyntaxError } from './errors.js';

export type LexToken =
  | { kind: 'lparen' | 'rparen' | 'and' | 'or' | 'not'; start: number; end: number }
  | { kind: 'near'; distance: number; ordered: boolean; start: number; end: number }
  | { kind: 'word'; text: string; start: number; end: number }
  | { kind: 'phrase'; text: string; start: number; end: number }
  | { kind: 'field'; field: QueryField; value: string; start: number; end: number };

/** Largest n in NEAR/n: beyond a paragraph, "near" means nothing. */
export const MAX_NEAR_DISTANCE = 1000;

const FIELD_SET: ReadonlySet<string> = new Set(QUERY_FIELDS);
const NEAR_OPERATOR = /^(O?NEAR)\/(\d{1,4})$/u;

/** Splits a query into tokens in one pass; unbalanced quotes and malformed operators fail here with their position. */
export function lexQuery(query: string): LexToken[] {
  const tokens: LexToken[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query[i] as string;
    if (isSpace(ch)) {
      i++;
    } else if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch === '(' ? 'lparen' : 'rparen', start: i, end: i + 1 });
      i++;
    } else if (ch === '"') {
      const phrase = readPhrase(query, i);
      tokens.push({ kind: 'phrase', text: phrase.text, start: i, end: phrase.end });
      i = phrase.end;
    } else {
      let end = i;
      while (end < query.length && !isSpace(query[end] as string) && !isDelimiter(query[end] as string)) end++;
      const token = classifyRun(query, i, end);
      tokens.push(token);
      i = token.end;
    }
  }
  return tokens;
}

function classifyRun(query: string, start: number, end: number): LexToken {
  const run = query.slice(start, end);
  if (run === 'AND') return { kind: 'and', start, end };
  if (run === 'OR') return { kind: 'or', start, end };
  if (run === 'NOT') return { kind: 'not', start, end };
  if (run === 'NEAR' || run === 'ONEAR' || run.startsWith('NEAR/') || run.startsWith('ONEAR/')) return nearToken(run, start, end);
  const colon = run.indexOf(':');
  if (colon > 0 && isLetters(run.slice(0, colon))) return fieldToken(query, run.slice(0, colon), start, start + colon + 1, end);
  return { kind: 'word', text: run, start, end };
}

function nearToken(run: string, start: number, end: number): LexToken {
  const match = NEAR_OPERATOR.exec(run);
  const operator = run.startsWith('O') ? 'ONEAR' : 'NEAR';
  if (match === null) {
    const at = start + Math.min(run.length, operator.length + 1);
    throw new QuerySyntaxError(`expected a word distance such as ${operator}/3 at ${at}`, at, [`${operator}/<0-${MAX_NEAR_DISTANCE}>`]);
  }
  const distance = Number(match[2]);
  if (distance > MAX_NEAR_DISTANCE) {
    const at = start + operator.length + 1;
    throw new QuerySyntaxError(`${operator} distance ${distance} at ${at} is too large; allowed: 0 to ${MAX_NEAR_DISTANCE}`, at, [
      `0-${MAX_NEAR_DISTANCE}`,
    ]);
  }
  return { kind: 'near', distance, ordered: operator === 'ONEAR', start, end };
}

function fieldToken(query: string, name: string, start: number, valueStart: number, runEnd: number): LexToken {
  const field = name.toLowerCase();
  if (!FIELD_SET.has(field)) {
    throw new QuerySyntaxError(`unknown field '${name}' at ${start}; allowed: ${QUERY_FIELDS.join(', ')}`, start, [...QUERY_FIELDS]);
  }
  if (valueStart === runEnd && query[valueStart] === '"') {
    const phrase = readPhrase(query, valueStart);
    return { kind: 'field', field: field as QueryField, value: phrase.text, start, end: phrase.end };
  }
  if (valueStart === runEnd) {
    throw new QuerySyntaxError(`expected a value after '${name}:' at ${valueStart}`, valueStart, [`${field} value`]);
  }
  return { kind: 'field', field: field as QueryField, value: query.slice(valueStart, runEnd), start, end: runEnd };
}

function readPhrase(query: string, open: number): { text: string; end: number } {
  const close = query.indexOf('"', open + 1);
  if (close < 0) {
    throw new QuerySyntaxError(`expected '"' at ${query.length} to close the phrase opened at ${open}`, query.length, ['"']);
  }
  const text = query.slice(open + 1, close);
  if (text.trim().length === 0) throw new QuerySyntaxError(`empty phrase at ${open}: expected words between the quotes`, open, ['words']);
  return { text, end: close + 1 };
}

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\u00a0' || ch === '\u3000';
}

function isDelimiter(ch: string): boolean {
  return ch === '(' || ch === ')' || ch === '"';
}

function isLetters(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i) | 0x20;
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}
