import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage } from 'pdf-lib';
import type { CaseRecord } from './case-record.js';

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 50;
const SIZE = 10;
const LEADING = 14;
/** Longest post text printed; the whole text is in the JSON record, whose SHA-256 the PDF names. */
const MAX_TEXT_CHARS = 2000;
/** Right-to-left scripts (Arabic, Hebrew): pdf-lib neither shapes nor reorders them, so they are referred to by hash. */
const RTL = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/u;

const STATUS_SV: Record<string, string> = { new: 'ny', acknowledged: 'bekräftad', escalated: 'polisanmäld', dismissed: 'avskriven' };
const ACTION_SV: Record<string, string> = {
  created: 'skapat',
  status: 'status',
  assign: 'tilldelat',
  note: 'anteckning',
  'police-released': 'släppt av polisen',
  'secrecy-marking': 'sekretessmarkering',
  purged: 'texter gallrade',
  anonymised: 'personuppgifter gallrade',
  exported: 'bevispaket exporterat',
  recorded: 'diarieförd kopia skapad',
};

/**
 * The case record as a PDF for registration (diarieföring): the secrecy marking on every page, the case, its
 * decisions, and each piece of evidence with its SHA-256. `fontBytes` is a TrueType font to embed (DejaVu Sans
 * covers Swedish, Turkish, German, Cyrillic); without it Helvetica's Latin-1 (å, ä, ö, §) is used and other
 * characters print as '?'. `jsonSha256` ties the PDF to the JSON record written beside it.
 */
export async function renderCaseRecordPdf(record: CaseRecord, jsonSha256: string, fontBytes: Uint8Array | null): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = fontBytes ? await doc.embedFont(fontBytes, { subset: true }) : await doc.embedFont(StandardFonts.Helvetica);
  const bold = fontBytes ? font : await doc.embedFont(StandardFonts.HelveticaBold);
  doc.setTitle(`${record.caseNumber} – Vaksam ärendeakt`);
  doc.setSubject(record.secrecyMarking ? `Sekretess: ${record.secrecyMarking}` : 'Ingen sekretessmarkering');
  doc.setProducer('Vaksam');
  doc.setCreationDate(new Date(record.generated.utc));
  const writer = new PageWriter(doc, font, bold, record);
  writer.heading(`Ärendeakt ${record.caseNumber}`);
  writer.line(`Hotärende ${record.case.id} i Vaksam, för diarieföring.`);
  writer.gap();
  const c = record.case;
  writer.heading('Ärende');
  writer.field('Ärendenummer', record.caseNumber);
  writer.field('Sekretessmarkering', record.secrecyMarking ?? 'ingen');
  writer.field('Nivå och kategorier', `${c.level} – ${c.categories.join(', ') || '–'}`);
  writer.field('Status', STATUS_SV[c.status] ?? c.status);
  writer.field('Handläggare', c.assignee ?? '–');
  writer.field('Polisens diarienummer', c.policeRef ?? '–');
  writer.field('Skapat', c.created.stockholm);
  writer.field('Status ändrad', c.statusChanged.stockholm);
  writer.field('Senaste inlägg', c.lastPost?.stockholm ?? '–');
  writer.field('Släppt av polisen', c.policeReleased?.stockholm ?? '–');
  writer.field('Personuppgifter gallrade', c.anonymised?.stockholm ?? '–');
  writer.field('Antal inlägg', String(c.postCount));
  writer.gap();
  writer.heading('Beslut och händelser');
  for (const d of record.decisions) {
    // '->', not an arrow: Helvetica's Latin-1, the fallback font, has none.
    const change = d.from !== null && d.to !== null && d.from !== d.to ? ` ${STATUS_SV[d.from] ?? d.from} -> ${STATUS_SV[d.to] ?? d.to}` : '';
    writer.line(`${d.at.stockholm}  ${ACTION_SV[d.action] ?? d.action}${change}  (${d.actor})${d.note ? `: ${d.note}` : ''}`);
  }
  writer.gap();
  writer.heading('Bevisning');
  record.evidence.forEach((e, i) => {
    writer.line(`${i + 1}. ${e.platform}${e.postId !== null ? `, inlägg ${e.postId}` : ''}, nivå ${e.level}`, true);
    writer.field('Länk', e.url ?? '–');
    writer.field('Avsändare', e.author ?? '–');
    writer.field('Publicerat', e.published?.stockholm ?? '–');
    writer.field('Hämtat', e.fetched.stockholm);
    writer.field('SHA-256 text', e.textSha256);
    for (const h of e.fetchSha256) writer.field('SHA-256 hämtning', h);
    writer.field('Regler', `${e.rules.join(', ') || '–'} (${e.rulesVersion})`);
    if (e.text === '') writer.field('Text', 'gallrad');
    else if (RTL.test(e.text)) writer.field('Text', 'skriven med höger-till-vänster-skrift; se JSON-posten (SHA-256 ovan)');
    else writer.field('Text', e.text.length > MAX_TEXT_CHARS ? `${e.text.slice(0, MAX_TEXT_CHARS)} … (hela texten i JSON-posten)` : e.text);
    writer.gap();
  });
  if (record.reports.length > 0) {
    writer.heading('Tips från personal');
    for (const r of record.reports) {
      writer.line(`${r.reference}  mottaget ${r.received.stockholm} (${r.channel})`, true);
      for (const h of r.screenshotSha256) writer.field('SHA-256 skärmbild', h);
      if (r.captureSha256) writer.field('SHA-256 sparad sida', r.captureSha256);
    }
    writer.gap();
  }
  writer.heading('Om denna handling');
  writer.line(`Skapad ${record.generated.stockholm} av ${record.generatedBy}.`);
  writer.line(`SHA-256 för JSON-posten: ${jsonSha256}`);
  writer.finish();
  return doc.save({ useObjectStreams: false });
}

/** Writes wrapped lines top to bottom, starting pages as needed, with the marking and page numbers on each. */
class PageWriter {
  private page!: PDFPage;
  private y = 0;
  private readonly pages: PDFPage[] = [];
  private readonly charset: Set<number>;

  constructor(
    private readonly doc: PDFDocument,
    private readonly font: PDFFont,
    private readonly bold: PDFFont,
    private readonly record: CaseRecord,
  ) {
    this.charset = new Set([...font.getCharacterSet(), ...bold.getCharacterSet()]);
    this.newPage();
  }

  heading(text: string): void {
    this.write(text, this.bold, SIZE + 3);
  }

  field(label: string, value: string): void {
    this.write(`${label}: ${value}`, this.font, SIZE);
  }

  line(text: string, strong = false): void {
    this.write(text, strong ? this.bold : this.font, SIZE);
  }

  gap(): void {
    this.y -= LEADING / 2;
  }

  finish(): void {
    const total = this.pages.length;
    this.pages.forEach((page, i) => page.drawText(this.printable(`Sida ${i + 1} av ${total}  ·  ${this.record.caseNumber}`), { x: MARGIN, y: 30, size: 8, font: this.font }));
  }

  private newPage(): void {
    this.page = this.doc.addPage(A4);
    this.pages.push(this.page);
    const marking = this.record.secrecyMarking ? `SEKRETESS ${this.record.secrecyMarking}` : 'Ingen sekretessmarkering';
    this.page.drawText(this.printable(marking), { x: MARGIN, y: A4[1] - 35, size: 10, font: this.bold, color: this.record.secrecyMarking ? rgb(0.7, 0, 0) : rgb(0.3, 0.3, 0.3) });
    this.y = A4[1] - 65;
  }

  private write(text: string, font: PDFFont, size: number): void {
    for (const line of this.wrap(this.printable(text), font, size)) {
      if (this.y < MARGIN + LEADING) this.newPage();
      this.page.drawText(line, { x: MARGIN, y: this.y, size, font });
      this.y -= size > SIZE ? LEADING + 4 : LEADING;
    }
  }

  /** Characters the font cannot draw (emoji, scripts it lacks, control characters) become '?'. */
  private printable(text: string): string {
    return [...text.replace(/[\r\n\t]+/gu, ' ')].map((ch) => (this.charset.has(ch.codePointAt(0) ?? 0) ? ch : '?')).join('');
  }

  private wrap(text: string, font: PDFFont, size: number): string[] {
    const width = A4[0] - 2 * MARGIN;
    const lines: string[] = [];
    let current = '';
    for (const word of text.split(' ')) {
      const candidate = current === '' ? word : `${current} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) <= width) {
        current = candidate;
        continue;
      }
      if (current !== '') lines.push(current);
      current = word;
      while (font.widthOfTextAtSize(current, size) > width) {
        let cut = current.length - 1;
        while (cut > 1 && font.widthOfTextAtSize(current.slice(0, cut), size) > width) cut--;
        lines.push(current.slice(0, cut));
        current = current.slice(cut);
      }
    }
    if (current !== '') lines.push(current);
    return lines;
  }
}
