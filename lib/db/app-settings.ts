import 'server-only';
import { eq, sql } from 'drizzle-orm';
import type { Db } from './client';
import { appSettings } from './schema';

/** Small values the app generates once and keeps, shared by every instance on the database. */
export function createAppSettings(db: Db) {
  return {
    /** Stores `value` under `key` unless one is there already; returns the value that is kept. */
    async keep(key: string, value: string): Promise<string> {
      await db.insert(appSettings).values({ key, value }).onConflictDoNothing();
      const rows = await db.select().from(appSettings).where(eq(appSettings.key, key)).limit(1);
      return rows[0]?.value ?? value;
    },

    /**
     * Takes `key` for this caller, unless another took it after `staleBefore` (ISO time strings
     * compare in time order): exactly one of concurrent callers wins, and a claim left by a crash expires.
     */
    async claim(key: string, at: Date, staleBefore: Date): Promise<boolean> {
      const rows = await db
        .insert(appSettings)
        .values({ key, value: at.toISOString() })
        .onConflictDoUpdate({
          target: appSettings.key,
          set: { value: at.toISOString() },
          setWhere: sql`${appSettings.value} < ${staleBefore.toISOString()}`,
        })
        .returning({ key: appSettings.key });
      return rows.length === 1;
    },

    async release(key: string): Promise<void> {
      await db.delete(appSettings).where(eq(appSettings.key, key));
    },
  };
}
