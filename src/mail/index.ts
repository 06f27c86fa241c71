// The pure content model moved to src/email; re-exported for the senders and callers of this folder.
export { cleanHeader, cleanText, escapeHtml, excerpt, htmlText, messageIdFor, renderEmail, safeHref } from '../email/index.js';
export type { Block, EmailContent, Highlight, MailAttachment, MailLanguage, PostItem, RenderedEmail, Tone } from '../email/index.js';
export { composeEml, createMailTransport, type MailTransport, type OutgoingMail, type TransportOptions } from './transport.js';
export { classifySendError, type SendFailure } from './smtp-errors.js';
export { deliverOutbox, retryDelayMs, type DeliverDeps, type DeliverySettings, type DeliverySummary } from './deliver.js';
