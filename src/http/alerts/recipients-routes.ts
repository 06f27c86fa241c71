import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isValidEmail, LANGUAGES, parseQuietHours, parseRoles, parseThreatLevel, RecipientInputError } from '../../alerts/index.js';
import { deleteRecipient, insertRecipient, listRecipients } from '../../db/queries/recipients.js';
import type { RecipientLanguage } from '../../db/schema/index.js';
import { VaksamError } from '../../errors/index.js';
import { recordAudit } from '../../users/index.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { recipientsPage } from './recipients-view.js';

interface RecipientForm {
  name: string;
  email: string;
  roles: string;
  language?: string;
  region?: string;
  narratives?: string;
  minThreat?: string;
  quiet?: string;
}

const formSchema = {
  type: 'object',
  required: ['name', 'email', 'roles'],
  properties: Object.fromEntries(['name', 'email', 'roles', 'language', 'region', 'narratives', 'minThreat', 'quiet'].map((k) => [k, { type: 'string', maxLength: 1000 }])),
} as const;

/** Same rules as `vaksam recipients add`. */
function toRecipient(form: RecipientForm) {
  const email = form.email.trim();
  if (!isValidEmail(email)) throw new RecipientInputError(`'${email}' is not a valid email address`);
  const language = form.language || 'sv';
  if (!(LANGUAGES as readonly string[]).includes(language)) throw new RecipientInputError(`language must be one of ${LANGUAGES.join(', ')}`);
  const roles = parseRoles(form.roles);
  return {
    name: form.name.trim(),
    email,
    language: language as RecipientLanguage,
    roles,
    region: form.region?.trim() || null,
    quietHours: form.quiet?.trim() ? parseQuietHours(form.quiet) : null,
    narratives: (form.narratives ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    minThreatLevel: form.minThreat ? parseThreatLevel(form.minThreat) : null,
  };
}

export function registerRecipientRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const show = async (request: FastifyRequest, reply: FastifyReply, options: { notice?: string; error?: string }, status = 200) =>
    sendHtml(reply, recipientsPage(pageContext(web, request), await listRecipients(db), options), status);

  server.get<{ Querystring: { notice?: string } }>('/recipients', { config: { access: 'recipients.manage' } }, async (request, reply) => show(request, reply, { notice: request.query.notice }));

  server.post<{ Body: RecipientForm }>('/recipients', { config: { access: 'recipients.manage' }, schema: { body: formSchema } }, async (request, reply) => {
    try {
      const stored = await insertRecipient(db, toRecipient(request.body), web.app.now());
      if (!stored) return show(request, reply, { error: `a recipient with the address ${request.body.email.trim()} already exists` }, 409);
      await recordAudit(db, { actor: currentUser(request).username, action: 'recipient.create', subject: `recipient:${stored.id}`, details: { roles: stored.roles }, at: web.app.now() });
      return reply.redirect('/recipients?notice=added', 303);
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
