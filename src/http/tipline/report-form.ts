import type { ReportConcerns } from '../../db/schema/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { tr, type Lang, type Text } from '../views/i18n.js';

export const T = {
  title: { sv: 'Rapportera inlägg', en: 'Report a post' },
  intro: {
    sv: 'Har du sett ett inlägg som hotar dig, en kollega eller kontoret, eller sprider falska påståenden om socialtjänsten? Skicka länken, texten eller en skärmbild. Allt går att skicka från telefonen.',
    en: 'Have you seen a post that threatens you, a colleague or the office, or spreads false claims about social services? Send the link, the text or a screenshot. Everything works from a phone.',
  },
  url: { sv: 'Länk till inlägget', en: 'Link to the post' },
  urlHelp: { sv: 'Om du har en. Slutna grupper och appar går bra: skicka då en skärmbild.', en: 'If you have one. Closed groups and apps are fine: send a screenshot instead.' },
  text: { sv: 'Inläggets text eller vad som hänt', en: "The post's text, or what happened" },
  screenshots: { sv: 'Skärmbilder (PNG, JPEG eller WebP)', en: 'Screenshots (PNG, JPEG or WebP)' },
  concerns: { sv: 'Det gäller', en: 'It concerns' },
  send: { sv: 'Skicka rapporten', en: 'Send the report' },
  ocrMissing: {
    sv: 'Text i skärmbilder kan inte läsas automatiskt just nu (OCR är inte installerat). Skriv gärna av det viktigaste i textfältet.',
    en: 'Text in screenshots cannot be read automatically right now (OCR is not installed). Please type the key words into the text field.',
  },
  whatHappens: { sv: 'Vad händer med din rapport?', en: 'What happens with your report?' },
  whatHappensText: {
    sv: 'Rapporten går till säkerhetsfunktionen (säkerhetssamordnare). Länken hämtas och arkiveras om webbplatsen tillåter det, text i skärmbilder läses automatiskt och allt bedöms för hot och falska påståenden på samma sätt som inlägg Vaksam samlar in. Ett allvarligt hot larmas direkt till säkerhetssamordnaren. Platsuppgifter och annan metadata tas bort ur bilderna innan de sparas. Ditt namn och din e-post visas bara för säkerhetsfunktionen, aldrig för andra användare. Rapporten sparas lika länge som hotärendet den hör till: så länge ärendet är öppet eller polisanmält; avfärdas ärendet rensas texter, bilder och dina uppgifter efter den inställda tiden.',
    en: 'The report goes to the security function (security coordinators). The link is fetched and archived when the site allows it, text in screenshots is read automatically, and everything is assessed for threats and false claims like the posts Vaksam collects. A serious threat alerts the security coordinator at once. Location and other metadata are removed from the images before they are stored. Your name and email are shown to the security function only, never to other users. The report is kept as long as the threat case it belongs to: while the case is open or reported to the police; if the case is dismissed, texts, images and your details are removed after the set period.',
  },
  emergency: { sv: 'Vid akut fara: ring 112.', en: 'In an emergency: call 112.' },
  receiptTitle: { sv: 'Tack, rapporten är mottagen', en: 'Thank you, the report was received' },
  receiptText: { sv: 'Spara referensnumret. Ange det om du kontaktar säkerhetsfunktionen om rapporten.', en: 'Keep the reference number. Give it if you contact the security function about the report.' },
  reference: { sv: 'Referensnummer', en: 'Reference number' },
  received: { sv: 'Mottagen', en: 'Received' },
  another: { sv: 'Rapportera ett inlägg till', en: 'Report another post' },
} satisfies Record<string, Text>;

export const CONCERN_NAMES: Record<ReportConcerns, Text> = {
  me: { sv: 'mig', en: 'me' },
  colleague: { sv: 'en kollega', en: 'a colleague' },
  office: { sv: 'kontoret eller verksamheten', en: 'the office or the service' },
  unspecified: { sv: 'inte angivet', en: 'not given' },
};

export interface ReportFormOptions {
  action: string;
  /** The hidden fields every form of this kind carries (CSRF token, one-time intake token). */
  hidden: Record<string, string>;
  ocrAvailable: boolean;
  maxScreenshots: number;
  error?: string;
  values?: { url?: string; text?: string; concerns?: string };
}

/** The report form, the same for signed-in staff and secret-link reporters; works without JavaScript. */
export function reportForm(lang: Lang, options: ReportFormOptions): SafeHtml {
  const values = options.values ?? {};
  const concerns = values.concerns || 'me';
  return html`<p>${tr(lang, T.intro)}</p>
${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="${options.action}" enctype="multipart/form-data" class="card report-form">
${Object.entries(options.hidden).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<label>${tr(lang, T.url)}<input name="url" type="text" inputmode="url" autocomplete="url" maxlength="2048" value="${values.url ?? ''}" placeholder="https://"><span class="small muted">${tr(lang, T.urlHelp)}</span></label>
<label>${tr(lang, T.text)}<textarea name="text" rows="5" maxlength="20000" dir="auto">${values.text ?? ''}</textarea></label>
<label>${tr(lang, T.screenshots)}<input name="screenshots" type="file" accept="image/png,image/jpeg,image/webp" multiple data-max-files="${options.maxScreenshots}"></label>
${options.ocrAvailable ? '' : html`<p class="notice" role="status">${tr(lang, T.ocrMissing)}</p>`}
<fieldset><legend>${tr(lang, T.concerns)}</legend>
${(['me', 'colleague', 'office'] as const).map((c) => html`<label class="choice"><input type="radio" name="concerns" value="${c}"${c === concerns ? html` checked` : ''}> ${tr(lang, CONCERN_NAMES[c])}</label>`)}
</fieldset>
<button type="submit" class="primary">${tr(lang, T.send)}</button>
</form>
${whatHappens(lang)}`;
}

export function whatHappens(lang: Lang): SafeHtml {
  return html`<section class="card"><h2>${tr(lang, T.whatHappens)}</h2><p>${tr(lang, T.whatHappensText)}</p><p><strong>${tr(lang, T.emergency)}</strong></p></section>`;
}

export function receipt(lang: Lang, report: { reference: string; receivedAt: Date }, receivedText: string, againHref: string): SafeHtml {
  return html`<section class="card receipt" aria-live="polite">
<p>${tr(lang, T.receiptText)}</p>
<dl class="facts"><dt>${tr(lang, T.reference)}</dt><dd><strong class="reference" data-reference>${report.reference}</strong></dd><dt>${tr(lang, T.received)}</dt><dd>${receivedText}</dd></dl>
</section>
${whatHappens(lang)}
<p><a class="button" href="${againHref}">${tr(lang, T.another)}</a></p>`;
}
