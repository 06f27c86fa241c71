import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { cleanImage } from '../../src/tipline/images/index.js';
import { probeOcr, readImageText, tidyOcrText } from '../../src/tipline/ocr/tesseract.js';
import { fixtureImage, jpegWithGps, pngWithGps, SCREENSHOT_TEXT, webpWithGps } from './image-fixtures.js';

const SETTINGS = { command: 'tesseract', languages: ['swe', 'eng', 'ara'], timeoutMs: 60_000, maxMemoryBytes: 1024 ** 3, maxOutputBytes: 200_000 };
const LIMITS = { maxBytes: 5_000_000, maxPixels: 40_000_000, maxSide: 20_000 };
const haveTesseract = spawnSync('tesseract', ['--version']).status === 0;
if (!haveTesseract) console.warn('OCR tests skipped: tesseract is missing (apt-get install -y tesseract-ocr tesseract-ocr-swe tesseract-ocr-ara; .ci/run installs it)');

describe('tidyOcrText', () => {
  it('drops form feeds, trailing spaces and runs of blank lines', () => {
    expect(tidyOcrText('Rad ett  \n\n\n\nRad två\n\f')).toBe('Rad ett\n\nRad två');
  });
});

describe('without Tesseract', () => {
  it('says OCR is not installed instead of failing the report', async () => {
    const probe = await probeOcr({ ...SETTINGS, command: 'vaksam-no-such-tesseract' });
    expect(probe).toMatchObject({ available: false, reason: 'vaksam-no-such-tesseract is not installed' });
    await expect(readImageText(fixtureImage('png'), { ...SETTINGS, command: 'vaksam-no-such-tesseract' })).rejects.toMatchObject({ code: expect.stringMatching(/OCR_UNAVAILABLE|OCR_FAILED/) });
  });
});

describe.skipIf(!haveTesseract)('with Tesseract', () => {
  it('finds the Swedish, Arabic and English language data', async () => {
    const probe = await probeOcr(SETTINGS);
    expect(probe).toMatchObject({ available: true, missing: [], reason: null });
    expect(probe.installed).toEqual(expect.arrayContaining(['swe', 'ara', 'eng']));
  });

  it.each([
    ['PNG', () => pngWithGps(fixtureImage('png'))],
    ['JPEG', () => jpegWithGps(fixtureImage('jpg'))],
    ['WebP', () => webpWithGps(fixtureImage('webp'))],
  ])('reads the Swedish text of a %s screenshot after its GPS metadata was removed', async (_type, image) => {
    const clean = cleanImage(image(), LIMITS);
    const run = await readImageText(clean.data, SETTINGS);
    expect(run.text).toBe(SCREENSHOT_TEXT);
  }, 60_000);

  it('stops a run at its deadline', async () => {
    await expect(readImageText(fixtureImage('png'), { ...SETTINGS, timeoutMs: 1 })).rejects.toMatchObject({ code: 'OCR_TIMEOUT' });
  });

  it('stops a run that writes more text than allowed', async () => {
    await expect(readImageText(fixtureImage('png'), { ...SETTINGS, maxOutputBytes: 5 })).rejects.toMatchObject({ code: 'OCR_OUTPUT_TOO_LARGE' });
  }, 60_000);

  it('fails a run that needs more memory than allowed, with the reason', async () => {
    await expect(readImageText(fixtureImage('png'), { ...SETTINGS, maxMemoryBytes: 20 * 1024 * 1024 })).rejects.toMatchObject({ code: 'OCR_FAILED' });
  }, 60_000);

  it('fails on bytes that are no image, naming Tesseract', async () => {
    await expect(readImageText(Buffer.from('not an image at all'), SETTINGS)).rejects.toMatchObject({ code: 'OCR_FAILED', message: expect.stringContaining('tesseract') });
  }, 60_000);
});
