import { randomUUID } from 'node:crypto';
import type { UserRole } from '@/lib/contract/accounts';

/**
 * A user of `role` in the app's own database (the one the route modules open) with an API token:
 * the Authorization header that lets a test call a signed-in route as that user.
 */
export async function signedInAs(
  role: UserRole = 'creator',
): Promise<{ authorization: string; userId: string }> {
  const { getDatabase } = await import('@/lib/db/client');
  const { user } = await import('@/lib/db/account-schema');
  const { createApiTokens } = await import('@/lib/auth/api-tokens');
  const { db } = await getDatabase();
  const userId = randomUUID();
  await db.insert(user).values({ id: userId, name: `Route ${role}`, email: `${userId}@route.test`, role });
  const noChanges = { publish: async () => {}, close: async () => {} };
  const { token } = await createApiTokens(db, noChanges).create(userId, 'route tests');
  return { authorization: `Bearer ${token}`, userId };
}
