import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/index.js';
import { auditLog, threatCaseEvents, type FetchExchange, type StoredThreatSignal } from '../db/schema/index.js';
import { sha256 } from './assess-posts.js';
import { caseReportEvidence, type EvidenceReport } from './case-reports.js';
import { getCase, type CaseDetail } from './case-queries.js';
import { renderEvidenceHtml } from './evidence-html.js';
import type { EvidencePack, EvidencePost } from './evidence-pack.js';
import { evidenceTime, type EvidenceTime } from './evidence-time.js';

export type { EvidencePack, EvidencePost };

export function buildEvidencePack(detail: CaseDetail, now: Date, generatedBy: string, reports: EvidenceReport[] = []): EvidencePack {
  const c = detail.case;
  return {
    format: 'vaksam-threat-evidence/1',
    generated: evidenceTime(now),
    generatedBy,
    case: { id: c.id, level: c.level, categories: c.categories, status: c.status, assignee: c.assignee, policeRef: c.policeRef, postCount: c.postCount, created: evidenceTime(c.createdAt) },
    posts: detail.posts.map((p) => ({
      postId: p.postId,
      platform: p.platform,
      source: p.sourceName,
      url: p.url,
      author: p.authorHandle,
      text: p.text,
      textSha256: p.textSha256,
      published: p.publishedAt === null ? null : evidenceTime(p.publishedAt),
      fetched: evidenceTime(p.fetchedAt),
      level: p.level,
      categories: p.categories,
      signals: p.signals,
      rulesVersion: p.rulesVersion,
      fetchRun: { id: p.fetchRunId, exchanges: p.exchanges.map((x) => ({ ...x, at: isoOrRaw(x.at) })) },
    })),
    reports,
    history: detail.events.map((e) => ({ at: evidenceTime(e.at), actor: e.actor, action: e.action, from: e.fromStatus, to: e.toStatus, note: e.note })),
  };
}

export interface WrittenEvidence {
  jsonPath: string;
  htmlPath: string;
  jsonSha256: string;
  htmlSha256: string;
  /** Screenshot files of the case's staff reports, written beside the pack. */
  imagePaths: string[];
}

/**
 * Writes `case-<id>.json` and a printable `case-<id>.html` to `dir`, records the export in the case history and the
 * audit log (with both files' SHA-256), and returns where they are.
 */
export async function exportCaseEvidence(db: Db, caseId: number, dir: string, actor: string, now: Date): Promise<WrittenEvidence> {
  const { reports, images } = await caseReportEvidence(db, caseId);
  const pack = buildEvidencePack(await getCase(db, caseId, { earlier: 0 }), now, actor, reports);
  const json = `${JSON.stringify(pack, null, 2)}\n`;
  const html = renderEvidenceHtml(pack, sha256(json));
  await mkdir(dir, { recursive: true });
  const written = {
    jsonPath: join(dir, `case-${caseId}.json`),
    htmlPath: join(dir, `case-${caseId}.html`),
    jsonSha256: sha256(json),
    htmlSha256: sha256(html),
    imagePaths: images.map((image) => join(dir, image.file)),
  };
  await writeFile(written.jsonPath, json);
  await writeFile(written.htmlPath, html);
  for (const image of images) await writeFile(join(dir, image.file), image.data);
  const details = { json: written.jsonSha256, html: written.htmlSha256 };
  await db.insert(threatCaseEvents).values({ caseId, at: now, actor, action: 'exported', details });
  await db.insert(auditLog).values({ at: now, actor, action: 'threat-case.export', subject: `threat-case:${caseId}`, details });
  return written;
}

function isoOrRaw(at: string): EvidenceTime | string {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : evidenceTime(date);
}
