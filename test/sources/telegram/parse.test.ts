import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseChannelPage, parseCount } from '../../../src/sources/telegram/index.js';
import { channelPage } from './channel-page.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/telegram/${name}`, import.meta.url), 'utf8');
/** A single recorded message fragment inside a minimal channel history. */
const fragment = (name: string) =>
  parseChannelPage(`<section class="tgme_channel_history">${fixture(name)}</section>`, 'https://t.me/s/x');
const only = (name: string) => {
  const page = fragment(name);
  expect(page.quarantined).toEqual([]);
  expect(page.messages).toHaveLength(1);
  return page.messages[0]!.item;
};

describe('parseChannelPage', () => {
  it('reads a recorded channel page: messages oldest first, the older-page link and the title', () => {
    const page = parseChannelPage(fixture('full.html'), 'https://t.me/s/topwar_official');
    expect(page).toMatchObject({ isChannel: true, channelTitle: 'Военное обозрение', olderBefore: 70989, quarantined: [] });
    expect(page.messages.map((message) => message.id)).toEqual([
      70989, 70990, 70992, 70995, 70996, 70997, 70998, 70999, 71000, 71006, 71007, 71008,
    ]);
    const first = page.messages[0]!.item;
    expect(first).toMatchObject({
      externalId: 'topwar_official/70989',
      url: 'https://t.me/topwar_official/70989',
      authorHandle: 'topwar_official',
      language: null,
      publishedAt: new Date('2023-02-28T07:47:53+00:00'),
    });
    expect(first.text).toMatch(/^В Санкт-Петербурге в небо над городом подняли истребители/);
    expect(first.metadata).toMatchObject({ views: 37_200, viewsText: '37.2K', mediaKinds: ['photo'], forwardedFrom: null });
  });

  it('reads who a message was forwarded from', () => {
    expect(only('message_media_forwarded_from.html').metadata.forwardedFrom).toEqual({
      name: 'Пул N3',
      url: 'https://t.me/dimsmirnov175/44604',
    });
  });

  it('reads a link preview', () => {
    const item = only('message_link_preview.html');
    expect(item.metadata.linkPreview).toEqual({
      url: 'https://vnnews.ru/georgiy-zotov-okkupaciya-volosatym-kr/',
      siteName: 'Ваши новости — интернет-газета',
      title: 'Георгий Зотов: ОККУПАЦИЯ ВОЛОСАТЫМ КРАБОМ',
      description: expect.stringMatching(/^Современная журналистика превратилась в комедию/),
    });
    expect(item.metadata.links).toEqual(['https://vnnews.ru/georgiy-zotov-okkupaciya-volosatym-kr/']);
  });

  it('puts a poll question and its options in the text', () => {
    const item = only('message_poll.html');
    expect(item.text).toBe('Как лучше?\nНесколько постов в день\nОдин пост в несколько дней\nСвой вариант в комментарии');
    expect(item.metadata).toMatchObject({ mediaKinds: ['poll'], views: 1_100 });
  });

  it.each([
    ['message_media_file.html', ['document']],
    ['message_media_photo_and_video.html', ['photo', 'photo', 'video']],
    ['message_voice.html', ['voice']],
    ['message_sticker.html', ['sticker']],
    ['message_media_round_video.html', ['round_video']],
  ])('lists the media kinds of %s without downloading them', (name, kinds) => {
    expect(only(name).metadata.mediaKinds).toEqual(kinds);
  });

  it('reads a message text once even when Telegram nests the text block', () => {
    const text = only('message_media_photo_and_video.html').text;
    expect(text.match(/Ночью над Белгородом/g)).toHaveLength(1);
    expect(text).toMatch(/#Белгород #Беспилотники/);
  });

  it('keeps document titles and the signature of a signed post', () => {
    expect(only('message_media_file.html').metadata.documents).toEqual(['Оппозиционные медиапроекты.pdf']);
    expect(only('message_with_from_author.html').metadata.signedBy).toMatch(/rkadiy Ivanov$/);
  });

  it('quarantines a message without a date and keeps the others', () => {
    const html = channelPage(
      'lvu_sanning',
      'LVU-sanningen',
      [
        { id: 1, html: 'Socialtjänsten tar era barn!', datetime: '2026-11-20T10:00:00+00:00' },
        { id: 2, html: 'السوسيال يخطف الأطفال', datetime: null },
      ],
      null,
    );
    const page = parseChannelPage(html, 'https://t.me/s/lvu_sanning');
    expect(page.messages.map((message) => message.item.text)).toEqual(['Socialtjänsten tar era barn!']);
    expect(page.quarantined).toEqual([
      { externalId: 'lvu_sanning/2', reason: expect.stringMatching(/datetime/), raw: expect.stringContaining('data-post="lvu_sanning/2"') },
    ]);
  });

  it('says when a page is not a channel history', () => {
    const page = parseChannelPage('<html><body><div class="tgme_page">If you have Telegram, you can contact…</div></body></html>', 'https://t.me/x');
    expect(page.isChannel).toBe(false);
  });
});

describe('parseCount', () => {
  it.each([
    ['214', 214],
    ['37.2K', 37_200],
    ['1.1M', 1_100_000],
    ['2,5K', 2_500],
    [null, null],
    ['many', null],
  ])('reads %s', (text, count) => {
    expect(parseCount(text)).toBe(count);
  });
});
