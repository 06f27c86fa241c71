/** A part of a report's post text, so the UI can show (and highlight) each part under its own heading. */
export interface ReportSection {
  kind: 'capture' | 'reported' | 'ocr';
  /** For `ocr`: the screenshot's position in the report (1-based). */
  screenshot?: number;
  start: number;
  end: number;
}

export interface ComposedReport {
  text: string;
  sections: ReportSection[];
}

const SEPARATOR = '\n\n';

/**
 * The text a report is classified and assessed on: the captured post, the reporter's pasted text, then the text of
 * each screenshot, as paragraphs. With none of them, the reference alone, so empty reports never share a case.
 */
export function composeReportText(parts: { reference: string; captured: string | null; reported: string; ocr: Array<{ position: number; text: string | null }> }): ComposedReport {
  const pieces: Array<Omit<ReportSection, 'start' | 'end'> & { text: string }> = [];
  if (parts.captured?.trim()) pieces.push({ kind: 'capture', text: parts.captured.trim() });
  if (parts.reported.trim() && parts.reported.trim() !== parts.captured?.trim()) pieces.push({ kind: 'reported', text: parts.reported.trim() });
  for (const shot of parts.ocr) if (shot.text?.trim()) pieces.push({ kind: 'ocr', screenshot: shot.position, text: shot.text.trim() });
  if (pieces.length === 0) return { text: `${parts.reference}`, sections: [] };
  let text = '';
  const sections: ReportSection[] = [];
  for (const { text: piece, ...section } of pieces) {
    if (text) text += SEPARATOR;
    sections.push({ ...section, start: text.length, end: text.length + piece.length });
    text += piece;
  }
  return { text, sections };
}
