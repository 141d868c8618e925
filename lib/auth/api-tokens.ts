import 'server-only';
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { apiTokens } from '@/lib/db/account-schema';
import type { Db } from '@/lib/db/client';
import type { AuthChanges } from './auth-changes';
import { API_TOKEN_PREFIX } from './authenticate';
import { apiTokenKey, hashSecret } from './credential-key';

export interface ApiToken {
  id: string;
  name: string;
  createdAt: string;
}

const view = (row: { id: string; name: string; createdAt: Date }): ApiToken => ({
  id: row.id,
  name: row.name,
  createdAt: row.createdAt.toISOString(),
});

/** Personal API tokens: the secret is shown once at creation; only its SHA-256 is stored. */
export function createApiTokens(db: Db, changes: AuthChanges) {
  return {
    async create(userId: string, name: string): Promise<ApiToken & { token: string }> {
      const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const row = { id: randomUUID(), userId, name, tokenHash: hashSecret(token), createdAt: new Date() };
      await db.insert(apiTokens).values(row);
      return { ...view(row), token };
    },

    async list(userId: string): Promise<ApiToken[]> {
      const rows = await db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.userId, userId))
        .orderBy(asc(apiTokens.createdAt), asc(apiTokens.id));
      return rows.map(view);
    },

    /** False when the user has no such token (someone else's is not theirs to see). */
    async revoke(userId: string, id: string): Promise<boolean> {
      const rows = await db
        .delete(apiTokens)
        .where(and(eq(apiTokens.id, id), eq(apiTokens.userId, userId)))
        .returning({ tokenHash: apiTokens.tokenHash });
      const revoked = rows[0];
      if (revoked) await changes.publish({ kind: 'credential', key: apiTokenKey(revoked.tokenHash) });
      return Boolean(revoked);
    },
  };
}

export type ApiTokens = ReturnType<typeof createApiTokens>;
