'use client';
import { useEffect, useState } from 'react';
import { parseTheme, THEME_COOKIE, type Theme } from '@/lib/ui/theme';

const SYSTEM_DARK = '(prefers-color-scheme: dark)';
const ONE_YEAR_S = 365 * 24 * 60 * 60;

const systemTheme = (): Theme => (window.matchMedia(SYSTEM_DARK).matches ? 'dark' : 'light');

/**
 * "Dark mode", pressed while the page is dark. A choice that differs from the system's is
 * remembered in a cookie (the server renders it, so no page flashes the other scheme); choosing
 * the system's own scheme again forgets it, and the page follows the system once more.
 */
export function ThemeToggle({ chosen }: { chosen: Theme | null }) {
  // The server cannot know the system's scheme: until the page runs, only a chosen one is shown.
  const [dark, setDark] = useState(chosen === 'dark');
  useEffect(() => {
    const media = window.matchMedia(SYSTEM_DARK);
    const sync = () => {
      const theme = parseTheme(document.documentElement.dataset.theme) ?? systemTheme();
      setDark(theme === 'dark');
    };
    sync();
    media.addEventListener('change', sync);
    return () => media.removeEventListener('change', sync);
  }, []);

  // document.cookie, not the Cookie Store API (missing in Safari before 18.4): the value is one fixed word.
  function toggle() {
    const next: Theme = dark ? 'light' : 'dark';
    const root = document.documentElement;
    if (next === systemTheme()) {
      delete root.dataset.theme;
      // biome-ignore lint/suspicious/noDocumentCookie: see above.
      document.cookie = `${THEME_COOKIE}=; path=/; max-age=0; samesite=lax`;
    } else {
      root.dataset.theme = next;
      // biome-ignore lint/suspicious/noDocumentCookie: see above.
      document.cookie = `${THEME_COOKIE}=${next}; path=/; max-age=${ONE_YEAR_S}; samesite=lax`;
    }
    setDark(next === 'dark');
  }

  return (
    <button
      type="button"
      aria-pressed={dark}
      onClick={toggle}
      className="rounded-md border border-slate-400 px-2 py-1 text-sm font-medium text-slate-900 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 aria-pressed:bg-slate-900 aria-pressed:text-white"
    >
      Dark mode
    </button>
  );
}
