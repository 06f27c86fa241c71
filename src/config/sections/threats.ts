import { z } from 'zod';
import { secret } from '../secret.js';

/** Threat settings (config section `threats`). */
export const threatsConfigSchema = z
  .object({
    rulesDir: z.string().default('config/threats').describe('Shipped threat rules, used while the database holds none'),
    watchlistKey: secret(z.string().min(1))
      .nullable()
      .default(null)
      .describe('Watchlist master key, 32 bytes as base64 or hex (env VAKSAM_WATCHLIST_KEY or VAKSAM_WATCHLIST_KEY_FILE)'),
    watchlistKeyFile: z
      .string()
      .nullable()
      .default(null)
      .describe('File holding the key when watchlistKey is unset; default <database.dataDir>/watchlist.key, created (0600) by the first `watchlist add`'),
    dismissedRetentionDays: z.number().int().min(1).default(30).describe('Days after a case is dismissed before its post texts are removed'),
    model: z
      .object({
        enabled: z.boolean().default(true).describe('Run the learned second opinion beside the rules (it can only suggest posts for review, never lower or alert)'),
        file: z.string().min(1).default('config/threat-model.json').describe('Weights file written by `npm run train`; relative paths from the install directory'),
        threshold: z
          .number()
          .gt(0)
          .lt(1)
          .nullable()
          .default(null)
          .describe('Score (0..1) from which a post the rules left at none or low is suggested for review; null = the threshold tuned into the file'),
      })
      .strict()
      .default({ enabled: true, file: 'config/threat-model.json', threshold: null })
      .describe('The learned second opinion (issue 15)'),
  })
  .strict();

export type ThreatSettings = z.output<typeof threatsConfigSchema>;
