import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { HostLimiter, type ReleaseSlot } from '../../src/fetch/limiter.js';
import { createTracker, pageRequests } from './test-server.js';

const track = createTracker();
afterEach(async () => {
  vi.useRealTimers();
  await track.closeAll();
});

/** Starts an acquire and records when it is granted. */
function start(limiter: HostLimiter, host: string, signal = new AbortController().signal) {
  const attempt = { release: null as ReleaseSlot | null, error: null as unknown };
  const done = limiter.acquire(host, signal).then(
    (release) => (attempt.release = release),
    (err: unknown) => (attempt.error = err),
  );
  return Object.assign(attempt, { done });
}

describe('HostLimiter', () => {
  it('keeps at most `concurrency` slots per host and hands the next one over on release', async () => {
    vi.useFakeTimers();
    const limiter = new HostLimiter({ concurrency: 2, minIntervalMs: 0 });
    const attempts = [start(limiter, 'a'), start(limiter, 'a'), start(limiter, 'a'), start(limiter, 'b')];
    await vi.advanceTimersByTimeAsync(0);

    expect(attempts.map((attempt) => attempt.release !== null)).toEqual([true, true, false, true]);
    attempts[0]?.release?.();
    attempts[0]?.release?.(); // a second call must not free another slot
    await attempts[2]?.done;
    expect(attempts[2]?.release).not.toBeNull();
    limiter.close(new Error('test over'));
  });

  it('spaces request starts to one host by minIntervalMs', async () => {
    vi.useFakeTimers();
    const limiter = new HostLimiter({ concurrency: 5, minIntervalMs: 1000 });
    const first = start(limiter, 'a');
    const second = start(limiter, 'a');
    const other = start(limiter, 'b');
    await vi.advanceTimersByTimeAsync(999);

    expect([first.release !== null, second.release !== null, other.release !== null]).toEqual([true, false, true]);
    await vi.advanceTimersByTimeAsync(1);
    expect(second.release).not.toBeNull();
    limiter.close(new Error('test over'));
  });

  it('holds a paused host until the pause ends and reports the pause', async () => {
    vi.useFakeTimers();
    const limiter = new HostLimiter({ concurrency: 1, minIntervalMs: 0 });
    limiter.pauseHost('a', { untilMs: Date.now() + 5000, status: 429 });
    const waiting = start(limiter, 'a');
    await vi.advanceTimersByTimeAsync(4999);

    expect(limiter.pauseOf('a')).toMatchObject({ status: 429 });
    expect(waiting.release).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(waiting.release).not.toBeNull();
    expect(limiter.pauseOf('a')).toBeNull();
    limiter.close(new Error('test over'));
  });

  it('drops a waiter whose signal aborts and rejects waiters on close', async () => {
    vi.useFakeTimers();
    const limiter = new HostLimiter({ concurrency: 1, minIntervalMs: 0 });
    const holder = start(limiter, 'a');
    const controller = new AbortController();
    const aborted = start(limiter, 'a', controller.signal);
    const queued = start(limiter, 'a');
    await vi.advanceTimersByTimeAsync(0);
    controller.abort(new Error('gave up'));
    await aborted.done;
    holder.release?.();
    await queued.done;

    expect((aborted.error as Error).message).toBe('gave up');
    expect(queued.release).not.toBeNull();
    const late = start(limiter, 'a');
    limiter.close(new Error('closed'));
    await late.done;
    expect((late.error as Error).message).toBe('closed');
  });
});

describe('HostLimiter budgets of APIs (requests per minute)', () => {
  it('waits the longer of its own interval and the previous request\'s spacing', async () => {
    vi.useFakeTimers();
    const limiter = new HostLimiter({ concurrency: 5, minIntervalMs: 100 });
    const done: string[] = [];
    const take = (label: string, spacingMs?: number) =>
      limiter.acquire('api', new AbortController().signal, { spacingMs }).then((release) => {
        done.push(label);
        release();
      });
    const all = [take('budget-1', 2000), take('budget-2', 2000), take('plain')];
    await vi.advanceTimersByTimeAsync(1999);
    expect(done).toEqual(['budget-1']);
    await vi.advanceTimersByTimeAsync(1);
    expect(done).toEqual(['budget-1', 'budget-2']);
    await vi.advanceTimersByTimeAsync(1999);
    expect(done).toEqual(['budget-1', 'budget-2']);
    await vi.advanceTimersByTimeAsync(1);
    await Promise.all(all);
    expect(done).toEqual(['budget-1', 'budget-2', 'plain']);
    limiter.close(new Error('test over'));
  });

  it('books turns for sources sharing a host in order, leaves other hosts alone, and a booked start goes at once', async () => {
    vi.useFakeTimers();
    const limiter = new HostLimiter({ concurrency: 2, minIntervalMs: 0 });
    const signal = new AbortController().signal;
    const done: string[] = [];
    const turn = (label: string, host: string) => limiter.awaitTurn(host, 1000, signal).then(() => done.push(label));
    const all = [turn('a1', 'a'), turn('a2', 'a'), turn('a3', 'a'), turn('b1', 'b')];
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual(['a1', 'b1']);
    const later = start(limiter, 'a'); // books the start after a3's
    await expect(limiter.acquire('a', signal, { booked: true })).resolves.toBeTypeOf('function');
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toEqual(['a1', 'b1', 'a2']);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all(all);
    expect(done).toEqual(['a1', 'b1', 'a2', 'a3']);
    expect(later.release).toBeNull();
    await vi.advanceTimersByTimeAsync(1000);
    expect(later.release).not.toBeNull();
    limiter.close(new Error('test over'));
  });

  it('rejects a turn with the abort reason while waiting', async () => {
    vi.useFakeTimers();
    const limiter = new HostLimiter({ concurrency: 1, minIntervalMs: 0 });
    const controller = new AbortController();
    await limiter.awaitTurn('c', 1000, controller.signal);
    const waiting = limiter.awaitTurn('c', 1000, controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
    limiter.close(new Error('test over'));
  });
});

describe('per-host concurrency against a real server', () => {
  it('never has more than perHostConcurrency requests in flight to one host', async () => {
    const total = 7;
    const limit = 2;
    let active = 0;
    let maxActive = 0;
    const held: ServerResponse[] = [];
    const server = await track.server((_req, res) => {
      active += 1;
      maxActive = Math.max(maxActive, active);
      res.once('finish', () => (active -= 1));
      held.push(res);
      // Answer in batches: when `limit` requests wait, or when the last ones have arrived.
      if (held.length === limit || pageRequests(server).length === total) {
        for (const waiting of held.splice(0)) waiting.end('ok');
      }
    });
    const fetcher = track.fetcher({ perHostConcurrency: limit });
    const responses = await Promise.all(
      Array.from({ length: total }, (_, index) => fetcher.fetch({ url: `${server.origin}/item/${index}` })),
    );

    expect(responses.every((response) => response.status === 200)).toBe(true);
    expect(maxActive).toBe(limit);
    expect(pageRequests(server)).toHaveLength(total);
  });
});
