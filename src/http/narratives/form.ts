import { EXEMPLAR_LANGS, RULE_LANGS, validateNarrative, type Narrative } from '../../catalogue/index.js';

/**
 * The narrative editor posts flat fields (`title.sv`, `rules.sv.positive.0.query`, `exemplars.ar` with one
 * exemplar per line). This turns them into a narrative definition and validates it like a YAML file; the page's
 * script builds the same definition in the browser for the live backtest, so both paths agree.
 */
export function narrativeFromForm(slug: string, fields: Readonly<Record<string, unknown>>): Narrative {
  return validateNarrative(draftFromForm(slug, fields), `narrative ${slug}`);
}

/** The definition as typed, before validation: shown again in the form when it has problems. */
export function draftFromForm(slug: string, fields: Readonly<Record<string, unknown>>): Narrative {
  const text = (name: string) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  const definition: Record<string, unknown> = {
    slug,
    title: { sv: text('title.sv'), en: text('title.en') },
    description: text('description'),
    severity: text('severity'),
    enabled: fields.enabled === 'on' || fields.enabled === 'true',
    threshold: text('threshold').trim() === '' ? undefined : toNumber(text('threshold')),
    counterFacts: { sv: text('counterFacts.sv'), en: text('counterFacts.en'), ar: text('counterFacts.ar') },
    rules: rulesFromFields(fields),
    exemplars: Object.fromEntries(EXEMPLAR_LANGS.map((lang) => [lang, splitLines(text(`exemplars.${lang}`))])),
  };
  return definition as unknown as Narrative;
}

function rulesFromFields(fields: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const found = new Map<string, { lang: string; kind: string; index: number; id: string; query: string; weight: string }>();
  for (const [name, value] of Object.entries(fields)) {
    const match = /^rules\.(sv|ar|en|any)\.(positive|negative)\.(\d{1,4})\.(id|query|weight)$/.exec(name);
    if (!match || typeof value !== 'string') continue;
    const [, lang, kind, index, part] = match as unknown as [string, string, string, string, 'id' | 'query' | 'weight'];
    const key = `${lang}.${kind}.${index}`;
    const rule = found.get(key) ?? { lang, kind, index: Number(index), id: '', query: '', weight: '' };
    rule[part] = value.trim();
    found.set(key, rule);
  }
  const rules: Record<string, { positive: unknown[]; negative: unknown[] }> = {};
  const ordered = [...found.values()].sort((a, b) => a.index - b.index);
  for (const lang of RULE_LANGS) {
    for (const kind of ['positive', 'negative'] as const) {
      // A row left empty is the "add a rule" row of the form, not a rule.
      const list = ordered.filter((r) => r.lang === lang && r.kind === kind && (r.id !== '' || r.query !== ''));
      if (list.length === 0) continue;
      rules[lang] ??= { positive: [], negative: [] };
      rules[lang][kind] = list.map((r) => (r.weight === '' ? { id: r.id, query: r.query } : { id: r.id, query: r.query, weight: toNumber(r.weight) }));
    }
  }
  return rules;
}

function splitLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** A number, or the raw text so validation reports "expected number" at the right field. */
function toNumber(value: string): number | string {
  const n = Number(value.replace(',', '.'));
  return value.trim() !== '' && Number.isFinite(n) ? n : value;
}
