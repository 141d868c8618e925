'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';

const ITEMS = [
  { href: '/', label: 'Composer' },
  { href: '/submissions', label: 'History' },
] as const;

/** Where this page sits: the item of the page itself, or of the section it belongs to (a submission is in History). */
function currentOf(pathname: string, href: string): 'page' | 'true' | undefined {
  if (pathname === href) return 'page';
  return href !== '/' && pathname.startsWith(`${href}/`) ? 'true' : undefined;
}

export function MainNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      <ul className="flex gap-4 text-sm font-medium">
        {ITEMS.map((item) => (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={currentOf(pathname, item.href)}
              className="rounded-sm text-indigo-800 underline-offset-4 hover:underline aria-[current]:font-bold aria-[current]:underline"
            >
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
