// Email content as data (blocks, highlights, post items) and its rendering to HTML and text: pure, no I/O.
// Domain modules (alert and digest emails) build content with it; src/mail sends what it renders.
export type { Block, EmailContent, Highlight, MailAttachment, MailLanguage, PostItem, RenderedEmail, Tone } from './content.js';
export { cleanHeader, cleanText, escapeHtml, excerpt, htmlText, safeHref } from './escape.js';
export { messageIdFor, renderEmail } from './render.js';
