import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const ITEM_KEYS = ['author', 'categories', 'id', 'published', 'text', 'title', 'url'];

describe('vaksam parse', () => {
  it.each([
    ['test/fixtures/feeds/rss20.xml', 'rss'],
    ['test/fixtures/feeds/atom10.xml', 'atom'],
    ['test/fixtures/feeds/rdf.xml', 'rdf'],
    ['test/fixtures/feeds/jsonfeed.json', 'json'],
    ['test/fixtures/web/artikel-jsonld.html', 'html'],
  ])('prints %s as one JSON object of kind %s with the documented keys', async (file, kind) => {
    const run = await cli(['parse', file, '--url', 'https://example.se/', '--json'], {});
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout);
    expect(Object.keys(doc).sort()).toEqual(['items', 'kind', 'language', 'link', 'title']);
    expect(doc.kind).toBe(kind);
    expect(doc.items.length).toBeGreaterThan(0);
    for (const item of doc.items) {
      expect(Object.keys(item).sort()).toEqual(ITEM_KEYS);
      if (item.published !== null) expect(item.published).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    }
  });

  it('decodes a declared ISO-8859-1 feed without losing å, ä and ö', async () => {
    const run = await cli(['parse', 'test/fixtures/feeds/iso-8859-1.xml', '--json'], {});
    expect(run.stdout).toMatch(/[åäö]/);
    expect(run.stdout).not.toContain('\uFFFD');
  });

  it('parses a billion-laughs feed without expanding its entities', async () => {
    const run = await cli(['parse', 'test/fixtures/feeds/billion-laughs.xml', '--json', '--warnings'], {});
    expect(run.code).toBe(0);
    expect(run.stdout.length).toBeLessThan(10_000);
    expect(run.stderr).toMatch(/warning:/);
  });

  it('reads dates without a zone as Europe/Stockholm time unless --time-zone says otherwise (issue 16)', async () => {
    const file = 'test/fixtures/feeds/zoneless-dates.xml';
    const stockholm = JSON.parse((await cli(['parse', file, '--json'], {})).stdout);
    expect(stockholm.items[1].published).toBe('2022-11-22T11:16:00.000Z');
    const india = JSON.parse((await cli(['parse', file, '--json', '--time-zone', 'Asia/Kolkata'], {})).stdout);
    expect(india.items[0].published).toBe('2022-11-21T11:12:00.000Z');
    const bad = await cli(['parse', file, '--json', '--time-zone', 'Nowhere/Else'], {});
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--time-zone 'Nowhere\/Else' is not an IANA time zone/);
  });

  it('says clearly when the file does not exist', async () => {
    const run = await cli(['parse', 'no/such/file.xml', '--json'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read 'no\/such\/file.xml'/);
  });
});
