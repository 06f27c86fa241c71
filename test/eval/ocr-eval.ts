/**
 * Character error rate of the tipline's OCR on screenshots generated here: Swedish, Arabic and English posts (written
 * for this script, no external data) are drawn by headless Chromium on a canvas in four looks (light and dark mode,
 * a small JPEG, a WebP), put through the same path as a report (metadata removal, Tesseract as a bounded child
 * process with swe+eng+ara) and compared with the text drawn. CER = Levenshtein distance / reference length, after
 * folding runs of white space. Prints a table, then one JSON line.
 *
 *   node dist/test/eval/ocr-eval.js [--chromium /usr/bin/chromium] [--languages swe,eng,ara]
 */
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { cleanImage, readImageText, tiplineConfigSchema } from '../../src/tipline/index.js';

export const SENTENCES: Record<'sv' | 'ar' | 'en', string[]> = {
  sv: [
    'Vi vet var du bor. Vi bränner ner kontoret i kväll.',
    'Socialtjänsten kidnappar våra barn, sprid detta innan det raderas!',
    'Alla till socialkontoret i Rinkeby på måndag kl 9:00. Ta med skyltar.',
    'Hon heter Karin och jobbar på soc i Västerås, här är hennes nummer 070-123 45 67.',
    'Kommunen informerar: beslut om vård enligt LVU fattas av förvaltningsrätten.',
    'Ni socialsekreterare ska få betala för det här, med blod.',
    'Öppet hus på familjecentralen på lördag, välkomna med frågor om föräldraskap.',
    '#slutakidnappavårabarn 20 000 barn tas varje år av svenska staten!!',
  ],
  ar: [
    'السوسيال يخطف أطفالنا. نعرف أين تسكنين.',
    'سنحرق مكتب الخدمات الاجتماعية الليلة في مالمو.',
    'أوقفوا خطف أطفالنا، انشروا الفيديو قبل حذفه',
    'الجميع إلى مكتب السوسيال يوم الاثنين الساعة التاسعة صباحا',
    'قرار الرعاية الإلزامية تتخذه المحكمة الإدارية وليس الموظف.',
    'يجبرون أطفال المسلمين على أكل لحم الخنزير وشرب الخمر',
    'اسمها سارة وتعمل في السوسيال، هذا عنوانها ورقم هاتفها',
    'السويد دولة فاشية تحارب الإسلام',
  ],
  en: [
    'We know where you live. The social office will burn tonight.',
    'Swedish social services kidnap Muslim children, share before it is deleted!',
    'Everyone to the social office in Gothenburg on Monday at 9 am.',
    'Her name is Anna, she works at the social services, here is her address.',
    'Care orders under the LVU act are decided by the administrative court.',
    'You social workers will pay for this with blood.',
    'Join the open day at the family centre on Saturday.',
    '#StopKidnappingOurChildren 20,000 children are taken every year!',
  ],
};

interface Look {
  name: string;
  type: 'image/png' | 'image/jpeg' | 'image/webp';
  quality: number;
  fontPx: number;
  background: string;
  ink: string;
}

const LOOKS: Look[] = [
  { name: 'light-png', type: 'image/png', quality: 1, fontPx: 24, background: '#ffffff', ink: '#1c1e21' },
  { name: 'dark-png', type: 'image/png', quality: 1, fontPx: 22, background: '#18191a', ink: '#e4e6eb' },
  { name: 'small-jpeg', type: 'image/jpeg', quality: 0.75, fontPx: 15, background: '#ffffff', ink: '#050505' },
  { name: 'webp', type: 'image/webp', quality: 0.8, fontPx: 20, background: '#f0f2f5', ink: '#1c1e21' },
];

/** Draws a post like a phone screenshot (a header line, the wrapped text) and returns the encoded image. */
async function draw(page: Page, text: string, rtl: boolean, look: Look): Promise<Buffer> {
  const dataUrl = await page.evaluate(
    ([body, rightToLeft, l]) => {
      const doc = (globalThis as unknown as { document: { createElement(tag: 'canvas'): any } }).document;
      const canvas = doc.createElement('canvas');
      canvas.width = 760;
      const lines: string[] = [];
      const g = canvas.getContext('2d');
      g.font = `${l.fontPx}px sans-serif`;
      let line = '';
      for (const word of body.split(' ')) {
        const next = line ? `${line} ${word}` : word;
        if (g.measureText(next).width > 700 && line) {
          lines.push(line);
          line = word;
        } else line = next;
      }
      lines.push(line);
      canvas.height = 60 + lines.length * l.fontPx * 1.5 + 30;
      g.fillStyle = l.background;
      g.fillRect(0, 0, canvas.width, canvas.height);
      g.fillStyle = l.ink;
      g.font = `${l.fontPx}px sans-serif`;
      g.direction = rightToLeft ? 'rtl' : 'ltr';
      g.textAlign = rightToLeft ? 'right' : 'left';
      const x = rightToLeft ? canvas.width - 30 : 30;
      lines.forEach((t: string, i: number) => g.fillText(t, x, 60 + i * l.fontPx * 1.5));
      return canvas.toDataURL(l.type, l.quality) as string;
    },
    [text, rtl, look] as const,
  );
  return Buffer.from(dataUrl.split(',')[1]!, 'base64');
}

/** Levenshtein distance over code points, two rows. */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const row = [i];
    for (let j = 1; j <= y.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[y.length]!;
}

const fold = (text: string) => text.replace(/\s+/gu, ' ').trim();

export function characterErrorRate(reference: string, hypothesis: string): number {
  const ref = fold(reference);
  return editDistance(ref, fold(hypothesis)) / Math.max(1, [...ref].length);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { chromium: { type: 'string', default: '/usr/bin/chromium' }, languages: { type: 'string', default: 'swe,eng,ara' } } });
  const settings = tiplineConfigSchema.parse({ ocr: { languages: values.languages!.split(',') } });
  const limits = { maxBytes: settings.screenshots.maxBytes, maxPixels: settings.screenshots.maxPixels, maxSide: settings.screenshots.maxSide };
  const browser = await chromium.launch({ executablePath: values.chromium, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  const rows: Array<{ lang: string; look: string; errors: number; chars: number; ms: number; exact: boolean }> = [];
  try {
    for (const [lang, sentences] of Object.entries(SENTENCES)) {
      for (const look of LOOKS) {
        for (const sentence of sentences) {
          const image = cleanImage(await draw(page, sentence, lang === 'ar', look), limits);
          const run = await readImageText(image.data, settings.ocr);
          const chars = [...fold(sentence)].length;
          rows.push({ lang, look: look.name, errors: Math.round(characterErrorRate(sentence, run.text) * chars), chars, ms: run.ms, exact: fold(run.text) === fold(sentence) });
        }
      }
    }
  } finally {
    await browser.close();
  }
  const summarise = (subset: typeof rows) => {
    const errors = subset.reduce((n, r) => n + r.errors, 0);
    const chars = subset.reduce((n, r) => n + r.chars, 0);
    return { cer: Number((errors / chars).toFixed(4)), exact: subset.filter((r) => r.exact).length, images: subset.length, meanMs: Math.round(subset.reduce((n, r) => n + r.ms, 0) / subset.length) };
  };
  const result: Record<string, unknown> = { languages: settings.ocr.languages.join('+'), overall: summarise(rows) };
  console.log('lang  look        CER     exact  mean ms');
  for (const lang of Object.keys(SENTENCES)) {
    result[lang] = summarise(rows.filter((r) => r.lang === lang));
    for (const look of LOOKS) {
      const s = summarise(rows.filter((r) => r.lang === lang && r.look === look.name));
      result[`${lang}/${look.name}`] = s;
      console.log(`${lang.padEnd(5)} ${look.name.padEnd(11)} ${(s.cer * 100).toFixed(2).padStart(6)}% ${String(s.exact).padStart(3)}/${s.images}  ${String(s.meanMs).padStart(6)}`);
    }
  }
  console.log(JSON.stringify(result));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
