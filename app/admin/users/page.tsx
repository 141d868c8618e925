import type { Metadata } from 'next';
import { RoleRequired } from '@/components/accounts/role-required';
import { UsersAdmin } from '@/components/accounts/users-admin';
import { getUserService } from '@/lib/server/auth-services';
import { actorWithRole } from '@/lib/server/page-auth';

export const metadata: Metadata = { title: 'Users' };

/** Admins invite people, set their role and daily limit, disable them, and see their use. */
export default async function UsersPage() {
  const { actor, allowed } = await actorWithRole('/admin/users', 'admin');
  if (!allowed) return <RoleRequired needed="admin" yours={actor.role} />;
  const users = await (await getUserService()).list();
  return (
    <div className="flex flex-col gap-6">
      <h1 className="text-2xl font-bold">Users</h1>
      <UsersAdmin users={users} selfId={actor.id} />
    </div>
  );
}
