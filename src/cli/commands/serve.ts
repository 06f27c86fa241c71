import type { Command } from 'commander';
import { openApp, type App, settlesWithin } from '../../app/index.js';
import { closeApp } from '../shutdown.js';
import { startHttpServer, type HttpServer } from '../../http/index.js';
import { ensureFirstAdmin } from '../../users/index.js';
import { commandContext, println, type CliIo } from '../io.js';

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('Run the web UI and JSON API only (no queue workers); `start` runs it too when http.enabled')
    .option('--log-level <level>', 'override log.level')
    .action(async (opts: { logLevel?: string }) => {
      const { config, log, command } = commandContext(io, opts.logLevel);
      const app = await openApp(config, log, { redis: 'optional', migrate: true, command, embeddedRole: 'own' });
      const web = await startWeb(app, io);
      const signal = await io.stopSignal;
      log.info({ signal }, 'stopping web server');
      await settlesWithin(web.close(), config.workers.shutdownGraceMs);
      await closeApp(app);
    });
}

/**
 * Creates the first admin on an empty users table (its password is printed once, to stderr, and never stored in
 * clear or logged), starts the server and prints the URL to open.
 */
export async function startWeb(app: App, io: CliIo): Promise<HttpServer> {
  const first = await ensureFirstAdmin(app.database.db, { actor: 'system', now: app.now(), logN: app.config.http.scryptLogN });
  const web = await startHttpServer(app);
  if (first) {
    io.stderr.write(
      `\nFirst run: created the administrator account.\n  user name: ${first.username}\n  password:  ${first.password}\n` +
        'It is shown only this once. Sign in and change it under "Account", or reset it with `vaksam users reset-password admin`.\n\n',
    );
  }
  println(io.stdout, `Vaksam web UI: ${web.url}/`);
  app.log.info({ url: web.url }, 'web server listening');
  return web;
}
