import { z } from 'zod';
import { SourceConfigError } from './registry.js';
import type { SourceAdapter } from './types.js';

export const TIPLINE_SOURCE_KIND = 'tipline';

const tiplineConfigSchema = z.strictObject({});

/** The source staff reports become posts of (issue 19); filled by the tipline, never fetched on a schedule. */
export const tiplineAdapter: SourceAdapter<z.infer<typeof tiplineConfigSchema>> = {
  kind: TIPLINE_SOURCE_KIND,
  description: 'posts reported by staff through the tipline (form, secret link, mailbox); not collected on a schedule',
  configSchema: tiplineConfigSchema,
  async collect(ctx) {
    throw new SourceConfigError(`source '${ctx.source.name}' holds staff reports from the tipline; it cannot be collected`);
  },
};
