/** The cookie that remembers a color scheme chosen with the header's toggle; absent: follow the system. */
export const THEME_COOKIE = 'omni-theme';

export type Theme = 'light' | 'dark';

export function parseTheme(value: string | undefined): Theme | null {
  return value === 'light' || value === 'dark' ? value : null;
}
