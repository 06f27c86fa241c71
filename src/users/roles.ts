import type { UserRole } from '../db/schema/index.js';

export type { UserRole };

/** Most powerful first: OIDC role mapping picks the first role whose claim values match. */
export const ROLES: readonly UserRole[] = ['admin', 'security', 'communications', 'viewer'];

const EVERYONE = ROLES;
const SECURITY = ['admin', 'security'] as const;

/**
 * What each role may do. Threat cases, threat alerts and the staff watchlist name people and their workplaces:
 * only `security` and `admin` see them (issue 8).
 */
const PERMISSIONS = {
  'overview.read': EVERYONE,
  'narratives.read': EVERYONE,
  'narratives.write': ['admin'],
  'posts.read': EVERYONE,
  'sources.read': EVERYONE,
  'sources.write': ['admin'],
  'threats.read': SECURITY,
  'threats.write': SECURITY,
  'alerts.read': ['admin', 'security', 'communications'],
  'alerts.resend': ['admin'],
  'recipients.manage': ['admin'],
  'queues.read': ['admin'],
  'users.manage': ['admin'],
  'audit.read': ['admin'],
  // Data protection (issue 20): retention, and finding, exporting and erasing what is held about a person.
  'privacy.manage': ['admin'],
  // Staff tipline (issue 19): everyone may report; reports name their reporter, so only security roles read them.
  'tipline.report': EVERYONE,
  'tipline.read': SECURITY,
  'tipline.manage': SECURITY,
} as const satisfies Record<string, readonly UserRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: UserRole, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly UserRole[]).includes(role);
}

export function isRole(value: string): value is UserRole {
  return (ROLES as readonly string[]).includes(value);
}
