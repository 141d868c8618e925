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

/**
 * The app's name, who is signed in and the theme on one line; the menu the signed-in person's role
 * allows beside them on wide screens, on its own line below on narrow ones.
 */
export function SiteHeader({ theme }: { theme: Theme | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="mr-auto text-base font-bold text-slate-900 sm:text-lg">
          Omni Video Studio
        </Link>
        <div className="flex items-center gap-2 lg:order-last lg:gap-3">
          {/* Looked up beside the page, not before it: a slow database shows the page's own loading state. */}
          <Suspense fallback={null}>
            <SignedInAs />
          </Suspense>
          <ThemeToggle chosen={theme} />
        </div>
        <Suspense fallback={null}>
          <Menu />
        </Suspense>
      </div>
    </header>
  );
}

// The page below says what went wrong when the database is down; the header just stays empty.
const signedIn = () => currentActor().catch(() => null);

async function Menu() {
  const actor = await signedIn();
  if (!actor) return null;
  return (
    <div className="w-full lg:w-auto">
      <MainNav items={LINKS.filter((link) => hasRole(actor, link.role))} />
    </div>
  );
}

async function SignedInAs() {
  const actor = await signedIn();
  if (!actor) return null;
  return (
    <>
      {/* On a phone the name is left to assistive technology: the line has room for the buttons only. */}
      <p className="text-sm max-md:sr-only">
        Signed in as <span className="font-semibold">{actor.name}</span>{' '}
        <span className="text-slate-600">({actor.role})</span>
      </p>
      <SignOutButton />
    </>
  );
}
