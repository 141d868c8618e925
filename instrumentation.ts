/**
 * Runs once when the server starts, before it answers: check configuration, then open and migrate the
 * database without waiting for it (pages that need it wait; the composer does not).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkConfiguration, limitShutdownTime, openDatabaseAtStart } = await import(
    './lib/server/server-start'
  );
  checkConfiguration();
  limitShutdownTime();
  void openDatabaseAtStart();
}
