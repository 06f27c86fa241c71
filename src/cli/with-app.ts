import { openApp, type App, type OpenAppOptions } from '../app/context.js';
import { commandContext, type CliIo } from './io.js';

/** Opens the app for one command (migrating first), runs it, and always closes every connection. */
export async function withApp(io: CliIo, redis: OpenAppOptions['redis'], work: (app: App) => Promise<void>): Promise<void> {
  const { config, log, command } = commandContext(io);
  const app = await openApp(config, log, { redis, migrate: true, command });
  try {
    await work(app);
  } finally {
    await app.close();
  }
}
