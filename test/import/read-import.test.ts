import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  emptyImportSummary,
  ImportError,
  readImport,
  readImportFile,
  summariseImport,
  type ImportFormat,
  type ImportOptions,
  type ImportRow,
} from '../../src/import/index.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/import/${name}`, import.meta.url));

async function readAll(name: string, format: ImportFormat, options: ImportOptions = {}): Promise<ImportRow[]> {
  const rows: ImportRow[] = [];
  for await (const row of readImportFile(fixture(name), format, options)) rows.push(row);
  return rows;
}

const items = (rows: ImportRow[]) => rows.flatMap((row) => ('item' in row ? [row.item] : []));
const errors = (rows: ImportRow[]) => rows.flatMap((row) => ('error' in row ? [[row.line, row.error]] : []));

async function* text(value: string): AsyncGenerator<string> {
  yield value;
}

describe('readImportFile', () => {
  it('reads an X archive tweets.js, expanding t.co links and rejecting a bad date with its line', async () => {
    const rows = await readAll('tweets.js', 'x', { accountHandle: 'arkiv_konto' });
    expect(items(rows)).toHaveLength(3);
    expect(items(rows)[0]).toEqual({
      platform: 'x',
      externalId: '1480000000000000001',
      url: 'https://x.com/arkiv_konto/status/1480000000000000001',
      authorHandle: 'arkiv_konto',
      title: null,
      text: 'السوسيال يخطف أطفال المسلمين & يبيعهم #أوقفوا_خطف_أطفالنا https://example.org/video',
      language: 'ar',
      publishedAt: new Date('2022-01-10T12:00:00Z'),
      metadata: expect.objectContaining({
        format: 'x-archive',
        hashtags: ['أوقفوا_خطف_أطفالنا'],
        links: ['https://example.org/video'],
        likeCount: 12,
        retweetCount: 7,
        retweet: false,
      }),
    });
    expect(items(rows)[1]!.metadata).toMatchObject({ inReplyToId: '1479999999999999999', mentions: ['Socialstyrelsen'] });
    expect(items(rows)[2]!.metadata.retweet).toBe(true);
    expect(errors(rows)).toEqual([[46, "X archive tweet: created_at 'not a date' is not a date"]]);
  });

  it('reads X API v2 JSON Lines: authors from includes, note tweets, a truncated last line', async () => {
    const rows = await readAll('x-api-v2.jsonl', 'x');
    expect(items(rows).map((item) => [item.externalId, item.authorHandle, item.language])).toEqual([
      ['1620000000000000011', 'sanningen_se', 'sv'],
      ['1620000000000000012', 'karim_news', 'ar'],
      ['1620000000000000014', 'twarc_flattened', 'en'],
    ]);
    expect(items(rows)[0]!.text).toBe('Socialtjänsten kidnappar barn!! Sprid detta >> https://example.com/klipp');
    expect(items(rows)[0]!.metadata).toMatchObject({ likeCount: 90, impressionCount: 12000, hashtags: ['lvu'] });
    expect(items(rows)[1]!.metadata).toMatchObject({ retweet: true, retweetOf: '1619999999999999999' });
    expect(items(rows)[2]!.text).toMatch(/the whole note text about LVU/);
    expect(errors(rows)).toEqual([
      [1, expect.stringMatching(/^X API v2 tweet: schema mismatch: text/)],
      [3, expect.stringMatching(/^invalid JSON/)],
    ]);
  });

  it('reads an X API v2 retweet as its whole original, with the retweeter and time as a share (issue 16)', async () => {
    const rows = await readAll('x-api-v2-retweets.jsonl', 'x');
    expect(errors(rows)).toEqual([]);
    const originals = items(rows).filter((item) => item.externalId === '1700000000000000001');
    expect(originals).toHaveLength(4);
    for (const original of originals) {
      expect(original).toMatchObject({
        authorHandle: 'original_konto',
        url: 'https://x.com/original_konto/status/1700000000000000001',
        publishedAt: new Date('2023-02-01T08:00:00.000Z'),
        text: 'Socialtjänsten tar inte barn utan domstol. Läs kommunens svar om LVU innan du delar vidare #LVU #socialtjänsten #faktakoll https://kommun.example.se/lvu',
        metadata: expect.objectContaining({ retweet: false, hashtags: ['lvu', 'socialtjänsten', 'faktakoll'], shareCount: 1 }),
      });
    }
    expect(originals.map((item) => item.metadata.sharedBy)).toEqual([
      [{ id: '1700000000000000101', by: 'anna_rt', at: '2023-02-01T09:00:00.000Z' }],
      [{ id: '1700000000000000102', by: 'bo_rt', at: '2023-02-01T09:10:00.000Z' }],
      [{ id: '1700000000000000103', by: 'cia_rt', at: '2023-02-01T09:20:00.000Z' }],
      // twarc2's flattened form: the original embedded in referenced_tweets.
      [{ id: '1700000000000000105', by: 'dan_rt', at: '2023-02-01T10:00:00.000Z' }],
    ]);
    expect(items(rows).some((item) => item.text.startsWith('RT @original_konto'))).toBe(false);
  });

  it('keeps an X retweet whose original is not in the export, flagged as truncated when X cut it (issue 16)', async () => {
    const rows = await readAll('x-api-v2-retweets.jsonl', 'x');
    expect(items(rows).find((item) => item.externalId === '1700000000000000106')?.metadata).toMatchObject({
      retweet: true,
      retweetOf: '1699999999999999999',
      truncated: true,
    });
    const archive = await readAll('tweets-retweets-media.js', 'x', { accountHandle: 'arkiv_konto' });
    expect(items(archive)[1]!.metadata).toMatchObject({ retweet: true, retweetOfHandle: 'faktakoll_se', truncated: true });
    const plain = await readAll('tweets.js', 'x', { accountHandle: 'arkiv_konto' });
    expect(items(plain)[2]!.metadata).toMatchObject({ retweet: true, retweetOfHandle: 'abu_omar', truncated: false });
  });

  it('reads a v1.1 retweet as its original from retweeted_status, with its extended text (issue 16)', async () => {
    const rows = await readAll('x-api-v1-retweet.jsonl', 'x');
    expect(items(rows)).toEqual([
      expect.objectContaining({
        externalId: '1500000000000000001',
        authorHandle: 'faktakoll_se',
        text: 'Nej, socialtjänsten tar inte barn utan beslut av domstol. Hela tråden om LVU här #LVU',
        metadata: expect.objectContaining({ sharedBy: [{ id: '1500000000000000002', by: 'retweetare', at: '2022-03-02T10:00:00.000Z' }], shareCount: 1 }),
      }),
    ]);
  });

  it('records X media kinds and expands the media t.co link, in archives and v2 (issue 16)', async () => {
    const archive = items(await readAll('tweets-retweets-media.js', 'x', { accountHandle: 'arkiv_konto' }));
    expect(archive.map((item) => [item.text, item.metadata.mediaKinds])).toEqual([
      ['Bilder från demonstrationen https://twitter.com/arkiv_konto/status/1490000000000000001/photo/1', ['image', 'image']],
      [expect.stringMatching(/^RT @faktakoll_se/), []],
      ['Klipp från mötet https://twitter.com/arkiv_konto/status/1490000000000000003/video/1', ['video']],
    ]);
    const v2 = items(await readAll('x-api-v2-retweets.jsonl', 'x')).find((item) => item.externalId === '1700000000000000200');
    expect(v2).toMatchObject({
      text: 'Bilder från mötet om LVU https://x.com/media_konto/status/1700000000000000200/photo/1',
      metadata: expect.objectContaining({ mediaKinds: ['image', 'video'], links: [] }),
    });
  });

  it('reads a TikTok Research API response with exact 64-bit ids and the transcript in the text', async () => {
    const rows = await readAll('tiktok-videos.json', 'tiktok');
    expect(items(rows)[0]).toMatchObject({
      platform: 'tiktok',
      externalId: '7198765432109876543',
      url: 'https://www.tiktok.com/@sanning.sverige/video/7198765432109876543',
      authorHandle: 'sanning.sverige',
      text: 'Socialen tog barnen! #lvu #sverige\n\nde tar våra barn utan dom',
      publishedAt: new Date(1675245600 * 1000),
      metadata: expect.objectContaining({ musicId: '7101234567890123456', regionCode: 'SE', viewCount: 152000 }),
    });
    expect(items(rows)[1]!.externalId).toBe('7198765432109876544');
    expect(errors(rows)).toEqual([[1, expect.stringMatching(/create_time/)]]);
  });

  it("accepts TikTok's documented aliases (video_id, item_id, create_date, video_length, hashtag_name) (issue 16)", async () => {
    const rows = await readAll('tiktok-aliases.jsonl', 'tiktok');
    expect(items(rows).map((item) => [item.externalId, item.publishedAt?.toISOString(), item.metadata.durationSeconds, item.metadata.hashtags])).toEqual([
      ['7200000000000000001', '2023-02-01T10:00:00.000Z', 21, ['lvu', 'sverige']],
      ['7200000000000000002', '2023-02-01T10:00:00.000Z', null, []],
    ]);
  });

  it('says which TikTok field is missing or wrong and what was found instead (issue 16)', async () => {
    const rows = await readAll('tiktok-aliases.jsonl', 'tiktok');
    expect(errors(rows)).toEqual([
      [3, 'TikTok video: missing id (or video_id, item_id); fields found: video_description, create_time, username'],
      [4, 'TikTok video: create_time: expected Unix seconds, found string "yesterday"'],
      [5, 'TikTok video 7200000000000000005: missing create_time (Unix seconds) or create_date; found neither'],
    ]);
  });

  it('reads a Meta Content Library CSV export with multi-line text and rejects bad rows by line', async () => {
    const rows = await readAll('meta-content-library.csv', 'meta-csv');
    expect(items(rows)).toHaveLength(2);
    expect(items(rows)[0]).toMatchObject({
      platform: 'facebook',
      externalId: '1122334455667788',
      authorHandle: 'صفحة الجالية',
      text: 'السوسيال يخطف أطفالنا في السويد!\nشاركوا قبل الحذف',
      language: 'ar',
      publishedAt: new Date('2023-02-01T09:00:00Z'),
      metadata: expect.objectContaining({ 'statistics.reaction_count': 1520, 'surface.type': 'page', content_type: 'status' }),
    });
    expect(items(rows)[1]!.text).toBe('Socialtjänsten "hämtar" barn – sant eller falskt? Läs kommunens svar.');
    expect(items(rows)[1]!.metadata.link_url).toBe('https://kommun.example.se/lvu');
    expect(errors(rows)).toEqual([
      [5, "creation_time 'yesterday' is not a date"],
      [6, "empty 'id'"],
    ]);
  });

  it('marks a Meta export as Instagram when told', async () => {
    expect(items(await readAll('meta-content-library.csv', 'meta-csv', { platform: 'instagram' }))[0]!.platform).toBe('instagram');
  });

  it('reads the generic CSV format with CRLF line ends and extra columns as metadata', async () => {
    const rows = await readAll('generic.csv', 'csv');
    expect(items(rows)).toEqual([
      {
        platform: 'telegram',
        externalId: 'g-1',
        url: 'https://t.me/lvu_sanning/12',
        authorHandle: 'lvu_sanning',
        title: null,
        text: 'Socialtjänsten tar barn\nutan domstol',
        language: 'sv',
        publishedAt: new Date('2023-02-01T10:00:00Z'),
        metadata: { channel: 't.me', publishedRaw: '2023-02-01T10:00:00Z' },
      },
      // '2023-02-01 11:00' has no zone: Stockholm wall-clock time by default (UTC+1 in February).
      expect.objectContaining({ platform: 'facebook', authorHandle: 'أبو عمر', url: null, publishedAt: new Date('2023-02-01T10:00:00Z') }),
    ]);
    expect(errors(rows)).toEqual([
      [5, "no 'platform' value and no default platform given"],
      [6, expect.stringMatching(/url/)],
    ]);
  });

  it('reads zone-less dates as Stockholm time unless told another zone, keeping the raw value (issue 16)', async () => {
    const csv = 'id,platform,text,published_at\nz-1,facebook,Hej,2023-02-01 10:00\nz-2,facebook,Hej igen,2023-07-01 10:00\nz-3,facebook,Med zon,2023-02-01T10:00:00+05:30\n';
    const read = async (options: ImportOptions) => {
      const rows: ImportRow[] = [];
      for await (const row of readImport(text(csv), 'csv', options)) rows.push(row);
      return items(rows);
    };
    const stockholm = await read({});
    expect(stockholm.map((item) => item.publishedAt?.toISOString())).toEqual(['2023-02-01T09:00:00.000Z', '2023-07-01T08:00:00.000Z', '2023-02-01T04:30:00.000Z']);
    expect(stockholm[0]!.metadata.publishedRaw).toBe('2023-02-01 10:00');
    const kolkata = await read({ timeZone: 'Asia/Kolkata' });
    expect(kolkata.map((item) => item.publishedAt?.toISOString())).toEqual(['2023-02-01T04:30:00.000Z', '2023-07-01T04:30:00.000Z', '2023-02-01T04:30:00.000Z']);
    const meta = 'id,text,creation_time\nm-1,Hej,2023-02-01 10:00\n';
    const metaRows: ImportRow[] = [];
    for await (const row of readImport(text(meta), 'meta-csv', { timeZone: 'Europe/Prague' })) metaRows.push(row);
    expect(items(metaRows)[0]).toMatchObject({ publishedAt: new Date('2023-02-01T09:00:00Z'), metadata: expect.objectContaining({ publishedRaw: '2023-02-01 10:00' }) });
  });

  it('reads the generic JSON Lines format', async () => {
    const rows = await readAll('generic.jsonl', 'jsonl', { platform: 'web' });
    expect(items(rows).map((item) => [item.externalId, item.platform, item.metadata])).toEqual([
      ['j-1', 'tiktok', { views: 10, publishedRaw: '2023-02-01T10:00:00Z' }],
      ['2', 'x', {}],
    ]);
    expect(errors(rows)).toEqual([
      [4, expect.stringMatching(/text/)],
      [5, 'each JSON value must be an object with id, platform, text...'],
    ]);
  });

  it('rejects a CSV whose header lacks a required column, naming what it found', async () => {
    const rows = readImport(text('id,creation_time,post_owner.name\n1,2023-01-01,x\n'), 'meta-csv');
    await expect(rows.next()).rejects.toThrow(ImportError);
    await expect(readImport(text('id,creation_time\n'), 'meta-csv').next()).rejects.toThrow(
      /header lacks the column\(s\) text; found: id, creation_time; required: id, text/,
    );
  });

  it('rejects an unknown encoding', async () => {
    await expect(readImportFile(fixture('generic.csv'), 'csv', { encoding: 'klingon' }).next()).rejects.toThrow(/unknown encoding 'klingon'/);
  });

  it('decodes a windows-1256 Arabic CSV when told the encoding', async () => {
    const { writeFile, mkdtemp } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const iconv = (await import('iconv-lite')).default;
    const path = join(await mkdtemp(join(tmpdir(), 'vaksam-import-')), 'arabic.csv');
    await writeFile(path, iconv.encode('id,platform,text\r\n1,web,السوسيال\r\n', 'windows-1256'));
    const rows: ImportRow[] = [];
    for await (const row of readImportFile(path, 'csv', { encoding: 'windows-1256' })) rows.push(row);
    expect(items(rows)[0]!.text).toBe('السوسيال');
  });
});

describe('summariseImport', () => {
  it('counts rows read, accepted and rejected, listing the first rejections with line numbers', async () => {
    const summary = emptyImportSummary();
    for await (const row of readImportFile(fixture('generic.csv'), 'csv')) summariseImport(summary, row, 1);
    expect(summary).toEqual({
      rowsRead: 4,
      accepted: 2,
      rejected: 2,
      rejections: [{ line: 5, error: "no 'platform' value and no default platform given" }],
      rejectionsNotListed: 1,
    });
  });
});
