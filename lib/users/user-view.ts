import type { Person, User } from '@/lib/contract/accounts';
import type { UserRow } from '@/lib/db/account-schema';

/** A user as the API shows it: "disabled" is Better Auth's `banned`. */
export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.banned,
    dailyVideoSecondsLimit: row.dailyVideoSecondsLimit,
    createdAt: row.createdAt.toISOString(),
  };
}

export const toPerson = (row: Pick<UserRow, 'id' | 'name' | 'email'>): Person => ({
  id: row.id,
  name: row.name,
  email: row.email,
});
