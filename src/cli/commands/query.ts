import { createInterface } from 'node:readline';
import type { Command } from 'commander';
import { compileQuery, formatQueryError, formatQueryTree, matchQuery, parseQuery, QuerySyntaxError } from '../../catalogue/index.js';
import { parseInputLine } from '../../classify/index.js';
import { analyzeText } from '../../language/index.js';
import { printJson, println, SilentFailure, type CliIo } from '../io.js';

export function registerQuery(program: Command, io: CliIo): void {
  const query = program
    .command('query')
    .description('Check and try the boolean query language admins write narrative rules in (see README: query language)');

  query
    .command('check')
    .description('Print the parse tree of a query, or the position of its first error')
    .argument('<expr>', "the query, quoted for the shell: 'soc* NEAR/3 (kidnapp* OR stjäl)'")
    .action((expr: string) => {
      try {
        println(io.stdout, formatQueryTree(parseQuery(expr)));
      } catch (error) {
        if (error instanceof QuerySyntaxError) {
          io.stderr.write(`${formatQueryError(expr, error)}\n`);
          throw new SilentFailure(1);
        }
        throw error;
      }
    });

  query
    .command('match')
    .description('Match a query against JSON lines {"id","text","lang"?} on stdin; prints {"id","match","hits"} per line')
    .argument('<expr>')
    .action(async (expr: string) => {
      const compiled = compileQuery(expr);
      let lineNumber = 0;
      for await (const line of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
        lineNumber++;
        if (!line.trim()) continue;
        const post = parseInputLine(line);
        if (typeof post === 'string') {
          println(io.stderr, `vaksam: line ${lineNumber}: ${post}`);
          continue;
        }
        const result = matchQuery(compiled, analyzeText(post.text, { lang: post.lang, source: post.source, author: post.author, url: post.url }));
        printJson(io.stdout, { id: post.id, match: result.match, hits: result.hits });
      }
    });
}

