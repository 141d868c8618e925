import 'server-only';
import { and, asc, eq, gt, inArray, ne, type SQL, sql, sum } from 'drizzle-orm';
import type { Person, UserRole } from '@/lib/contract/accounts';
import { apiTokens, session, type UserRow, user } from '@/lib/db/account-schema';
import type { Db } from '@/lib/db/client';
import { submissions } from '@/lib/db/schema';

export interface UserChange {
  role?: UserRole;
  banned?: boolean;
  dailyVideoSecondsLimit?: number | null;
}

/** Video seconds that count against limits: every submission of the last 24 h that has not failed. */
export function countedSince(since: Date): SQL {
  return and(gt(submissions.createdAt, since), ne(submissions.status, 'failed')) as SQL;
}

/** All SQL about users: listing, changing with the last-admin rule, ending sign-ins, use of video seconds. */
export function createUserStore(db: Db) {
  return {
    async list(): Promise<UserRow[]> {
      return db.select().from(user).orderBy(asc(user.createdAt), asc(user.id));
    },

    async findById(id: string): Promise<UserRow | null> {
      const rows = await db.select().from(user).where(eq(user.id, id)).limit(1);
      return rows[0] ?? null;
    },

    async findByEmail(email: string): Promise<UserRow | null> {
      const rows = await db
        .select()
        .from(user)
        .where(sql`lower(${user.email}) = ${email.toLowerCase()}`)
        .limit(1);
      return rows[0] ?? null;
    },

    async any(): Promise<boolean> {
      const rows = await db.select({ id: user.id }).from(user).limit(1);
      return rows.length > 0;
    },

    /**
     * Applies `change`, unless it would leave no enabled admin: then null. The enabled admins are
     * locked first (FOR UPDATE), so two admins demoting each other at once cannot both succeed.
     */
    async update(id: string, change: UserChange, now: Date): Promise<UserRow | null | 'last_admin'> {
      const admins = db.$with('admins').as(
        db
          .select({ id: user.id })
          .from(user)
          .where(and(eq(user.role, 'admin'), eq(user.banned, false)))
          .for('update'),
      );
      const removesAdmin = (change.role !== undefined && change.role !== 'admin') || change.banned === true;
      const guard = removesAdmin
        ? sql`(${user.role} <> 'admin' OR ${user.banned} OR EXISTS (SELECT 1 FROM ${admins} WHERE ${admins.id} <> ${id}))`
        : sql`TRUE`;
      const rows = await db
        .with(admins)
        .update(user)
        .set({ ...change, updatedAt: now })
        .where(and(eq(user.id, id), guard))
        .returning();
      if (rows[0]) return rows[0];
      return (await this.findById(id)) ? 'last_admin' : null;
    },

    /** Signs the user out everywhere and revokes their API tokens. */
    async endSignIns(userId: string): Promise<void> {
      await db.delete(session).where(eq(session.userId, userId));
      await db.delete(apiTokens).where(eq(apiTokens.userId, userId));
    },

    async usedSeconds(userId: string, since: Date): Promise<number> {
      const rows = await db
        .select({ used: sum(submissions.durationSeconds).mapWith(Number) })
        .from(submissions)
        .where(and(eq(submissions.createdBy, userId), countedSince(since)));
      return rows[0]?.used ?? 0;
    },

    async usedSecondsByUser(since: Date): Promise<Map<string, number>> {
      const rows = await db
        .select({ userId: submissions.createdBy, used: sum(submissions.durationSeconds).mapWith(Number) })
        .from(submissions)
        .where(countedSince(since))
        .groupBy(submissions.createdBy);
      return new Map(rows.flatMap((row) => (row.userId ? [[row.userId, row.used]] : [])));
    },

    /** Name and email of each of these users, for "created by" and review lines. */
    async people(ids: string[]): Promise<Map<string, Person>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: user.id, name: user.name, email: user.email })
        .from(user)
        .where(inArray(user.id, ids));
      return new Map(rows.map((row) => [row.id, row]));
    },
  };
}

export type UserStore = ReturnType<typeof createUserStore>;
