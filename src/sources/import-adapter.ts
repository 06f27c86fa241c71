import { z } from 'zod';
import { SourceConfigError } from './registry.js';
import type { SourceAdapter } from './types.js';

export const IMPORT_SOURCE_KIND = 'import';

const importConfigSchema = z.strictObject({ platform: z.string().min(1).max(40) });

/**
 * The source that imported rows of one platform belong to (X, Facebook, TikTok exports). It is filled by
 * `vaksam import`, never fetched: a scheduled run of it is a configuration mistake, said plainly.
 */
export const importAdapter: SourceAdapter<z.infer<typeof importConfigSchema>> = {
  kind: IMPORT_SOURCE_KIND,
  description: 'posts imported from platform exports with `vaksam import` (not collected on a schedule)',
  configSchema: importConfigSchema,
  async collect(ctx, config) {
    throw new SourceConfigError(`source '${ctx.source.name}' holds ${config.platform} posts imported with \`vaksam import\`; it cannot be collected`);
  },
};
