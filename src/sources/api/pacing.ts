/**
 * Spaces requests to one host by a minimum interval. Slots are shared by every source of the process that talks to
 * the same origin, so two Mastodon sources on one instance together stay within its budget.
 */
const nextSlotByOrigin = new Map<string, number>();

/** Milliseconds between two requests for a requests-per-minute budget. */
export function minIntervalMs(requestsPerMinute: number): number {
  return Math.ceil(60_000 / requestsPerMinute);
}

/** Resolves when this caller may send its request to `url`'s origin; rejects with the signal's reason on abort. */
export async function waitForTurn(url: string, intervalMs: number, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted();
  const origin = new URL(url).origin;
  const now = Date.now();
  const slot = Math.max(now, nextSlotByOrigin.get(origin) ?? 0);
  nextSlotByOrigin.set(origin, slot + intervalMs);
  if (slot > now) await delay(slot - now, signal);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
