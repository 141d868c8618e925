/** Runs once when the server starts: refuse to start on a configuration that cannot work. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkConfiguration } = await import('./lib/server-start');
  checkConfiguration();
}
