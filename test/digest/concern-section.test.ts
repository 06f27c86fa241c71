import { describe, expect, it } from 'vitest';
import type { NarrativeFacts, PostFacts } from '../../src/alerts/index.js';
import { digestEmail, type DigestStats } from '../../src/digest/index.js';
import { renderEmail } from '../../src/mail/index.js';

const narrative = (slug: string, sv: string, en: string): NarrativeFacts => ({ slug, title: { sv, en }, counterFacts: { sv: 'Domstolen beslutar.', en: 'A court decides.' } });
const post = (id: number, text: string): PostFacts => ({ id, platform: 'reddit', url: `https://example.org/${id}`, title: null, text, language: 'en', authorHandle: null, at: '2026-11-18T10:00:00.000Z' });

function stats(concerns: DigestStats['concerns']): DigestStats {
  return {
    week: '2026-W47',
    start: '2026-11-15T23:00:00.000Z',
    end: '2026-11-22T23:00:00.000Z',
    dayLabels: ['16/11', '17/11', '18/11', '19/11', '20/11', '21/11', '22/11'],
    narratives: [],
    concerns,
    threats: [],
    cases: [],
    caseReview: { opened: [], open: 0 },
    sources: { total: 0, byHealth: {}, attention: [] },
    coordination: null,
  };
}

const options = { timeZone: 'Europe/Stockholm', uiBaseUrl: 'https://vaksam.example.se' };
const kidnapping = narrative('child-kidnapping', 'Socialtjänsten kidnappar barn', 'Social services kidnap children');
const dueProcess = narrative('no-due-process', 'Barn tas utan rättegång', 'Children taken without due process');

describe('the digest section of concerns', () => {
  it('lists concerns apart from the narratives, in English, each post once', () => {
    const shared = post(1, 'Our caseworker never answered & the appeal took <8> months');
    const email = digestEmail(
      stats([
        { narrative: dueProcess, count: 3, posts: [shared, post(2, 'We waited half a year for a decision')] },
        { narrative: kidnapping, count: 1, posts: [shared] },
      ]),
      { language: 'en', roles: ['communications'] },
      options,
      null,
    );
    const text = email.blocks.map((b) => JSON.stringify(b)).join('\n');
    const headings = email.blocks.filter((b) => b.kind === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toEqual(['Narratives', 'Concerns and criticism']);
    expect(email.blocks).toContainEqual({ kind: 'table', head: ['Touches', 'Posts'], rows: [['Children taken without due process', '3'], ['Social services kidnap children', '1']] });
    const posts = email.blocks.filter((b) => b.kind === 'posts').flatMap((b) => (b as { posts: Array<{ text: string }> }).posts.map((p) => p.text));
    expect(posts.filter((t) => t.includes('Our caseworker'))).toHaveLength(1);
    expect(posts.some((t) => t.includes('We waited half a year'))).toBe(true);
    expect(text).toContain('not counted as spreading');
    expect(email.subject).toBe('Weekly digest 2026-W47: 0 spreading posts, 0 threats');
    const rendered = renderEmail(email);
    expect(rendered.html).toContain('never answered &#38; the appeal took &#60;8&#62; months');
    expect(rendered.html).not.toContain('<8>');
  });

  it('says so in Swedish when the week had no concerns', () => {
    const email = digestEmail(stats([]), { language: 'sv', roles: ['communications'] }, options, null);
    const index = email.blocks.findIndex((b) => b.kind === 'heading' && b.text === 'Oro och kritik');
    expect(email.blocks[index + 1]).toEqual({ kind: 'paragraph', text: 'Inga inlägg med oro eller kritik denna vecka.' });
  });

  it('is not part of the security coordinators\' digest', () => {
    const email = digestEmail(stats([{ narrative: kidnapping, count: 1, posts: [post(3, 'x')] }]), { language: 'sv', roles: ['security'] }, options, null);
    expect(email.blocks.some((b) => b.kind === 'heading' && b.text === 'Oro och kritik')).toBe(false);
  });
});
