/**
 * What an email says, as blocks: the alert and digest builders produce these and never write HTML, so escaping
 * lives in one place (html.ts) and the plain-text part always says the same as the HTML part (text.ts).
 */
export type Tone = 'critical' | 'high' | 'medium' | 'info';
export type MailLanguage = 'sv' | 'en';

export interface Highlight {
  start: number;
  end: number;
}

export interface PostItem {
  /** One line above the excerpt: time, platform, author. */
  meta: string;
  text: string;
  /** Offsets into `text` to mark (threat signals). */
  highlights?: Highlight[];
  href: string | null;
  linkLabel: string;
}

export type Block =
  | { kind: 'title'; text: string; tone: Tone; badge?: string }
  | { kind: 'lead'; text: string }
  | { kind: 'facts'; rows: [label: string, value: string][] }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'posts'; posts: PostItem[] }
  | { kind: 'quote'; label: string; text: string }
  | { kind: 'button'; href: string; text: string }
  | { kind: 'image'; cid: string; alt: string; width: number; height: number }
  | { kind: 'legend'; items: { color: string; label: string }[] }
  | { kind: 'table'; head: string[]; rows: string[][] }
  | { kind: 'footer'; text: string };

export interface MailAttachment {
  cid: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

export interface EmailContent {
  lang: MailLanguage;
  subject: string;
  /** The line phones show after the subject in the inbox. */
  preheader: string;
  blocks: Block[];
  attachments?: MailAttachment[];
  /** Extra headers (X-Vaksam-*, priority); values are cleaned before use. */
  headers?: Record<string, string>;
}

/** An email ready for the outbox. */
export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: MailAttachment[];
}
