import { type App, settlesWithin } from '../app/index.js';
import { EXIT_JOBS_UNFINISHED, SilentFailure } from './io.js';

/** How long closing every connection may take at the end of start, worker and serve. */
const CLOSE_TIMEOUT_MS = 15_000;

/** Closes every connection, or gives up after CLOSE_TIMEOUT_MS (a Redis or database that no longer answers). */
export async function closeApp(app: App): Promise<void> {
  if (await settlesWithin(app.close(), CLOSE_TIMEOUT_MS)) return;
  app.log.warn({ timeoutMs: CLOSE_TIMEOUT_MS }, 'connections did not close in time: exiting anyway');
  throw new SilentFailure(EXIT_JOBS_UNFINISHED);
}
