import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  AccountInputError,
  createUser,
  generatePassword,
  listUsers,
  normalizeUsername,
  setPassword,
  setUserDisabled,
  setUserRole,
  UserExistsError,
  type ChangeContext,
} from '../../users/index.js';
import { VaksamError } from '../../errors/index.js';
import { currentUser, pageContext, sendHtml, type Web } from '../web.js';
import { usersPage } from './users-view.js';

type NameParams = { Params: { username: string } };
const nameParams = { type: 'object', required: ['username'], properties: { username: { type: 'string', maxLength: 64 } } } as const;

export function registerUserRoutes(server: FastifyInstance, web: Web): void {
  const db = web.app.database.db;
  const context = (request: FastifyRequest): ChangeContext => ({ actor: currentUser(request).username, now: web.app.now(), logN: web.settings.scryptLogN });
  const show = async (request: FastifyRequest, reply: FastifyReply, options: Parameters<typeof usersPage>[2] = {}, status = 200) =>
    sendHtml(reply, usersPage(pageContext(web, request), await listUsers(db), options), status);

  /** An admin cannot lock themselves out by demoting or disabling their own account. */
  const notSelf = (request: FastifyRequest<NameParams>) => {
    if (normalizeUsername(request.params.username) === currentUser(request).username) {
      throw new VaksamError('CONFLICT', 'you cannot change your own role or disable your own account; ask another admin');
    }
  };

  server.get<{ Querystring: { notice?: string } }>('/users', { config: { access: 'users.manage' } }, async (request, reply) => show(request, reply, { notice: request.query.notice }));

  server.post<{ Body: { username: string; displayName?: string; role: string } }>(
    '/users',
    { config: { access: 'users.manage' }, schema: { body: { type: 'object', required: ['username', 'role'], properties: { username: { type: 'string', maxLength: 64 }, displayName: { type: 'string', maxLength: 100 }, role: { type: 'string' } } } } },
    async (request, reply) => {
      const password = generatePassword();
      try {
        const user = await createUser(db, { username: request.body.username, role: request.body.role, displayName: request.body.displayName, password }, context(request));
        return show(request, reply, { secret: { kind: 'created', username: user.username, password } });
      } catch (error) {
        if (error instanceof AccountInputError || error instanceof UserExistsError) return show(request, reply, { error: error.message }, 400);
        throw error;
      }
    },
  );

  server.post<NameParams & { Body: { role: string } }>(
    '/users/:username/role',
    { config: { access: 'users.manage' }, schema: { params: nameParams, body: { type: 'object', required: ['role'], properties: { role: { type: 'string' } } } } },
    async (request, reply) => {
      notSelf(request);
      await setUserRole(db, request.params.username, request.body.role, context(request));
      return reply.redirect('/users?notice=role', 303);
    },
  );

  for (const [action, disabled] of [['disable', true], ['enable', false]] as const) {
    server.post<NameParams>(`/users/:username/${action}`, { config: { access: 'users.manage' }, schema: { params: nameParams } }, async (request, reply) => {
      notSelf(request);
      await setUserDisabled(db, request.params.username, disabled, context(request));
      return reply.redirect(`/users?notice=${action}d`, 303);
    });
  }

  server.post<NameParams>('/users/:username/reset-password', { config: { access: 'users.manage' }, schema: { params: nameParams } }, async (request, reply) => {
    const password = generatePassword();
    await setPassword(db, request.params.username, password, context(request));
    return show(request, reply, { secret: { kind: 'reset', username: normalizeUsername(request.params.username), password } });
  });

  server.get('/api/v1/users', { config: { access: 'users.manage' }, schema: { tags: ['admin'], summary: 'Accounts with role and state (no secrets)' } }, async () =>
    (await listUsers(db)).map((u) => ({ username: u.username, displayName: u.displayName, role: u.role, disabled: u.disabled, oidc: u.oidcSubject !== null, lastLoginAt: u.lastLoginAt })),
  );
}
