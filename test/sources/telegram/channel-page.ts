/** One message of a generated channel page. */
export interface PageMessage {
  id: number;
  /** Inner HTML of .tgme_widget_message_text. */
  html: string;
  datetime: string | null;
  views?: string;
  /** Extra markup inside the bubble (link preview, media...). */
  extra?: string;
}

const escapeAttr = (value: string) => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

/**
 * A `t.me/s/<channel>` page in the markup of the recorded fixtures (fixtures/telegram/full.html), messages oldest
 * first, with the "load older" link when `before` is set.
 */
export function channelPage(channel: string, title: string, messages: PageMessage[], before: number | null): string {
  const more =
    before === null
      ? ''
      : `<div class="tgme_widget_message_centered js-messages_more_wrap"><a href="/s/${channel}?before=${before}" ` +
        `class="tme_messages_more js-messages_more" data-before="${before}"></a></div>`;
  const body = messages.map((message) => messageHtml(channel, title, message)).join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title} – Telegram</title></head><body>
<header class="tgme_header"><div class="tgme_channel_info"><div class="tgme_channel_info_header_title"><span dir="auto">${title}</span></div></div></header>
<main class="tgme_main" data-url="/${channel}"><div class="tgme_container">
<section class="tgme_channel_history js-message_history">${more}
${body}
</section></div></main></body></html>`;
}

function messageHtml(channel: string, title: string, message: PageMessage): string {
  const post = `${channel}/${message.id}`;
  const time = message.datetime === null ? '' : `<time datetime="${escapeAttr(message.datetime)}" class="time">10:00</time>`;
  return `<div class="tgme_widget_message_wrap js-widget_message_wrap">
  <div class="tgme_widget_message text_not_supported_wrap js-widget_message" data-post="${post}">
    <div class="tgme_widget_message_bubble">
      <div class="tgme_widget_message_author accent_color"><a class="tgme_widget_message_owner_name" href="https://t.me/${channel}"><span dir="auto">${title}</span></a></div>
      ${message.extra ?? ''}
      <div class="tgme_widget_message_text js-message_text" dir="auto">${message.html}</div>
      <div class="tgme_widget_message_footer compact js-message_footer"><div class="tgme_widget_message_info short js-message_info">
        <span class="tgme_widget_message_views">${message.views ?? '1.2K'}</span><span class="copyonly"> views</span><span class="tgme_widget_message_meta"><a class="tgme_widget_message_date" href="https://t.me/${post}">${time}</a></span>
      </div></div>
    </div>
  </div>
</div>`;
}
