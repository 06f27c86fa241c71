import type { Block, EmailContent, Highlight, PostItem, Tone } from './content.js';
import { escapeHtml, htmlText, safeHref } from './escape.js';

const TONES: Record<Tone, string> = { critical: '#b91c1c', high: '#c2410c', medium: '#a16207', info: '#1d4ed8' };
const FONT = "-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const MUTED = 'color:#4b5563;font-size:14px';

/** A single-column layout, 600px at most, readable on a phone without zooming; styles inline for mail clients. */
export function renderHtml(content: EmailContent): string {
  const body = content.blocks.map(renderBlock).join('\n');
  return `<!doctype html>
<html lang="${content.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${htmlText(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f3f4f6">
<div style="display:none;max-height:0;overflow:hidden">${htmlText(content.preheader)}</div>
<div style="max-width:600px;margin:0 auto;padding:12px">
<div style="background:#ffffff;border-radius:8px;padding:20px;font-family:${FONT};font-size:16px;line-height:1.5;color:#111827;overflow-wrap:anywhere;word-break:break-word">
${body}
</div></div></body></html>
`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'title': {
      const badge = block.badge
        ? `<div style="display:inline-block;background:${TONES[block.tone]};color:#fff;font-weight:700;font-size:13px;padding:2px 8px;border-radius:4px;letter-spacing:.04em">${htmlText(block.badge)}</div>`
        : '';
      return `${badge}<h1 style="margin:8px 0 4px;font-size:22px;line-height:1.25;color:${TONES[block.tone]}">${htmlText(block.text)}</h1>`;
    }
    case 'lead':
      return `<p style="margin:8px 0 12px;font-size:18px;font-weight:600">${htmlText(block.text)}</p>`;
    case 'facts':
      return `<table role="presentation" style="border-collapse:collapse;margin:8px 0;font-size:15px">${block.rows
        .map(([label, value]) => `<tr><td style="padding:2px 12px 2px 0;${MUTED};vertical-align:top">${htmlText(label)}</td><td style="padding:2px 0" dir="auto">${htmlText(value)}</td></tr>`)
        .join('')}</table>`;
    case 'heading':
      return `<h2 style="margin:20px 0 6px;font-size:17px">${htmlText(block.text)}</h2>`;
    case 'paragraph':
      return `<p style="margin:8px 0;white-space:pre-line" dir="auto">${htmlText(block.text)}</p>`;
    case 'posts':
      return block.posts.map(renderPost).join('\n');
    case 'quote':
      return `<div style="margin:8px 0;padding:8px 12px;border-left:4px solid #16a34a;background:#f0fdf4"><div style="${MUTED}">${htmlText(block.label)}</div><div style="white-space:pre-line" dir="auto">${htmlText(block.text)}</div></div>`;
    case 'button': {
      const href = safeHref(block.href);
      if (!href) return '';
      return `<p style="margin:16px 0"><a href="${escapeHtml(href)}" style="display:inline-block;background:#1d4ed8;color:#fff;text-decoration:none;padding:10px 16px;border-radius:6px;font-weight:600">${htmlText(block.text)}</a></p>`;
    }
    case 'image':
      return `<p style="margin:8px 0"><img src="cid:${escapeHtml(block.cid)}" alt="${escapeHtml(block.alt)}" width="${block.width}" height="${block.height}" style="max-width:100%;height:auto;display:block"></p>`;
    case 'legend':
      return `<p style="margin:4px 0;${MUTED}">${block.items
        .map((i) => `<span style="white-space:nowrap;margin-right:12px"><span style="display:inline-block;width:10px;height:10px;background:${escapeHtml(i.color)};margin-right:4px"></span>${htmlText(i.label)}</span>`)
        .join(' ')}</p>`;
    case 'table':
      return `<table role="presentation" style="border-collapse:collapse;width:100%;font-size:14px;margin:8px 0"><tr>${block.head
        .map((h, i) => `<th style="text-align:${i === 0 ? 'left' : 'right'};border-bottom:1px solid #d1d5db;padding:4px;word-break:normal;overflow-wrap:normal">${htmlText(h)}</th>`)
        .join('')}</tr>${block.rows
        .map((r) => `<tr>${r.map((c, i) => `<td style="text-align:${i === 0 ? 'left' : 'right'};border-bottom:1px solid #f3f4f6;padding:4px">${htmlText(c)}</td>`).join('')}</tr>`)
        .join('')}</table>`;
    case 'footer':
      return `<p style="margin:20px 0 0;padding-top:12px;border-top:1px solid #e5e7eb;${MUTED}">${htmlText(block.text)}</p>`;
  }
}

function renderPost(post: PostItem): string {
  const href = safeHref(post.href);
  const link = href ? ` <a href="${escapeHtml(href)}" style="color:#1d4ed8">${htmlText(post.linkLabel)}</a>` : '';
  return `<div style="margin:10px 0;padding:8px 10px;border:1px solid #e5e7eb;border-radius:6px"><div style="${MUTED}">${htmlText(post.meta)}${link}</div><div dir="auto" style="margin-top:4px">${markedHtml(post.text, post.highlights ?? [])}</div></div>`;
}

/** Escapes each piece separately so a highlight can never open or close markup inside the post text. */
function markedHtml(text: string, highlights: readonly Highlight[]): string {
  const spans = [...highlights].filter((h) => h.start >= 0 && h.end > h.start && h.end <= text.length).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const h of spans) {
    if (h.start < at) continue;
    out += htmlText(text.slice(at, h.start));
    out += `<mark style="background:#fde68a;font-weight:600">${htmlText(text.slice(h.start, h.end))}</mark>`;
    at = h.end;
  }
  return out + htmlText(text.slice(at));
}
