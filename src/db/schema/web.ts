import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export type UserRole = 'admin' | 'security' | 'communications' | 'viewer';

/** People who sign in to the web UI: local accounts (password) or OIDC accounts (issuer + subject). */
export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    /** Sign-in name, stored lower-case; unique. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').$type<UserRole>().notNull(),
    /** `scrypt$<logN>$<r>$<p>$<salt>$<hash>`; null for accounts that only sign in through OIDC. */
    passwordHash: text('password_hash'),
    /** `<issuer> <sub>` of an OIDC account. */
    oidcSubject: text('oidc_subject'),
    disabled: boolean('disabled').notNull().default(false),
    lastLoginAt: tz('last_login_at'),
    passwordChangedAt: tz('password_changed_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_username_uq').on(t.username), uniqueIndex('users_oidc_subject_uq').on(t.oidcSubject)],
);

/** Signed-in browser sessions. Only a SHA-256 of the cookie value is stored, so a database dump grants no session. */
export const sessions = pgTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull(),
    lastSeenAt: tz('last_seen_at').notNull(),
    /** Absolute end of the session, whatever the activity. */
    expiresAt: tz('expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** Every sign-in attempt, kept for the rate-limit window: limits survive restarts and hold across processes. */
export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: tz('at').notNull(),
    /** The name typed, lower-cased (it may belong to no account). */
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
  },
  (t) => [
    index('login_attempts_username_idx').on(t.username, t.at),
    index('login_attempts_ip_idx').on(t.ip, t.at).where(sql`${t.success} = false`),
    index('login_attempts_at_idx').on(t.at),
  ],
);

/** OIDC sign-ins in flight: state, nonce and PKCE verifier, looked up by a hash of the browser's flow cookie. */
export const oidcFlows = pgTable(
  'oidc_flows',
  {
    idHash: text('id_hash').primaryKey(),
    state: text('state').notNull(),
    nonce: text('nonce').notNull(),
    codeVerifier: text('code_verifier').notNull(),
    returnTo: text('return_to').notNull(),
    expiresAt: tz('expires_at').notNull(),
  },
  (t) => [index('oidc_flows_expires_idx').on(t.expiresAt)],
);
