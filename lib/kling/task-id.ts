/**
 * A task ID as the upstream could hand one out: 1 to 64 printable ASCII characters, and no path step
 * (`.`, `..`), since status queries put it in the URL path. Anything else in a reply (a 100 KB string,
 * a U+0000) is not a task ID: the reply is unreadable.
 */
export function isPlausibleTaskId(id: string): boolean {
  return /^[\x21-\x7e]{1,64}$/.test(id) && id !== '.' && id !== '..';
}
