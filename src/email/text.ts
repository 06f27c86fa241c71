import type { Block, EmailContent, Highlight, PostItem } from './content.js';
import { cleanText, safeHref } from './escape.js';

/** The plain-text part: the same blocks, read top to bottom. */
export function renderText(content: EmailContent): string {
  return `${content.blocks.map(renderBlock).filter(Boolean).join('\n\n')}\n`;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'title':
      return block.badge ? `[${cleanText(block.badge)}] ${cleanText(block.text)}` : cleanText(block.text).toUpperCase();
    case 'lead':
    case 'paragraph':
      return cleanText(block.text);
    case 'facts':
      return block.rows.map(([label, value]) => `${cleanText(label)}: ${cleanText(value)}`).join('\n');
    case 'heading':
      return `== ${cleanText(block.text)} ==`;
    case 'posts':
      return block.posts.map(renderPost).join('\n\n');
    case 'quote':
      return `${cleanText(block.label)}\n${cleanText(block.text)
        .split('\n')
        .map((l) => `> ${l}`)
        .join('\n')}`;
    case 'button': {
      const href = safeHref(block.href);
      return href ? `${cleanText(block.text)}: ${href}` : '';
    }
    case 'image':
      return `[${cleanText(block.alt)}]`;
    case 'legend':
      return '';
    case 'table':
      return [block.head, ...block.rows].map((r) => r.map(cleanText).join(' | ')).join('\n');
    case 'footer':
      return `-- \n${cleanText(block.text)}`;
  }
}

function renderPost(post: PostItem): string {
  const href = safeHref(post.href);
  return [`* ${cleanText(post.meta)}`, `  ${marked(post.text, post.highlights ?? [])}`, href ? `  ${href}` : ''].filter(Boolean).join('\n');
}

function marked(text: string, highlights: readonly Highlight[]): string {
  const spans = [...highlights].filter((h) => h.start >= 0 && h.end > h.start && h.end <= text.length).sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const h of spans) {
    if (h.start < at) continue;
    out += text.slice(at, h.start) + `>>${text.slice(h.start, h.end)}<<`;
    at = h.end;
  }
  return cleanText(out + text.slice(at)).replace(/\s+/g, ' ');
}
