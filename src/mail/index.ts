export type { Block, EmailContent, Highlight, MailAttachment, MailLanguage, PostItem, RenderedEmail, Tone } from './content.js';
export { cleanHeader, cleanText, escapeHtml, excerpt, htmlText, safeHref } from './escape.js';
export { messageIdFor, renderEmail } from './render.js';
export { composeEml, createMailTransport, type MailTransport, type OutgoingMail, type TransportOptions } from './transport.js';
export { classifySendError, type SendFailure } from './smtp-errors.js';
export { deliverOutbox, retryDelayMs, type DeliverDeps, type DeliverySettings, type DeliverySummary } from './deliver.js';
