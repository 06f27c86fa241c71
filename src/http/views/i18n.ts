export type Lang = 'sv' | 'en';

/** One UI text in both languages; kept beside the view that shows it. */
export interface Text {
  sv: string;
  en: string;
}

/** The text in `lang`, with `{name}` placeholders filled in. */
export function tr(lang: Lang, text: Text, vars: Record<string, string | number> = {}): string {
  return text[lang].replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function isLang(value: unknown): value is Lang {
  return value === 'sv' || value === 'en';
}

/** The language cookie wins; else the first of sv/en in Accept-Language; else Swedish. */
export function pickLang(cookie: string | undefined, acceptLanguage: string | undefined): Lang {
  if (isLang(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', q] = part.trim().split(';q=');
      return { tag: tag.toLowerCase(), q: q === undefined ? 1 : Number(q) || 0 };
    })
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0];
    if (isLang(base)) return base;
  }
  return 'sv';
}

const LOCALES: Record<Lang, string> = { sv: 'sv-SE', en: 'en-GB' };

/** Date and time in Swedish time, the zone of every user of the product. */
export function formatDateTime(lang: Lang, date: Date | null | undefined): string {
  if (!date) return '–';
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'short', timeStyle: 'short', timeZone: 'Europe/Stockholm' }).format(date);
}

export function formatDay(lang: Lang, date: Date): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { month: 'short', day: 'numeric', timeZone: 'Europe/Stockholm' }).format(date);
}

export function formatNumber(lang: Lang, n: number): string {
  return new Intl.NumberFormat(LOCALES[lang]).format(n);
}
