import { sql } from 'drizzle-orm';
import { bandKeys, fingerprintText, jaccard } from '../clusters/index.js';
import { queryRows, type Db } from '../db/index.js';

/**
 * Jaccard similarity (word pairs of the evidence sentences) at which a threat joins an existing case. Stricter than
 * the clusters' 0.4: merging two different threats would hide one from the review queue, so only near-copies (an
 * edited word, emoji, look-alike letters, a wrapper) merge.
 */
export const NEAR_COPY_THRESHOLD = 0.6;

const FINGERPRINT = { shingleWords: 2, maxShingles: 256 };
const MAX_CANDIDATES = 16;

/** The case whose first text is a near-copy of this evidence text (the most similar), or null. */
export async function findNearCopyCase(tx: Db, keyText: string): Promise<number | null> {
  const fingerprint = fingerprintText(keyText, FINGERPRINT);
  if (fingerprint.shingles.length === 0) return null;
  const rows = await queryRows<{ caseId: string | number; shingles: Uint8Array }>(
    tx,
    sql`select distinct on (case_id) case_id as "caseId", shingles from threat_case_bands
        where band_key = any(${sql.param(bandKeys(fingerprint.bands))}::bigint[]) order by case_id limit ${MAX_CANDIDATES}`,
  );
  let best: { id: number; similarity: number } | null = null;
  for (const row of rows) {
    const similarity = jaccard(fingerprint.shingles, toShingles(row.shingles));
    if (similarity >= NEAR_COPY_THRESHOLD && (best === null || similarity > best.similarity)) best = { id: Number(row.caseId), similarity };
  }
  return best?.id ?? null;
}

/** Stores a new case's band keys and shingles so later near-copies find it. */
export async function rememberCaseText(tx: Db, caseId: number, keyText: string): Promise<void> {
  const fingerprint = fingerprintText(keyText, FINGERPRINT);
  if (fingerprint.shingles.length === 0) return;
  const hex = Buffer.from(fingerprint.shingles.buffer, fingerprint.shingles.byteOffset, fingerprint.shingles.byteLength).toString('hex');
  await tx.execute(sql`
    insert into threat_case_bands (band_key, case_id, shingles)
    select k, ${caseId}::bigint, decode(${hex}, 'hex') from unnest(${sql.param(bandKeys(fingerprint.bands))}::bigint[]) as k
    on conflict do nothing`);
}

function toShingles(bytes: Uint8Array): Int32Array {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Int32Array(copy.buffer, 0, copy.byteLength >> 2);
}
