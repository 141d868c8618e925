import { type LoadResult, runLoad } from '../load/load-generator.mjs';
import { type FakeUpstream, startFakeUpstream } from './fake-upstream/fake-upstream.mjs';
import { accountsOf } from './support/accounts';
import type { AppProcess } from './support/app-process';
import { expect, TEST_API_KEY, test } from './support/fixtures';
import {
  answersNotMatchingRows,
  listAllSubmissions,
  repeated,
  reportFigures,
  sentExternalIds,
  upstreamTaskIds,
} from './support/load-checks';
import { freshDatabase } from './support/postgres.mjs';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const COUNT = 1_000;
const CONCURRENCY = 50;
/** Generous on a shared 2-core machine, yet bounded: start, 1,000 submissions, and the checks. */
const TEST_TIMEOUT_MS = 6 * 60_000;

/**
 * The app's defaults for the upstream timeout (30 s: a loaded server's create call must not time out
 * and turn into a 504), and a follower that waits 10 minutes before a first status query, so
 * queries stay out of the way of the load.
 */
const loadEnv = (fake: FakeUpstream) => ({
  KLING_API_BASE_URL: fake.url,
  KLING_API_KEY: TEST_API_KEY,
  KLING_API_TIMEOUT_MS: '30000',
  KLING_POLL_INTERVAL_MS: '600000',
});

const load = (targets: AppProcess[]) =>
  runLoad({
    targets: targets.map((app) => app.url),
    // Instances on one database share their people: one token acts on each.
    token: accountsOf(targets[0] as AppProcess).creator.token,
    count: COUNT,
    concurrency: CONCURRENCY,
    timeoutMs: 120_000,
    maxWallMs: 4 * 60_000,
  });

/** Every submission answered 201, stored once, sent upstream exactly once, and its task ID is the row's. */
async function expectEverySubmissionOnce(
  fake: FakeUpstream,
  apps: AppProcess[],
  { answers, summary }: LoadResult,
) {
  expect(summary.statusCounts).toEqual({ 201: COUNT });
  expect(summary.serverErrors).toBe(0);
  expect(summary.transportErrors).toBe(0);
  expect(answers).toHaveLength(COUNT);

  for (const app of apps) {
    const rows = await listAllSubmissions(app);
    expect(rows, `rows listed by ${app.url}`).toHaveLength(COUNT);
    expect(new Set(rows.map((row) => row.id)).size).toBe(COUNT);
    expect(rows.filter((row) => row.status !== 'submitted')).toEqual([]);
    expect(answersNotMatchingRows(answers, rows)).toEqual([]);
  }

  const sent = sentExternalIds(fake);
  expect(sent).toHaveLength(COUNT);
  expect(repeated(sent)).toEqual([]);
  // The task ID each answer gave is the one the upstream created for that external task ID.
  const created = upstreamTaskIds(fake);
  const wrong = answers.filter((a) => created.get(a.body.externalTaskId) !== a.body.taskId);
  expect(wrong.map((a) => a.i)).toEqual([]);
  // Distinct prompts, each stored with the request that carried it.
  expect(new Set(answers.map((a) => a.body.request.prompt)).size).toBe(COUNT);
}

test('1,000 submissions at concurrency 50 on one app with the embedded database: every one stored and sent once', async ({
  launchApp,
}, testInfo) => {
  test.setTimeout(TEST_TIMEOUT_MS);
  const fake = await startFakeUpstream({ apiKey: TEST_API_KEY });
  try {
    const app = await launchApp({ env: loadEnv(fake) });
    const result = await load([app]);
    reportFigures(testInfo, 'pglite 1 instance', result.summary);
    await expectEverySubmissionOnce(fake, [app], result);
  } finally {
    await fake.close();
  }
});

test.describe('two app instances on one PostgreSQL database', () => {
  // Runs only against a real PostgreSQL server: scripts/test-all.sh starts one and sets TEST_DATABASE_URL.
  // Without it there is no database two instances could share (the embedded one belongs to one process).
  test.skip(
    !TEST_DATABASE_URL,
    'TEST_DATABASE_URL is unset: no PostgreSQL server for two instances to share',
  );

  test('1,000 submissions at concurrency 50, alternating between them: every one stored and sent once', async ({
    launchApp,
  }, testInfo) => {
    test.setTimeout(TEST_TIMEOUT_MS);
    const database = await freshDatabase(TEST_DATABASE_URL ?? '');
    // Rows other runs left in a shared database would spoil the count.
    test.skip(!database.fresh, 'no throwaway database could be created, so rows cannot be counted');
    const fake = await startFakeUpstream({ apiKey: TEST_API_KEY });
    const apps: AppProcess[] = [];
    try {
      const env = { ...loadEnv(fake), DATABASE_URL: database.url };
      // One after the other: the second finds the schema the first created.
      apps.push(await launchApp({ env }));
      apps.push(await launchApp({ env }));
      const result = await load(apps);
      reportFigures(testInfo, 'postgresql 2 instances', result.summary);
      expect(result.answers.filter((x) => x.target === apps[0]?.url)).toHaveLength(COUNT / 2);
      await expectEverySubmissionOnce(fake, apps, result);
    } finally {
      // Stopped before their database is dropped under them.
      await Promise.all(apps.map((app) => app.stop()));
      await fake.close();
      await database.drop();
    }
  });
});
