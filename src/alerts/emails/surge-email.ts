import type { Block, EmailContent, MailLanguage } from '../../email/index.js';
import { excerpt } from '../../email/index.js';
import type { EmailOptions, SurgeFacts, Tally } from './facts.js';
import { postItem } from './post-items.js';
import { term, terms } from '../../vocabulary/index.js';
import { formatNumber, STRINGS, uiLink } from './strings.js';

export function narrativeTitle(facts: SurgeFacts['narrative'], lang: MailLanguage): string {
  return facts.title[lang] ?? facts.title.sv ?? facts.title.en ?? facts.slug;
}

function windowLabel(minutes: number, lang: MailLanguage): string {
  const s = STRINGS[lang];
  if (minutes === 60) return s.lastHour;
  if (minutes === 1440) return s.lastDay;
  return s.lastMinutes(minutes);
}

function tallies(list: Tally[]): string {
  return list.map((t) => `${t.name} ${t.count}`).join(' · ');
}

/** What surged, by how much against normal, where, in which languages, examples, and the facts to answer with. */
export function surgeEmail(facts: SurgeFacts, lang: MailLanguage, options: EmailOptions): EmailContent {
  const s = STRINGS[lang];
  const title = narrativeTitle(facts.narrative, lang);
  const window = windowLabel(facts.windowMinutes, lang);
  const ratio = s.times(formatNumber(facts.ratio, lang));
  const newOnes = [...facts.newPlatforms, ...facts.newLanguages.map((l) => term(lang, 'language', l))];
  const posts = facts.voices.posts;
  const subject =
    facts.reason === 'new-channel'
      ? s.newChannelSubject(title, newOnes.join(', '))
      : facts.reason === 'growth'
        ? s.growthSubject(title, posts, window)
        : s.surgeSubject(title, posts, window, ratio);
  const leadOf = facts.countBy === 'posts' ? s.surgeLead : s.surgeLeadBy[facts.countBy];
  const lead = leadOf(facts.window, window, formatNumber(facts.expected, lang), ratio);
  const voices = [s.voices(facts.voices.posts, facts.voices.texts, facts.voices.accounts)];
  if (facts.coordination) voices.push(s.coordination(facts.coordination.accounts, facts.coordination.shared, facts.coordinationWindowSeconds));
  const rows: [string, string][] = [
    [s.voicesLabel, voices.join(' · ')],
    [s.channel, term(lang, 'surgeChannel', facts.channel)],
    [s.platforms, tallies(facts.platforms)],
    [s.languages, tallies(facts.languages.map((l) => ({ ...l, name: term(lang, 'language', l.name) })))],
  ];
  if (facts.newPlatforms.length > 0) rows.push([s.newPlatforms, facts.newPlatforms.join(', ')]);
  if (facts.newLanguages.length > 0) rows.push([s.newLanguages, terms(lang, 'language', facts.newLanguages)]);
  const blocks: Block[] = [
    { kind: 'title', tone: 'info', badge: s.surgeBadge, text: title },
    { kind: 'lead', text: lead },
    { kind: 'facts', rows },
  ];
  const counter = facts.narrative.counterFacts[lang] ?? facts.narrative.counterFacts.sv ?? facts.narrative.counterFacts.en;
  if (counter) blocks.push({ kind: 'quote', label: s.counterFacts, text: counter });
  if (facts.examples.length > 0) {
    blocks.push({ kind: 'heading', text: s.examples }, { kind: 'posts', posts: facts.examples.map((p) => postItem(p, lang, options.timeZone)) });
  }
  if (facts.narrative.counterFacts.ar && facts.languages.some((l) => l.name === 'ar')) {
    blocks.push({ kind: 'quote', label: s.counterFactsAr, text: facts.narrative.counterFacts.ar });
  }
  // The posts of the episode first (what a communicator answers), then the narrative with its counter-facts.
  const days = Math.max(1, Math.ceil(facts.windowMinutes / 1440));
  const period = `narrative=${encodeURIComponent(facts.narrative.slug)}&stance=spreading&from=${encodeURIComponent(facts.windowStart)}&to=${encodeURIComponent(facts.windowEnd)}`;
  blocks.push(
    { kind: 'button', href: uiLink(options.uiBaseUrl, `/clusters?${period}`), text: s.openClusters },
    ...(facts.coordination ? [{ kind: 'button' as const, href: uiLink(options.uiBaseUrl, `/coordination?${period}`), text: s.openNetwork }] : []),
    { kind: 'button', href: uiLink(options.uiBaseUrl, `/posts?narrative=${encodeURIComponent(facts.narrative.slug)}&days=${days}`), text: s.openPosts },
    { kind: 'button', href: uiLink(options.uiBaseUrl, `/narratives/${encodeURIComponent(facts.narrative.slug)}`), text: s.openUi },
  );
  blocks.push({ kind: 'footer', text: s.surgeFooter(facts.followUpMinutes) });
  return { lang, subject, preheader: excerpt(lead, 120), blocks, headers: { 'X-Vaksam-Kind': 'surge', 'X-Vaksam-Narrative': facts.narrative.slug } };
}
