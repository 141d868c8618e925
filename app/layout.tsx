import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { DemoModeBanner } from '@/components/layout/demo-mode-banner';
import { SiteHeader } from '@/components/layout/site-header';
import { isDemoMode } from '@/lib/config/env';
import './globals.css';

// Demo mode is decided by the running server's environment, not at build time.
export const dynamic = 'force-dynamic';

export const metadata: Metadata = {
  title: { default: 'Omni Video Studio', template: '%s · Omni Video Studio' },
  description: 'Compose, validate and submit Kling Omni Video requests, and review every submission.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
        >
          Skip to content
        </a>
        {isDemoMode() && <DemoModeBanner />}
        <SiteHeader />
        <main id="main" className="mx-auto max-w-6xl px-4 py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
