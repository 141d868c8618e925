import Link from 'next/link';
import { Suspense } from 'react';
import { SignOutButton } from '@/components/accounts/sign-out-button';
import { hasRole, type UserRole } from '@/lib/auth/roles';
import { currentActor } from '@/lib/server/page-auth';
import type { Theme } from '@/lib/ui/theme';
import { MainNav, type NavItem } from './main-nav';
import { ThemeToggle } from './theme-toggle';

const LINKS: (NavItem & { role: UserRole })[] = [
  { href: '/', label: 'Composer', role: 'creator' },
  { href: '/submissions', label: 'History', role: 'creator' },
  { href: '/review', label: 'To review', role: 'reviewer' },
  { href: '/admin/users', label: 'Users', role: 'admin' },
  { href: '/settings/tokens', label: 'API tokens', role: 'creator' },
];

/** The app's name, then (once known) the menu the signed-in person's role allows, who is signed in, and the theme. */
export function SiteHeader({ theme }: { theme: Theme | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-slate-900">
          Omni Video Studio
        </Link>
        <div className="flex flex-wrap items-center gap-4">
          {/* Looked up beside the page, not before it: a slow database shows the page's own loading state. */}
          <Suspense fallback={null}>
            <SignedIn />
          </Suspense>
          <ThemeToggle chosen={theme} />
        </div>
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
      <MainNav
        items={LINKS.filter((link) => hasRole(actor, link.role)).map(({ href, label }) => ({ href, label }))}
      />
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
