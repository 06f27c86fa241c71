import { describe, expect, it } from 'vitest';
import { signalLines, threatEmail, type ThreatFacts } from '../../src/alerts/index.js';
import { renderEmail } from '../../src/mail/index.js';
import { decisiveSpans, uniqueSpans } from '../../src/threat-cases/index.js';

const TEXT = 'Soc tar våra barn. Vi kommer att bränna socialkontoret ikväll. Bränna socialkontoret, hör ni?';
const at = (text: string, from = 0) => {
  const start = TEXT.indexOf(text, from);
  return { start, end: start + text.length, text };
};
/** What the detector stores for TEXT: scene words marked support, overlapping threat/means/place spans, a repeat. */
const SIGNALS = [
  { kind: 'threat', ...at('Soc tar'), support: true },
  { kind: 'threat', ...at('barn'), support: true },
  { kind: 'threat', ...at('Vi'), support: true },
  { kind: 'threat', ...at('kommer att bränna socialkontoret') },
  { kind: 'means', ...at('bränna') },
  { kind: 'threat', ...at('bränna socialkontoret') },
  { kind: 'place', ...at('socialkontoret') },
  { kind: 'time', ...at('ikväll') },
  { kind: 'personal-ref', ...at('hör ni') },
  { kind: 'threat', ...at('Bränna socialkontoret') },
];

describe('the signals a reader is shown', () => {
  it('merges overlapping spans, drops scene-setting words and kinds that did not carry the decision', () => {
    expect(decisiveSpans(TEXT, SIGNALS, ['threat'])).toEqual([
      { ...at('kommer att bränna socialkontoret'), kinds: ['threat', 'means', 'place'] },
      { ...at('ikväll'), kinds: ['time'] },
      { ...at('Bränna socialkontoret'), kinds: ['threat'] },
    ]);
  });

  it('lists each decisive phrase once, with every kind it was taken for', () => {
    const spans = decisiveSpans(TEXT, [...SIGNALS, { kind: 'threat', ...at('ikväll') }], ['threat']);
    expect(uniqueSpans([...spans, { ...spans[0]!, kinds: ['watchlist'] }]).map((s) => [s.text, s.kinds])).toEqual([
      ['kommer att bränna socialkontoret', ['threat', 'watchlist', 'means', 'place']],
      ['ikväll', ['threat', 'time']],
      ['Bränna socialkontoret', ['threat']],
    ]);
  });

  it('keeps only the kinds of the case’s own categories', () => {
    const doxxing = [{ kind: 'address', ...at('socialkontoret') }, { kind: 'personal-ref', ...at('hör ni') }, { kind: 'gathering', ...at('ikväll') }];
    expect(decisiveSpans(TEXT, doxxing, ['doxxing']).map((s) => s.text)).toEqual(['socialkontoret']);
    expect(decisiveSpans(TEXT, [{ kind: 'threat', start: 500, end: 510, text: 'x' }], ['threat'])).toEqual([]);
  });

  it('tells them in the email in the reader’s language, never as codes or scene words', () => {
    const facts: ThreatFacts = {
      caseId: 7,
      level: 'critical',
      categories: ['threat'],
      status: 'new',
      postCount: 1,
      openedAt: '2026-11-23T10:00:00.000Z',
      signals: SIGNALS,
      post: { id: 3, platform: 'telegram', url: null, title: null, text: TEXT, language: 'sv', authorHandle: null, at: '2026-11-23T10:00:00.000Z' },
    };
    expect(signalLines(facts, 'sv')).toBe('• kommer att bränna socialkontoret (hot, vapen eller brand, plats)\n• ikväll (tidpunkt)\n• Bränna socialkontoret (hot)');
    expect(signalLines(facts, 'en')).toContain('• ikväll (time)');
    const email = renderEmail(threatEmail(facts, { change: 'opened', previousLevel: null, previousCount: 0 }, 'sv', { timeZone: 'Europe/Stockholm', uiBaseUrl: 'https://v.example.se' }));
    expect(email.text).not.toMatch(/\((threat|means|place)\)|• (Soc tar|barn|Vi) /);
    expect(email.html.match(/<mark/g)).toHaveLength(3);
  });
});
