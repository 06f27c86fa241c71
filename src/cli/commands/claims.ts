import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { buildClaimIndex, parseClaimReview, rankQueriesJsonl, readClaimsFile, type Claim } from '../../claims/index.js';
import { listClaims, upsertClaims } from '../../db/queries/index.js';
import { parseId, println, SilentFailure, type CliIo, UsageError } from '../io.js';
import { withApp } from '../with-app.js';

const MAX_CLAIMREVIEW_BYTES = 20 * 1024 * 1024;

export function registerClaims(program: Command, io: CliIo): void {
  const claims = program.command('claims').description('Fact-checked claims: rank posts against them, import ClaimReview');

  claims
    .command('rank')
    .description('Rank claims for each query line {"id","text"} on stdin; prints {"id","ranked":[{"claim_id","score"}]} per line')
    .option('--claims <file>', 'claims as JSON lines {"id","text"}, a CLEF TSV/JSON folder; default: claims stored in the database')
    .option('--top <k>', 'claims per query', '5')
    .action(async (opts: { claims?: string; top: string }) => {
      const topK = parseId(opts.top, '--top');
      const list = opts.claims ? await readClaimsFile(opts.claims, (e) => println(io.stderr, `warning: ${e.message}`)) : await storedClaims(io);
      if (list.length === 0) throw new UsageError('no claims to rank against: pass --claims FILE or import some with `vaksam claims import-claimreview`');
      const index = buildClaimIndex(list);
      const summary = await rankQueriesJsonl(io.stdin, io.stdout, index, topK, (e) => println(io.stderr, `vaksam: ${e.message}`));
      if (summary.invalid > 0) println(io.stderr, `${summary.ranked} quer${summary.ranked === 1 ? 'y' : 'ies'} ranked, ${summary.invalid} invalid line(s) skipped`);
    });

  claims
    .command('import-claimreview')
    .description('Load schema.org ClaimReview JSON-LD (a .json file or an HTML page with it) or a Google Fact Check Tools API response as claims')
    .argument('<file>')
    .option('--narrative <slug>', 'attach the claims to this narrative')
    .action(async (file: string, opts: { narrative?: string }) => {
      const text = await readFile(file, 'utf8');
      if (text.length > MAX_CLAIMREVIEW_BYTES) throw new UsageError(`${file} is larger than ${MAX_CLAIMREVIEW_BYTES} bytes`);
      const reviews = parseClaimReview(text, { onSkip: (e) => println(io.stderr, `skipped: ${e.message}`) });
      if (reviews.length === 0) {
        println(io.stderr, `no claim review found in ${file}: expected schema.org ClaimReview JSON-LD (a .json file, or an HTML page with <script type="application/ld+json">) or a Google Fact Check Tools API response ({"claims": [...]} of claims:search, or {"claimReviewMarkupPages": [...]}); nothing imported`);
        throw new SilentFailure(1);
      }
      await withApp(io, 'none', async (app) => {
        const written = await upsertClaims(
          app.database.db,
          reviews.map((r) => ({
            externalId: r.id,
            narrativeSlug: opts.narrative ?? null,
            text: r.text,
            url: r.url,
            verdict: r.reviewRating?.alternateName ?? r.reviewRating?.ratingValue ?? null,
            reviewer: r.author?.name ?? null,
            language: r.inLanguage,
            datePublished: r.datePublished,
            raw: r as unknown as Record<string, unknown>,
          })),
          app.now(),
        );
        println(io.stdout, `${written} claim(s) imported from ${file}${opts.narrative ? ` into narrative ${opts.narrative}` : ''}`);
      });
    });
}

async function storedClaims(io: CliIo): Promise<Claim[]> {
  let list: Claim[] = [];
  await withApp(io, 'none', async (app) => {
    list = (await listClaims(app.database.db)).map((c) => ({ id: String(c.id), text: c.text, ...(c.narrativeSlug ? { narrative: c.narrativeSlug } : {}) }));
  });
  return list;
}
