import { resourceUsage } from 'node:process';

/** Runs `work` and returns its rate in units per second of wall time. */
export async function ratePerSecond(units: number, work: () => Promise<unknown> | unknown): Promise<{ perSecond: number; ms: number }> {
  const start = process.hrtime.bigint();
  await work();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { perSecond: units / (ms / 1000), ms };
}

/** Peak resident set size of this process so far, in MB (Linux reports maxRSS in KiB). */
export function peakRssMb(): number {
  return Math.round((resourceUsage().maxRSS / 1024) * 10) / 10;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Deterministic pseudo-random numbers (mulberry32) so every bench run sees the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
