import type { StoredThreatSignal } from '../db/schema/index.js';
import type { EvidenceReport } from './case-reports.js';
import type { EvidencePack, EvidencePost } from './evidence-pack.js';
import type { EvidenceTime } from './evidence-time.js';
import { markSpans } from '../text/index.js';

/** A printable, self-contained page (no scripts, no external resources) of an evidence pack. */
export function renderEvidenceHtml(pack: EvidencePack, jsonSha256: string): string {
  const c = pack.case;
  return `<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><title>Threat case ${c.id} – evidence</title>
<style>
body{font:11pt/1.45 system-ui,sans-serif;margin:2cm;color:#111}h1{font-size:16pt}h2{font-size:13pt;margin-top:1.5em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5em 0}td,th{border:1px solid #bbb;padding:3px 6px;text-align:left;vertical-align:top}
.text{white-space:pre-wrap;border:1px solid #999;padding:8px;background:#fafafa}img{max-width:100%}mark{background:#ffd54f}code{font-size:9pt;word-break:break-all}
@media print{body{margin:1cm}h2{page-break-after:avoid}}
</style></head><body>
<h1>Threat case ${c.id}: ${esc(c.level)} (${esc(c.categories.join(', '))})</h1>
<table>
${row('Status', `${esc(c.status)}${c.policeRef ? ` – police report ${esc(c.policeRef)}` : ''}`)}
${row('Assignee', esc(c.assignee ?? '–'))}
${row('Posts', String(c.postCount))}
${row('Case opened', time(c.created))}
${row('Evidence generated', `${time(pack.generated)} by ${esc(pack.generatedBy)}`)}
${row('SHA-256 of the JSON file', `<code>${jsonSha256}</code>`)}
</table>
${pack.posts.map(postSection).join('\n')}
${pack.reports.map(reportSection).join('\n')}
<h2>History</h2>
<table><tr><th>When</th><th>Who</th><th>What</th><th>Note</th></tr>
${pack.history.map((h) => `<tr><td>${time(h.at)}</td><td>${esc(h.actor)}</td><td>${esc(h.action)}${h.from !== h.to && h.to ? ` ${esc(h.from ?? '')} → ${esc(h.to)}` : ''}</td><td>${esc(h.note ?? '')}</td></tr>`).join('\n')}
</table>
</body></html>
`;
}

function postSection(p: EvidencePost, i: number): string {
  return `<h2>Post ${i + 1}${p.postId === null ? '' : ` (id ${p.postId})`}</h2>
<table>
${row('Platform / source', esc(`${p.platform}${p.source ? ` / ${p.source}` : ''}`))}
${row('URL', p.url ? `<code>${esc(p.url)}</code>` : '–')}
${row('Author', esc(p.author ?? '–'))}
${row('Published', p.published ? time(p.published) : '–')}
${row('Fetched', time(p.fetched))}
${row('Assessed level', `${esc(p.level)} (${esc(p.categories.join(', '))}), rules ${esc(p.rulesVersion)}`)}
${row('SHA-256 of the text', `<code>${p.textSha256}</code>`)}
</table>
<div class="text">${p.text.length === 0 ? '<em>text removed by the retention policy</em>' : highlight(p.text, p.signals)}</div>
<table><tr><th>Signal</th><th>Text</th><th>Offsets</th><th>Rule</th></tr>
${p.signals.map((s) => `<tr><td>${esc(s.kind)}</td><td>${esc(s.text)}</td><td>${s.start}–${s.end}</td><td>${esc(s.rule ?? '')}</td></tr>`).join('\n')}
</table>
<p>HTTP exchanges of fetch run ${p.fetchRun.id ?? '–'} (response headers and SHA-256 of the body as fetched):</p>
<table><tr><th>URL</th><th>Status</th><th>Time</th><th>Body SHA-256</th><th>Response headers</th></tr>
${p.fetchRun.exchanges
  .map(
    (x) =>
      `<tr><td><code>${esc(x.url)}</code></td><td>${x.status}</td><td>${typeof x.at === 'string' ? esc(x.at) : time(x.at)}</td><td><code>${esc(x.sha256)}</code> (${x.bytes} bytes)</td><td><code>${Object.entries(x.headers)
        .map(([k, v]) => `${esc(k)}: ${esc(v)}`)
        .join('<br>')}</code></td></tr>`,
  )
  .join('\n')}
</table>`;
}

function reportSection(r: EvidenceReport): string {
  return `<h2>Staff report ${esc(r.reference)}</h2>
<table>
${row('Reported by', esc([r.reporter.name, r.reporter.email].filter(Boolean).join(' · ') || '–'))}
${row('Channel / concerns', esc(`${r.channel} / ${r.concerns}`))}
${row('Received', time(r.received))}
${row('Reported URL', r.reportedUrl ? `<code>${esc(r.reportedUrl)}</code>` : '–')}
${r.capture ? row('Capture', `${esc(r.capture.status)}${r.capture.reason ? ` (${esc(r.capture.reason)})` : ''}${r.capture.bodySha256 ? `<br>HTTP ${r.capture.httpStatus ?? '–'}, ${r.capture.bytes} bytes, body SHA-256 <code>${esc(r.capture.bodySha256)}</code>${r.capture.fetched ? `<br>${time(r.capture.fetched)}` : ''}` : ''}`) : ''}
</table>
${r.reportedText ? `<div class="text">${esc(r.reportedText)}</div>` : ''}
${r.screenshots
  .map(
    (s) => `<h3>Screenshot ${s.position}: ${esc(s.filename)}</h3>
${s.file ? `<p><img src="${esc(s.file)}" alt="Screenshot ${s.position}"></p>` : '<p><em>image removed by the retention policy</em></p>'}
<table>
${row('File', s.file ? `<code>${esc(s.file)}</code> (${esc(s.contentType)}, ${s.width}×${s.height})` : '–')}
${row('SHA-256 of the stored image', `<code>${esc(s.sha256)}</code>`)}
${row('SHA-256 as received', `<code>${esc(s.receivedSha256)}</code> (before metadata removal: ${esc(s.removedMetadata.join(', ') || 'none')})`)}
${row('OCR', esc(s.ocrStatus))}
</table>
${s.ocrText ? `<div class="text">${esc(s.ocrText)}</div>` : ''}`,
  )
  .join('\n')}`;
}

/** The text with each signal wrapped in <mark> (a character at most once), the rest escaped. */
function highlight(text: string, signals: readonly StoredThreatSignal[]): string {
  return markSpans(text, signals, (inside) => `<mark>${esc(inside)}</mark>`, esc);
}

function row(label: string, value: string): string {
  return `<tr><th>${label}</th><td>${value}</td></tr>`;
}

function time(t: EvidenceTime): string {
  return `${esc(t.stockholm)} (Swedish time)<br><code>${esc(t.utc)}</code> (UTC)`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/gu, (ch) => `&#${ch.charCodeAt(0)};`);
}
