import { test as base } from '@playwright/test';
import { type FakeUpstream, startFakeUpstream } from '../fake-upstream/fake-upstream.mjs';
import { type AppProcess, type StartAppOptions, startApp } from './app-process';

/** The key the app under test holds; it must never reach a browser. */
export const TEST_API_KEY = 'sk-e2e-4f1c9a7b2d8e6f3a0b5c';

/**
 * Opening the embedded database keeps the server's CPU busy for seconds on first use; doing it here,
 * before any test, keeps that wait out of the first test's page loads.
 */
async function warmUp(app: AppProcess): Promise<void> {
  const response = await fetch(`${app.url}/api/submissions?limit=1`, { signal: AbortSignal.timeout(60_000) });
  if (!response.ok)
    throw new Error(`warm-up: GET /api/submissions answered ${response.status}\n${app.output()}`);
}

/**
 * Ports per worker, from E2E_PORT_BASE (3100): +0 for the shared app, +50/+60 for the task-following
 * apps, +100 and up for apps a test starts itself. Another base lets two checkouts run their suites at once.
 */
const PORT_BASE = Number(process.env.E2E_PORT_BASE ?? 3100);
const appPort = (workerIndex: number) => PORT_BASE + workerIndex;
const extraPort = (workerIndex: number, n: number) => PORT_BASE + 100 + workerIndex * 20 + n;
// By parallel index (0..workers-1): a worker that replaces a failed one stops nothing of the old one's.
const livePort = (parallelIndex: number) => PORT_BASE + 50 + parallelIndex;
const quietPort = (parallelIndex: number) => PORT_BASE + 60 + parallelIndex;

/** The secret in the callback URL of the task-following apps (`liveApp`, `quietApp`), known to tests. */
export const TEST_CALLBACK_TOKEN = 'cbt-e2e-9b7d31f0a5c24e68d1';

/** The app's own callback URL, as the upstream must be told it (token in clear). */
export const callbackUrlOf = (app: AppProcess, token = TEST_CALLBACK_TOKEN) =>
  `${app.url}/api/callbacks/kling?token=${encodeURIComponent(token)}`;

/** The environment of the shared `app`: the worker's fake upstream, the test key and a 3 s timeout. */
export function upstreamEnv(upstream: FakeUpstream): Record<string, string> {
  return { KLING_API_BASE_URL: upstream.url, KLING_API_KEY: TEST_API_KEY, KLING_API_TIMEOUT_MS: '3000' };
}

interface WorkerFixtures {
  upstream: FakeUpstream;
  app: AppProcess;
  /**
   * An app that follows tasks quickly (first status query 300 ms after submission), with a known
   * CALLBACK_TOKEN and APP_PUBLIC_URL (so submissions without a Callback URL get the app's own).
   */
  liveApp: AppProcess;
  /**
   * The same, except its background follower waits 10 minutes before a first status query: only a
   * user's "Check status now" or a callback moves a task, so tests see exactly what those did.
   */
  quietApp: AppProcess;
}

/** An app on the worker's fake upstream that follows tasks, with the test callback token and its own public URL. */
async function startFollowingApp(port: number, upstream: FakeUpstream, pollIntervalMs: string) {
  const app = await startApp({
    port,
    env: {
      ...upstreamEnv(upstream),
      KLING_POLL_INTERVAL_MS: pollIntervalMs,
      CALLBACK_TOKEN: TEST_CALLBACK_TOKEN,
      APP_PUBLIC_URL: `http://127.0.0.1:${port}`,
    },
  });
  await warmUp(app).catch(async (error) => {
    await app.stop('SIGKILL');
    throw error;
  });
  return app;
}

interface TestFixtures {
  /** Starts another app instance (demo mode, restart, crash), stopped after the test. */
  launchApp: (options?: Omit<StartAppOptions, 'port'> & { port?: number }) => Promise<AppProcess>;
}

export const test = base.extend<TestFixtures, WorkerFixtures>({
  upstream: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
    async ({}, use) => {
      const upstream = await startFakeUpstream({ apiKey: TEST_API_KEY });
      await use(upstream);
      await upstream.close();
    },
    { scope: 'worker' },
  ],
  app: [
    async ({ upstream }, use, workerInfo) => {
      const app = await startApp({
        port: appPort(workerInfo.workerIndex),
        env: upstreamEnv(upstream),
      });
      await warmUp(app).catch(async (error) => {
        await app.stop('SIGKILL');
        throw error;
      });
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  liveApp: [
    async ({ upstream }, use, workerInfo) => {
      const port = livePort(workerInfo.parallelIndex);
      const app = await startFollowingApp(port, upstream, '300');
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  quietApp: [
    async ({ upstream }, use, workerInfo) => {
      const port = quietPort(workerInfo.parallelIndex);
      const app = await startFollowingApp(port, upstream, '600000');
      await use(app);
      await app.stop();
    },
    { scope: 'worker', timeout: 90_000 },
  ],
  baseURL: async ({ app }, use) => {
    await use(app.url);
  },
  // Every test starts from a fake upstream with no queued replies and no recorded calls.
  page: async ({ page, upstream }, use) => {
    upstream.reset();
    await use(page);
  },
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  launchApp: async ({}, use, testInfo) => {
    const started: AppProcess[] = [];
    let n = 0;
    await use(async (options = {}) => {
      const app = await startApp({ ...options, port: options.port ?? extraPort(testInfo.workerIndex, n++) });
      started.push(app);
      await warmUp(app);
      return app;
    });
    // A failed test keeps what its apps printed (a crash, a stack trace) next to its trace.
    if (testInfo.status !== testInfo.expectedStatus) {
      for (const [i, app] of started.entries()) {
        await testInfo.attach(`app ${i + 1} (port ${app.port}) output`, {
          body: app.output(),
          contentType: 'text/plain',
        });
      }
    }
    await Promise.all(started.map((app) => app.stop('SIGKILL')));
  },
});

export { expect } from '@playwright/test';
