import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { appSettings } from './schema';

/** Stores `value` under `key` unless one is there already; returns the value that is kept. */
export async function keepSetting(db: Db, key: string, value: string): Promise<string> {
  await db.insert(appSettings).values({ key, value }).onConflictDoNothing();
  const rows = await db.select().from(appSettings).where(eq(appSettings.key, key)).limit(1);
  return rows[0]?.value ?? value;
}
