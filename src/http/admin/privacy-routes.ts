import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  erasePerson,
  findPerson,
  loadPseudonymKey,
  privacyReport,
  PrivacyRequestError,
  retentionTotals,
  type EraseOutcome,
  type PersonRecord,
  type RetentionTotal,
} from '../../privacy/index.js';
import { html, pathWithQuery, type SafeHtml } from '../views/html.js';
import { formatDateTime, tr, type Text } from '../views/i18n.js';
import { csrfField, page, type PageContext } from '../views/layout.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { PRIVACY_TEXT as T, RULE_NAMES } from './privacy-text.js';

const personFields = { author: { type: 'string', maxLength: 300 }, platform: { type: 'string', maxLength: 60 } } as const;
type PersonInput = { author?: string; platform?: string };

export function registerPrivacyRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const by = (request: FastifyRequest) => ({ actor: currentUser(request).username, now: web.app.now() });
  const query = (input: PersonInput) => ({ handle: input.author ?? '', ...(input.platform?.trim() ? { platform: input.platform.trim() } : {}) });

  server.get<{ Querystring: PersonInput }>('/privacy', { config: { access: 'privacy.manage' }, schema: { querystring: { type: 'object', properties: personFields } } }, async (request, reply) => {
    const ctx = pageContext(web, request);
    const totals = await retentionTotals(db);
    if (!request.query.author?.trim()) return sendHtml(reply, privacyPage(ctx, web, totals, request.query, null));
    try {
      const record = await findPerson(db, await loadPseudonymKey(web.app.config), query(request.query), { ...by(request), action: 'privacy.find' });
      return sendHtml(reply, privacyPage(ctx, web, totals, request.query, { record }));
    } catch (error) {
      if (!(error instanceof PrivacyRequestError)) throw error;
      return sendHtml(reply, privacyPage(ctx, web, totals, request.query, { error: error.message }), 400);
    }
  });

  server.get<{ Querystring: PersonInput }>('/privacy/export', { config: { access: 'privacy.manage' }, schema: { querystring: { type: 'object', required: ['author'], properties: personFields } } }, async (request, reply) => {
    try {
      const record = await findPerson(db, await loadPseudonymKey(web.app.config), query(request.query), { ...by(request), action: 'privacy.export' });
      return reply.header('content-type', 'application/json; charset=utf-8').header('content-disposition', 'attachment; filename="registerutdrag.json"').header('cache-control', 'no-store').send(`${JSON.stringify(record, null, 2)}\n`);
    } catch (error) {
      if (!(error instanceof PrivacyRequestError)) throw error;
      return reply.code(400).type('text/plain; charset=utf-8').send(error.message);
    }
  });

  server.post<{ Body: PersonInput & { confirm?: string } }>(
    '/privacy/erase',
    { config: { access: 'privacy.manage' }, schema: { body: { type: 'object', required: ['author'], properties: { ...personFields, confirm: { type: 'string', maxLength: 10 } } } } },
    async (request, reply) => {
      const ctx = pageContext(web, request);
      const totals = await retentionTotals(db);
      if (request.body.confirm !== 'yes') return sendHtml(reply, privacyPage(ctx, web, totals, request.body, { error: tr(ctx.lang, T.confirmNeeded) }), 400);
      try {
        const erased = await erasePerson(db, await loadPseudonymKey(web.app.config), query(request.body), by(request));
        return sendHtml(reply, privacyPage(ctx, web, totals, request.body, { erased }));
      } catch (error) {
        if (!(error instanceof PrivacyRequestError)) throw error;
        return sendHtml(reply, privacyPage(ctx, web, totals, request.body, { error: error.message }), 400);
      }
    },
  );
}

type Outcome = { record?: PersonRecord; erased?: EraseOutcome; error?: string } | null;

function privacyPage(ctx: PageContext, web: Web, totals: RetentionTotal[], input: PersonInput, outcome: Outcome): SafeHtml {
  const { lang } = ctx;
  const report = privacyReport(web.app.config, lang === 'sv' ? 'sv' : 'en');
  const body = html`<section class="card"><h2>${tr(lang, T.request)}</h2>
<form method="get" action="/privacy" class="filters"><label>${tr(lang, T.handle)}<input name="author" value="${input.author ?? ''}" required maxlength="200"></label>
<label>${tr(lang, T.platform)}<input name="platform" value="${input.platform ?? ''}" maxlength="40" placeholder="mastodon"></label><button type="submit">${tr(lang, T.find)}</button></form>
${outcome?.error ? html`<p class="error" role="alert">${outcome.error}</p>` : ''}
${outcome?.record ? personSection(ctx, outcome.record, input) : ''}
${outcome?.erased ? erasedSection(ctx, outcome.erased) : ''}</section>
<section class="card"><h2>${tr(lang, T.retention)}</h2><table class="cards"><thead><tr><th>${tr(lang, T.rule)}</th><th class="num">${tr(lang, T.lastRun)}</th><th class="num">${tr(lang, T.total)}</th><th>${tr(lang, T.when)}</th></tr></thead>
<tbody>${totals.map((t) => html`<tr><td data-label="${tr(lang, T.rule)}">${tr(lang, RULE_NAMES[t.rule])}</td><td class="num" data-label="${tr(lang, T.lastRun)}">${t.lastCount}</td><td class="num" data-label="${tr(lang, T.total)}">${t.total}</td><td data-label="${tr(lang, T.when)}">${t.lastRunAt ? formatDateTime(lang, t.lastRunAt) : tr(lang, T.never)}</td></tr>`)}</tbody></table></section>
<section class="card"><h2>${tr(lang, T.processing)}</h2>
<dl class="facts"><dt>${tr(lang, T.controller)}</dt><dd>${report.controller}</dd><dt>${tr(lang, T.contact)}</dt><dd>${report.contact}</dd><dt>${tr(lang, T.storage)}</dt><dd>${report.storage}</dd></dl>
<table class="cards"><thead><tr><th>${tr(lang, T.data)}</th><th>${tr(lang, T.purpose)}</th><th>${tr(lang, T.period)}</th><th>${tr(lang, T.setting)}</th></tr></thead>
<tbody>${report.rows.map((r) => html`<tr><td data-label="${tr(lang, T.data)}">${r.data}</td><td data-label="${tr(lang, T.purpose)}">${r.purpose}</td><td data-label="${tr(lang, T.period)}">${r.retention}</td><td data-label="${tr(lang, T.setting)}"><code>${r.key}</code></td></tr>`)}</tbody></table></section>`;
  return page(ctx, { title: tr(lang, T.title), active: '/privacy', body });
}

function personSection(ctx: PageContext, record: PersonRecord, input: PersonInput): SafeHtml {
  const { lang } = ctx;
  const count = (label: Text, n: number) => html`<li>${tr(lang, label)}: ${n}</li>`;
  return html`<h3>${record.query.handle}</h3><ul>${count(T.posts, record.posts.length)}${count(T.cases, record.cases.length)}${count(T.watchlist, record.watchlistHits.length)}${count(T.reports, record.reports.length)}${count(T.mentions, record.mentions.length)}${count(T.alerts, record.alerts.length)}${count(T.quarantined, record.quarantined.length)}${count(T.missedThreats, record.missedThreats.length)}</ul>
${record.truncated ? html`<p class="muted">${tr(lang, T.truncated)}</p>` : ''}
${record.posts.length > 0 ? html`<ul class="small">${record.posts.slice(0, 50).map((p) => html`<li><a href="/posts/${p.id}">${p.platform} · ${formatDateTime(lang, new Date(p.fetchedAt))}</a> <span dir="auto">${p.text.slice(0, 140)}</span></li>`)}</ul>` : ''}
${record.cases.filter((c) => c.heldForPolice).map((c) => html`<p class="warning">${tr(lang, T.held, { id: c.caseId, ref: c.policeRef ?? '' })}</p>`)}
<p><a href="${pathWithQuery('/privacy/export', { author: input.author ?? '', platform: input.platform ?? '' })}">${tr(lang, T.export)}</a></p>
<form method="post" action="/privacy/erase">${csrfField(ctx)}<input type="hidden" name="author" value="${input.author ?? ''}"><input type="hidden" name="platform" value="${input.platform ?? ''}">
<label><input type="checkbox" name="confirm" value="yes" required> ${tr(lang, T.confirm)}</label><button type="submit" class="danger">${tr(lang, T.erase)}</button></form>`;
}

function erasedSection(ctx: PageContext, erased: EraseOutcome): SafeHtml {
  const { lang } = ctx;
  return html`<p role="status">${tr(lang, T.erased, { posts: erased.postsRemoved, entries: erased.caseEntriesAnonymised, reports: erased.reportsScrubbed, mentions: erased.mentionsScrubbed, alerts: erased.alertsScrubbed })}</p>
${erased.kept.map((k) => html`<p class="warning">${tr(lang, T.kept, { n: k.posts, id: k.caseId, ref: k.policeRef })}</p>`)}`;
}
