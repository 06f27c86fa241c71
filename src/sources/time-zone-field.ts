import { z } from 'zod';
import { isTimeZone } from '../text/index.js';

/** Where a source's dates without a zone were written, unless its config says otherwise (issue 16). */
export const DEFAULT_SOURCE_TIME_ZONE = 'Europe/Stockholm';

/** Per-source `timeZone`: an IANA zone for dates the source writes without a zone or offset. */
export const timeZoneField = z
  .string()
  .refine(isTimeZone, 'not an IANA time zone such as Europe/Stockholm or Asia/Kolkata')
  .default(DEFAULT_SOURCE_TIME_ZONE)
  .describe(`IANA zone of dates written without one, e.g. "Asia/Kolkata" (default ${DEFAULT_SOURCE_TIME_ZONE})`);
