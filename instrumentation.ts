import type { Instrumentation } from 'next';

/**
 * Runs once when the server starts: guard incoming requests and keep idle connections open 65 s,
 * check configuration, route the framework's error output through the app's log, bound a normal
 * stop, then open and migrate the database without waiting for it (pages that need it wait; the
 * composer does not).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { guardRequests } = await import('./lib/server/request-edge');
  guardRequests();
  const { keepIdleConnectionsOpen } = await import('./lib/server/keep-alive');
  keepIdleConnectionsOpen();
  const { checkConfiguration, limitShutdownTime, openDatabaseAtStart } = await import(
    './lib/server/server-start'
  );
  // Before output is routed through the log: a configuration error is for a person to read.
  checkConfiguration();
  const { captureServerOutput } = await import('./lib/logging/server-output');
  captureServerOutput();
  limitShutdownTime();
  void openDatabaseAtStart();
}

/** A page or route that failed: one JSON log line, redacted, with the path but not its query. */
export const onRequestError: Instrumentation.onRequestError = async (error, request, context) => {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { logError } = await import('./lib/logging/log');
  const { markReported } = await import('./lib/logging/server-output');
  markReported(error);
  logError('request failed', error, {
    method: request.method,
    path: request.path.split('?')[0],
    route: context.routePath,
    kind: context.routeType,
  });
};
