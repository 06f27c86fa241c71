import { externalLink, html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { classifiedText, highlightSpans, markedHeadline, type Span } from '../views/highlight.js';
import { decisiveSpans, uniqueSpans } from '../../threat-cases/index.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { badge, capitalised, term, terms } from '../views/labels.js';
import { page, type PageContext } from '../views/layout.js';
import { titleOf, type NarrativeTitles } from '../narratives/titles.js';
import { missedForm } from '../threats/feedback-views.js';
import { HIT_END, HIT_START, type PostDetail, type PostHit, type PostSearch } from './queries.js';

const T = {
  title: { sv: 'Sök inlägg', en: 'Search posts' },
  q: { sv: 'Sökord', en: 'Search words' },
  qHelp: { sv: '"exakt fras", -utan, eller OR', en: '"exact phrase", -without, or OR' },
  narrative: { sv: 'Narrativ', en: 'Narrative' },
  any: { sv: 'alla', en: 'any' },
  lang: { sv: 'Språk', en: 'Language' },
  days: { sv: 'Dagar bakåt', en: 'Days back' },
  search: { sv: 'Sök', en: 'Search' },
  none: { sv: 'Inga inlägg hittades.', en: 'No posts found.' },
  next: { sv: 'Nästa sida', en: 'Next page' },
  prev: { sv: 'Föregående sida', en: 'Previous page' },
  open: { sv: 'Original', en: 'Original' },
  source: { sv: 'Källa', en: 'Source' },
  author: { sv: 'Avsändare', en: 'Author' },
  published: { sv: 'Publicerad', en: 'Published' },
  fetched: { sv: 'Hämtad', en: 'Fetched' },
  platform: { sv: 'Plattform', en: 'Platform' },
  narratives: { sv: 'Narrativ', en: 'Narratives' },
  noNarratives: { sv: 'Inlägget bär inget narrativ.', en: 'The post carries no narrative.' },
  threat: { sv: 'Hotbedömning', en: 'Threat assessment' },
  post: { sv: 'Inlägg {id}', en: 'Post {id}' },
  matched: { sv: 'Markerat: ord som matchade reglerna.', en: 'Marked: words that matched the rules.' },
} satisfies Record<string, Text>;

/** `canMarkMissed`: the reader may mark a post as a missed threat (security roles). */
export function postSearchPage(ctx: PageContext, view: { search: PostSearch; hits: PostHit[]; more: boolean; titles: NarrativeTitles; showThreats: boolean; canMarkMissed?: boolean }): SafeHtml {
  const { lang } = ctx;
  const s = view.search;
  const query = { q: s.q, narrative: s.narrative, lang: s.lang, days: s.days, source: s.sourceId };
  const body = html`<form method="get" action="/posts" class="filters" role="search">
  <label>${tr(lang, T.q)} <span class="small muted">(${tr(lang, T.qHelp)})</span><input type="search" name="q" value="${s.q}" size="40" dir="auto"></label>
  <label>${tr(lang, T.narrative)}<select name="narrative"><option value="">${tr(lang, T.any)}</option>${[...view.titles.keys()].map(
    (slug) => html`<option value="${slug}"${slug === s.narrative ? html` selected` : ''}>${titleOf(view.titles, slug, lang)}</option>`,
  )}</select></label>
  <label>${tr(lang, T.lang)}<select name="lang"><option value="">${tr(lang, T.any)}</option>${['sv', 'ar', 'en', 'tr', 'de'].map((l) => html`<option${l === s.lang ? html` selected` : ''}>${l}</option>`)}</select></label>
  <label>${tr(lang, T.days)}<input type="number" name="days" min="1" max="3650" value="${s.days ?? ''}"></label>
  ${s.sourceId ? html`<input type="hidden" name="source" value="${s.sourceId}">` : ''}
  <button type="submit" class="primary">${tr(lang, T.search)}</button>
</form>
${view.hits.length === 0 ? html`<p class="muted">${tr(lang, T.none)}</p>` : html`<ol class="results">${view.hits.map((hit) => resultItem(ctx, hit, view.titles, view.showThreats, view.canMarkMissed === true))}</ol>`}
<p class="pager">${s.page > 1 ? html`<a href="${pathWithQuery('/posts', { ...query, page: s.page - 1 })}">${tr(lang, T.prev)}</a>` : ''}
${view.more ? html`<a href="${pathWithQuery('/posts', { ...query, page: s.page + 1 })}">${tr(lang, T.next)}</a>` : ''}</p>`;
  return page(ctx, { title: tr(lang, T.title), active: '/posts', body });
}

function resultItem(ctx: PageContext, hit: PostHit, titles: NarrativeTitles, showThreats: boolean, canMarkMissed: boolean): SafeHtml {
  const { lang } = ctx;
  return html`<li class="card">
<p><a href="/posts/${hit.id}">${hit.title || tr(lang, T.post, { id: hit.id })}</a>
${hit.narratives.map((n) => html` <span class="badge">${titleOf(titles, n.slug, lang)} · ${term(lang, 'stance', n.stance)}</span>`)}
${showThreats && hit.threatLevel ? html` ${badge(lang, 'level', hit.threatLevel)}` : ''}</p>
<p class="post-text" dir="auto">${markedHeadline(hit.headline, HIT_START, HIT_END)}</p>
<p class="small muted">${hit.sourceName} · ${hit.platform} · ${term(lang, 'language', hit.language ?? 'und')} · ${hit.authorHandle ?? ''} · ${formatDateTime(lang, hit.publishedAt)}</p>
${canMarkMissed ? missedForm(ctx, hit.id) : ''}
</li>`;
}

export function postPage(ctx: PageContext, detail: PostDetail, titles: NarrativeTitles, showThreats: boolean, canMarkMissed = false): SafeHtml {
  const { lang } = ctx;
  const p = detail.post;
  const text = classifiedText(p.title, p.text);
  const spans: Span[] = detail.narratives.flatMap((n) => matchedSpans(n.explanation, n.slug));
  const threatSpans = showThreats && detail.threat ? decisiveSpans(text, detail.threat.signals, detail.threat.categories) : [];
  spans.push(...threatSpans.map((s) => ({ start: s.start, end: s.end, label: terms(lang, 'signalKind', s.kinds) })));
  const body = html`<div class="two"><div>
<article class="card"><p class="post-text" dir="auto">${highlightSpans(text, spans)}</p></article>
${spans.length > 0 ? html`<p class="small muted">${tr(lang, T.matched)}</p>` : ''}
</div><div>
<dl class="facts card">
  <dt>${tr(lang, T.source)}</dt><dd><a href="/sources/${p.sourceId}">${p.sourceName}</a></dd>
  <dt>${tr(lang, T.platform)}</dt><dd>${p.platform} · ${term(lang, 'language', p.language ?? 'und')}</dd>
  <dt>${tr(lang, T.author)}</dt><dd>${p.authorHandle ?? '–'}</dd>
  <dt>${tr(lang, T.published)}</dt><dd>${formatDateTime(lang, p.publishedAt)}</dd>
  <dt>${tr(lang, T.fetched)}</dt><dd>${formatDateTime(lang, p.fetchedAt)}</dd>
  <dt>${tr(lang, T.open)}</dt><dd>${externalLink(p.url)}</dd>
</dl>
<section class="card"><h2>${tr(lang, T.narratives)}</h2>
${detail.narratives.length === 0 ? html`<p class="muted">${tr(lang, T.noNarratives)}</p>` : html`<ul>${detail.narratives.map((n) => html`<li><a href="/narratives/${n.slug}">${titleOf(titles, n.slug, lang)}</a> · ${term(lang, 'stance', n.stance)} · ${n.score}</li>`)}</ul>`}
</section>
${showThreats && detail.threat ? html`<section class="card"><h2>${tr(lang, T.threat)}</h2><p>${badge(lang, 'level', detail.threat.level)} ${capitalised(terms(lang, 'category', detail.threat.categories))}</p>
<ul>${uniqueSpans(threatSpans).map((s) => html`<li><mark class="signal" dir="auto">${s.text}</mark> <span class="small muted">${terms(lang, 'signalKind', s.kinds)}</span></li>`)}</ul></section>` : ''}
${canMarkMissed ? html`<section class="card">${missedForm(ctx, p.id)}</section>` : ''}
</div></div>`;
  return page(ctx, { title: p.title || tr(lang, T.post, { id: p.id }), active: '/posts', body });
}

function matchedSpans(explanation: Record<string, unknown>, slug: string): Span[] {
  const matched = Array.isArray(explanation.matched) ? (explanation.matched as Array<{ start?: unknown; end?: unknown; rule?: unknown }>) : [];
  return matched
    .filter((m) => typeof m.start === 'number' && typeof m.end === 'number')
    .map((m) => ({ start: m.start as number, end: m.end as number, label: `${slug}: ${String(m.rule ?? '')}` }));
}
