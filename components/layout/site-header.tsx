import Link from 'next/link';
import type { Theme } from '@/lib/ui/theme';
import { MainNav } from './main-nav';
import { ThemeToggle } from './theme-toggle';

export function SiteHeader({ theme }: { theme: Theme | null }) {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-slate-900">
          Omni Video Studio
        </Link>
        <div className="flex flex-wrap items-center gap-4">
          <MainNav />
          <ThemeToggle chosen={theme} />
        </div>
      </div>
    </header>
  );
}
