/** Runs once when the server starts, before it answers: check configuration, open and migrate the database. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkConfiguration, limitShutdownTime, openDatabaseAtStart } = await import(
    './lib/server/server-start'
  );
  checkConfiguration();
  limitShutdownTime();
  await openDatabaseAtStart();
}
