/**
 * `node dist/test/eval/freeze-classify.js [--set FILE …]` (after `npx tsc -p tsconfig.json`): writes the classify
 * stage's golden results under test/fixtures/classify-golden/ from the code of the day. Run it only after a
 * deliberate change of results (new rules or lexicons), and say in the commit why the results changed;
 * `test/classify/stage-differential.test.ts` holds every other change to them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_SETS, FUZZ_GOLDEN, FUZZ_WATCHLIST_GOLDEN, fuzzHashes, fuzzInputs, GOLDEN_DIR, productionRunners, SETS_GOLDEN, setLines } from './classify-golden.js';

const { values } = parseArgs({ options: { set: { type: 'string', multiple: true, default: [] } } });
const runners = await productionRunners();
mkdirSync(GOLDEN_DIR, { recursive: true });
const sets = [...DEFAULT_SETS, ...(values.set ?? [])];
const lines = setLines(sets, runners.plain);
writeFileSync(SETS_GOLDEN, `${lines.join('\n')}\n`);
const posts = fuzzInputs();
writeFileSync(FUZZ_GOLDEN, `${fuzzHashes(posts, runners.plain).join('\n')}\n`);
writeFileSync(FUZZ_WATCHLIST_GOLDEN, `${fuzzHashes(posts, runners.withWatchlist).join('\n')}\n`);
process.stdout.write(`froze ${lines.length} set results (${sets.join(', ')}) and ${posts.length} fuzzed posts twice into ${GOLDEN_DIR}\n`);
