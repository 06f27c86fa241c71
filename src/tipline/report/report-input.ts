import type { ReportConcerns } from '../../db/schema/index.js';
import { ReportInvalidError } from '../errors.js';
import { cleanImage, type CleanImage, type ImageLimits } from '../images/index.js';

export const CONCERNS: readonly ReportConcerns[] = ['me', 'colleague', 'office', 'unspecified'];

/** A report as submitted (form fields, or what an email gave), before any check. */
export interface ReportSubmission {
  url?: string | null;
  text?: string | null;
  concerns?: string | null;
  screenshots: Array<{ filename: string; bytes: Buffer }>;
}

export interface ScreenshotInput extends CleanImage {
  filename: string;
}

/** A checked report: a normalised http(s) URL, the text, and screenshots already without metadata. */
export interface ReportInput {
  reportedUrl: string | null;
  reportedText: string;
  concerns: ReportConcerns;
  screenshots: ScreenshotInput[];
}

export interface ReportLimits {
  maxTextChars: number;
  maxScreenshots: number;
  image: ImageLimits;
}

const MAX_URL_CHARS = 2048;

/**
 * Checks a submission field by field: at least one of URL, text or screenshot; the URL an http(s) address without
 * credentials; the text bounded; every screenshot a real PNG, JPEG or WebP within the limits, its metadata removed.
 * Errors name the field (and the file) and what is allowed.
 */
export function checkReport(submission: ReportSubmission, limits: ReportLimits): ReportInput {
  const reportedUrl = checkUrl(submission.url);
  const reportedText = (submission.text ?? '').replace(/\r\n?/g, '\n').replace(/\u0000/g, '').trim();
  if (reportedText.length > limits.maxTextChars) throw new ReportInvalidError(`text: ${reportedText.length} characters; at most ${limits.maxTextChars} are accepted`, { field: 'text' });
  const concerns = (submission.concerns || 'unspecified') as ReportConcerns;
  if (!CONCERNS.includes(concerns)) throw new ReportInvalidError(`concerns: '${String(submission.concerns).slice(0, 40)}' is not one of ${CONCERNS.join(', ')}`, { field: 'concerns' });
  const files = submission.screenshots.filter((s) => s.bytes.length > 0);
  if (files.length > limits.maxScreenshots) throw new ReportInvalidError(`screenshots: ${files.length} files; at most ${limits.maxScreenshots} per report`, { field: 'screenshots' });
  const screenshots = files.map((file) => {
    const filename = safeFilename(file.filename);
    try {
      return { ...cleanImage(file.bytes, limits.image), filename };
    } catch (error) {
      throw new ReportInvalidError(`screenshot '${filename}': ${(error as Error).message}`, { field: 'screenshots', filename });
    }
  });
  if (!reportedUrl && !reportedText && screenshots.length === 0) {
    throw new ReportInvalidError('the report is empty: give a link, the text of the post or a screenshot', { field: 'report' });
  }
  return { reportedUrl, reportedText, concerns, screenshots };
}

function checkUrl(raw: string | null | undefined): string | null {
  const typed = (raw ?? '').trim();
  if (!typed) return null;
  if (typed.length > MAX_URL_CHARS) throw new ReportInvalidError(`url: longer than ${MAX_URL_CHARS} characters`, { field: 'url' });
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(typed) ? typed : `https://${typed}`);
  } catch {
    throw new ReportInvalidError('url: not a web address; give one starting with https://', { field: 'url' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ReportInvalidError(`url: '${url.protocol}' links are not accepted; only http and https`, { field: 'url' });
  if (url.username || url.password) throw new ReportInvalidError('url: addresses with a user name or password are not accepted', { field: 'url' });
  if (!url.hostname.includes('.') && !url.hostname.startsWith('[')) throw new ReportInvalidError(`url: '${url.hostname}' is not a public host name`, { field: 'url' });
  return url.toString();
}

/** The file's own name without folders or control characters, at most 100 characters: shown, never used as a path. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '').trim().slice(-100);
  return clean || 'screenshot';
}
