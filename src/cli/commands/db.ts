import type { Command } from 'commander';
import { openDatabase, pendingMigrations } from '../../db/index.js';
import { VaksamError } from '../../errors/index.js';
import { commandContext, println, type CliIo } from '../io.js';

export function registerDb(program: Command, io: CliIo): void {
  const db = program.command('db').description('Database maintenance');
  db.command('migrate')
    .description('Apply pending migrations from drizzle/ (also done by start and worker)')
    .option('--check', 'only report how many migrations are pending; exit 1 if any')
    .action(async (opts: { check?: boolean }) => {
      const { config, command } = commandContext(io);
      const database = await openDatabase({ ...config.database, command });
      try {
        if (opts.check) {
          const pending = await pendingMigrations(database.db);
          println(io.stdout, `${pending} migration(s) pending on ${database.kind}`);
          if (pending > 0) throw new VaksamError('MIGRATIONS_PENDING', 'run `vaksam db migrate` to apply them');
          return;
        }
        await database.migrate();
        println(io.stdout, `migrations applied (${database.kind})`);
      } finally {
        await database.close();
      }
    });
}
