import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import type { ReactNode } from 'react';
import { DemoModeBanner } from '@/components/layout/demo-mode-banner';
import { SiteHeader } from '@/components/layout/site-header';
import { isDemoMode } from '@/lib/config/env';
import { parseTheme, THEME_COOKIE } from '@/lib/ui/theme';
import './globals.css';

// Demo mode is decided by the running server's environment, not at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Omni Video Studio', template: '%s · Omni Video Studio' },
  description: 'Compose, validate and submit Kling Omni Video requests, and review every submission.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // A scheme chosen with the toggle is on <html> from the first byte: no flash of the other one.
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" data-theme={theme ?? undefined}>
      <body>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        {isDemoMode() && <DemoModeBanner />}
        <SiteHeader theme={theme} />
        <main id="main" className="mx-auto min-w-0 max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
