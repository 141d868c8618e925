import Link from 'next/link';
import { Suspense } from 'react';
import { SignOutButton } from '@/components/accounts/sign-out-button';
import { hasRole, type UserRole } from '@/lib/auth/roles';
import { currentActor } from '@/lib/server/page-auth';

const LINKS: { href: string; label: string; role: UserRole }[] = [
  { href: '/', label: 'Composer', role: 'creator' },
  { href: '/submissions', label: 'History', role: 'creator' },
  { href: '/review', label: 'To review', role: 'reviewer' },
  { href: '/admin/users', label: 'Users', role: 'admin' },
  { href: '/settings/tokens', label: 'API tokens', role: 'creator' },
];

/** The app's name, then (once known) the menu the signed-in person's role allows and who is signed in. */
export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-slate-900">
          Omni Video Studio
        </Link>
        {/* Looked up beside the page, not before it: a slow database shows the page's own loading state. */}
        <Suspense fallback={null}>
          <SignedIn />
        </Suspense>
      </div>
    </header>
  );
}

async function SignedIn() {
  // The page below says what went wrong when the database is down; the header just stays empty.
  const actor = await currentActor().catch(() => null);
  if (!actor) return null;
  return (
    <>
      <nav aria-label="Main">
        <ul className="flex flex-wrap gap-4 text-sm font-medium">
          {LINKS.filter((link) => hasRole(actor, link.role)).map((link) => (
            <li key={link.href}>
              <Link href={link.href} className="text-indigo-800 hover:underline">
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="flex items-center gap-3 text-sm">
        <p>
          Signed in as <span className="font-semibold">{actor.name}</span>{' '}
          <span className="text-slate-600">({actor.role})</span>
        </p>
        <SignOutButton />
      </div>
    </>
  );
}
