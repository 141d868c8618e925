import 'server-only';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { setupNeeded } from '@/lib/auth/first-admin';
import { type Actor, hasRole, type UserRole } from '@/lib/auth/roles';
import { getAuthenticate, getFirstAdminDeps } from './auth-services';

/** Who the page request acts for, or null; asked once per request however many components ask. */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const requestHeaders = await headers();
  return (await getAuthenticate())(requestHeaders);
});

/** Where a signed-out visitor goes: /setup while the app has no user yet, else sign-in and back. */
export async function signInPath(next: string): Promise<string> {
  if (await setupNeeded(await getFirstAdminDeps())) return '/setup';
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/** A page only signed-in people see: the caller, or a redirect to sign in (then back to `path`). */
export async function requireActor(path: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(await signInPath(path));
  return actor;
}

/** The caller if their role is at least `role`; null lets the page explain instead of showing the content. */
export async function actorWithRole(
  path: string,
  role: UserRole,
): Promise<{ actor: Actor; allowed: boolean }> {
  const actor = await requireActor(path);
  return { actor, allowed: hasRole(actor, role) };
}
