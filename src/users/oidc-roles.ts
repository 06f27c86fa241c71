import { ROLES, type UserRole } from './roles.js';

export interface RoleMapping {
  roleClaim: string;
  /** Vaksam role → claim values (Entra app-role names or group ids) that grant it. */
  roleMap: Readonly<Record<UserRole, readonly string[]>>;
  defaultRole: UserRole | null;
}

/**
 * The Vaksam role for an ID token's claims: the most powerful role any claim value maps to, else the default role,
 * else null (sign-in refused). The claim may be a string or an array of strings; other shapes grant nothing.
 */
export function mapOidcRole(claims: Readonly<Record<string, unknown>>, mapping: RoleMapping): UserRole | null {
  const raw = claims[mapping.roleClaim];
  const values = new Set(typeof raw === 'string' ? [raw] : Array.isArray(raw) ? raw.filter((v): v is string => typeof v === 'string') : []);
  for (const role of ROLES) {
    if (mapping.roleMap[role].some((value) => values.has(value))) return role;
  }
  return mapping.defaultRole;
}

/** The user name an OIDC account gets: the configured claim, else email, else the subject. */
export function oidcUsername(claims: Readonly<Record<string, unknown>>, usernameClaim: string): string {
  for (const key of [usernameClaim, 'email', 'sub']) {
    const value = claims[key];
    if (typeof value === 'string' && value.trim()) return value.trim().toLowerCase();
  }
  return '';
}
