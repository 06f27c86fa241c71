import type { FetchExchange, StoredThreatSignal } from '../db/schema/index.js';
import type { EvidenceReport } from './case-reports.js';
import type { EvidenceTime } from './evidence-time.js';

/** The evidence pack of one case as exported to JSON and printed as HTML (issue 12). */
export interface EvidencePost {
  postId: number | null;
  platform: string;
  source: string | null;
  url: string | null;
  author: string | null;
  /** The text as assessed when the post joined the case ('' after a retention purge). */
  text: string;
  /** SHA-256 of that text, so a printed copy can be checked against the record. */
  textSha256: string;
  published: EvidenceTime | null;
  fetched: EvidenceTime;
  level: string;
  categories: string[];
  signals: StoredThreatSignal[];
  rulesVersion: string;
  /** The HTTP exchanges of the fetch run that brought the post: URL, status, response headers, SHA-256 of the body as fetched. */
  fetchRun: { id: number | null; exchanges: Array<Omit<FetchExchange, 'at'> & { at: EvidenceTime | string }> };
}

export interface EvidencePack {
  format: 'vaksam-threat-evidence/1';
  generated: EvidenceTime;
  generatedBy: string;
  case: {
    id: number;
    level: string;
    categories: string[];
    status: string;
    assignee: string | null;
    policeRef: string | null;
    postCount: number;
    created: EvidenceTime;
  };
  posts: EvidencePost[];
  /** Staff reports filed in the case (issue 19): reporter, text, capture, screenshots with SHA-256 and OCR text. */
  reports: EvidenceReport[];
  history: Array<{ at: EvidenceTime; actor: string; action: string; from: string | null; to: string | null; note: string | null }>;
}
