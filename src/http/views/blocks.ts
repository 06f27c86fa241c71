import type { Block, PostItem } from '../../mail/index.js';
import { externalLink, html, type SafeHtml } from './html.js';
import { highlightSpans } from './highlight.js';

/**
 * The blocks an email is made of (src/mail/content.ts), as a web page shows them: the digest page says what the
 * digest email says. Everything goes through the `html` tag; links are kept only when local or http(s).
 * `replace` draws a block the web can do better (the chart image becomes an SVG chart).
 */
export function renderBlocks(blocks: readonly Block[], replace: (block: Block) => SafeHtml | null = () => null): SafeHtml {
  return html`${blocks.map((block) => replace(block) ?? renderBlock(block))}`;
}

function renderBlock(block: Block): SafeHtml | '' {
  switch (block.kind) {
    case 'title':
      return html`<h2 class="block-title">${block.badge ? html`<span class="badge ${block.tone}">${block.badge}</span> ` : ''}${block.text}</h2>`;
    case 'lead':
      return html`<p class="lead">${block.text}</p>`;
    case 'facts':
      return html`<dl class="facts card">${block.rows.map(([label, value]) => html`<dt>${label}</dt><dd dir="auto">${value}</dd>`)}</dl>`;
    case 'heading':
      return html`<h2>${block.text}</h2>`;
    case 'paragraph':
      return html`<p class="pre-line" dir="auto">${block.text}</p>`;
    case 'posts':
      return html`${block.posts.map(renderPost)}`;
    case 'quote':
      return html`<blockquote class="counter"><p class="small muted">${block.label}</p><p class="pre-line" dir="auto">${block.text}</p></blockquote>`;
    case 'button':
      return isLocalOrWeb(block.href) ? html`<p><a class="button" href="${block.href}">${block.text}</a></p>` : '';
    case 'table':
      return html`<div class="table-wrap"><table><thead><tr>${block.head.map((h, i) => html`<th${i > 0 ? html` class="num"` : ''}>${h}</th>`)}</tr></thead>
<tbody>${block.rows.map((r) => html`<tr>${r.map((c, i) => html`<td${i > 0 ? html` class="num"` : ''}>${c}</td>`)}</tr>`)}</tbody></table></div>`;
    case 'image':
    case 'legend':
    case 'footer':
      return '';
  }
}

function renderPost(post: PostItem): SafeHtml {
  return html`<article class="card"><p class="small muted">${post.meta}${post.href ? html` · ${externalLink(post.href, post.linkLabel)}` : ''}</p>
<p class="post-text" dir="auto">${highlightSpans(post.text, post.highlights ?? [], 'signal')}</p></article>`;
}

function isLocalOrWeb(href: string): boolean {
  return /^\/(?![/\\])/.test(href) || /^https?:\/\//i.test(href);
}
