import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { minIntervalMs, waitForTurn } from '../../../src/sources/api/index.js';

describe('waitForTurn', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('spaces requests to one origin by the interval and leaves other origins alone', async () => {
    const signal = new AbortController().signal;
    const done: string[] = [];
    const track = (label: string, url: string) => waitForTurn(url, 1000, signal).then(() => done.push(label));

    const first = track('a1', 'https://a.example/1');
    const second = track('a2', 'https://a.example/2');
    const third = track('a3', 'https://a.example/3');
    const other = track('b1', 'https://b.example/1');
    await vi.advanceTimersByTimeAsync(0);
    expect(done).toEqual(['a1', 'b1']);
    await vi.advanceTimersByTimeAsync(1000);
    expect(done).toEqual(['a1', 'b1', 'a2']);
    await vi.advanceTimersByTimeAsync(1000);
    await Promise.all([first, second, third, other]);
    expect(done).toEqual(['a1', 'b1', 'a2', 'a3']);
  });

  it('rejects with the abort reason while waiting', async () => {
    const controller = new AbortController();
    await waitForTurn('https://c.example/1', 1000, controller.signal);
    const waiting = waitForTurn('https://c.example/2', 1000, controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(waiting).rejects.toThrow('shutting down');
  });

  it.each([
    [60, 1000],
    [7, 8572],
    [600, 100],
  ])('turns %i requests per minute into %i ms', (perMinute, ms) => {
    expect(minIntervalMs(perMinute)).toBe(ms);
  });
});
