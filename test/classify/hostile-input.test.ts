import { PassThrough, Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileQuery, loadCatalogueDir, matchQuery, parseQuery, QuerySyntaxError } from '../../src/catalogue/index.js';
import { classifyJsonlStream, createClassifier, type Classifier, type InvalidLine } from '../../src/classify/index.js';
import { analyzeText } from '../../src/language/index.js';

let classifier: Classifier;
beforeAll(async () => {
  classifier = createClassifier(await loadCatalogueDir('config/narratives'));
});

const slugs = (text: string, lang?: string) =>
  classifier.classify({ id: 1, text, ...(lang === undefined ? {} : { lang }) }).narratives.map((n) => n.slug);

describe('hostile input', () => {
  it('classifies a 1 MB post from its first 200,000 characters and says it was truncated', () => {
    const post = `Socialtjänsten kidnappar barn. ${'bla '.repeat(262_144)}`;
    expect(post.length).toBeGreaterThan(1_000_000);
    const result = classifier.classify({ id: 'big', text: post, lang: 'sv' });
    expect(result.truncated).toBe(true);
    expect(result.narratives.map((n) => n.slug)).toContain('child-kidnapping');
    expect(classifier.analyzer.analyze(post).analyzedChars).toBe(200_000);
  });

  it('caps a post of 100,000 hashtags at the token limit', () => {
    const post = Array.from({ length: 100_000 }, (_, i) => `#tag${i}kidnappa`).join(' ');
    const analyzed = classifier.analyzer.analyze(post);
    expect(analyzed.truncated).toBe(true);
    expect(analyzed.tokens.length).toBeLessThanOrEqual(20_000);
    expect(classifier.classify({ id: 'tags', text: post }).truncated).toBe(true);
  });

  it('reads mixed scripts and right-to-left marks without losing words', () => {
    const text = '\u202bالسوسيال\u202c kidnappar \u200fبرن\u200f barn \u2067يخطف الأطفال\u2069';
    expect(analyzeText(text).tokens.map((t) => t.norm)).toEqual(['السوسيال', 'kidnappar', 'برن', 'barn', 'يخطف', 'الاطفال']);
    expect(slugs(text)).toContain('child-kidnapping');
  });

  it('matches a keyword with a zero-width joiner inside it', () => {
    expect(slugs('Sweden is trying to kid\u200dnap our children')).toEqual(['child-kidnapping']);
  });

  it('matches a keyword written with a Cyrillic homoglyph', () => {
    expect(slugs('Soci\u0430ltjänsten st\u0458äl v\u0430r\u0430 b\u0430rn', 'sv')).toEqual(['child-kidnapping']);
  });

  it('parses and matches a query of 10,000 ORs', () => {
    const query = [...Array.from({ length: 10_000 }, (_, i) => `ord${i}`), 'kidnapp*'].join(' OR ');
    const compiled = compileQuery(query);
    expect(matchQuery(compiled, analyzeText('de kidnappar barn')).match).toBe(true);
    expect(matchQuery(compiled, analyzeText('ord9999')).match).toBe(true);
    expect(matchQuery(compiled, analyzeText('inget här')).match).toBe(false);
  });

  it('rejects a query with unbalanced quotes with the position of the missing quote', () => {
    const err = (() => {
      try {
        parseQuery('kidnapp* AND "våra barn OR stjäl');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(QuerySyntaxError);
    expect((err as QuerySyntaxError).position).toBe(32);
    expect((err as QuerySyntaxError).message).toBe(`expected '"' at 32 to close the phrase opened at 13`);
  });

  it('rejects * alone as a query', () => {
    expect(() => parseQuery('*')).toThrow(/'\*' alone at 0 would match every word/u);
  });

  it('reports invalid JSON lines among valid ones and classifies the rest', async () => {
    const input = ['{"id":1,"text":"soc stjäl barn"}', '{"id":2,"text":', 'not json at all', '{"id":3,"text":"They kidnap kids"}'].join('\n');
    const output = new PassThrough();
    const written: string[] = [];
    output.on('data', (chunk: Buffer) => written.push(chunk.toString('utf8')));
    const invalid: InvalidLine[] = [];
    const counts = await classifyJsonlStream(Readable.from([input]), output, classifier, { onInvalidLine: (e) => invalid.push(e) });
    expect(invalid.map((e) => e.line)).toEqual([2, 3]);
    expect(counts).toEqual({ lines: 4, classified: 2, invalid: 2 });
    expect(written.join('').trim().split('\n').map((l) => (JSON.parse(l) as { id: number }).id)).toEqual([1, 3]);
  });
});
