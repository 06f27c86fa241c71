import type { CoordinationNetwork } from '../../clusters/index.js';
import { externalLink, html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { formatDateTime, formatNumber, tr, type Text } from '../views/i18n.js';
import { term } from '../views/labels.js';
import { page, type PageContext } from '../views/layout.js';
import { titleOf, type NarrativeTitles } from '../narratives/titles.js';
import type { CampaignFilter, ClusterMember, ClusterSummary } from './queries.js';

const T = {
  clusters: { sv: 'Kampanjer: texter', en: 'Campaigns: texts' },
  coordination: { sv: 'Kampanjer: samordnad delning', en: 'Campaigns: coordinated sharing' },
  cluster: { sv: 'Text {id}', en: 'Text {id}' },
  period: { sv: '{from} – {to}', en: '{from} – {to}' },
  all: { sv: 'alla narrativ', en: 'every narrative' },
  stance: { sv: 'hållning', en: 'stance' },
  posts: { sv: '{n} inlägg', en: '{n} posts' },
  accounts: { sv: '{n} konton', en: '{n} accounts' },
  first: { sv: 'Först', en: 'First' },
  latest: { sv: 'Senast', en: 'Latest' },
  face: { sv: 'Först sedd', en: 'First seen' },
  none: { sv: 'Inga texter under perioden.', en: 'No texts in the period.' },
  noNetworks: { sv: 'Ingen samordnad delning hittades under perioden.', en: 'No coordinated sharing found in the period.' },
  toNetworks: { sv: 'Samordnad delning under samma period', en: 'Coordinated sharing in the same period' },
  toClusters: { sv: 'Texterna under samma period', en: 'The texts in the same period' },
  network: { sv: 'Nätverk {n}: {accounts} konton', en: 'Network {n}: {accounts} accounts' },
  networkFacts: {
    sv: '{links} kontopar delade samma länk eller text inom {seconds} s minst {repeats} gånger ({coShares} tillfällen).',
    en: '{links} account pairs shared the same link or text within {seconds} s at least {repeats} times ({coShares} occasions).',
  },
  noVerdict: {
    sv: 'Samtidig delning är ett mönster, inte ett bevis på avsikt: nyhetsbevakning, delade larm och vänner som tipsar varandra ger samma mönster.',
    en: 'Sharing at the same time is a pattern, not proof of intent: news coverage, shared alerts and friends tipping each other off look the same.',
  },
  link: { sv: 'Länk', en: 'Link' },
  text: { sv: 'Text', en: 'Text' },
  share: { sv: 'delning', en: 'share' },
  members: { sv: 'Inlägg i ordning ({shown} av {total})', en: 'Posts in order ({shown} of {total})' },
  similarity: { sv: 'likhet {value}', en: 'similarity {value}' },
  shares: { sv: '{n} delningar', en: '{n} shares' },
  open: { sv: 'Inlägget', en: 'The post' },
} satisfies Record<string, Text>;

export interface CampaignView {
  filter: CampaignFilter;
  titles: NarrativeTitles;
}

function periodQuery(f: CampaignFilter): Record<string, string | null> {
  return { narrative: f.slug, stance: f.stance, from: f.from.toISOString(), to: f.to.toISOString() };
}

function heading(ctx: PageContext, view: CampaignView): SafeHtml {
  const { lang } = ctx;
  const f = view.filter;
  return html`<p class="muted">${f.slug === null ? tr(lang, T.all) : titleOf(view.titles, f.slug, lang)}${f.stance === null ? '' : html` · ${term(lang, 'stance', f.stance)}`}
 · ${tr(lang, T.period, { from: formatDateTime(lang, f.from), to: formatDateTime(lang, f.to) })}</p>`;
}

export function clustersPage(ctx: PageContext, view: CampaignView & { clusters: ClusterSummary[] }): SafeHtml {
  const { lang } = ctx;
  const items = view.clusters.map(
    (c) => html`<li class="card">
<p><a href="/clusters/${c.id}">${tr(lang, T.cluster, { id: c.id })}</a> · <strong>${tr(lang, T.posts, { n: formatNumber(lang, c.posts) })}</strong> · ${tr(lang, T.accounts, { n: formatNumber(lang, c.accounts) })}</p>
<p class="post-text" dir="auto">${c.faceText}</p>
<p class="small muted">${tr(lang, T.face)}: ${c.facePostId === null ? '–' : html`<a href="/posts/${c.facePostId}">${c.faceAuthor ?? c.facePostId}</a>`}${c.facePlatform ? html` · ${c.facePlatform}` : ''}
 · ${tr(lang, T.first)} ${formatDateTime(lang, c.firstAt)} · ${tr(lang, T.latest)} ${formatDateTime(lang, c.lastAt)}</p>
</li>`,
  );
  const body = html`${heading(ctx, view)}
<p><a href="${pathWithQuery('/coordination', periodQuery(view.filter))}">${tr(lang, T.toNetworks)}</a></p>
${items.length === 0 ? html`<p class="muted">${tr(lang, T.none)}</p>` : html`<ol class="results">${items}</ol>`}`;
  return page(ctx, { title: tr(lang, T.clusters), active: '/clusters', body });
}

export function clusterPage(ctx: PageContext, detail: { id: number; facePostId: number | null; total: number; members: ClusterMember[] }): SafeHtml {
  const { lang } = ctx;
  const body = html`<h2>${tr(lang, T.members, { shown: detail.members.length, total: detail.total })}</h2>
<ol class="results">${detail.members.map(
    (m) => html`<li class="card">
<p class="post-text" dir="auto">${m.text}</p>
<p class="small muted"><a href="/posts/${m.postId}">${m.postId === detail.facePostId ? tr(lang, T.face) : tr(lang, T.open)}</a> · ${m.authorHandle ?? '–'} · ${m.platform}
 · ${formatDateTime(lang, m.at)} · ${tr(lang, T.similarity, { value: formatNumber(lang, Math.round(m.similarity * 100) / 100) })}${m.shares > 0 ? html` · ${tr(lang, T.shares, { n: m.shares })}` : ''}
${m.url ? html` · ${externalLink(m.url)}` : ''}</p>
</li>`,
  )}</ol>`;
  return page(ctx, { title: tr(lang, T.cluster, { id: detail.id }), active: '/clusters', body });
}

export function coordinationPage(
  ctx: PageContext,
  view: CampaignView & { networks: CoordinationNetwork[]; windowSeconds: number; minRepeats: number },
): SafeHtml {
  const { lang } = ctx;
  const networks = view.networks.map(
    (n, i) => html`<section class="card">
<h2>${tr(lang, T.network, { n: i + 1, accounts: n.accounts.length })}</h2>
<p>${tr(lang, T.networkFacts, { links: n.links, seconds: view.windowSeconds, repeats: view.minRepeats, coShares: n.coShares })}</p>
<p class="small" dir="auto">${n.accounts.join(' · ')}</p>
<p class="small muted">${formatDateTime(lang, new Date(n.firstAt))} – ${formatDateTime(lang, new Date(n.lastAt))}</p>
${n.evidence.slice(0, 20).map(
  (e) => html`<h3 class="small">${evidenceTitle(lang, e.key)}</h3>
<ul class="small">${e.shares.slice(0, 50).map(
    (s) => html`<li><a href="/posts/${s.postId}">${formatDateTime(lang, new Date(s.at))}</a> · ${s.account}</li>`,
  )}</ul>`,
)}
</section>`,
  );
  const body = html`${heading(ctx, view)}
<p class="small muted">${tr(lang, T.noVerdict)}</p>
<p><a href="${pathWithQuery('/clusters', periodQuery(view.filter))}">${tr(lang, T.toClusters)}</a></p>
${networks.length === 0 ? html`<p class="muted">${tr(lang, T.noNetworks)}</p>` : networks}`;
  return page(ctx, { title: tr(lang, T.coordination), active: '/clusters', body });
}

function evidenceTitle(lang: PageContext['lang'], key: string): SafeHtml {
  if (key.startsWith('url:')) return html`${tr(lang, T.link)}: <span dir="ltr">${key.slice(4)}</span>`;
  return html`${tr(lang, T.text)}: <a href="/clusters/${key.slice('cluster:'.length)}">${key.slice('cluster:'.length)}</a>`;
}
