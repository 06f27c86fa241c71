export {
  changeOwnPassword,
  checkRole,
  countUsers,
  createUser,
  ensureFirstAdmin,
  findUser,
  getUserById,
  listUsers,
  normalizeUsername,
  setPassword,
  setUserDisabled,
  setUserRole,
  type ChangeContext,
  type NewUser,
  type UserRow,
} from './accounts.js';
export { listAudit, recordAudit, type AuditEntry, type AuditRow } from './audit.js';
export { AccountInputError, UserExistsError, UserNotFoundError } from './errors.js';
export { recordSignOut, signInWithPassword, startSession, type LoginOutcome, type LoginRequest, type LoginSettings } from './login.js';
export { linkOidcUser, OidcAccountError, type OidcIdentity } from './oidc-accounts.js';
export { mapOidcRole, oidcUsername, type RoleMapping } from './oidc-roles.js';
export { checkPasswordRules, generatePassword, hashPassword, MIN_PASSWORD_CHARS, verifyPassword } from './password.js';
export type { LoginLimits } from './rate-limit.js';
export { can, isRole, ROLES, type Permission, type UserRole } from './roles.js';
export {
  createSession,
  csrfTokenFor,
  endSession,
  isValidCsrfToken,
  pruneSessions,
  resolveSession,
  type ResolvedSession,
  type SessionSettings,
  type SessionUser,
} from './sessions.js';
