import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { OcrError } from '../errors.js';

export interface OcrSettings {
  command: string;
  languages: readonly string[];
  timeoutMs: number;
  maxMemoryBytes: number;
  maxOutputBytes: number;
}

export interface OcrAvailability {
  available: boolean;
  /** Languages installed for Tesseract. */
  installed: string[];
  /** Configured languages that are not installed (they are left out of runs). */
  missing: string[];
  /** Why OCR is not available, in words. */
  reason: string | null;
}

export interface OcrRun {
  text: string;
  ms: number;
}

/** util-linux's prlimit caps the address space of the child; without it only time and output are bounded. */
const PRLIMIT = '/usr/bin/prlimit';
const STDERR_KEPT_BYTES = 4096;
/** Page segmentation "fully automatic": screenshots mix headers, posts and buttons. */
const PAGE_SEGMENTATION = '3';

/** Which configured languages Tesseract can read, or why it cannot run at all. */
export async function probeOcr(settings: Pick<OcrSettings, 'command' | 'languages' | 'timeoutMs'>): Promise<OcrAvailability> {
  let output: string;
  try {
    output = (await runBounded(settings.command, ['--list-langs'], null, { timeoutMs: settings.timeoutMs, maxOutputBytes: 64 * 1024 })).stdout;
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `${settings.command} is not installed` : (error as Error).message;
    return { available: false, installed: [], missing: [...settings.languages], reason };
  }
  const installed = output.split('\n').slice(1).map((l) => l.trim()).filter((l) => /^[a-z_]+$/i.test(l));
  const missing = settings.languages.filter((l) => !installed.includes(l));
  const usable = settings.languages.length - missing.length;
  return { available: usable > 0, installed, missing, reason: usable > 0 ? null : `no language data for ${settings.languages.join(', ')} is installed` };
}

/**
 * Reads the text of one image with Tesseract as a child process: no shell, the image on stdin, a wall-clock
 * deadline (SIGKILL), an address-space limit, one thread, and a cap on the text it may write.
 */
export async function readImageText(image: Buffer, settings: OcrSettings, languages: readonly string[] = settings.languages): Promise<OcrRun> {
  const started = process.hrtime.bigint();
  const args = ['stdin', 'stdout', '-l', languages.join('+'), '--psm', PAGE_SEGMENTATION];
  const [command, argv] = existsSync(PRLIMIT) ? [PRLIMIT, [`--as=${settings.maxMemoryBytes}`, '--', settings.command, ...args]] : [settings.command, args];
  let result: { stdout: string };
  try {
    result = await runBounded(command, argv, image, settings);
  } catch (error) {
    if (error instanceof OcrError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new OcrError('OCR_UNAVAILABLE', `${settings.command} is not installed`, { cause: error });
    throw new OcrError('OCR_FAILED', `OCR could not run: ${(error as Error).message}`, { cause: error });
  }
  return { text: tidyOcrText(result.stdout), ms: Number((process.hrtime.bigint() - started) / 1_000_000n) };
}

/** Tesseract ends pages with a form feed and pads blocks with blank lines. */
export function tidyOcrText(raw: string): string {
  return raw
    .replace(/\f/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/u, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function runBounded(command: string, args: string[], input: Buffer | null, limits: { timeoutMs: number; maxOutputBytes: number }): Promise<{ stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      shell: false,
      stdio: [input ? 'pipe' : 'ignore', 'pipe', 'pipe'],
      // One thread: two OCR runs must not take every core of a small server from the workers.
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', OMP_THREAD_LIMIT: '1', ...(process.env.TESSDATA_PREFIX ? { TESSDATA_PREFIX: process.env.TESSDATA_PREFIX } : {}) },
    });
    const out: Buffer[] = [];
    let outBytes = 0;
    let stderr = '';
    let failure: OcrError | null = null;
    const stop = (error: OcrError) => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new OcrError('OCR_TIMEOUT', `OCR took longer than ${limits.timeoutMs} ms and was stopped`)), limits.timeoutMs);
    child.stdout!.on('data', (chunk: Buffer) => {
      outBytes += chunk.length;
      if (outBytes > limits.maxOutputBytes) stop(new OcrError('OCR_OUTPUT_TOO_LARGE', `OCR wrote more than ${limits.maxOutputBytes} bytes and was stopped`));
      else out.push(chunk);
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-STDERR_KEPT_BYTES);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (failure) return reject(failure);
      if (code !== 0) {
        const why = signal ? `was killed by ${signal}` : `exited with ${code}`;
        return reject(new OcrError('OCR_FAILED', `${command === PRLIMIT ? args[2] : command} ${why}: ${lastLines(stderr)}`));
      }
      resolve({ stdout: Buffer.concat(out).toString('utf8') });
    });
    if (input && child.stdin) {
      // A child that dies early closes its stdin; the close handler reports why.
      child.stdin.on('error', () => {});
      child.stdin.end(input);
    }
  });
}

function lastLines(text: string): string {
  return text.trim().split('\n').slice(-3).join(' / ').slice(0, 500) || 'no message';
}
