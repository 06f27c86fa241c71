import * as cheerio from 'cheerio';
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { htmlToText } from '../../text/index.js';
import { describeIssues } from '../api/index.js';
import type { CollectedItem, QuarantinedItem } from '../types.js';
import { extractedMessageSchema, type ExtractedMessage } from './schema.js';

export interface ChannelPage {
  /** False when the page is no channel's message history (unknown or private channel, redirect to a landing page). */
  isChannel: boolean;
  channelTitle: string | null;
  messages: Array<{ id: number; item: CollectedItem }>;
  quarantined: QuarantinedItem[];
  /** The `?before=` value that loads older messages, null at the start of the channel. */
  olderBefore: number | null;
}

/** Raw payloads kept for quarantine are cut here: one message's markup, not a whole page. */
const MAX_RAW_CHARS = 20_000;

/** Media kinds by the web preview's element classes; one entry per attachment, never downloaded. */
const MEDIA_SELECTORS: ReadonlyArray<readonly [string, string]> = [
  ['.tgme_widget_message_photo_wrap', 'photo'],
  ['.tgme_widget_message_video_player', 'video'],
  ['.tgme_widget_message_roundvideo_player', 'round_video'],
  ['.tgme_widget_message_voice_player', 'voice'],
  ['.tgme_widget_message_document_wrap', 'document'],
  ['.tgme_widget_message_poll', 'poll'],
  ['.tgme_widget_message_sticker_wrap', 'sticker'],
  ['.tgme_widget_message_location_wrap', 'location'],
];

/** Parses one `https://t.me/s/<channel>` page (or its `?before=` continuation) into items, oldest first. */
export function parseChannelPage(html: string, pageUrl: string): ChannelPage {
  const $ = cheerio.load(html);
  const history = $('.tgme_channel_history, .js-message_history');
  const page: ChannelPage = {
    isChannel: history.length > 0,
    channelTitle: textOrNull($('.tgme_channel_info_header_title').first()),
    messages: [],
    quarantined: [],
    olderBefore: numberOrNull($('.tme_messages_more[data-before]').first().attr('data-before')),
  };
  $('.tgme_widget_message[data-post]').each((_, element) => {
    const node = $(element);
    if (node.hasClass('service_message')) return;
    const extracted = extractedMessageSchema.safeParse(extractMessage($, node));
    if (!extracted.success) {
      page.quarantined.push({
        externalId: node.attr('data-post') ?? null,
        reason: describeIssues(extracted.error),
        raw: ($.html(node) ?? '').slice(0, MAX_RAW_CHARS),
      });
      return;
    }
    page.messages.push(messageToItem(extracted.data, pageUrl));
  });
  return page;
}

function extractMessage($: CheerioAPI, node: Cheerio<Element>): Record<string, unknown> {
  const text = node
    .find('.tgme_widget_message_text')
    .filter((_, element) => $(element).closest('.tgme_widget_message_reply').length === 0)
    .first();
  const forwarded = node.find('.tgme_widget_message_forwarded_from_name').first();
  const preview = node.find('a.tgme_widget_message_link_preview').first();
  const poll = node.find('.tgme_widget_message_poll').first();
  const date = node.find('.tgme_widget_message_date').first();
  return {
    post: node.attr('data-post'),
    datetime: date.find('time[datetime]').attr('datetime'),
    url: date.attr('href') ?? null,
    textHtml: text.html() ?? '',
    views: textOrNull(node.find('.tgme_widget_message_views').first()),
    edited: /\bedited\b/i.test(node.find('.tgme_widget_message_meta').first().text()),
    signedBy: textOrNull(node.find('.tgme_widget_message_from_author').first()),
    forwardedFrom: forwarded.length > 0 ? { name: forwarded.text().trim(), url: forwarded.attr('href') ?? null } : null,
    replyTo: node.find('a.tgme_widget_message_reply').first().attr('href') ?? null,
    linkPreview:
      preview.length > 0
        ? {
            url: preview.attr('href') ?? null,
            siteName: textOrNull(preview.find('.link_preview_site_name').first()),
            title: textOrNull(preview.find('.link_preview_title').first()),
            description: textOrNull(preview.find('.link_preview_description').first()),
          }
        : null,
    mediaKinds: MEDIA_SELECTORS.flatMap(([selector, kind]) => node.find(selector).toArray().map(() => kind)),
    documents: node
      .find('.tgme_widget_message_document_title')
      .toArray()
      .map((element) => $(element).text().replace(/\s+/g, ' ').trim()),
    poll:
      poll.length > 0
        ? {
            question: poll.find('.tgme_widget_message_poll_question').first().text().trim(),
            options: poll
              .find('.tgme_widget_message_poll_option_text')
              .toArray()
              .map((element) => $(element).text().trim()),
          }
        : null,
  };
}

function messageToItem(message: ExtractedMessage, pageUrl: string): { id: number; item: CollectedItem } {
  const [channel = '', idText = ''] = message.post.split('/');
  const url = message.url ?? `https://t.me/${message.post}`;
  const body = htmlToText(message.textHtml, pageUrl);
  const pollText = message.poll ? [message.poll.question, ...message.poll.options].join('\n') : '';
  return {
    id: Number(idText),
    item: {
      externalId: message.post,
      url,
      authorHandle: channel,
      title: null,
      text: [body.text, pollText].filter((part) => part !== '').join('\n\n'),
      language: null,
      publishedAt: new Date(message.datetime),
      metadata: {
        channel,
        messageId: Number(idText),
        views: parseCount(message.views),
        viewsText: message.views,
        edited: message.edited,
        signedBy: message.signedBy,
        forwardedFrom: message.forwardedFrom,
        replyTo: message.replyTo,
        linkPreview: message.linkPreview,
        links: body.links,
        mediaKinds: message.mediaKinds,
        documents: message.documents,
        poll: message.poll,
      },
    },
  };
}

/** "37.2K" → 37200, "1.1M" → 1100000, "214" → 214; null when absent or unreadable. */
export function parseCount(text: string | null): number | null {
  const match = /^([\d.,]+)\s*([KMB])?$/i.exec(text?.trim() ?? '');
  if (!match?.[1]) return null;
  const value = Number.parseFloat(match[1].replace(',', '.'));
  const scale = { K: 1e3, M: 1e6, B: 1e9 }[(match[2] ?? '').toUpperCase()] ?? 1;
  return Number.isFinite(value) ? Math.round(value * scale) : null;
}

function textOrNull(node: Cheerio<Element>): string | null {
  const text = node.text().replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function numberOrNull(value: string | undefined): number | null {
  const parsed = Number(value);
  return value !== undefined && Number.isSafeInteger(parsed) && parsed > 0 ? parsed : null;
}
