import { createHash } from 'node:crypto';
import type { CaptureSummary } from '../../db/schema/index.js';
import { decodeBody, FetchBlockedError, FetchError, FetchHttpError, FetchRobotsDisallowedError, type Fetcher } from '../../fetch/index.js';
import { parseCapture } from './parse-capture.js';
import { captureTarget } from './targets.js';

/** The archive of a fetched page, stored beside the report. */
export interface CaptureArchive {
  url: string;
  finalUrl: string;
  httpStatus: number;
  headers: Record<string, string>;
  contentType: string | null;
  bodySha256: string;
  bytes: number;
  html: string | null;
  text: string;
  fetchedAt: Date;
}

export interface CaptureOutcome {
  summary: CaptureSummary;
  archive: CaptureArchive | null;
}

/** Headers that identify a session or carry secrets are not kept as evidence. */
const DROPPED_HEADERS = new Set(['set-cookie', 'cookie', 'authorization']);
const TEXTUAL = /^(text\/|application\/(json|xhtml\+xml|xml|ld\+json|activity\+json))/i;

/**
 * Fetches a reported URL through the hardened fetcher (SSRF guard, limits, robots.txt), keeps the response as
 * evidence and lets the matching collector read the post. A site that forbids it (robots.txt, a login wall) or a
 * fetch that fails leaves the report as reported, with the reason.
 */
export async function captureReportedUrl(fetcher: Fetcher, reportedUrl: string, limits: { maxBodyBytes: number; timeoutMs: number }, now: () => Date): Promise<CaptureOutcome> {
  const target = captureTarget(reportedUrl);
  let response;
  try {
    response = await fetcher.fetch({ url: target.fetchUrl, headers: { accept: target.accept }, ignoreRobots: target.ignoreRobots, maxBodyBytes: limits.maxBodyBytes, totalTimeoutMs: limits.timeoutMs });
  } catch (error) {
    return { summary: notCaptured(refusal(error) ? 'refused' : 'failed', error, target.parser), archive: null };
  }
  const contentType = response.headers['content-type'] ?? null;
  const textual = contentType === null || TEXTUAL.test(contentType);
  const body = textual ? decodeBody(response.body, { contentType, kind: target.parser === 'web' || target.parser === 'telegram' ? 'html' : 'json' }).text : null;
  const post = body === null ? null : await parseCapture(target, body, response.url);
  const archive: CaptureArchive = {
    url: reportedUrl,
    finalUrl: response.url,
    httpStatus: response.status,
    headers: Object.fromEntries(Object.entries(response.headers).filter(([name]) => !DROPPED_HEADERS.has(name))),
    contentType,
    bodySha256: createHash('sha256').update(response.body).digest('hex'),
    bytes: response.bytes,
    html: body,
    text: post?.text ?? '',
    fetchedAt: now(),
  };
  const summary: CaptureSummary = {
    status: 'captured',
    reason: body === null ? `the link is ${contentType ?? 'not text'}; archived, not read` : null,
    parser: post?.parser ?? null,
    title: post?.title ?? null,
    author: post?.author ?? null,
    publishedAt: post?.publishedAt?.toISOString() ?? null,
    language: post?.language ?? null,
    text: post?.text ?? '',
  };
  return { summary, archive };
}

/** Refusals are the site's or the guard's choice (robots.txt, private address, login wall), not a failure to retry. */
function refusal(error: unknown): boolean {
  if (error instanceof FetchRobotsDisallowedError || error instanceof FetchBlockedError) return true;
  return error instanceof FetchHttpError && [401, 403, 451].includes(error.status);
}

function notCaptured(status: 'refused' | 'failed', error: unknown, parser: string): CaptureSummary {
  const message = error instanceof FetchError ? `${error.code}: ${error.message}` : (error as Error).message;
  return { status, reason: message.slice(0, 500), parser, title: null, author: null, publishedAt: null, language: null, text: '' };
}
