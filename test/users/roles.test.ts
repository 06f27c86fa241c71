import { describe, expect, it } from 'vitest';
import { can, mapOidcRole, oidcUsername, type Permission, type RoleMapping, type UserRole } from '../../src/users/index.js';

describe('permissions', () => {
  it.each<[Permission, UserRole[]]>([
    ['overview.read', ['admin', 'security', 'communications', 'viewer']],
    ['narratives.write', ['admin']],
    ['threats.read', ['admin', 'security']],
    ['threats.write', ['admin', 'security']],
    ['alerts.read', ['admin', 'security', 'communications']],
    ['users.manage', ['admin']],
    ['queues.read', ['admin']],
  ])('%s is granted to %j only', (permission, roles) => {
    for (const role of ['admin', 'security', 'communications', 'viewer'] as const) expect(can(role, permission)).toBe(roles.includes(role));
  });
});

const mapping: RoleMapping = {
  roleClaim: 'roles',
  roleMap: { admin: ['Vaksam.Admin'], security: ['Vaksam.Security', 'grp-sakerhet'], communications: ['Vaksam.Comms'], viewer: [] },
  defaultRole: null,
};

describe('OIDC role mapping', () => {
  it.each<[string, Record<string, unknown>, RoleMapping, UserRole | null]>([
    ['one app role', { roles: ['Vaksam.Comms'] }, mapping, 'communications'],
    ['the most powerful of several', { roles: ['Vaksam.Comms', 'Vaksam.Security'] }, mapping, 'security'],
    ['a single string claim', { roles: 'Vaksam.Admin' }, mapping, 'admin'],
    ['nothing matching, no default: refused', { roles: ['Other.App'] }, mapping, null],
    ['no claim at all, no default: refused', {}, mapping, null],
    ['nothing matching, default viewer', { roles: ['Other.App'] }, { ...mapping, defaultRole: 'viewer' }, 'viewer'],
    ['a non-string claim grants nothing', { roles: [{ value: 'Vaksam.Admin' }] }, mapping, null],
    ['groups as the claim', { groups: ['grp-sakerhet'] }, { ...mapping, roleClaim: 'groups' }, 'security'],
  ])('%s', (_name, claims, map, expected) => {
    expect(mapOidcRole(claims, map)).toBe(expected);
  });

  it('names the account from the configured claim, then email, then subject', () => {
    expect(oidcUsername({ preferred_username: 'Anna@Kommun.se', email: 'x@y.se', sub: 's' }, 'preferred_username')).toBe('anna@kommun.se');
    expect(oidcUsername({ email: 'x@y.se', sub: 's' }, 'preferred_username')).toBe('x@y.se');
    expect(oidcUsername({ sub: 'abc' }, 'preferred_username')).toBe('abc');
  });
});
