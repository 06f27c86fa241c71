import { describe, expect, it } from 'vitest';
import { compileQuery, formatQueryError, formatQueryTree, parseQuery, QuerySyntaxError } from '../../src/catalogue/index.js';

function syntaxError(query: string, compile = false): QuerySyntaxError {
  try {
    if (compile) compileQuery(query);
    else parseQuery(query);
  } catch (err) {
    if (err instanceof QuerySyntaxError) return err;
    throw err;
  }
  throw new Error(`expected a syntax error for ${query}`);
}

describe('parseQuery', () => {
  it('binds NOT tighter than NEAR, NEAR tighter than AND, AND tighter than OR', () => {
    expect(formatQueryTree(parseQuery('a OR b c NEAR/2 NOT d'))).toBe(
      ['OR', '  word a', '  AND', '    word b', '    NEAR/2', '      word c', '      NOT', '        word d'].join('\n'),
    );
  });

  it('reads adjacent terms as an implicit AND', () => {
    expect(formatQueryTree(parseQuery('kidnapp* "våra barn"'))).toBe(['AND', '  wildcard kidnapp*', '  phrase "våra barn"'].join('\n'));
  });

  it('reads "a NOT b" as a AND NOT b', () => {
    expect(formatQueryTree(parseQuery('kidnapp* NOT film'))).toBe(['AND', '  wildcard kidnapp*', '  NOT', '    word film'].join('\n'));
  });

  it('parses ordered ONEAR, fields and quoted field values', () => {
    expect(formatQueryTree(parseQuery('(stjäl ONEAR/3 barn) lang:sv author:"Anna S" hashtag:lvu url:t.me source:telegram'))).toBe(
      ['AND', '  ONEAR/3', '    word stjäl', '    word barn', '  field lang:sv', '  field author:Anna S', '  field hashtag:lvu', '  field url:t.me', '  field source:telegram'].join(
        '\n',
      ),
    );
  });

  it('collapses a run of NOTs to its parity', () => {
    expect(formatQueryTree(parseQuery('NOT NOT NOT x'))).toBe(['NOT', '  word x'].join('\n'));
  });

  it.each([
    ['kidnapp* AND (barn OR', 21, "a word"],
    ['(kidnapp* OR barn', 17, "')'"],
    ['"våra barn', 10, '"'],
    ['a) OR b', 1, 'end of query'],
    ['a OR OR b', 5, 'a word'],
    ['a NEAR b', 6, 'NEAR/<0-1000>'],
    ['a NEAR/5000 b', 7, '0-1000'],
    ['foo:bar', 0, 'lang'],
    ['lang:', 5, 'lang value'],
    ['""', 0, 'words'],
  ])('rejects %j with an error at %i', (query, position, expected) => {
    const err = syntaxError(query);
    expect(err.code).toBe('QUERY_SYNTAX');
    expect(err.position).toBe(position);
    expect(err.expected).toContain(expected);
    expect(err.message).toContain(`at ${position}`);
  });

  it('names the expected closing parenthesis in its message', () => {
    expect(syntaxError('(kidnapp* OR (barn AND stjäl)').message).toBe("expected ')' at 29 to close the '(' at 0");
  });

  it('rejects * alone and one-letter wildcards with a clear message', () => {
    expect(syntaxError('*').message).toMatch(/'\*' alone at 0 would match every word/u);
    expect(syntaxError('barn OR k*').message).toMatch(/'k\*' at 8 would match every word/u);
  });

  it('rejects metadata fields inside NEAR', () => {
    expect(syntaxError('lang:sv NEAR/3 barn', true).message).toMatch(/'lang:' at 0 cannot be used inside NEAR/u);
  });

  it('parses a query of 10,000 ORs without deep recursion', () => {
    const query = Array.from({ length: 10_001 }, (_, i) => `w${i}`).join(' OR ');
    const ast = parseQuery(query);
    expect(ast.type === 'or' && ast.children.length).toBe(10_001);
    expect(formatQueryTree(ast).split('\n')).toHaveLength(10_002);
  });

  it('caps the query length, the node count and the nesting depth', () => {
    expect(syntaxError('a'.repeat(200_001)).message).toMatch(/query too long at 200000/u);
    expect(() => parseQuery('a OR b OR c', { maxNodes: 3 })).toThrow(/more than 3 terms and operators/u);
    expect(syntaxError(`${'('.repeat(101)}a${')'.repeat(101)}`).message).toMatch(/nested too deep/u);
  });

  it('shows the error position under the query', () => {
    const query = '(kidnapp* OR barn';
    expect(formatQueryError(query, syntaxError(query))).toBe(`expected ')' at 17 to close the '(' at 0\n  ${query}\n  ${' '.repeat(17)}^`);
  });
});
