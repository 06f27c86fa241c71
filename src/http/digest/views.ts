import { CHART_SERIES, digestEmail, type DigestReader, type DigestStats } from '../../digest/index.js';
import type { RecipientRole, UserRole } from '../../db/schema/index.js';
import { svgChart } from '../views/chart.js';
import { renderBlocks } from '../views/blocks.js';
import { html, type SafeHtml } from '../views/html.js';
import { tr, type Lang, type Text } from '../views/i18n.js';
import { page, type PageContext } from '../views/layout.js';

const T = {
  title: { sv: 'Veckosammanfattning {week}', en: 'Weekly digest {week}' },
  previous: { sv: '← Veckan före', en: '← Week before' },
  next: { sv: 'Veckan efter →', en: 'Week after →' },
  chart: { sv: 'Spridande inlägg per dag', en: 'Spreading posts per day' },
} satisfies Record<string, Text>;

/** The digest sections a user's role may read: viewers see what communicators see, never threats. */
const SECTIONS: Record<UserRole, RecipientRole[]> = {
  admin: ['communications', 'security', 'admin'],
  security: ['security'],
  communications: ['communications'],
  viewer: ['communications'],
};

export function readerOf(role: UserRole, lang: Lang): DigestReader {
  return { language: lang, roles: SECTIONS[role] };
}

export interface DigestView {
  stats: DigestStats;
  reader: DigestReader;
  previous: string;
  next: string | null;
}

/** The same content as the digest email of this week for this role, with the chart drawn as SVG. */
export function digestPage(ctx: PageContext, view: DigestView, timeZone: string): SafeHtml {
  const { lang } = ctx;
  const content = digestEmail(view.stats, view.reader, { timeZone, uiBaseUrl: '' }, null);
  const own = `/digest/${view.stats.week}`;
  const blocks = content.blocks.filter((b) => !(b.kind === 'title') && !(b.kind === 'button' && b.href === own));
  const drawn = view.stats.narratives.slice(0, CHART_SERIES);
  const chart =
    view.reader.roles.includes('communications') && drawn.length > 0
      ? svgChart({ title: tr(lang, T.chart), xLabels: view.stats.dayLabels, kind: 'lines', series: drawn.map((n) => ({ label: n.narrative.title[lang] ?? n.narrative.title.sv ?? n.narrative.slug, values: n.daily })) })
      : null;
  let chartShown = false;
  const body = html`<nav class="pager" aria-label="${tr(lang, T.title, { week: view.stats.week })}"><a href="/digest/${view.previous}">${tr(lang, T.previous)}</a>${view.next ? html`<a href="/digest/${view.next}">${tr(lang, T.next)}</a>` : ''}</nav>
${renderBlocks(blocks, (block) => {
  // The chart follows the narratives table, as in the email.
  if (block.kind !== 'table' || chartShown || !chart) return null;
  chartShown = true;
  return html`${renderBlocks([block])}${chart}`;
})}`;
  return page(ctx, { title: tr(lang, T.title, { week: view.stats.week }), active: '/digest', body });
}
