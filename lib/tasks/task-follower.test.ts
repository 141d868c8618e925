import { randomUUID } from 'node:crypto';
import { like, lt } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { type Database, type Db, openDatabase } from '@/lib/db/client';
import { type NewSubmissionRow, type SubmissionRow, submissions } from '@/lib/db/schema';
import { createHttpClient } from '@/lib/kling/http-client';
import type { KlingUpstream } from '@/lib/kling/types';
import { createSubmissionStore, type SubmissionStore } from '@/lib/submissions/submission-store';
import { BATCH, startTaskFollower, type TaskFollower } from './task-follower';

const API_KEY = 'sk-test-task-follower';
const VIDEO_URL = 'https://cdn.example.com/videos/followed.mp4';
const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || null;

const fake = setupFakeUpstream({ apiKey: API_KEY });
let upstream: KlingUpstream;
beforeAll(() => {
  upstream = createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: 2_000 });
});

let taskSequence = 0;
/** An 18-digit task ID unique to this run. */
const newTaskId = () => `6${String(Date.now()).slice(-12)}${String(++taskSequence).padStart(5, '0')}`;

/** Stores a submitted task as the create call leaves it, due for a status query at `nextPollAt`. */
async function insertTask(
  db: Db,
  tag: string,
  fields: Partial<NewSubmissionRow> & { nextPollAt: Date | null },
): Promise<SubmissionRow> {
  const id = randomUUID();
  const taskId = fields.taskId === undefined ? newTaskId() : fields.taskId;
  const externalTaskId = `${tag}-${id.slice(0, 8)}`;
  const now = new Date();
  const [row] = await db
    .insert(submissions)
    .values({
      id,
      status: 'submitted',
      taskId,
      externalTaskId,
      model: 'kling-v1',
      prompt: `${tag} followed`,
      request: { model: 'kling-v1', prompt: `${tag} followed`, external_task_id: externalTaskId },
      createdAt: now,
      updatedAt: now,
      ...fields,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  if (taskId) fake.setTask(taskId, { status: 'submitted', externalTaskId });
  return row;
}

/** How many status queries each task got. */
function queriesPerTask(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of fake.queryCalls()) {
    const id = call.path.split('/').pop() ?? '';
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

describe.skipIf(TEST_DATABASE_URL === null)(
  `two app instances on one PostgreSQL${TEST_DATABASE_URL ? '' : ' (skipped: TEST_DATABASE_URL is unset)'}`,
  () => {
    /**
     * Other suites share this PostgreSQL database and keep rows due "now". This suite's rows live in
     * a past era instead, and its claims are made at times of that era: it never takes (or follows)
     * another suite's rows, and no other suite ever claims rows at all.
     */
    const ERA = Date.parse('2004-06-01T00:00:00.000Z');
    const tag = `f${randomUUID().slice(0, 8)}`;
    let first: Database;
    let second: Database;
    let storeA: SubmissionStore;
    let storeB: SubmissionStore;
    const followers: TaskFollower[] = [];

    /** A task store whose claims happen in the era: real time since `start`, counted from ERA. */
    function inEra(store: SubmissionStore, start: number): SubmissionStore {
      return {
        ...store,
        claimDue: (now, limit, leaseMs) =>
          store.claimDue(new Date(ERA + (now.getTime() - start)), limit, leaseMs),
      };
    }

    beforeAll(async () => {
      const databaseUrl = TEST_DATABASE_URL as string;
      // Two pools, as two processes would have: claims race over separate connections.
      [first, second] = await Promise.all([
        openDatabase({ databaseUrl, dataDir: null }),
        openDatabase({ databaseUrl, dataDir: null }),
      ]);
      storeA = createSubmissionStore(first.db);
      storeB = createSubmissionStore(second.db);
      // Rows of this era left by an interrupted earlier run would be due here too.
      await first.db
        .delete(submissions)
        .where(lt(submissions.nextPollAt, new Date(Date.parse('2010-01-01'))));
    });
    afterEach(async () => {
      for (const follower of followers.splice(0)) follower.stop();
      await first.db.delete(submissions).where(like(submissions.externalTaskId, `${tag}-%`));
    });
    afterAll(async () => {
      await Promise.all([first?.close(), second?.close()]);
    });

    async function dueTasks(n: number): Promise<SubmissionRow[]> {
      const rows = [];
      for (let i = 0; i < n; i++)
        rows.push(await insertTask(first.db, tag, { nextPollAt: new Date(ERA - 1_000 - i) }));
      return rows;
    }

    it('claims racing on two pools never take the same row, and together take every due row', async () => {
      const rows = await dueTasks(12);
      const [a, b] = await Promise.all([
        storeA.claimDue(new Date(ERA), 8, 60_000),
        storeB.claimDue(new Date(ERA), 8, 60_000),
      ]);
      const idsA = a.map((row) => row.id);
      const idsB = b.map((row) => row.id);
      expect(idsA.filter((id) => idsB.includes(id))).toEqual([]);
      expect([...idsA, ...idsB].sort()).toEqual(rows.map((row) => row.id).sort());
      for (const claimed of [...a, ...b]) expect(claimed.leaseUntil?.getTime()).toBe(ERA + 60_000);

      // While the leases last, neither instance gets any of them again.
      const [againA, againB] = await Promise.all([
        storeA.claimDue(new Date(ERA + 1_000), 8, 60_000),
        storeB.claimDue(new Date(ERA + 1_000), 8, 60_000),
      ]);
      expect([...againA, ...againB]).toEqual([]);
    });

    it('many rounds of racing claims never hand one row to both instances', async () => {
      const rows = await dueTasks(10);
      const claimedBy = new Map<string, number>(rows.map((row) => [row.id, 0]));
      for (let round = 0; round < 5; round++) {
        // Each round's leases have expired by the next.
        const at = new Date(ERA + round * 10_000);
        const [a, b] = await Promise.all([storeA.claimDue(at, 3, 5_000), storeB.claimDue(at, 3, 5_000)]);
        const idsA = new Set(a.map((row) => row.id));
        expect(b.filter((row) => idsA.has(row.id))).toEqual([]);
        // Both got work: neither instance's claim starved the other.
        expect(a.length).toBeGreaterThan(0);
        expect(b.length).toBeGreaterThan(0);
        for (const row of [...a, ...b]) claimedBy.set(row.id, (claimedBy.get(row.id) ?? 0) + 1);
      }
      // Every claimed row was one of this test's due rows.
      expect([...claimedBy.keys()].sort()).toEqual(rows.map((row) => row.id).sort());
    });

    it('a lease expires: the row is claimed again only after leaseUntil', async () => {
      const [row] = await dueTasks(1);
      const id = row?.id as string;
      // Instance A claims it, then (say) crashes before answering.
      expect((await storeA.claimDue(new Date(ERA), 8, 1_000)).map((r) => r.id)).toEqual([id]);

      expect(await storeB.claimDue(new Date(ERA + 500), 8, 1_000)).toEqual([]);
      expect(await storeB.claimOne(id, new Date(ERA + 500), 1_000)).toBeNull();
      expect(await storeB.claimDue(new Date(ERA + 1_000), 8, 1_000)).toEqual([]);

      const taken = await storeB.claimDue(new Date(ERA + 1_001), 8, 1_000);
      expect(taken.map((r) => r.id)).toEqual([id]);
      expect(taken[0]?.leaseUntil?.getTime()).toBe(ERA + 2_001);
    });

    it('two followers on two pools ask about every due task exactly once per round', async () => {
      const rows = await dueTasks(12);
      for (const row of rows) fake.setTask(row.taskId as string, { status: 'processing' });

      const start = Date.now();
      const deps = { upstream, pollIntervalMs: 60_000, upstreamTimeoutMs: 2_000 };
      const a = startTaskFollower({ ...deps, store: inEra(storeA, start) });
      const b = startTaskFollower({ ...deps, store: inEra(storeB, start) });
      followers.push(a, b);
      // Only the rounds this test runs: the first starts with the follower, tick() joins it.
      a.stop();
      b.stop();
      const [countA, countB] = await Promise.all([a.tick(), b.tick()]);

      expect(countA + countB).toBe(12);
      const counts = queriesPerTask();
      expect(counts.size).toBe(12);
      for (const row of rows) expect(counts.get(row.taskId as string)).toBe(1);
      for (const row of rows) {
        expect(await storeA.findById(row.id)).toMatchObject({ status: 'processing', leaseUntil: null });
      }

      // Nothing is due until the next poll time: another round asks nobody.
      expect(await Promise.all([a.tick(), b.tick()])).toEqual([0, 0]);
      expect(fake.queryCalls()).toHaveLength(12);

      // Time passes: every task is due again, and again each is asked exactly once.
      await first.db
        .update(submissions)
        .set({ nextPollAt: new Date(ERA) })
        .where(like(submissions.externalTaskId, `${tag}-%`));
      await Promise.all([a.tick(), b.tick()]);
      const twice = queriesPerTask();
      for (const row of rows) expect(twice.get(row.taskId as string)).toBe(2);
    });
  },
);

describe('the task follower (PGlite)', () => {
  let database: Database;
  let store: SubmissionStore;
  let follower: TaskFollower | null = null;
  const tag = `p${randomUUID().slice(0, 8)}`;
  const POLL_MS = 10_000;

  beforeAll(async () => {
    database = await openDatabase({ databaseUrl: null, dataDir: null });
    store = createSubmissionStore(database.db);
  });
  afterAll(() => database?.close());
  afterEach(async () => {
    follower?.stop();
    follower = null;
    await database.db.delete(submissions);
  });

  /** A follower whose rounds the test runs itself: the timer is stopped, its first round awaited. */
  async function manualFollower(): Promise<TaskFollower> {
    follower = startTaskFollower({ store, upstream, pollIntervalMs: POLL_MS, upstreamTimeoutMs: 2_000 });
    follower.stop();
    await follower.tick();
    return follower;
  }

  const past = () => new Date(Date.now() - 1_000);
  const row = async (id: string) => (await store.findById(id)) as SubmissionRow;
  /** Time passes: the row's next poll is due now. */
  const makeDue = (id: string) =>
    store.reschedule(id, { nextPollAt: past(), pollAttempts: 0 }).then(() => undefined);

  it('a round asks about due tasks only, records news, and schedules the next query', async () => {
    const f = await manualFollower();
    const moving = await insertTask(database.db, tag, { nextPollAt: past() });
    const still = await insertTask(database.db, tag, { nextPollAt: past() });
    const notYet = await insertTask(database.db, tag, { nextPollAt: new Date(Date.now() + 3_600_000) });
    const finished = await insertTask(database.db, tag, {
      status: 'succeeded',
      nextPollAt: null,
      video: { url: VIDEO_URL, duration: 5 },
    });
    fake.setTask(moving.taskId as string, { status: 'processing' });

    const before = Date.now();
    expect(await f.tick()).toBe(2);
    const counts = queriesPerTask();
    expect(counts.get(moving.taskId as string)).toBe(1);
    expect(counts.get(still.taskId as string)).toBe(1);
    expect(counts.has(notYet.taskId as string)).toBe(false);
    expect(counts.has(finished.taskId as string)).toBe(false);

    const moved = await row(moving.id);
    expect(moved).toMatchObject({ status: 'processing', pollAttempts: 0, leaseUntil: null });
    expect(moved.nextPollAt?.getTime()).toBeGreaterThanOrEqual(before + POLL_MS);

    const same = await row(still.id);
    expect(same).toMatchObject({ status: 'submitted', pollAttempts: 1, leaseUntil: null });
    // Nothing new: asked again later than the first interval (backoff).
    expect(same.nextPollAt?.getTime()).toBeGreaterThan(before + POLL_MS);

    // Nothing is due now: the next round asks nobody.
    expect(await f.tick()).toBe(0);
    expect(fake.queryCalls()).toHaveLength(2);
  });

  it('waits longer each time a task has no news, up to the cap', async () => {
    const f = await manualFollower();
    const task = await insertTask(database.db, tag, { nextPollAt: past() });
    const delays: number[] = [];
    for (let i = 0; i < 4; i++) {
      if (i > 0)
        await store.reschedule(task.id, {
          nextPollAt: past(),
          pollAttempts: (await row(task.id)).pollAttempts,
        });
      await f.tick();
      const after = await row(task.id);
      delays.push((after.nextPollAt as Date).getTime() - (after.refreshedAt as Date).getTime());
    }
    expect((await row(task.id)).pollAttempts).toBe(4);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] as number);
    expect(Math.max(...delays)).toBeLessThanOrEqual(60_000);
  });

  it('no longer asks about a task once it has succeeded or failed', async () => {
    const f = await manualFollower();
    const good = await insertTask(database.db, tag, { nextPollAt: past() });
    const bad = await insertTask(database.db, tag, { nextPollAt: past() });
    fake.setTask(good.taskId as string, { status: 'succeeded', videoUrl: VIDEO_URL });
    fake.setTask(bad.taskId as string, {
      status: 'failed',
      message: 'Failure to pass the risk control system',
    });

    expect(await f.tick()).toBe(2);
    expect(await row(good.id)).toMatchObject({
      status: 'succeeded',
      nextPollAt: null,
      video: { url: VIDEO_URL },
    });
    expect(await row(bad.id)).toMatchObject({ status: 'failed', nextPollAt: null });

    expect(await f.tick()).toBe(0);
    expect(fake.queryCalls()).toHaveLength(2);
  });

  it('keeps following after a failed query, and the other tasks of the round are not held up', async () => {
    const f = await manualFollower();
    const broken = await insertTask(database.db, tag, { nextPollAt: past() });
    fake.nextQueryReply({ kind: 'status', status: 503 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await f.tick()).toBe(1);
    } finally {
      warn.mockRestore();
    }
    expect(await row(broken.id)).toMatchObject({ status: 'submitted', pollAttempts: 1, leaseUntil: null });

    await makeDue(broken.id);
    fake.setTask(broken.taskId as string, { status: 'processing' });
    expect(await f.tick()).toBe(1);
    expect(await row(broken.id)).toMatchObject({ status: 'processing' });
  });

  it('skips a task a user’s refresh holds right now', async () => {
    const f = await manualFollower();
    const task = await insertTask(database.db, tag, { nextPollAt: past() });
    expect(await store.claimOne(task.id, new Date(), 30_000)).not.toBeNull();
    expect(await f.tick()).toBe(0);
    expect(fake.queryCalls()).toHaveLength(0);
  });

  it('asks about look-ups (no task ID yet) before routine polls that have waited longer', async () => {
    const f = await manualFollower();
    const routine: SubmissionRow[] = [];
    for (let i = 0; i < 12; i++)
      routine.push(await insertTask(database.db, tag, { nextPollAt: new Date(Date.now() - 60_000 - i) }));
    // A crashed create call and an uncertain failure, due only just now.
    const crashed = await insertTask(database.db, tag, {
      status: 'pending',
      taskId: null,
      nextPollAt: past(),
    });
    const uncertain = await insertTask(database.db, tag, {
      status: 'failed',
      taskId: null,
      nextPollAt: past(),
    });

    expect(await f.tick()).toBe(BATCH.min);
    const asked = fake.queryCalls().map((call) => call.path.split('/').pop());
    expect(asked).toContain(crashed.externalTaskId);
    expect(asked).toContain(uncertain.externalTaskId);
    expect(asked.filter((id) => routine.some((row) => row.taskId === id))).toHaveLength(BATCH.min - 2);
  });

  it('asks more a round while rounds come back full, up to its cap, then back to the base', async () => {
    const f = await manualFollower();
    for (let i = 0; i < 100; i++) await insertTask(database.db, tag, { nextPollAt: past() });
    const rounds: number[] = [];
    for (let i = 0; i < 6; i++) rounds.push(await f.tick());
    expect(rounds).toEqual([8, 16, 32, 32, 12, 0]);
    expect(Math.max(...rounds)).toBe(BATCH.max);
    // The backlog is gone: the next round is back at the base size.
    for (let i = 0; i < 20; i++) await insertTask(database.db, tag, { nextPollAt: past() });
    expect(await f.tick()).toBe(BATCH.min);
  });

  it('goes back to the base size after a round the upstream rate-limited', async () => {
    const f = await manualFollower();
    for (let i = 0; i < 60; i++) await insertTask(database.db, tag, { nextPollAt: past() });
    expect(await f.tick()).toBe(8);
    fake.nextQueryReply({ kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      expect(await f.tick()).toBe(16);
    } finally {
      warn.mockRestore();
    }
    expect(await f.tick()).toBe(8);
  });

  it('runs by itself in the background once started', async () => {
    const task = await insertTask(database.db, tag, { nextPollAt: new Date(Date.now() + 150) });
    fake.setTask(task.taskId as string, { status: 'processing' });
    // A small interval: rounds every 100 ms.
    follower = startTaskFollower({ store, upstream, pollIntervalMs: 200, upstreamTimeoutMs: 2_000 });
    await vi.waitFor(async () => expect(await row(task.id)).toMatchObject({ status: 'processing' }), {
      timeout: 5_000,
      interval: 50,
    });
  });
});
