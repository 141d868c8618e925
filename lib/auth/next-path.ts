/** Where to go after signing in: a path on this site only (never `//host` or a full URL), else the composer. */
export function safeNextPath(next: string | string[] | undefined): string {
  const value = typeof next === 'string' ? next : '';
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}
