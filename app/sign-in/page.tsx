import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { CredentialsForm } from '@/components/accounts/credentials-form';
import { safeNextPath } from '@/lib/auth/next-path';
import { currentActor, signInPath } from '@/lib/server/page-auth';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const next = safeNextPath((await searchParams).next);
  if (await currentActor()) redirect(next);
  const signIn = await signInPath(next);
  if (signIn === '/setup') redirect('/setup');
  return (
    <div className="mx-auto flex max-w-sm flex-col gap-4">
      <h1 className="text-2xl font-bold">Sign in</h1>
      <p className="text-sm text-slate-600">
        Every submission spends the studio’s money, so everyone signs in.
      </p>
      <CredentialsForm
        action="/api/auth/sign-in/email"
        submitLabel="Sign in"
        busyLabel="Signing in…"
        next={next}
        fields={[
          { name: 'email', label: 'Email', type: 'email', autoComplete: 'username' },
          { name: 'password', label: 'Password', type: 'password', autoComplete: 'current-password' },
        ]}
      />
      <p className="text-xs text-slate-600">
        No account yet? Ask an admin of this studio to create one for you.
      </p>
    </div>
  );
}
