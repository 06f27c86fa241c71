import type { FastifyInstance } from 'fastify';
import { buildCaseRecordFiles, caseNumberOf } from '../../records/index.js';
import { MAX_SECRECY_MARKING_CHARS, releaseCase, setSecrecyMarking, ThreatCaseReviewError, type CaseDetail } from '../../threat-cases/index.js';
import { html, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { csrfField, type PageContext } from '../views/layout.js';
import { currentUser, type Web } from '../web.js';

const T = {
  record: { sv: 'Diarieföring', en: 'Registration' },
  caseNumber: { sv: 'Ärendenummer', en: 'Case number' },
  marking: { sv: 'Sekretessmarkering', en: 'Secrecy marking' },
  noMarking: { sv: 'Ingen sekretessmarkering', en: 'No secrecy marking' },
  defaultMarking: { sv: 'standard från inställningarna', en: 'default from the settings' },
  setMarking: { sv: 'Spara markering', en: 'Save marking' },
  markingHint: { sv: 'Till exempel OSL 18 kap. 1 §. Tomt: inställningens standard.', en: 'For example OSL 18 kap. 1 §. Empty: the configured default.' },
  pdf: { sv: 'Ärendeakt (PDF)', en: 'Case record (PDF)' },
  json: { sv: 'Ärendepost (JSON)', en: 'Case record (JSON)' },
  released: { sv: 'Släppt av polisen', en: 'Released by the police' },
  release: { sv: 'Polisen har släppt ärendet', en: 'The police released the case' },
  releaseHint: {
    sv: 'Från och med nu räknas gallringsfristen för avslutade ärenden.',
    en: 'From now on, the retention period of closed cases counts.',
  },
  note: { sv: 'Anteckning', en: 'Note' },
} satisfies Record<string, Text>;

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } } as const;

/** The registration card of a case page: marking (shown always), record downloads, and the police release. */
export function recordCard(ctx: PageContext, detail: CaseDetail, defaultMarking: string | null): SafeHtml {
  const { lang } = ctx;
  const c = detail.case;
  const marking = c.secrecyMarking ?? defaultMarking;
  const canRelease = c.status === 'escalated' && c.policeReleasedAt === null;
  return html`<section class="card" id="record"><h2>${tr(lang, T.record)}</h2>
<dl class="facts"><dt>${tr(lang, T.caseNumber)}</dt><dd>${caseNumberOf(c.id)}</dd>
<dt>${tr(lang, T.marking)}</dt><dd><strong class="${marking ? 'secrecy' : 'muted'}">${marking ?? tr(lang, T.noMarking)}</strong>${marking && c.secrecyMarking === null ? html` <span class="small muted">(${tr(lang, T.defaultMarking)})</span>` : ''}</dd>
${c.policeReleasedAt ? html`<dt>${tr(lang, T.released)}</dt><dd>${formatDateTime(lang, c.policeReleasedAt)}</dd>` : ''}</dl>
<p><a href="/threats/${c.id}/record.pdf">${tr(lang, T.pdf)}</a> · <a href="/threats/${c.id}/record.json">${tr(lang, T.json)}</a></p>
<form method="post" action="/threats/${c.id}/secrecy">${csrfField(ctx)}<label>${tr(lang, T.marking)}<input name="marking" maxlength="${MAX_SECRECY_MARKING_CHARS}" value="${c.secrecyMarking ?? ''}"></label>
<p class="small muted">${tr(lang, T.markingHint)}</p><button type="submit">${tr(lang, T.setMarking)}</button></form>
${canRelease ? html`<form method="post" action="/threats/${c.id}/release">${csrfField(ctx)}<label>${tr(lang, T.note)}<input name="note" maxlength="2000"></label>
<p class="small muted">${tr(lang, T.releaseHint)}</p><button type="submit">${tr(lang, T.release)}</button></form>` : ''}
</section>`;
}

export function registerCaseRecordRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const options = (request: Parameters<typeof currentUser>[0]) => {
    const settings = web.app.config.privacy;
    return { actor: currentUser(request).username, now: web.app.now(), defaultMarking: settings.secrecyMarking, fontFile: settings.recordFontFile };
  };

  server.get<{ Params: { id: number } }>('/threats/:id/record.pdf', { config: { access: 'threats.read' }, schema: { params: idParams } }, async (request, reply) => {
    const { pdf } = await buildCaseRecordFiles(db, request.params.id, options(request));
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="case-${request.params.id}-record.pdf"`)
      .header('cache-control', 'no-store')
      .send(Buffer.from(pdf));
  });

  server.get<{ Params: { id: number } }>('/threats/:id/record.json', { config: { access: 'threats.read' }, schema: { params: idParams } }, async (request, reply) => {
    const { json } = await buildCaseRecordFiles(db, request.params.id, options(request));
    return reply
      .header('content-type', 'application/json; charset=utf-8')
      .header('content-disposition', `attachment; filename="case-${request.params.id}-record.json"`)
      .header('cache-control', 'no-store')
      .send(json);
  });

  server.post<{ Params: { id: number }; Body: { marking?: string } }>(
    '/threats/:id/secrecy',
    { config: { access: 'threats.write' }, schema: { params: idParams, body: { type: 'object', properties: { marking: { type: 'string', maxLength: MAX_SECRECY_MARKING_CHARS * 2 } } } } },
    async (request, reply) => {
      const marking = request.body.marking?.trim() ? request.body.marking : null;
      try {
        await setSecrecyMarking(db, request.params.id, { actor: currentUser(request).username, marking }, web.app.now());
      } catch (error) {
        if (!(error instanceof ThreatCaseReviewError)) throw error;
        return reply.code(400).type('text/plain; charset=utf-8').send(error.message);
      }
      return reply.redirect(`/threats/${request.params.id}?notice=reviewed#record`, 303);
    },
  );

  server.post<{ Params: { id: number }; Body: { note?: string } }>(
    '/threats/:id/release',
    { config: { access: 'threats.write' }, schema: { params: idParams, body: { type: 'object', properties: { note: { type: 'string', maxLength: 2000 } } } } },
    async (request, reply) => {
      try {
        await releaseCase(db, request.params.id, { actor: currentUser(request).username, ...(request.body.note?.trim() ? { note: request.body.note.trim() } : {}) }, web.app.now());
      } catch (error) {
        if (!(error instanceof ThreatCaseReviewError)) throw error;
        return reply.code(409).type('text/plain; charset=utf-8').send(error.message);
      }
      return reply.redirect(`/threats/${request.params.id}?notice=reviewed#record`, 303);
    },
  );
}
