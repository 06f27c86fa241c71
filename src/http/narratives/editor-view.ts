import { options as choices } from '../views/labels.js';
import { EXEMPLAR_LANGS, RULE_LANGS, SEVERITIES, type Narrative, type NarrativeRule } from '../../catalogue/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { tr, type Text } from '../views/i18n.js';
import { csrfField, type PageContext } from '../views/layout.js';

export const E = {
  basics: { sv: 'Grunduppgifter', en: 'Basics' },
  titleSv: { sv: 'Titel (svenska)', en: 'Title (Swedish)' },
  titleEn: { sv: 'Titel (engelska)', en: 'Title (English)' },
  description: { sv: 'Beskrivning', en: 'Description' },
  severity: { sv: 'Allvarlighet', en: 'Severity' },
  threshold: { sv: 'Tröskel (0–1)', en: 'Threshold (0–1)' },
  enabled: { sv: 'Aktiv', en: 'Enabled' },
  rules: { sv: 'Regler ({lang})', en: 'Rules ({lang})' },
  positive: { sv: 'Positiva (talar för narrativet)', en: 'Positive (evidence for the narrative)' },
  negative: { sv: 'Negativa (talar emot, veto vid vikt 1)', en: 'Negative (evidence against; weight 1 vetoes)' },
  ruleId: { sv: 'Regel-id', en: 'Rule id' },
  weight: { sv: 'Vikt', en: 'Weight' },
  query: { sv: 'Fråga', en: 'Query' },
  addRule: { sv: 'Lägg till regel', en: 'Add rule' },
  exemplars: { sv: 'Exempelinlägg (ett per rad)', en: 'Exemplar posts (one per line)' },
  counterFacts: { sv: 'Fakta att bemöta med', en: 'Facts to answer with' },
  reason: { sv: 'Varför ändras det? (sparas i loggen)', en: 'Why this change? (kept in the audit log)' },
  save: { sv: 'Spara som ny version', en: 'Save as a new version' },
  runBacktest: { sv: 'Testkör utkastet', en: 'Backtest the draft' },
  days: { sv: 'Dagar bakåt', en: 'Days back' },
  backtest: { sv: 'Testkörning', en: 'Backtest' },
  backtestHelp: {
    sv: 'Kör utkastet mot lagrade inlägg och visar vilka det skulle lägga till och ta bort jämfört med den sparade versionen. Inget sparas.',
    en: 'Runs the draft over stored posts and shows what it would add and drop compared with the saved version. Nothing is saved.',
  },
  noScript: { sv: 'Testkörning och syntaxkontroll kräver JavaScript.', en: 'Backtest and live syntax checks need JavaScript.' },
  langName: { sv: 'sv: svenska, en: engelska, ar: arabiska, any: alla språk', en: 'sv: Swedish, en: English, ar: Arabic, any: every language' },
} satisfies Record<string, Text>;

const LANG_LABEL: Record<string, Text> = {
  sv: { sv: 'svenska', en: 'Swedish' },
  en: { sv: 'engelska', en: 'English' },
  ar: { sv: 'arabiska', en: 'Arabic' },
  any: { sv: 'alla språk', en: 'any language' },
};

/** The editor form. Read-only (every control disabled, no save) for roles that may not change narratives. */
export function narrativeForm(ctx: PageContext, narrative: Narrative, options: { action: string; editable: boolean; backtestDays: number; maxDays: number }): SafeHtml {
  const { lang } = ctx;
  const off = options.editable ? '' : html` disabled`;
  const n = narrative;
  return html`<form method="post" action="${options.action}" id="narrative-form" data-slug="${n.slug}">
${csrfField(ctx)}
<fieldset${off}><legend>${tr(lang, E.basics)}</legend>
  <label>${tr(lang, E.titleSv)}<input name="title.sv" value="${n.title?.sv ?? ''}" required></label>
  <label>${tr(lang, E.titleEn)}<input name="title.en" value="${n.title?.en ?? ''}" required></label>
  <label>${tr(lang, E.description)}<textarea name="description" rows="2" required>${n.description ?? ''}</textarea></label>
  <div class="filters">
    <label>${tr(lang, E.severity)}<select name="severity">${choices(lang, 'level', SEVERITIES, n.severity)}</select></label>
    <label>${tr(lang, E.threshold)}<input name="threshold" type="number" min="0.01" max="1" step="0.01" value="${String(n.threshold ?? 0.5)}"></label>
    <label><input type="checkbox" name="enabled"${n.enabled ? html` checked` : ''}> ${tr(lang, E.enabled)}</label>
  </div>
</fieldset>
${RULE_LANGS.map((ruleLang) => ruleFieldset(ctx, n, ruleLang, options.editable))}
<fieldset${off}><legend>${tr(lang, E.exemplars)}</legend>
${EXEMPLAR_LANGS.map((l) => html`<label>${tr(lang, LANG_LABEL[l]!)}<textarea name="exemplars.${l}" rows="3" dir="auto">${(n.exemplars?.[l] ?? []).join('\n')}</textarea></label>`)}
</fieldset>
<fieldset${off}><legend>${tr(lang, E.counterFacts)}</legend>
${(['sv', 'en', 'ar'] as const).map((l) => html`<label>${tr(lang, LANG_LABEL[l]!)}<textarea name="counterFacts.${l}" rows="3" dir="auto" required>${n.counterFacts?.[l] ?? ''}</textarea></label>`)}
</fieldset>
${options.editable
  ? html`<label>${tr(lang, E.reason)}<input name="reason" required maxlength="500"></label>
<p><button type="submit" class="primary">${tr(lang, E.save)}</button></p>`
  : ''}
</form>`;
}

function ruleFieldset(ctx: PageContext, n: Narrative, ruleLang: (typeof RULE_LANGS)[number], editable: boolean): SafeHtml {
  const { lang } = ctx;
  const set = n.rules?.[ruleLang];
  return html`<fieldset${editable ? '' : html` disabled`}><legend>${tr(lang, E.rules, { lang: tr(lang, LANG_LABEL[ruleLang]!) })}</legend>
${(['positive', 'negative'] as const).map((kind) => {
  const rules = set?.[kind] ?? [];
  // One empty row to add a rule without script; the script adds more on demand.
  const rows = editable ? [...rules, { id: '', query: '' } as NarrativeRule] : rules;
  return html`<div class="rule-list" data-lang="${ruleLang}" data-kind="${kind}"><h3 class="small">${tr(lang, kind === 'positive' ? E.positive : E.negative)}</h3>
${rows.map((rule, i) => ruleRow(ctx, ruleLang, kind, i, rule))}
${editable ? html`<button type="button" class="add-rule" hidden>${tr(lang, E.addRule)}</button>` : ''}</div>`;
})}
</fieldset>`;
}

function ruleRow(ctx: PageContext, ruleLang: string, kind: string, index: number, rule: NarrativeRule): SafeHtml {
  const { lang } = ctx;
  const name = `rules.${ruleLang}.${kind}.${index}`;
  return html`<div class="rule">
  <label>${tr(lang, E.ruleId)}<input name="${name}.id" value="${rule.id}" pattern="[a-z0-9]+(-[a-z0-9]+)*"></label>
  <label>${tr(lang, E.weight)}<input name="${name}.weight" type="number" min="0.01" max="1" step="0.01" value="${rule.weight === undefined ? '' : String(rule.weight)}"></label>
  <label>${tr(lang, E.query)}<textarea name="${name}.query" rows="${Math.min(6, Math.max(1, Math.ceil(rule.query.length / 50)))}" dir="auto" class="query" data-query-lang="${ruleLang}" spellcheck="false" aria-describedby="${name}.status">${rule.query}</textarea></label>
  <p class="query-status" id="${name}.status" aria-live="polite"></p>
</div>`;
}

/** The live backtest panel; its button and results are driven by /static/app.js. */
export function backtestPanel(ctx: PageContext, options: { days: number; maxDays: number }): SafeHtml {
  const { lang } = ctx;
  return html`<section class="card" id="backtest" aria-labelledby="backtest-title">
<h2 id="backtest-title">${tr(lang, E.backtest)}</h2>
<p class="small muted">${tr(lang, E.backtestHelp)}</p>
<p class="no-js small">${tr(lang, E.noScript)}</p>
<div class="filters"><label>${tr(lang, E.days)}<input type="number" id="backtest-days" min="1" max="${options.maxDays}" value="${options.days}"></label>
<button type="button" class="primary" id="backtest-run" hidden>${tr(lang, E.runBacktest)}</button></div>
<div id="backtest-result" aria-live="polite"></div>
</section>`;
}
