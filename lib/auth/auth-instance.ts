import 'server-only';
import { randomUUID } from 'node:crypto';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { admin } from 'better-auth/plugins';
import { createAccessControl } from 'better-auth/plugins/access';
import { account, session, user, verification } from '@/lib/db/account-schema';
import type { Db } from '@/lib/db/client';
import { logWarn } from '@/lib/logging/log';
import { cookiePrefixFor } from './cookie-name';

/** Passwords: at least this many characters (stored only as a slow scrypt hash by Better Auth). */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;
export const SESSION_DAYS = 7;

// The admin plugin's own permissions are used only server-side (creating users); routes check roles.
const access = createAccessControl({ user: ['create', 'set-role', 'ban'], session: ['revoke'] } as const);
const roles = {
  creator: access.newRole({ user: [], session: [] }),
  reviewer: access.newRole({ user: [], session: [] }),
  admin: access.newRole({ user: ['create', 'set-role', 'ban'], session: ['revoke'] }),
};

export interface AuthOptions {
  db: Db;
  secret: string;
  /** The origin the browser used (or APP_PUBLIC_URL): cookies and the origin check follow it. */
  origin: string;
}

/**
 * Better Auth on the app's own Drizzle schema: email and password sign-in, database sessions, and the
 * admin plugin (roles, disabled users cannot sign in). Sign-up is off: admins create users. Its own
 * rate limit is off (the app limits sign-in per client address across instances, see sign-in-limit.ts).
 */
export function createAuth(options: AuthOptions) {
  return betterAuth({
    appName: 'Omni Video Studio',
    baseURL: options.origin,
    basePath: '/api/auth',
    secret: options.secret,
    trustedOrigins: [options.origin],
    // One shared PGlite connection would interleave BEGIN/COMMIT with other requests: no transactions.
    database: drizzleAdapter(options.db, {
      provider: 'pg',
      schema: { user, session, account, verification },
      transaction: false,
    }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: { expiresIn: SESSION_DAYS * 24 * 60 * 60, cookieCache: { enabled: false } },
    user: {
      additionalFields: {
        dailyVideoSecondsLimit: { type: 'number', required: false, input: false },
      },
    },
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    advanced: { database: { generateId: () => randomUUID() }, cookiePrefix: cookiePrefixFor(options.origin) },
    logger: {
      level: 'warn',
      log: (level, message) => logWarn('auth', { level, message }),
    },
    plugins: [admin({ ac: access, roles, defaultRole: 'creator', adminRoles: ['admin'] })],
  });
}

export type Auth = ReturnType<typeof createAuth>;
