import Link from 'next/link';

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-bold text-slate-900">
          Omni Video Studio
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-4 text-sm font-medium">
            <li>
              <Link href="/" className="text-indigo-800 hover:underline">
                Composer
              </Link>
            </li>
            <li>
              <Link href="/submissions" className="text-indigo-800 hover:underline">
                History
              </Link>
            </li>
          </ul>
        </nav>
      </div>
    </header>
  );
}
