import { openApp, type App, type OpenAppOptions } from '../app/index.js';
import { commandContext, type CliIo } from './io.js';

/** The one way a CLI command opens the app: migrating first, running `work`, and always closing every connection. */
export async function withApp(io: CliIo, redis: OpenAppOptions['redis'], work: (app: App) => Promise<void>): Promise<void> {
  const { config, log, command } = commandContext(io);
  const app = await openApp(config, log, { redis, migrate: true, command });
  try {
    await work(app);
  } finally {
    await app.close();
  }
}
