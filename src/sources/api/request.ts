import type { FetchRequest, FetchResponse } from '../../fetch/types.js';
import type { CollectContext } from '../types.js';
import { waitForTurn } from './pacing.js';

/**
 * Waits for this host's next slot, then fetches with the run's abort signal. The fetcher's own warnings (robots.txt
 * unreachable...) are added to the run's.
 */
export async function fetchPaced(
  ctx: Pick<CollectContext, 'fetcher' | 'signal'>,
  request: FetchRequest,
  intervalMs: number,
  warnings: string[],
): Promise<FetchResponse> {
  await waitForTurn(request.url, intervalMs, ctx.signal);
  const response = await ctx.fetcher.fetch({ ...request, signal: ctx.signal });
  warnings.push(...response.warnings);
  return response;
}
