import { capitalised, term, terms, type VocabularyGroup } from '../../vocabulary/index.js';
import { html, type SafeHtml } from './html.js';
import type { Lang } from './i18n.js';

export { capitalised, term, terms };

/** A code shown as a coloured badge with its word in the reader's language (the class keeps the colour). */
export function badge(lang: Lang, group: VocabularyGroup, code: string): SafeHtml {
  return html`<span class="badge ${code}">${term(lang, group, code)}</span>`;
}

/** `<option value="code">word</option>` for each code, the selected one marked: filters send codes, show words. */
export function options(lang: Lang, group: VocabularyGroup, codes: readonly string[], selected: string | null | undefined): SafeHtml {
  return html`${codes.map((code) => html`<option value="${code}"${code === selected ? html` selected` : ''}>${capitalised(term(lang, group, code))}</option>`)}`;
}
