import 'server-only';
import type { AuthChanges } from '@/lib/auth/auth-changes';
import type { Actor } from '@/lib/auth/roles';
import type { Me, User, UserCreate, UserPatch, UserWithUsage } from '@/lib/contract/accounts';
import { isUniqueViolation } from '@/lib/db/unique-violation';
import { AppError } from '@/lib/errors/app-error';
import type { UserStore } from './user-store';
import { toUser } from './user-view';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface UserServiceDeps {
  store: UserStore;
  changes: AuthChanges;
  /** Creates the user and their password sign-in (Better Auth hashes the password). */
  createAccount(input: UserCreate): Promise<{ id: string }>;
  /** The app-wide DAILY_VIDEO_SECONDS_LIMIT, or null. */
  appDailyLimit: number | null;
}

const noSuchUser = () => new AppError('not_found', 'No user has this ID.');

/** What admins do with users, and what everyone can read about themselves. */
export function createUserService(deps: UserServiceDeps) {
  const { store } = deps;
  const since = () => new Date(Date.now() - DAY_MS);

  return {
    async list(): Promise<UserWithUsage[]> {
      const [rows, used] = await Promise.all([store.list(), store.usedSecondsByUser(since())]);
      return rows.map((row) => ({ ...toUser(row), usage: { videoSecondsLast24h: used.get(row.id) ?? 0 } }));
    },

    async get(id: string): Promise<User> {
      const row = await store.findById(id);
      if (!row) throw noSuchUser();
      return toUser(row);
    },

    async create(input: UserCreate): Promise<User> {
      if (await store.findByEmail(input.email)) throw emailTaken(input.email);
      let id: string;
      try {
        ({ id } = await deps.createAccount(input));
      } catch (error) {
        if (isUniqueViolation(error) || (await store.findByEmail(input.email))) throw emailTaken(input.email);
        throw error;
      }
      const row = await store.findById(id);
      if (!row) throw new AppError('internal_error', 'The new user could not be read back.');
      return toUser(row);
    },

    /** Disabling ends the user's sessions and tokens on every instance from the next request on. */
    async update(id: string, patch: UserPatch): Promise<User> {
      const result = await store.update(
        id,
        {
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.disabled !== undefined ? { banned: patch.disabled } : {}),
          ...(patch.dailyVideoSecondsLimit !== undefined
            ? { dailyVideoSecondsLimit: patch.dailyVideoSecondsLimit }
            : {}),
        },
        new Date(),
      );
      if (result === null) throw noSuchUser();
      if (result === 'last_admin') {
        throw new AppError(
          'last_admin',
          'This is the only enabled admin: make another user an admin first, then change this one.',
        );
      }
      if (patch.disabled === true) await store.endSignIns(id);
      await deps.changes.publish({ kind: 'user', userId: id });
      return toUser(result);
    },

    async me(actor: Actor): Promise<Me> {
      const row = await store.findById(actor.id);
      if (!row) throw new AppError('unauthenticated', 'Your account no longer exists. Sign in again.');
      return {
        ...toUser(row),
        usage: { videoSecondsLast24h: await store.usedSeconds(actor.id, since()) },
        appDailyVideoSecondsLimit: deps.appDailyLimit,
      };
    },
  };
}

function emailTaken(email: string): AppError {
  return new AppError('email_taken', `A user with the email ${email} exists already.`);
}

export type UserService = ReturnType<typeof createUserService>;
