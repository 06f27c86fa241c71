import { z } from 'zod';


const days = (def: number, what: string) => z.number().int().min(1).max(36_500).default(def).describe(what);

/**
 * Retention by purpose and the data controller named in the transparency material (config section `privacy`,
 * issue 20). Owned here like threats own theirs; the config schema adds the section.
 */
export const privacyConfigSchema = z
  .object({
    unmatchedPostDays: days(30, 'Days after collection before a post that matched no narrative and no threat is deleted (its day is still counted)'),
    pseudonymiseAfterDays: days(90, 'Days after collection before the author handle of a matched post outside any case is replaced by a keyed hash, its URL and identifying metadata removed'),
    closedCaseDays: days(365, 'Days after a case is closed (dismissed, or released by the police) before its texts, handles and URLs are removed; hashes and decisions stay'),
    batchSize: z.number().int().min(10).max(10_000).default(1000).describe('Posts one retention statement handles (one transaction each)'),
    maxBatchesPerRun: z.number().int().min(1).max(10_000).default(200).describe('Batches per rule in one maintenance run; the rest waits for the next run'),
    controller: z.string().min(1).max(200).nullable().default(null).describe('The data controller (the municipality or region) named in `privacy report` and the public text'),
    contact: z.string().min(1).max(200).nullable().default(null).describe('Where data subjects turn (the data protection officer), named in the public text'),
    secrecyMarking: z
      .string()
      .min(1)
      .max(120)
      .nullable()
      .default(null)
      .describe('Secrecy marking new case records carry unless a case sets its own, e.g. "OSL 18 kap. 1 §"'),
    recordFontFile: z
      .string()
      .min(1)
      .default('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf')
      .describe('TrueType font embedded in case record PDFs (Debian fonts-dejavu-core); when missing, Helvetica (Latin-1) is used'),
  })
  .strict();

export type PrivacySettings = z.output<typeof privacyConfigSchema>;
