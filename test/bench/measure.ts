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

/** Deterministic pseudo-random numbers, so every bench run sees the same data: the threat model's trainer's. */
export { seededRandom } from '../../src/threat-model/index.js';
