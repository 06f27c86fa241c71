import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { readImport, readImportFile, type ImportFormat } from '../../src/import/index.js';

const MIB = 1024 * 1024;

/** An endless source of generated rows that counts how many chunks the reader has pulled. */
function endless(header: string, row: (n: number) => string, open = '', separator = '') {
  const state = { pulled: 0 };
  async function* chunks(): AsyncGenerator<string> {
    state.pulled += 1;
    yield header + open;
    for (let n = 0; ; n += 1) {
      state.pulled += 1;
      yield (n > 0 ? separator : '') + row(n);
    }
  }
  return { state, chunks: chunks() };
}

const sv = (n: number) => `Socialtjänsten tar barn, inlägg ${n}`;

describe('streaming imports', () => {
  it.each<[ImportFormat, ReturnType<typeof endless>]>([
    ['csv', endless('id,platform,text\n', (n) => `${n},web,"${sv(n)}"\n`)],
    ['jsonl', endless('', (n) => `${JSON.stringify({ id: n, platform: 'web', text: sv(n) })}\n`)],
    [
      'x',
      endless('window.YTD.tweets.part0 = ', (n) => JSON.stringify({ tweet: { id_str: String(n), created_at: 'Mon Jan 10 12:00:00 +0000 2022', full_text: sv(n) } }), '[', ','),
    ],
    ['tiktok', endless('', (n) => `${JSON.stringify({ id: n + 1, create_time: 1675245600, video_description: sv(n) })}\n`)],
  ])('yields %s rows while the source is still being read (an endless file)', async (format, source) => {
    const rows = readImport(source.chunks, format);
    let seen = 0;
    for await (const row of rows) {
      expect(row).toHaveProperty('item');
      seen += 1;
      if (seen === 1000) break;
    }
    // Rows come out as chunks go in: a reader that loaded the file first would never get here.
    expect(source.state.pulled).toBeLessThan(1100);
  });

  describe('a 50 MB file', () => {
    let dir = '';
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('is read with bounded live memory', async () => {
      dir = await mkdtemp(join(tmpdir(), 'vaksam-import-'));
      const path = join(dir, 'big.csv');
      const out = createWriteStream(path);
      out.write('id,platform,url,author,published_at,text,lang\n');
      let rows = 0;
      while (out.bytesWritten + out.writableLength < 50 * MIB) {
        const text = rows % 2 === 0 ? `"السوسيال يخطف الأطفال، ""منشور"" ${rows}\nسطر ثان"` : `"${sv(rows)} ${'x'.repeat(80)}"`;
        if (!out.write(`r${rows},web,https://example.org/${rows},user${rows % 97},2023-02-01T10:00:00Z,${text},sv\n`)) {
          await once(out, 'drain');
        }
        rows += 1;
      }
      out.end();
      await once(out, 'finish');
      const size = (await stat(path)).size;

      // Live memory is what a full collection leaves; garbage awaiting collection says nothing about streaming.
      v8.setFlagsFromString('--expose-gc');
      const collect = vm.runInNewContext('gc') as () => void;
      collect();
      const baseline = process.memoryUsage().heapUsed;
      let peak = baseline;
      let accepted = 0;
      let read = 0;
      let lastProgress = 0;
      for await (const row of readImportFile(path, 'csv', { onProgress: (bytes) => (lastProgress = bytes) })) {
        read += 1;
        if ('item' in row) accepted += 1;
        if (read % 50_000 === 0) {
          collect();
          peak = Math.max(peak, process.memoryUsage().heapUsed);
        }
      }
      expect(accepted).toBe(rows);
      expect(lastProgress).toBe(size);
      const growthMib = (peak - baseline) / MIB;
      console.info(`import of ${(size / MIB).toFixed(1)} MiB, ${rows} rows: live heap growth ${growthMib.toFixed(1)} MiB`);
      // The file as one string alone would hold about 90 MiB (UTF-16); the reader keeps one chunk and one row.
      expect(growthMib).toBeLessThan(16);
    });
  });
});
