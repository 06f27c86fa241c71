import { PassThrough, Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogueDir } from '../../src/catalogue/index.js';
import { classifyJsonlStream, createClassifier, type Classifier, type InvalidLine } from '../../src/classify/index.js';

let classifier: Classifier;
beforeAll(async () => {
  classifier = createClassifier(await loadCatalogueDir('config/narratives'));
});

async function run(lines: string[], detectThreat?: () => unknown): Promise<{ out: unknown[]; invalid: InvalidLine[]; counts: unknown }> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  const invalid: InvalidLine[] = [];
  const counts = await classifyJsonlStream(Readable.from([lines.join('\n')]), output, classifier, {
    onInvalidLine: (e) => invalid.push(e),
    ...(detectThreat === undefined ? {} : { detectThreat }),
  });
  output.end();
  const text = Buffer.concat(chunks).toString('utf8');
  return { out: text.split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l) as unknown), invalid, counts };
}

describe('classifyJsonlStream', () => {
  it('writes exactly id, lang, narratives (slug, score, stance, matched) and threat per line', async () => {
    const { out } = await run([JSON.stringify({ id: 'a', text: 'Soc kidnappar barn', lang: 'sv' })]);
    expect(out).toHaveLength(1);
    const line = out[0] as Record<string, unknown>;
    expect(Object.keys(line)).toEqual(['id', 'lang', 'narratives', 'threat']);
    expect(line.threat).toBeNull();
    const [narrative] = line.narratives as Array<Record<string, unknown>>;
    expect(Object.keys(narrative ?? {})).toEqual(['slug', 'score', 'stance', 'matched']);
    // The rule's scene words ("Soc") are evidence too, so the claim word is one of the matched terms, not the first.
    expect(narrative?.matched as Array<Record<string, unknown>>).toContainEqual({ rule: 'kidnap-words', lang: 'sv', term: '*kidnapp*', start: 4, end: 13, text: 'kidnappar' });
  });

  it('reports invalid lines with their line number and goes on with the rest', async () => {
    const { out, invalid, counts } = await run([
      JSON.stringify({ id: 1, text: 'de stjäl våra barn' }),
      '{not json',
      '',
      JSON.stringify({ id: 2 }),
      JSON.stringify([1, 2]),
      JSON.stringify({ id: 3, text: 'السوسيال يخطف الأطفال', lang: 7 }),
      JSON.stringify({ id: 4, text: 'They kidnap kids' }),
    ]);
    expect((out as Array<{ id: unknown }>).map((o) => o.id)).toEqual([1, 4]);
    expect(invalid.map((e) => e.line)).toEqual([2, 4, 5, 6]);
    expect(invalid[0]?.message).toMatch(/^invalid JSON/u);
    expect(invalid[1]?.message).toBe('missing "text" (a string)');
    expect(invalid[3]?.message).toBe('"lang" must be a string');
    expect(counts).toEqual({ lines: 6, classified: 2, invalid: 4 });
  });

  it('fills the threat field from the same analysis when a detector is given', async () => {
    const { out } = await run([JSON.stringify({ id: 1, text: 'hej' })], () => ({ level: 'none' }));
    expect((out[0] as { threat: unknown }).threat).toEqual({ level: 'none' });
  });
});
