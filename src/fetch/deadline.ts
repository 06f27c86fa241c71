/** The wall-clock limit of one fetch merged with the caller's AbortSignal. */
export interface Deadline {
  signal: AbortSignal;
  deadlineMs: number;
  limitMs: number;
  expired(): boolean;
  dispose(): void;
}

/** One AbortSignal for the wall-clock limit and the caller's signal; aborting it destroys the socket. */
export function startDeadline(limitMs: number, callerSignal: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`total timeout of ${limitMs} ms`)), limitMs);
  return {
    signal: callerSignal ? AbortSignal.any([controller.signal, callerSignal]) : controller.signal,
    deadlineMs: Date.now() + limitMs,
    limitMs,
    expired: () => controller.signal.aborted,
    dispose: () => clearTimeout(timer),
  };
}

/** Settles with `promise`, or rejects with the abort reason as soon as `signal` fires. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
