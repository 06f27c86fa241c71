import { excerpt, type MailLanguage, type PostItem } from '../../email/index.js';
import { decisiveSpans, type DecisiveSpan } from '../decisive-spans.js';
import { term } from '../../vocabulary/index.js';
import type { PostFacts, ThreatSignal } from './facts.js';
import { formatTime, STRINGS } from './strings.js';

const EXCERPT_CHARS = 220;

export function postMeta(post: PostFacts, lang: MailLanguage, timeZone: string, withAuthor: boolean): string {
  const parts = [formatTime(post.at, lang, timeZone), post.platform];
  if (post.language) parts.push(term(lang, 'language', post.language));
  if (withAuthor && post.authorHandle) parts.push(post.authorHandle);
  return parts.join(' · ');
}

/** Title and text as one short excerpt. */
export function postItem(post: PostFacts, lang: MailLanguage, timeZone: string): PostItem {
  const text = post.title && !post.text.startsWith(post.title) ? `${post.title} — ${post.text}` : post.text;
  return { meta: postMeta(post, lang, timeZone, false), text: excerpt(text, EXCERPT_CHARS), href: post.url, linkLabel: STRINGS[lang].openPost };
}

/** The decisive spans of a post's text; signals whose offsets do not line up with the text are found by their words. */
export function threatSpans(text: string, threat: { signals: readonly ThreatSignal[]; categories: readonly string[] }): DecisiveSpan[] {
  const aligned = threat.signals.flatMap((s): ThreatSignal[] => {
    if (s.start >= 0 && s.end > s.start && text.slice(s.start, s.end) === s.text) return [s];
    const at = s.text ? text.indexOf(s.text) : -1;
    return at >= 0 ? [{ ...s, start: at, end: at + s.text.length }] : [];
  });
  return decisiveSpans(text, aligned, threat.categories);
}

/**
 * The part of a post around its decisive signals, with them marked (merged where they overlap). Offsets are checked
 * against the text (a classifier may count them differently); a signal that does not line up is found by its text.
 */
export function threatItem(
  post: PostFacts,
  threat: { signals: readonly ThreatSignal[]; categories: readonly string[] },
  lang: MailLanguage,
  timeZone: string,
  maxChars = 600,
): PostItem {
  const source = post.text;
  const spans = threatSpans(source, threat);
  const first = Math.min(...spans.map((s) => s.start), source.length);
  const from = source.length <= maxChars ? 0 : Math.max(0, Math.min(first - 100, source.length - maxChars));
  const to = Math.min(source.length, from + maxChars);
  const prefix = from > 0 ? '…' : '';
  const text = `${prefix}${source.slice(from, to)}${to < source.length ? '…' : ''}`;
  const highlights = spans
    .filter((s) => s.start >= from && s.end <= to)
    .map((s) => ({ start: s.start - from + prefix.length, end: s.end - from + prefix.length }));
  return { meta: postMeta(post, lang, timeZone, true), text, highlights, href: post.url, linkLabel: STRINGS[lang].openPost };
}
