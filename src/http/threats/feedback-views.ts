import type { BandPrecision, MissedPost, RulePrecision, VerdictCounts } from '../../threat-cases/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { badge, options } from '../views/labels.js';
import { csrfField, notice, page, type PageContext } from '../views/layout.js';

const T = {
  title: { sv: 'Hot: granskarnas utfall', en: 'Threats: what reviewers found' },
  rules: { sv: 'Precision per regel', en: 'Precision per rule' },
  bands: { sv: 'Precision per poängintervall för modellen', en: 'Precision per model score band' },
  missed: { sv: 'Missade hot', en: 'Missed threats' },
  rule: { sv: 'Regel', en: 'Rule' },
  band: { sv: 'Poäng', en: 'Score' },
  queuedBy: { sv: 'I kön genom', en: 'Queued by' },
  byModel: { sv: 'modellen', en: 'the model' },
  byRules: { sv: 'reglerna', en: 'the rules' },
  cases: { sv: 'Ärenden', en: 'Cases' },
  confirmed: { sv: 'Bekräftade', en: 'Confirmed' },
  wrongLevel: { sv: 'Fel nivå', en: 'Wrong level' },
  notThreat: { sv: 'Inget hot', en: 'Not a threat' },
  pending: { sv: 'Ej granskade', en: 'Pending' },
  precision: { sv: 'Precision', en: 'Precision' },
  levelRight: { sv: 'Rätt nivå', en: 'Level right' },
  precisionHelp: {
    sv: 'Precision: andel granskade ärenden som hörde hemma i kön (bekräftade, eller fel nivå men minst medel).',
    en: 'Precision: share of reviewed cases that belonged in the queue (confirmed, or wrong level but medium or above).',
  },
  noCases: { sv: 'Inga ärenden ännu.', en: 'No cases yet.' },
  noMissed: { sv: 'Inga inlägg markerade som missade hot.', en: 'No posts marked as missed threats.' },
  level: { sv: 'Nivå', en: 'Level' },
  rulesSaid: { sv: 'Reglerna sa', en: 'Rules said' },
  model: { sv: 'Modellen', en: 'Model' },
  marked: { sv: 'Markerad', en: 'Marked' },
  text: { sv: 'Text', en: 'Text' },
  export: { sv: 'Exportera som JSONL för omträning', en: 'Export as JSONL for retraining' },
  markMissed: { sv: 'Markera som missat hot', en: 'Mark as a missed threat' },
  note: { sv: 'Anteckning', en: 'Note' },
  verdictWrong: { sv: 'Fel nivå: rätt nivå är', en: 'Wrong level: the right level is' },
  saveVerdict: { sv: 'Spara utfall', en: 'Save verdict' },
} satisfies Record<string, Text>;

const NOTICES: Record<string, Text> = { missed: { sv: 'Inlägget är markerat som missat hot.', en: 'The post was marked as a missed threat.' } };
const MISSED_LEVELS = ['high', 'critical', 'medium'];

/** The small form that marks a post as a missed threat (security roles; CSRF-protected; audited by the route). */
export function missedForm(ctx: PageContext, postId: number): SafeHtml {
  const { lang } = ctx;
  return html`<form method="post" action="/posts/${postId}/missed" class="inline missed">${csrfField(ctx)}
<label>${tr(lang, T.level)}<select name="level">${options(lang, 'level', MISSED_LEVELS, 'high')}</select></label>
<label>${tr(lang, T.note)}<input name="note" maxlength="2000"></label><button type="submit" class="small">${tr(lang, T.markMissed)}</button></form>`;
}

/** The verdict "wrong level", with the level the reviewer says is right. */
export function wrongLevelForm(ctx: PageContext, caseId: number): SafeHtml {
  const { lang } = ctx;
  return html`<form method="post" action="/threats/${caseId}/review" class="card">${csrfField(ctx)}<input type="hidden" name="verdict" value="wrong-level">
<label>${tr(lang, T.verdictWrong)}<select name="verdictLevel">${options(lang, 'level', ['low', 'medium', 'high', 'critical'], null)}</select></label>
<label>${tr(lang, T.note)}<input name="note" maxlength="2000"></label><button type="submit">${tr(lang, T.saveVerdict)}</button></form>`;
}

export function threatStatsPage(ctx: PageContext, view: { rules: RulePrecision[]; bands: BandPrecision[]; missed: MissedPost[] }, notice_?: string): SafeHtml {
  const { lang } = ctx;
  const head = html`<th class="num">${tr(lang, T.cases)}</th><th class="num">${tr(lang, T.confirmed)}</th><th class="num">${tr(lang, T.wrongLevel)}</th><th class="num">${tr(lang, T.notThreat)}</th><th class="num">${tr(lang, T.pending)}</th><th class="num">${tr(lang, T.precision)}</th><th class="num">${tr(lang, T.levelRight)}</th>`;
  const body = html`${notice(ctx, notice_, NOTICES)}
<h2>${tr(lang, T.rules)}</h2>
${view.rules.length === 0 ? html`<p class="muted">${tr(lang, T.noCases)}</p>` : html`<table class="cards"><thead><tr><th>${tr(lang, T.rule)}</th>${head}</tr></thead>
<tbody>${view.rules.map((r) => html`<tr><td data-label="${tr(lang, T.rule)}"><code>${r.rule}</code></td>${countCells(lang, r)}</tr>`)}</tbody></table>`}
<h2>${tr(lang, T.bands)}</h2>
${view.bands.length === 0 ? html`<p class="muted">${tr(lang, T.noCases)}</p>` : html`<table class="cards"><thead><tr><th>${tr(lang, T.band)}</th><th>${tr(lang, T.queuedBy)}</th>${head}</tr></thead>
<tbody>${view.bands.map((b) => html`<tr><td data-label="${tr(lang, T.band)}">${b.band.replaceAll('.', lang === 'sv' ? ',' : '.')}</td><td data-label="${tr(lang, T.queuedBy)}">${tr(lang, b.origin === 'model' ? T.byModel : T.byRules)}</td>${countCells(lang, b)}</tr>`)}</tbody></table>`}
<p class="small muted">${tr(lang, T.precisionHelp)}</p>
<h2 id="missed">${tr(lang, T.missed)} (${view.missed.length})</h2>
${view.missed.length === 0 ? html`<p class="muted">${tr(lang, T.noMissed)}</p>` : html`<p><a href="/threats/missed.jsonl" download>${tr(lang, T.export)}</a></p>
<table class="cards"><thead><tr><th>${tr(lang, T.text)}</th><th>${tr(lang, T.level)}</th><th>${tr(lang, T.rulesSaid)}</th><th class="num">${tr(lang, T.model)}</th><th>${tr(lang, T.marked)}</th></tr></thead>
<tbody>${view.missed.map((m) => html`<tr><td data-label="${tr(lang, T.text)}" dir="auto">${m.postId === null ? '' : html`<a href="/posts/${m.postId}">`}${(m.text ?? '').replace(/\s+/gu, ' ').slice(0, 160)}${m.postId === null ? '' : html`</a>`}${m.note ? html`<br><q class="small">${m.note}</q>` : ''}</td>
<td data-label="${tr(lang, T.level)}">${badge(lang, 'level', m.level)}</td><td data-label="${tr(lang, T.rulesSaid)}">${badge(lang, 'level', m.ruleLevel)}</td><td class="num" data-label="${tr(lang, T.model)}">${m.modelScore === null ? '–' : share(lang, m.modelScore)}</td><td data-label="${tr(lang, T.marked)}">${formatDateTime(lang, m.markedAt)} · ${m.markedBy}</td></tr>`)}</tbody></table>`}`;
  return page(ctx, { title: tr(lang, T.title), active: '/threats', body });
}

function countCells(lang: PageContext['lang'], c: VerdictCounts): SafeHtml {
  const cell = (label: Text, value: string) => html`<td class="num" data-label="${tr(lang, label)}">${value}</td>`;
  return html`${cell(T.cases, String(c.cases))}${cell(T.confirmed, String(c.confirmed))}${cell(T.wrongLevel, String(c.wrongLevel))}${cell(T.notThreat, String(c.dismissed))}${cell(T.pending, String(c.pending))}${cell(T.precision, c.precision === null ? '–' : share(lang, c.precision))}${cell(T.levelRight, c.levelAccuracy === null ? '–' : share(lang, c.levelAccuracy))}`;
}

function share(lang: PageContext['lang'], x: number): string {
  const text = x.toFixed(2);
  return lang === 'sv' ? text.replace('.', ',') : text;
}
