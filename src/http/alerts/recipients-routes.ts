import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deliverWaitingAlerts, RecipientInputError, recipientFromInput, ROLES, type RecipientInput } from '../../alerts/index.js';
import { alertDepsFromApp } from '../../app/index.js';
import { waitingAlertCounts } from '../../db/queries/index.js';
import { deleteRecipient, insertRecipient, listRecipients } from '../../db/queries/index.js';
import { VaksamError } from '../../errors/index.js';
import { recordAudit } from '../../users/index.js';
import { narrativeTitles } from '../narratives/titles.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { recipientsPage } from './recipients-view.js';

const FIELDS = ['name', 'email', 'language', 'region', 'narratives', 'minThreat', 'quiet', 'phone', 'role-communications', 'role-security', 'role-admin', 'channel-email', 'channel-sms'];
const formSchema = { type: 'object', required: ['name', 'email'], properties: Object.fromEntries(FIELDS.map((k) => [k, { type: 'string', maxLength: 1000 }])) } as const;
type RecipientForm = Partial<Record<(typeof FIELDS)[number], string>> & { name: string; email: string };

/** The web form has a checkbox per role and channel; the rules are those of `vaksam recipients add`. */
function formInput(form: RecipientForm): RecipientInput {
  const checked = (prefix: string, names: readonly string[]) => names.filter((n) => form[`${prefix}-${n}`] !== undefined).join(',');
  return { ...form, roles: checked('role', ROLES), channels: checked('channel', ['email', 'sms']) || 'email' };
}

export function registerRecipientRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const waitingSince = () => new Date(web.app.now().getTime() - Math.max(...Object.values(web.app.config.alerts.waitingHours)) * 3_600_000);
  const show = async (request: FastifyRequest, reply: FastifyReply, options: { notice?: string; error?: string; delivered?: number }, status = 200) => {
    const [rows, titles, waiting] = await Promise.all([listRecipients(db), narrativeTitles(db), waitingAlertCounts(db, waitingSince())]);
    return sendHtml(reply, recipientsPage(pageContext(web, request), { rows, titles, waiting, waitingHours: web.app.config.alerts.waitingHours, ...options }), status);
  };

  server.get<{ Querystring: { notice?: string; delivered?: number } }>(
    '/recipients',
    { config: { access: 'recipients.manage' }, schema: { querystring: { type: 'object', properties: { notice: { type: 'string' }, delivered: { type: 'integer', minimum: 0, maximum: 100_000 } } } } },
    async (request, reply) => show(request, reply, { notice: request.query.notice, delivered: request.query.delivered }),
  );

  server.post<{ Body: RecipientForm }>('/recipients', { config: { access: 'recipients.manage' }, schema: { body: formSchema } }, async (request, reply) => {
    try {
      const row = recipientFromInput(formInput(request.body));
      const stored = await insertRecipient(db, row, web.app.now());
      if (!stored) return show(request, reply, { error: `a recipient with the address ${row.email} already exists` }, 409);
      await recordAudit(db, { actor: currentUser(request).username, action: 'recipient.create', subject: `recipient:${stored.id}`, details: { roles: stored.roles, channels: stored.channels }, at: web.app.now() });
      // First run: alerts that reached nobody go to the person just added (within their waiting time).
      const delivered = await deliverWaitingAlerts(alertDepsFromApp(web.app), { ...row, id: stored.id });
      return reply.redirect(`/recipients?notice=added${delivered.length > 0 ? `&delivered=${delivered.length}` : ''}`, 303);
    } catch (error) {
      if (error instanceof RecipientInputError) return show(request, reply, { error: error.message }, 400);
      throw error;
    }
  });

  server.post<{ Params: { id: number } }>(
    '/recipients/:id/delete',
    { config: { access: 'recipients.manage' }, schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } },
    async (request, reply) => {
      const outcome = await deleteRecipient(db, request.params.id, web.app.now());
      if (!outcome.removed) throw new VaksamError('NOT_FOUND', `no recipient ${request.params.id}`);
      await recordAudit(db, { actor: currentUser(request).username, action: 'recipient.delete', subject: `recipient:${request.params.id}`, details: { cancelledEmails: outcome.cancelled }, at: web.app.now() });
      return reply.redirect('/recipients?notice=removed', 303);
    },
  );

  server.get('/api/v1/recipients', { config: { access: 'recipients.manage' }, schema: { tags: ['alerts'], summary: 'Recipients and their subscriptions' } }, async () => listRecipients(db));
}
