import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CredentialsForm } from '@/components/accounts/credentials-form';
import { setupNeeded } from '@/lib/auth/first-admin';
import { PASSWORD_LENGTH } from '@/lib/contract/accounts';
import { getFirstAdminDeps } from '@/lib/server/auth-services';

export const metadata: Metadata = { title: 'Set up' };

/** Only while the app has no user and no ADMIN_EMAIL: the first visitor becomes its admin. */
export default async function SetupPage() {
  if (!(await setupNeeded(await getFirstAdminDeps()))) redirect('/sign-in');
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-bold">Create the first admin account</h1>
      <p className="text-sm text-slate-600">
        This studio has no users yet. The admin creates everyone else’s accounts and can set their daily
        limits.
      </p>
      <CredentialsForm
        action="/api/setup"
        submitLabel="Create admin account"
        busyLabel="Creating…"
        next="/"
        fields={[
          { name: 'name', label: 'Name', type: 'text', autoComplete: 'name' },
          { name: 'email', label: 'Email', type: 'email', autoComplete: 'username' },
          {
            name: 'password',
            label: 'Password',
            type: 'password',
            autoComplete: 'new-password',
            hint: `At least ${PASSWORD_LENGTH.min} characters.`,
          },
        ]}
      />
    </div>
  );
}
