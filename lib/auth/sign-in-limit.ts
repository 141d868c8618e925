import 'server-only';
import { lt, sql } from 'drizzle-orm';
import { signInAttempts } from '@/lib/db/account-schema';
import type { Db } from '@/lib/db/client';

const WINDOW_MS = 60_000;

/**
 * Counts sign-in attempts per client address in the database, so the limit holds across every
 * instance: one atomic upsert per attempt. A window starts with the first attempt and lasts a minute.
 */
export function createSignInLimit(db: Db, perMinute: number) {
  return {
    async take(
      address: string,
      now = new Date(),
    ): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number }> {
      if (perMinute === 0) return { ok: true };
      const ends = new Date(now.getTime() + WINDOW_MS).toISOString();
      const at = now.toISOString();
      const expired = sql`${signInAttempts.windowEndsAt} <= ${at}::timestamptz`;
      const rows = await db
        .insert(signInAttempts)
        .values({ key: address, count: 1, windowEndsAt: new Date(ends) })
        .onConflictDoUpdate({
          target: signInAttempts.key,
          set: {
            count: sql`CASE WHEN ${expired} THEN 1 ELSE ${signInAttempts.count} + 1 END`,
            windowEndsAt: sql`CASE WHEN ${expired} THEN ${ends}::timestamptz ELSE ${signInAttempts.windowEndsAt} END`,
          },
        })
        .returning({ count: signInAttempts.count, windowEndsAt: signInAttempts.windowEndsAt });
      // Old windows hold nothing; clearing them now and then keeps the table small.
      if (Math.random() < 0.01) await db.delete(signInAttempts).where(lt(signInAttempts.windowEndsAt, now));
      const row = rows[0];
      if (!row || row.count <= perMinute) return { ok: true };
      const seconds = Math.ceil((row.windowEndsAt.getTime() - now.getTime()) / 1000);
      return { ok: false, retryAfterSeconds: Math.min(60, Math.max(1, seconds)) };
    },
  };
}

export type SignInLimit = ReturnType<typeof createSignInLimit>;
