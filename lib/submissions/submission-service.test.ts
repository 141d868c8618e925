import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { listingService } from '@/e2e/support/listing-service';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { readListQuery } from '@/lib/api/valid-input';
import { type NewSubmissionRow, submissions } from '@/lib/db/schema';
import { AppError } from '@/lib/errors/app-error';
import type { Submission, SubmissionStatus } from './submission';
import type { SubmissionService } from './submission-service';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');

describeEachDatabase('submission history', (database) => {
  let service: SubmissionService;
  let sequence = 0;
  /** A search term only this test's rows carry. */
  const scope = () => `${database.token}s${++sequence}x`;

  beforeAll(() => {
    service = listingService(database.db);
  });

  /** Stores a row as the service would, at a chosen time, so ordering is exact. */
  async function seed(
    tag: string,
    at: number,
    extra: Partial<Pick<NewSubmissionRow, 'status' | 'taskId' | 'prompt' | 'externalTaskId' | 'model'>> = {},
  ): Promise<string> {
    const id = randomUUID();
    const prompt = extra.prompt ?? `${tag} a red kite over the dunes`;
    const externalTaskId = extra.externalTaskId ?? `${database.token}-${randomUUID()}`;
    await database.db.insert(submissions).values({
      id,
      status: extra.status ?? 'submitted',
      taskId: extra.taskId ?? null,
      externalTaskId,
      model: extra.model ?? 'kling-v1',
      prompt,
      request: { model: extra.model ?? 'kling-v1', prompt, external_task_id: externalTaskId },
      createdAt: new Date(at),
      updatedAt: new Date(at),
    });
    return id;
  }

  /** Every page of a query, following nextCursor through the same parser the route uses. */
  async function allPages(query: Record<string, string>): Promise<Submission[][]> {
    const pages: Submission[][] = [];
    let cursor: string | null = null;
    do {
      const params = new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) });
      const page = await service.list(readListQuery(params), 'everyone');
      pages.push(page.items);
      cursor = page.nextCursor;
    } while (cursor && pages.length < 50);
    return pages;
  }

  it('suggests the models used lately, each once, the most recently used first', async () => {
    const tag = scope();
    // Later than every other row of this database, so these are the latest submissions.
    const later = Date.parse('2099-01-01T00:00:00.000Z');
    await seed(tag, later, { model: `${tag}-a` });
    await seed(tag, later + 1_000, { model: `${tag}-b` });
    await seed(tag, later + 2_000, { model: `${tag}-a` });
    const models = await service.recentModels();
    expect(models.slice(0, 2)).toEqual([`${tag}-a`, `${tag}-b`]);
    expect(new Set(models).size).toBe(models.length);
  });

  it('lists newest first', async () => {
    const tag = scope();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push(await seed(tag, T0 + i * 1_000));
    const page = await service.list({ limit: 10, q: tag }, 'everyone');
    expect(page.items.map((s) => s.id)).toEqual(ids.reverse());
    expect(page.nextCursor).toBeNull();
  });

  it('pages through every row exactly once, even rows created in the same millisecond', async () => {
    const tag = scope();
    const ids = [];
    // Three rows share one timestamp: the cursor must still tell them apart.
    for (const at of [T0, T0 + 1, T0 + 1, T0 + 1, T0 + 2, T0 + 3, T0 + 3])
      ids.push({ id: await seed(tag, at), at });
    const expected = ids.sort((a, b) => b.at - a.at || (a.id < b.id ? 1 : -1)).map((row) => row.id);

    const pages = await allPages({ q: tag, limit: '2' });
    expect(pages.map((page) => page.length)).toEqual([2, 2, 2, 1]);
    expect(pages.flat().map((s) => s.id)).toEqual(expected);
  });

  it('ends on a full last page without offering an empty one', async () => {
    const tag = scope();
    for (let i = 0; i < 6; i++) await seed(tag, T0 + i);
    const pages = await allPages({ q: tag, limit: '3' });
    expect(pages.map((page) => page.length)).toEqual([3, 3]);
  });

  it('keeps pages stable when newer rows arrive between requests', async () => {
    const tag = scope();
    for (let i = 0; i < 4; i++) await seed(tag, T0 + i);
    const first = await service.list(readListQuery(new URLSearchParams({ q: tag, limit: '2' })), 'everyone');
    await seed(tag, T0 + 10);
    const second = await service.list(
      readListQuery(new URLSearchParams({ q: tag, limit: '2', cursor: first.nextCursor ?? '' })),
      'everyone',
    );
    const seen = [...first.items, ...second.items].map((s) => s.id);
    expect(new Set(seen).size).toBe(4);
    expect(second.nextCursor).toBeNull();
  });

  /** The page a cursor leads to, read through the same parser the route uses. */
  const pageAt = (query: Record<string, string>, cursor: string | null) =>
    service.list(readListQuery(new URLSearchParams({ ...query, ...(cursor ? { cursor } : {}) })), 'everyone');

  it('goes back a page with prevCursor and shows exactly the page seen before', async () => {
    const tag = scope();
    for (let i = 0; i < 7; i++) await seed(tag, T0 + i * 1_000);
    const query = { q: tag, limit: '3' };
    const first = await pageAt(query, null);
    expect(first.prevCursor).toBeNull();
    const second = await pageAt(query, first.nextCursor);
    const third = await pageAt(query, second.nextCursor);
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();

    const backToSecond = await pageAt(query, third.prevCursor);
    expect(backToSecond.items.map((s) => s.id)).toEqual(second.items.map((s) => s.id));
    const backToFirst = await pageAt(query, backToSecond.prevCursor);
    expect(backToFirst.items.map((s) => s.id)).toEqual(first.items.map((s) => s.id));
    expect(backToFirst.prevCursor).toBeNull();
    expect(backToFirst.nextCursor).not.toBeNull();
  });

  it('going back after newer rows arrived shows the same page, with a way on to the newer rows', async () => {
    const tag = scope();
    for (let i = 0; i < 6; i++) await seed(tag, T0 + i * 1_000);
    const query = { q: tag, limit: '3' };
    const first = await pageAt(query, null);
    const second = await pageAt(query, first.nextCursor);
    const newest = await seed(tag, T0 + 60_000);

    const back = await pageAt(query, second.prevCursor);
    expect(back.items.map((s) => s.id)).toEqual(first.items.map((s) => s.id));
    expect(back.prevCursor).not.toBeNull();
    const newer = await pageAt(query, back.prevCursor);
    expect(newer.items.map((s) => s.id)).toEqual([newest]);
    expect(newer.prevCursor).toBeNull();
  });

  it('pages back and forth within a status and a search', async () => {
    const tag = scope();
    const failed: string[] = [];
    for (let i = 0; i < 9; i++) {
      const id = await seed(tag, T0 + i * 1_000, { status: i % 2 ? 'failed' : 'succeeded' });
      if (i % 2) failed.unshift(id);
    }
    const query = { q: tag, status: 'failed', limit: '2' };
    const first = await pageAt(query, null);
    const second = await pageAt(query, first.nextCursor);
    expect([...first.items, ...second.items].map((s) => s.id)).toEqual(failed);
    expect((await pageAt(query, second.prevCursor)).items.map((s) => s.id)).toEqual(failed.slice(0, 2));
  });

  it('filters by status', async () => {
    const tag = scope();
    const statuses: SubmissionStatus[] = ['submitted', 'failed', 'pending', 'failed', 'succeeded'];
    const ids = [];
    for (const [i, status] of statuses.entries()) ids.push(await seed(tag, T0 + i, { status }));

    const failed = await service.list({ limit: 10, q: tag, status: 'failed' }, 'everyone');
    expect(failed.items.map((s) => s.id)).toEqual([ids[3], ids[1]]);
    expect(failed.items.every((s) => s.status === 'failed')).toBe(true);
    expect((await service.list({ limit: 10, q: tag, status: 'processing' }, 'everyone')).items).toEqual([]);
  });

  it('searches the prompt, ignoring case', async () => {
    const tag = scope();
    const match = await seed(tag, T0, { prompt: `${tag} A Lighthouse In The Storm` });
    await seed(tag, T0 + 1, { prompt: `${tag} a quiet meadow` });
    const found = await service.list({ limit: 10, q: `${tag} a lighthouse`.toUpperCase() }, 'everyone');
    expect(found.items.map((s) => s.id)).toEqual([match]);
  });

  it('searches the task ID and the external task ID', async () => {
    const tag = scope();
    const taskId = `${Date.now()}${String(sequence).padStart(5, '0')}`;
    const byTask = await seed(tag, T0, { taskId });
    const byExternal = await seed(tag, T0 + 1, { externalTaskId: `${tag}-campaign-42` });

    expect((await service.list({ limit: 10, q: taskId }, 'everyone')).items.map((s) => s.id)).toEqual([
      byTask,
    ]);
    expect(
      (await service.list({ limit: 10, q: taskId.slice(3, 12) }, 'everyone')).items.map((s) => s.id),
    ).toContain(byTask);
    expect(
      (await service.list({ limit: 10, q: `${tag}-CAMPAIGN-4` }, 'everyone')).items.map((s) => s.id),
    ).toEqual([byExternal]);
  });

  it.each([
    ['%', '100% cotton', '100 cotton'],
    ['_', 'shot_a', 'shotXa'],
    ['\\', 'C:\\clips', 'C:clips'],
  ])('treats %s in a search as a literal character, not a wildcard', async (_, literal, lookalike) => {
    const tag = scope();
    const match = await seed(tag, T0, { prompt: `${tag} ${literal}` });
    await seed(tag, T0 + 1, { prompt: `${tag} ${lookalike}` });
    const found = await service.list({ limit: 10, q: `${tag} ${literal}` }, 'everyone');
    expect(found.items.map((s) => s.id)).toEqual([match]);
  });

  it('gets one submission by ID, as it is stored', async () => {
    const tag = scope();
    const id = await seed(tag, T0, { status: 'failed' });
    const submission = await service.get(id, 'everyone');
    expect(submission).toMatchObject({
      id,
      status: 'failed',
      model: 'kling-v1',
      createdAt: new Date(T0).toISOString(),
    });
    expect(submission.request).toMatchObject({ prompt: expect.stringContaining(tag) });
    expect(submission).not.toHaveProperty('idempotencyKey');
    expect(submission).not.toHaveProperty('requestHash');
  });

  it.each([
    ['an unknown ID', randomUUID()],
    ['an overlong ID', 'x'.repeat(65)],
    ['an empty ID', ''],
  ])('answers %s with not_found', async (_, id) => {
    const error = await service.get(id, 'everyone').then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'not_found', status: 404 });
  });
});
