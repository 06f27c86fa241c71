/** Gives back the slot taken by acquire(); calling it twice is harmless. */
export type ReleaseSlot = () => void;

export interface HostLimiterOptions {
  /** Requests in flight to one host at once. */
  concurrency: number;
  /** Least time between two request starts to one host. */
  minIntervalMs: number;
}

/** A host told us to come back later (429/503 Retry-After). */
export interface HostPause {
  untilMs: number;
  status: number;
}

interface Waiter {
  grant: (release: ReleaseSlot) => void;
  fail: (reason: unknown) => void;
}

interface HostState {
  active: number;
  lastStartMs: number;
  pause: HostPause | null;
  waiters: Waiter[];
  timer: NodeJS.Timeout | null;
}

/**
 * In-process politeness per host: at most `concurrency` requests in flight, starts at least `minIntervalMs` apart,
 * none before a Retry-After pause ends. Waiters are served first come, first served. Uses Date.now and setTimeout
 * so tests can drive it with fake timers.
 */
export class HostLimiter {
  private readonly hosts = new Map<string, HostState>();

  constructor(private readonly options: HostLimiterOptions) {}

  /** Resolves with a release function once a request to `host` may start; rejects when `signal` aborts first. */
  acquire(host: string, signal: AbortSignal): Promise<ReleaseSlot> {
    if (signal.aborted) return Promise.reject(signal.reason);
    const state = this.state(host);
    return new Promise<ReleaseSlot>((resolve, reject) => {
      const onAbort = () => {
        state.waiters = state.waiters.filter((candidate) => candidate !== waiter);
        reject(signal.reason);
        this.pump(host, state);
      };
      const waiter: Waiter = {
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

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { active: 0, lastStartMs: Number.NEGATIVE_INFINITY, pause: null, waiters: [], timer: null };
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
      const readyAtMs = Math.max(state.lastStartMs + this.options.minIntervalMs, state.pause?.untilMs ?? 0);
      if (now < readyAtMs) {
        state.timer = setTimeout(() => this.pump(host, state), readyAtMs - now);
        return;
      }
      const waiter = state.waiters.shift() as Waiter;
      state.active += 1;
      state.lastStartMs = now;
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
    if (!idle || now < state.lastStartMs + this.options.minIntervalMs) return;
    if (state.pause && now < state.pause.untilMs) return;
    if (this.hosts.get(host) === state) this.hosts.delete(host);
  }
}
