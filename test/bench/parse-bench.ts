import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBody } from '../../src/fetch/index.js';
import { parseFeed } from '../../src/sources/feed/index.js';
import { ratePerSecond, round } from './measure.js';

/** Feed documents under a corpus folder, read once into memory; gofeed keeps expected output as .json beside inputs. */
function collectFiles(dir: string, out: Buffer[] = []): Buffer[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const info = statSync(path);
    if (info.isDirectory()) collectFiles(path, out);
    else if (isFeedInput(path) && info.size < 2_000_000) out.push(readFileSync(path));
  }
  return out;
}

function isFeedInput(path: string): boolean {
  if (/\.xml$/i.test(path)) return true;
  return /\/json\/[^/]+\.json$/.test(path) && !path.endsWith('_expected.json') && !path.includes('/translator/');
}

/** Feed parse throughput over real-world test feeds, decoding included (as the collector does). */
export async function benchParse(feedsDir: string): Promise<{ parse_items_per_s: number; parse_files: number; parse_errors: number }> {
  const files = [join(feedsDir, 'gofeed', 'testdata'), join(feedsDir, 'feedparser', 'tests')].flatMap((d) => collectFiles(d));
  let items = 0;
  let errors = 0;
  const passes = 3;
  const { ms } = await ratePerSecond(0, () => {
    for (let pass = 0; pass < passes; pass++) {
      for (const bytes of files) {
        try {
          const kind = bytes[0] === 0x7b ? 'json' : 'xml';
          items += parseFeed(decodeBody(bytes, { contentType: null, kind }).text, {}).items.length;
        } catch {
          if (pass === 0) errors++;
        }
      }
    }
  });
  return { parse_items_per_s: round(items / (ms / 1000)), parse_files: files.length, parse_errors: errors };
}
