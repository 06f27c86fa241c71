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
  })
  .strict();

export type ThreatSettings = z.output<typeof threatsConfigSchema>;
