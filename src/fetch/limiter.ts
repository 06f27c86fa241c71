/** Gives back the slot taken by acquire(); calling it twice is harmless. */
export type ReleaseSlot = () => void;

export interface HostLimiterOptions {
  /** Requests in flight to one host at once. */
  concurrency: number;
  /** Least time between two request starts to one host (fetch.perHostMinIntervalMs). */
  minIntervalMs: number;
}

/** A host told us to come back later (429/503 Retry-After). */
export interface HostPause {
  untilMs: number;
  status: number;
}

/** What one request asks of the limiter beyond its options. */
export interface SlotRequest {
  /** Least time after this request's start before the next one to the host may start (an API's budget). */
  spacingMs?: number;
  /** The start was booked with awaitTurn: spacing is already accounted for, only concurrency and pauses apply. */
  booked?: boolean;
}

interface Waiter {
  /** The start booked for it: no earlier than the previous booking plus that one's spacing. */
  readyAtMs: number;
  grant: (release: ReleaseSlot) => void;
  fail: (reason: unknown) => void;
}

interface HostState {
  active: number;
  /** The next free start: the last booking plus its spacing. */
  nextStartMs: number;
  pause: HostPause | null;
  waiters: Waiter[];
  timer: NodeJS.Timeout | null;
}

/**
 * The one per-host politeness of the process: at most `concurrency` requests in flight, starts at least
 * `minIntervalMs` apart (longer after a request that asked for more: an API's requests-per-minute budget, shared by
 * every source on that host), none before a Retry-After pause ends. Each request books its start when it asks, so
 * waiters are served in the order they came and none starves. Uses Date.now and setTimeout so tests can drive it
 * with fake timers.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly options: HostLimiterOptions) {}

  /**
   * Resolves with a release function once a request to `host` may start; rejects when `signal` aborts first.
   */
  acquire(host: string, signal: AbortSignal, slot: SlotRequest = {}): Promise<ReleaseSlot> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const state = this.state(host);
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = () => {
        state.waiters = state.waiters.filter((candidate) => candidate !== waiter);
        reject(signal.reason);
        this.pump(host, state);
      };
      const waiter: Waiter = {
        readyAtMs: slot.booked === true ? Number.NEGATIVE_INFINITY : this.book(state, slot.spacingMs),
        grant: (release) => {
          signal.removeEventListener('abort', onAbort);
          resolve(release);
        },
        fail: (reason) => {
          signal.removeEventListener('abort', onAbort);
          reject(reason);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      state.waiters.push(waiter);
      this.pump(host, state);
    });
  }

  /**
   * Books the next start to `host` for a request with an API budget and resolves when it comes, without taking a
   * concurrency slot: a request queued behind other sources of the host waits here, bounded by the caller's signal
   * (the run's deadline), not by the fetch's total timeout. The acquire that follows passes `booked: true`.
   */
  awaitTurn(host: string, spacingMs: number, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const waitMs = this.book(this.state(host), spacingMs) - Date.now();
    return waitMs > 0 ? delay(waitMs, signal) : Promise.resolve();
  }

  /** Holds every later request to `host` until `untilMs` (a later pause wins over an earlier one). */
  pauseHost(host: string, pause: HostPause): void {
    const state = this.state(host);
    if (!state.pause || state.pause.untilMs < pause.untilMs) state.pause = pause;
    this.pump(host, state);
  }

  /** The pause still in force for `host`, if any. */
  pauseOf(host: string): HostPause | null {
    const pause = this.hosts.get(host)?.pause ?? null;
    return pause && pause.untilMs > Date.now() ? pause : null;
  }

  /** Fails every waiting request and stops all timers. */
  close(reason: unknown): void {
    for (const state of this.hosts.values()) {
      if (state.timer) clearTimeout(state.timer);
      for (const waiter of state.waiters) waiter.fail(reason);
    }
    this.hosts.clear();
  }

  /** Takes the host's next free start for a request and moves the next one past its spacing. */
  private book(state: HostState, spacingMs = 0): number {
    const startMs = Math.max(Date.now(), state.nextStartMs);
    state.nextStartMs = startMs + Math.max(this.options.minIntervalMs, spacingMs);
    return startMs;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, nextStartMs: Number.NEGATIVE_INFINITY, pause: null, waiters: [], timer: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pump(host: string, state: HostState): void {
    if (state.timer) {
      clearTimeout(state.timer);
      state.timer = null;
    }
    while (state.waiters.length > 0 && state.active < this.options.concurrency) {
      const now = Date.now();
      const pausedUntilMs = state.pause?.untilMs ?? 0;
      const index = state.waiters.findIndex((waiter) => waiter.readyAtMs <= now);
      if (now < pausedUntilMs || index === -1) {
        const readyAtMs = Math.max(pausedUntilMs, Math.min(...state.waiters.map((waiter) => waiter.readyAtMs)));
        state.timer = setTimeout(() => this.pump(host, state), readyAtMs - now);
        return;
      }
      const [waiter] = state.waiters.splice(index, 1) as [Waiter];
      state.active += 1;
      waiter.grant(this.releaser(host, state));
    }
    this.forgetIfIdle(host, state);
  }

  private releaser(host: string, state: HostState): ReleaseSlot {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      state.active -= 1;
      this.pump(host, state);
    };
  }

  /** Drops a host's state once nothing about it still matters, so the map does not grow with every host ever seen. */
  private forgetIfIdle(host: string, state: HostState): void {
    const now = Date.now();
    const idle = state.active === 0 && state.waiters.length === 0 && state.timer === null;
    if (!idle || now < state.nextStartMs) return;
    if (state.pause && now < state.pause.untilMs) return;
    if (this.hosts.get(host) === state) this.hosts.delete(host);
  }
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
