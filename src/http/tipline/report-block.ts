import type { OcrStatus, ReportChannel, StoredThreatSignal } from '../../db/schema/index.js';
import type { ReportDetail, ReportPost, ReportSection, ScreenshotRow } from '../../tipline/index.js';
import { externalLink, html, type SafeHtml } from '../views/html.js';
import { highlightSpans } from '../views/highlight.js';
import { formatDateTime, tr, type Lang, type Text } from '../views/i18n.js';
import { CONCERN_NAMES } from './report-form.js';

const T = {
  reportedBy: { sv: 'Rapporterat av', en: 'Reported by' },
  reference: { sv: 'Referens', en: 'Reference' },
  channel: { sv: 'Kanal', en: 'Channel' },
  received: { sv: 'Mottagen', en: 'Received' },
  concerns: { sv: 'Gäller', en: 'Concerns' },
  link: { sv: 'Länk', en: 'Link' },
  subject: { sv: 'Ämne', en: 'Subject' },
  capture: { sv: 'Hämtning av länken', en: 'Capture of the link' },
  captured: { sv: 'Hämtad text', en: 'Captured text' },
  reportedText: { sv: 'Rapportörens text', en: "The reporter's text" },
  screenshot: { sv: 'Skärmbild {n}', en: 'Screenshot {n}' },
  ocrText: { sv: 'Text i skärmbilden (OCR)', en: 'Text in the screenshot (OCR)' },
  removed: { sv: 'Borttagen metadata', en: 'Metadata removed' },
  noneRemoved: { sv: 'ingen', en: 'none' },
  purged: { sv: 'Rensad enligt lagringstiden', en: 'Removed under the retention rule' },
  unknownReporter: { sv: 'okänd', en: 'unknown' },
  sha: { sv: 'SHA-256 (lagrad / mottagen)', en: 'SHA-256 (stored / received)' },
} satisfies Record<string, Text>;

const CHANNELS: Record<ReportChannel, Text> = {
  form: { sv: 'formulär (inloggad)', en: 'form (signed in)' },
  link: { sv: 'hemlig länk', en: 'secret link' },
  email: { sv: 'e-post', en: 'email' },
};

const OCR: Record<OcrStatus, Text> = {
  pending: { sv: 'OCR väntar', en: 'OCR pending' },
  done: { sv: 'OCR klar', en: 'OCR done' },
  empty: { sv: 'ingen text hittades i bilden', en: 'no text found in the image' },
  unavailable: { sv: 'OCR är inte installerat: texten i bilden har inte lästs', en: 'OCR is not installed: the text in the image was not read' },
  failed: { sv: 'OCR misslyckades', en: 'OCR failed' },
};

const CAPTURE: Record<string, Text> = {
  captured: { sv: 'hämtad och arkiverad', en: 'fetched and archived' },
  refused: { sv: 'webbplatsen tillåter inte hämtning: sparad som rapporterad', en: 'the site does not allow fetching: kept as reported' },
  failed: { sv: 'hämtningen misslyckades: sparad som rapporterad', en: 'fetching failed: kept as reported' },
  skipped: { sv: 'inte hämtad', en: 'not fetched' },
};

/** The part of the post text a section covers, with the threat signals inside it highlighted. */
function sectionText(post: ReportPost, section: ReportSection): SafeHtml {
  const text = post.text.slice(section.start, section.end);
  const spans = post.signals
    .filter((s: StoredThreatSignal) => s.start < section.end && s.end > section.start)
    .map((s) => ({ start: Math.max(0, s.start - section.start), end: Math.min(text.length, s.end - section.start), label: s.kind }));
  return html`<p class="post-text" dir="auto">${highlightSpans(text, spans, 'signal')}</p>`;
}

function screenshotFigure(lang: Lang, reference: string, shot: ScreenshotRow, post: ReportPost | null): SafeHtml {
  const section = post?.sections.find((s) => s.kind === 'ocr' && s.screenshot === shot.position);
  const caption = tr(lang, T.screenshot, { n: shot.position });
  const ocr = section && post ? sectionText(post, section) : shot.ocrText ? html`<p class="post-text" dir="auto">${shot.ocrText}</p>` : '';
  return html`<figure class="screenshot" id="screenshot-${shot.position}">
${shot.stored ? html`<a href="/reports/${reference}/screenshots/${shot.position}"><img src="/reports/${reference}/screenshots/${shot.position}" alt="${caption}" width="${shot.width}" height="${shot.height}" loading="lazy"></a>` : html`<p class="muted">${tr(lang, T.purged)}</p>`}
<figcaption class="small muted">${caption}: ${shot.filename} · ${shot.width}×${shot.height} · ${tr(lang, T.removed)}: ${shot.removedMetadata.join(', ') || tr(lang, T.noneRemoved)}<br>${tr(lang, T.sha)}: <code>${shot.sha256}</code> / <code>${shot.receivedSha256}</code></figcaption>
<h4>${tr(lang, T.ocrText)} <span class="badge ocr-${shot.ocrStatus}">${tr(lang, OCR[shot.ocrStatus])}</span></h4>
${ocr}${shot.ocrStatus === 'failed' || shot.ocrStatus === 'unavailable' ? html`<p class="small muted">${shot.ocrError ?? ''}</p>` : ''}
</figure>`;
}

/** A report as security roles see it: who sent it, how, what it says, its screenshots with their OCR text. */
export function reportBlock(lang: Lang, detail: ReportDetail, post: ReportPost | null): SafeHtml {
  const r = detail.report;
  const reporter = [r.reporterName, r.reporterEmail].filter(Boolean).join(' · ') || tr(lang, T.unknownReporter);
  const part = (kind: ReportSection['kind']) => {
    const section = post?.sections.find((s) => s.kind === kind);
    return section && post ? sectionText(post, section) : null;
  };
  const reportedText = part('reported') ?? (r.reportedText ? html`<p class="post-text" dir="auto">${r.reportedText}</p>` : null);
  const capturedText = part('capture');
  return html`<section class="card report" id="report-${r.reference}">
<h3>${tr(lang, T.reportedBy)}: <span class="reporter">${reporter}</span></h3>
<dl class="facts"><dt>${tr(lang, T.reference)}</dt><dd><a href="/reports/${r.reference}">${r.reference}</a></dd>
<dt>${tr(lang, T.channel)}</dt><dd>${tr(lang, CHANNELS[r.channel])}</dd><dt>${tr(lang, T.received)}</dt><dd>${formatDateTime(lang, r.receivedAt)}</dd>
<dt>${tr(lang, T.concerns)}</dt><dd>${tr(lang, CONCERN_NAMES[r.concerns])}</dd>
${r.subject ? html`<dt>${tr(lang, T.subject)}</dt><dd dir="auto">${r.subject}</dd>` : ''}
${r.reportedUrl ? html`<dt>${tr(lang, T.link)}</dt><dd>${externalLink(r.reportedUrl)}</dd><dt>${tr(lang, T.capture)}</dt><dd>${r.capture ? html`${tr(lang, CAPTURE[r.capture.status] ?? CAPTURE.skipped!)}${r.capture.parser ? ` (${r.capture.parser})` : ''}${r.capture.reason ? html`<br><span class="small muted">${r.capture.reason}</span>` : ''}` : '–'}</dd>` : ''}
</dl>
${reportedText ? html`<h4>${tr(lang, T.reportedText)}</h4>${reportedText}` : ''}
${capturedText ? html`<h4>${tr(lang, T.captured)}</h4>${capturedText}` : ''}
${detail.screenshots.map((s) => screenshotFigure(lang, r.reference, s, post))}
</section>`;
}
