/**
 * Runs once when the server starts: keep idle connections open 65 s, check configuration, bound a
 * normal stop, then open and migrate the database without waiting for it (pages that
 * need it wait; the composer does not).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { keepIdleConnectionsOpen } = await import('./lib/server/keep-alive');
  keepIdleConnectionsOpen();
  const { checkConfiguration, limitShutdownTime, openDatabaseAtStart } = await import(
    './lib/server/server-start'
  );
  checkConfiguration();
  limitShutdownTime();
  void openDatabaseAtStart();
}
