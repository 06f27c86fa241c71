import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** The main content Readability found (an HTML fragment, '' when the page has none), or why it gave up. */
export type ReadableContent = { ok: true; html: string } | { ok: false; reason: string };

export interface ReadableContentOptions {
  /** Wall-clock limit for one page, worker start included (default READABILITY_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Elements that are never content, removed before Readability scores the page (CSS selector). */
  noiseSelector?: string;
}

/** Real article pages take 5–150 ms; a page still being scored after this is hostile or broken. */
export const READABILITY_TIMEOUT_MS = 5_000;
/** Larger pages are not scored (fetched bodies are capped at 10 MiB; real articles are far below this). */
export const MAX_READABILITY_CHARS = 4_000_000;
/** Readability's cost grows faster than the element count; real article pages have 500–5,000. */
export const MAX_READABILITY_ELEMENTS = 20_000;
const WORKER_HEAP_MB = 512;

const resolvePackage = createRequire(import.meta.url).resolve;

/**
 * The worker: linkedom builds a light DOM (no scripts run, nothing is fetched), noise is removed and Mozilla's
 * Readability picks the article. It is a string run with `eval` so that it loads the same way from the compiled
 * dist/ and from the TypeScript sources under test; the two packages are resolved by the main thread.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { parseHTML } = require(workerData.linkedom);
const { Readability } = require(workerData.readability);
parentPort.on('message', ({ html, noiseSelector }) => {
  try {
    // linkedom builds no <html>/<body> around a fragment; Readability needs a body.
    const page = /<html[\\s>]/i.test(html) ? html : '<!doctype html><html><head></head><body>' + html + '</body></html>';
    const { document } = parseHTML(page);
    const elements = document.querySelectorAll('*').length;
    if (elements > workerData.maxElements) {
      parentPort.postMessage({ ok: false, reason: 'page has ' + elements + ' elements; at most ' + workerData.maxElements + ' are analysed' });
      return;
    }
    if (noiseSelector) for (const node of document.querySelectorAll(noiseSelector)) node.remove();
    const article = document.body ? new Readability(document, { disableJSONLD: true }).parse() : null;
    parentPort.postMessage({ ok: true, html: (article && article.content) || '' });
  } catch (error) {
    parentPort.postMessage({ ok: false, reason: 'failed: ' + String((error && error.message) || error).slice(0, 200) });
  }
});
`;

interface Job {
  html: string;
  noiseSelector: string;
  timeoutMs: number;
  resolve: (result: ReadableContent) => void;
}

/**
 * One worker thread, one page at a time. Readability is synchronous and can take seconds on a hostile page; in a
 * worker it cannot block the event loop (job locks, other sources), and a page over its time is stopped by
 * terminating the worker, which the next page replaces. The worker is unreferenced while idle so that it never
 * keeps the process alive.
 */
class ReadabilityWorker {
  private worker: Worker | null = null;
  private readonly queue: Job[] = [];
  private current: { job: Job; timer: NodeJS.Timeout } | null = null;

  read(html: string, noiseSelector: string, timeoutMs: number): Promise<ReadableContent> {
    return new Promise((resolve) => {
      this.queue.push({ html, noiseSelector, timeoutMs, resolve });
      this.startNext();
    });
  }

  private startNext(): void {
    const job = this.current === null ? this.queue.shift() : undefined;
    if (job === undefined) return;
    const worker = this.worker ?? this.spawn();
    worker.ref();
    const timer = setTimeout(() => this.settle({ ok: false, reason: `gave up after ${job.timeoutMs} ms` }, true), job.timeoutMs);
    this.current = { job, timer };
    worker.postMessage({ html: job.html, noiseSelector: job.noiseSelector });
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { linkedom: resolvePackage('linkedom'), readability: resolvePackage('@mozilla/readability'), maxElements: MAX_READABILITY_ELEMENTS },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    const isCurrent = () => this.worker === worker;
    worker.on('message', (result: ReadableContent) => {
      if (isCurrent()) this.settle(result, false);
    });
    worker.on('error', (error: Error) => {
      if (isCurrent()) this.settle({ ok: false, reason: `failed: ${error.message}` }, true);
    });
    worker.on('exit', () => {
      if (isCurrent()) this.settle({ ok: false, reason: 'worker stopped' }, true);
    });
    this.worker = worker;
    return worker;
  }

  /** Ends the current page; `discardWorker` stops the worker (over time, crashed) so the next page gets a new one. */
  private settle(result: ReadableContent, discardWorker: boolean): void {
    if (discardWorker && this.worker !== null) {
      void this.worker.terminate();
      this.worker = null;
    }
    const current = this.current;
    if (current === null) return;
    clearTimeout(current.timer);
    this.current = null;
    this.worker?.unref();
    current.job.resolve(result);
    this.startNext();
  }
}

let shared: ReadabilityWorker | null = null;

/**
 * The page's main content as Readability (Firefox Reader View) finds it, bounded in size, elements, time and
 * memory. Never throws: a page it cannot read comes back as `{ ok: false, reason }`.
 */
export function readReadableContent(html: string, options: ReadableContentOptions = {}): Promise<ReadableContent> {
  if (html.length > MAX_READABILITY_CHARS) {
    return Promise.resolve({ ok: false, reason: `page has ${html.length} characters; at most ${MAX_READABILITY_CHARS} are analysed` });
  }
  shared ??= new ReadabilityWorker();
  return shared.read(html, options.noiseSelector ?? '', options.timeoutMs ?? READABILITY_TIMEOUT_MS);
}
