import { z } from 'zod';

/**
 * Config section `clusters` (README: Campaigns). The threshold is the Jaccard similarity of two texts' word-pair
 * shingles, after the language core's normalisation; 0.4 was chosen on test/eval/sets/clusters.jsonl (CLUSTERS.md beside it):
 * copies with small edits stay above it, different texts on the same topic
 * (fact-checks quoting the claim) stay below (0.32 at most there).
 */
export const clustersConfigSchema = z
  .object({
    enabled: z.boolean().default(true).describe('Assign classified posts to near-duplicate clusters'),
    threshold: z
      .number()
      .gt(0)
      .max(1)
      .default(0.4)
      .describe('Jaccard similarity (word pairs, normalised text) to the cluster face a post needs to join the cluster'),
    shingleWords: z.number().int().min(1).max(5).default(2).describe('Words per shingle'),
    maxShingles: z.number().int().min(16).max(4096).default(256).describe('Shingles kept per text (the smallest hashes); bounds long articles'),
    indexedClusters: z
      .number()
      .int()
      .min(1000)
      .max(10_000_000)
      .default(100_000)
      .describe('Clusters a classify worker keeps in memory to compare new posts with, least recently joined dropped first (about 1.1 KB each)'),
    coordination: z
      .object({
        windowSeconds: z.number().int().min(1).max(86_400).default(60).describe('Two accounts sharing the same link or text this close in time co-share'),
        minRepeats: z
          .number()
          .int()
          .min(1)
          .default(2)
          .describe('Distinct links or texts two accounts must have co-shared before they are linked in a network'),
        minAccounts: z.number().int().min(2).default(3).describe('Accounts a network needs to be shown'),
        lookbackDays: z.number().int().min(1).max(90).default(7).describe('How far back the network page and the digest look when no period is given'),
        maxPostsPerKey: z
          .number()
          .int()
          .min(10)
          .max(100_000)
          .default(2000)
          .describe('Posts of one link or text considered (the earliest); bounds the pairwise comparison'),
      })
      .strict()
      .default({ windowSeconds: 60, minRepeats: 2, minAccounts: 3, lookbackDays: 7, maxPostsPerKey: 2000 }),
  })
  .strict();

export type ClusterSettings = z.output<typeof clustersConfigSchema>;
export type CoordinationSettings = ClusterSettings['coordination'];

/** The `clusters` section of a loaded config, defaults when the section is absent. */
export function clusterSettings(config: Readonly<object>): ClusterSettings {
  return clustersConfigSchema.parse((config as { clusters?: unknown }).clusters ?? {});
}
