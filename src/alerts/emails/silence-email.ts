import type { EmailContent, MailLanguage } from '../../email/index.js';
import type { EmailOptions, SilenceFacts } from './facts.js';
import { formatTime, STRINGS, uiLink } from './strings.js';

export function silenceEmail(facts: SilenceFacts, lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const since = formatTime(facts.silentSince, lang, options.timeZone);
  const lead = s.silenceLead(facts.source.name, since);
  const rows: [string, string][] = [
    ['URL', facts.source.url],
    [s.usually, s.usuallyValue(facts.activeDays, facts.historyDays)],
    [s.lastSuccess, facts.lastSuccessAt ? formatTime(facts.lastSuccessAt, lang, options.timeZone) : s.never],
  ];
  if (facts.lastError) rows.push([s.lastError, `${facts.lastErrorCode ?? ''} ${facts.lastError}`.trim()]);
  const link = uiLink(options.uiBaseUrl, `/sources/${facts.source.id}`);
  return {
    lang,
    subject: s.silenceSubject(facts.source.name),
    preheader: lead,
    blocks: [
      { kind: 'title', tone: 'high', text: s.silenceTitle },
      { kind: 'lead', text: lead },
      { kind: 'paragraph', text: facts.reason === 'errors' ? s.silenceErrors : s.silenceNoItems },
      { kind: 'facts', rows },
      { kind: 'button', href: link, text: s.openSource },
      { kind: 'footer', text: s.silenceFooter },
    ],
    headers: { 'X-Vaksam-Kind': 'source-silence', 'X-Vaksam-Source': String(facts.source.id) },
  };
}
