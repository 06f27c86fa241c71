import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../../src/config/index.js';
import { MAX_READABILITY_CHARS, readReadableContent } from '../../../src/sources/web/readability.js';

const CLI = join(packageRoot(), 'dist', 'src', 'cli', 'main.js');
const PARAGRAPH = '<p>Beslut om vård enligt LVU fattas av förvaltningsrätten efter ansökan från socialnämnden, inte av en enskild tjänsteperson.</p>';

describe('readReadableContent', () => {
  it('returns the article Readability picks, without the noise removed before scoring', async () => {
    const html = `<html><body><nav>Meny Start Kontakt</nav><div class="story">${PARAGRAPH.repeat(5)}<div class="share">Dela på Facebook</div></div></body></html>`;
    const result = await readReadableContent(html, { noiseSelector: 'nav, .share' });
    expect(result.ok).toBe(true);
    const content = result.ok ? result.html : '';
    expect(content).toContain('förvaltningsrätten');
    expect(content).not.toMatch(/Meny|Dela på Facebook/);
  });

  it('answers pages one after another, an empty page with empty content', async () => {
    const results = await Promise.all([readReadableContent(''), readReadableContent(`<article>${PARAGRAPH}</article>`), readReadableContent('<p></p>')]);
    expect(results.map((r) => r.ok && r.html.includes('förvaltningsrätten'))).toEqual([false, true, false]);
    expect(results[0]).toEqual({ ok: true, html: '' });
  });

  it('does not parse a page over its size bound', async () => {
    const result = await readReadableContent('x'.repeat(MAX_READABILITY_CHARS + 1));
    expect(result).toEqual({ ok: false, reason: expect.stringContaining(`at most ${MAX_READABILITY_CHARS} are analysed`) });
  });

  it('lets the compiled CLI exit when it is done (the idle worker holds no process open)', async () => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first (npm test does)`);
    const child = spawn(process.execPath, [CLI, 'parse', 'test/fixtures/web/blogg-kommentarer.html', '--json'], { cwd: packageRoot() });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).items[0].text).toMatch(/^Lagen med särskilda bestämmelser/);
  });
});
