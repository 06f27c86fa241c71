import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type App } from '../../app/index.js';
import { createMailTransport, messageIdFor, renderEmail } from '../../mail/index.js';
import { findLink, getReport, normalizeEmail, normalizeReference, OcrProbe, reporterOf, requestCode, verifyCode, type TiplineLink } from '../../tipline/index.js';
import { recordAudit } from '../../users/index.js';
import { sendError } from '../errors.js';
import { html, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Lang, type Text } from '../views/i18n.js';
import { page } from '../views/layout.js';
import { pageContext, sendHtml, type Web } from '../web.js';
import { acceptMultipart, field, type MultipartBody } from './multipart.js';
import { receipt, reportForm, T as FORM, whatHappens } from './report-form.js';
import { intakeToken, reportBodyLimit, submitReport } from './report-routes.js';

const T = {
  emailIntro: { sv: 'Ange din jobbmejl. Du får en engångskod som visar att du arbetar här; inget konto behövs.', en: 'Enter your work email. You will get a one-time code that shows you work here; no account is needed.' },
  email: { sv: 'Jobbmejl', en: 'Work email' },
  sendCode: { sv: 'Skicka kod', en: 'Send code' },
  codeSent: { sv: 'Vi har skickat en sexsiffrig kod till {email}. Den gäller i {minutes} minuter.', en: 'We sent a six-digit code to {email}. It is valid for {minutes} minutes.' },
  code: { sv: 'Kod', en: 'Code' },
  verify: { sv: 'Fortsätt', en: 'Continue' },
  notAllowed: { sv: 'Adressen hör inte till organisationen. Använd din jobbmejl ({domains}).', en: 'The address does not belong to the organisation. Use your work email ({domains}).' },
  badEmail: { sv: 'Skriv en giltig e-postadress.', en: 'Enter a valid email address.' },
  limited: { sv: 'För många försök. Försök igen om {minutes} minuter.', en: 'Too many attempts. Try again in {minutes} minutes.' },
  wrong: { sv: 'Fel kod. Kontrollera och försök igen.', en: 'Wrong code. Check it and try again.' },
  expired: { sv: 'Koden har gått ut eller använts för många gånger. Be om en ny.', en: 'The code has expired or was tried too often. Ask for a new one.' },
  mailFailed: { sv: 'Koden kunde inte skickas just nu. Försök igen om en stund.', en: 'The code could not be sent right now. Try again in a while.' },
  signedInAs: { sv: 'Du rapporterar som {email}.', en: 'You are reporting as {email}.' },
  subject: { sv: 'Din kod för att rapportera till Vaksam: {code}', en: 'Your code for reporting to Vaksam: {code}' },
  mailText: { sv: 'Koden gäller i {minutes} minuter. Har du inte bett om den kan du bortse från detta mejl.', en: 'The code is valid for {minutes} minutes. If you did not ask for it, ignore this email.' },
} satisfies Record<string, Text>;

const tokenParams = { type: 'object', required: ['token'], properties: { token: { type: 'string', maxLength: 64 } } } as const;
type LinkRequest = FastifyRequest<{ Params: { token: string } }>;

/** The reporter cookie of secret links (host-only and Secure like the session cookie when cookies are secure). */
function reporterCookie(web: Web): string {
  return web.cookies.secure ? '__Host-vaksam-tipline' : 'vaksam-tipline';
}

async function mailCode(app: App, to: string, code: string, lang: Lang, minutes: number): Promise<void> {
  const now = app.now();
  const content = renderEmail({
    lang,
    subject: tr(lang, T.subject, { code }),
    preheader: tr(lang, T.mailText, { minutes }),
    blocks: [
      { kind: 'title', tone: 'info', text: code },
      { kind: 'paragraph', text: `${tr('sv', T.mailText, { minutes })}\n${tr('en', T.mailText, { minutes })}` },
      { kind: 'footer', text: 'Vaksam' },
    ],
  });
  const transport = createMailTransport(app.config.mail);
  try {
    await transport.send({ from: app.config.mail.from, to, messageId: messageIdFor(`tipline-code:${now.toISOString()}:${randomBytes(4).toString('hex')}`, to, app.config.mail.from), date: now, subject: content.subject, html: content.html, text: content.text, headers: content.headers, attachments: [] });
  } finally {
    transport.close();
  }
}

/**
 * Secret links for staff without an account: a one-time code to a work address of the organisation proves who
 * reports; the report form is the same as signed-in staff use. Forms carry the pre-session double-submit token
 * (as sign-in does) and an Origin check; requests are rate-limited per address and per client.
 */
export function registerLinkRoutes(server: FastifyInstance, web: Web): void {
  const app = web.app;
  const db = app.database.db;
  const settings = app.config.tipline;
  const probe = new OcrProbe(settings.ocr);

  /** The pre-session token forms send back; an existing one is reused so an open sign-in tab keeps working. */
  const formToken = (request: FastifyRequest, reply: FastifyReply): string => {
    const existing = request.cookies[web.cookies.login];
    const token = existing && /^[A-Za-z0-9_-]{32}$/.test(existing) ? existing : randomBytes(24).toString('base64url');
    reply.setCookie(web.cookies.login, token, { path: '/', httpOnly: true, secure: web.cookies.secure, sameSite: 'strict', maxAge: 3600 });
    return token;
  };

  const render = (request: FastifyRequest, reply: FastifyReply, link: TiplineLink, body: SafeHtml, status = 200) => {
    const ctx = pageContext(web, request);
    return sendHtml(reply, page(ctx, { title: `${tr(ctx.lang, FORM.title)} · ${link.name}`, body }), status);
  };

  const emailForm = (request: LinkRequest, reply: FastifyReply, link: TiplineLink, options: { error?: string; email?: string } = {}, status = 200) => {
    const lang = request.lang;
    return render(request, reply, link, html`<p>${tr(lang, T.emailIntro)}</p>${options.error ? html`<p class="error" role="alert">${options.error}</p>` : ''}
<form method="post" action="/r/${request.params.token}/code" class="card narrow"><input type="hidden" name="_csrf" value="${formToken(request, reply)}">
<label>${tr(lang, T.email)}<input name="email" type="email" autocomplete="email" required maxlength="254" value="${options.email ?? ''}"></label>
<button type="submit" class="primary">${tr(lang, T.sendCode)}</button></form>${whatHappens(lang)}`, status);
  };

  const codeForm = (request: LinkRequest, reply: FastifyReply, link: TiplineLink, email: string, error?: string, status = 200) => {
    const lang = request.lang;
    return render(request, reply, link, html`<p role="status">${tr(lang, T.codeSent, { email, minutes: settings.link.codeMinutes })}</p>${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/r/${request.params.token}/verify" class="card narrow"><input type="hidden" name="_csrf" value="${formToken(request, reply)}"><input type="hidden" name="email" value="${email}">
<label>${tr(lang, T.code)}<input name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required maxlength="7"></label>
<button type="submit" class="primary">${tr(lang, T.verify)}</button></form>`, status);
  };

  const reportPage = async (request: LinkRequest, reply: FastifyReply, link: TiplineLink, email: string, options: { error?: string; values?: Record<string, string> } = {}, status = 200) => {
    const lang = request.lang;
    const availability = await probe.get(app.now().getTime());
    const form = reportForm(lang, { action: `/r/${request.params.token}/report`, hidden: { _csrf: formToken(request, reply), intake: intakeToken() }, ocrAvailable: availability.available, maxScreenshots: settings.screenshots.maxPerReport, ...options });
    return render(request, reply, link, html`<p class="small muted">${tr(lang, T.signedInAs, { email })}</p>${form}`, status);
  };

  const linkOf = async (request: LinkRequest, reply: FastifyReply): Promise<TiplineLink | null> => {
    const link = await findLink(db, request.params.token);
    if (!link) sendError(request, reply, 404, 'NOT_FOUND', 'this link does not work (any more); ask your security coordinator for the current one');
    return link;
  };

  server.get<{ Params: { token: string } }>('/r/:token', { config: { access: 'public' }, schema: { params: tokenParams } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link) return reply;
    const reporter = await reporterOf(db, link, request.cookies[reporterCookie(web)], app.now());
    return reporter ? reportPage(request, reply, link, reporter.email) : emailForm(request, reply, link);
  });

  server.post<{ Params: { token: string }; Body: { email?: string } }>('/r/:token/code', { config: { access: 'public', csrf: 'login' }, schema: { params: tokenParams } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link) return reply;
    const email = normalizeEmail(field(request.body, 'email'));
    if (!email) return emailForm(request, reply, link, { error: tr(request.lang, T.badEmail) }, 400);
    const outcome = await requestCode(db, link, email, request.ip, settings.link, app.now());
    if (outcome.kind === 'not-allowed') return emailForm(request, reply, link, { error: tr(request.lang, T.notAllowed, { domains: link.allowedDomains.join(', ') }), email }, 400);
    if (outcome.kind === 'limited') {
      reply.header('retry-after', String(outcome.retryAfterSeconds));
      return emailForm(request, reply, link, { error: tr(request.lang, T.limited, { minutes: Math.ceil(outcome.retryAfterSeconds / 60) }), email }, 429);
    }
    try {
      await mailCode(app, email, outcome.code, request.lang, settings.link.codeMinutes);
    } catch (error) {
      app.log.warn({ linkId: link.id, err: (error as Error).message }, 'could not send a tipline code');
      return emailForm(request, reply, link, { error: tr(request.lang, T.mailFailed), email }, 503);
    }
    return codeForm(request, reply, link, email);
  });

  server.post<{ Params: { token: string }; Body: { email?: string; code?: string } }>('/r/:token/verify', { config: { access: 'public', csrf: 'login' }, schema: { params: tokenParams } }, async (request, reply) => {
    const link = await linkOf(request, reply);
    if (!link) return reply;
    const email = normalizeEmail(field(request.body, 'email'));
    if (!email) return emailForm(request, reply, link, { error: tr(request.lang, T.badEmail) }, 400);
    const check = await verifyCode(db, link, email, field(request.body, 'code'), settings.link, app.now());
    if (check.kind === 'wrong') return codeForm(request, reply, link, email, tr(request.lang, T.wrong), 400);
    if (check.kind === 'expired') return emailForm(request, reply, link, { error: tr(request.lang, T.expired), email }, 400);
    await recordAudit(db, { at: app.now(), actor: `link:${link.id}`, action: 'tipline.link.verified', subject: `tipline-link:${link.id}` });
    // Lax, like the session cookie: opening the link again from an email still finds the verified address.
    reply.setCookie(reporterCookie(web), check.sessionId, { path: '/', httpOnly: true, secure: web.cookies.secure, sameSite: 'lax', maxAge: settings.link.sessionMinutes * 60 });
    return reply.redirect(`/r/${request.params.token}`, 303);
  });

  server.register(async (scope) => {
    acceptMultipart(scope, reportBodyLimit(settings));
    scope.post<{ Params: { token: string }; Body: MultipartBody }>('/r/:token/report', { config: { access: 'public', csrf: 'login' }, bodyLimit: reportBodyLimit(settings), schema: { params: tokenParams } }, async (request, reply) => {
      const link = await linkOf(request, reply);
      if (!link) return reply;
      const reporter = await reporterOf(db, link, request.cookies[reporterCookie(web)], app.now());
      if (!reporter) return emailForm(request, reply, link, {}, 401);
      const intake = field(request.body, 'intake');
      const outcome = await submitReport(
        app,
        request.body,
        { channel: 'link', intakeKey: `link:${reporter.sessionHash}:${/^[A-Za-z0-9_-]{8,64}$/.test(intake) ? intake : intakeToken()}`, reporter: { email: reporter.email }, linkId: link.id, actor: `link:${link.id}` },
        request.ip,
      );
      if ('reference' in outcome) return reply.redirect(`/r/${request.params.token}/receipt/${outcome.reference}`, 303);
      if (outcome.retryAfterSeconds) reply.header('retry-after', String(outcome.retryAfterSeconds));
      return reportPage(request, reply, link, reporter.email, { error: outcome.message, values: { url: field(request.body, 'url'), text: field(request.body, 'text'), concerns: field(request.body, 'concerns') } }, outcome.status);
    });
  });

  server.get<{ Params: { token: string; reference: string } }>(
    '/r/:token/receipt/:reference',
    { config: { access: 'public' }, schema: { params: { ...tokenParams, required: ['token', 'reference'], properties: { ...tokenParams.properties, reference: { type: 'string', maxLength: 20 } } } } },
    async (request, reply) => {
      const link = await linkOf(request, reply);
      if (!link) return reply;
      const reporter = await reporterOf(db, link, request.cookies[reporterCookie(web)], app.now());
      const reference = normalizeReference(request.params.reference);
      const detail = reporter && reference ? await getReport(db, { reference }).catch(() => null) : null;
      if (!detail || detail.report.reporterEmail !== reporter?.email || detail.report.linkId !== link.id) return sendError(request, reply, 404, 'NOT_FOUND', 'no such report');
      const lang = request.lang;
      return render(request, reply, link, html`<h2>${tr(lang, FORM.receiptTitle)}</h2>${receipt(lang, detail.report, formatDateTime(lang, detail.report.receivedAt), `/r/${request.params.token}`)}`);
    },
  );
}
