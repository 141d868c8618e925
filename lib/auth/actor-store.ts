import 'server-only';
import { and, eq, gt } from 'drizzle-orm';
import { apiTokens, session, user } from '@/lib/db/account-schema';
import type { Db } from '@/lib/db/client';
import type { Actor } from './roles';

const actorColumns = {
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  dailyVideoSecondsLimit: user.dailyVideoSecondsLimit,
};

/** Finds who a credential belongs to: one indexed query each, disabled users never found. */
export function createActorStore(db: Db) {
  return {
    async bySessionToken(token: string, now: Date): Promise<{ actor: Actor; expiresAt: Date } | null> {
      const rows = await db
        .select({ ...actorColumns, expiresAt: session.expiresAt })
        .from(session)
        .innerJoin(user, eq(user.id, session.userId))
        .where(and(eq(session.token, token), gt(session.expiresAt, now), eq(user.banned, false)))
        .limit(1);
      const row = rows[0];
      if (!row) return null;
      const { expiresAt, ...actor } = row;
      return { actor: { ...actor, via: 'session' }, expiresAt };
    },

    async byApiTokenHash(tokenHash: string): Promise<Actor | null> {
      const rows = await db
        .select(actorColumns)
        .from(apiTokens)
        .innerJoin(user, eq(user.id, apiTokens.userId))
        .where(and(eq(apiTokens.tokenHash, tokenHash), eq(user.banned, false)))
        .limit(1);
      const row = rows[0];
      return row ? { ...row, via: 'token' } : null;
    },
  };
}

export type ActorStore = ReturnType<typeof createActorStore>;
