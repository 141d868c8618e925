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

/** Ports per worker: 3100+ for the shared app, 3200+ for apps a test starts itself. */
const appPort = (workerIndex: number) => 3100 + workerIndex;
const extraPort = (workerIndex: number, n: number) => 3200 + workerIndex * 20 + n;

/** The environment of the shared `app`: the worker's fake upstream, the test key and a 3 s timeout. */
export function upstreamEnv(upstream: FakeUpstream): Record<string, string> {
  return { KLING_API_BASE_URL: upstream.url, KLING_API_KEY: TEST_API_KEY, KLING_API_TIMEOUT_MS: '3000' };
}

interface WorkerFixtures {
  upstream: FakeUpstream;
  app: AppProcess;
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
    await Promise.all(started.map((app) => app.stop('SIGKILL')));
  },
});

export { expect } from '@playwright/test';
