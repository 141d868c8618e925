import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { listingService } from '@/e2e/support/listing-service';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { readListQuery } from '@/lib/api/valid-input';
import { type NewSubmissionRow, submissions } from '@/lib/db/schema';
import type { SubmissionStatus } from './submission';
import type { SubmissionService } from './submission-service';
import { createSubmissionStore, searchWords } from './submission-store';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const HOUR = 3_600_000;

describe('searchWords', () => {
  it('splits a search into words, ignoring extra spaces and repeated words', () => {
    expect(searchWords('  Lighthouse   night\tstorm ')).toEqual(['Lighthouse', 'night', 'storm']);
    expect(searchWords('night NIGHT Night')).toEqual(['night']);
    expect(searchWords('   ')).toEqual([]);
  });
});

describeEachDatabase('history search and counts', (database) => {
  let service: SubmissionService;
  let sequence = 0;
  /** A word only this test's rows carry. */
  const scope = () => `${database.token}w${++sequence}x`;

  beforeAll(() => {
    service = listingService(database.db);
  });

  async function seed(rows: Partial<NewSubmissionRow>[]): Promise<string[]> {
    const values = rows.map((row, i) => {
      const externalTaskId = row.externalTaskId ?? `${database.token}-${randomUUID()}`;
      const prompt = row.prompt ?? '';
      const at = new Date(T0 + i * 1_000);
      return {
        id: randomUUID(),
        status: 'submitted' as const,
        taskId: null,
        model: 'kling-v1',
        request: { model: 'kling-v1', prompt, external_task_id: externalTaskId },
        createdAt: at,
        updatedAt: at,
        ...row,
        externalTaskId,
        prompt,
      };
    });
    for (let i = 0; i < values.length; i += 500) {
      await database.db.insert(submissions).values(values.slice(i, i + 500));
    }
    return values.map((row) => row.id);
  }

  const found = async (q: string, limit = 50) =>
    (await service.list({ limit, q }, 'everyone')).items.map((s) => s.id);

  it('needs every word, in any order', async () => {
    const tag = scope();
    const [both, onlyLighthouse, onlyNight, reversed] = await seed([
      { prompt: `${tag} a lighthouse at night` },
      { prompt: `${tag} a lighthouse at dawn` },
      { prompt: `${tag} a market at night` },
      { prompt: `${tag} night falls on the lighthouse` },
    ]);
    expect(await found(`${tag} lighthouse night`)).toEqual([reversed, both]);
    expect(await found(`night ${tag} lighthouse`)).toEqual([reversed, both]);
    expect(await found(`${tag} lighthouse`)).toEqual([reversed, onlyLighthouse, both]);
    expect(await found(`${tag} night`)).toEqual([reversed, onlyNight, both]);
    expect(await found(`${tag} lighthouse night dawn`)).toEqual([]);
  });

  it('ignores case, in the search and in the stored text', async () => {
    const tag = scope();
    const [upper, lower] = await seed([
      { prompt: `${tag} A LIGHTHOUSE AT NIGHT` },
      { prompt: `${tag} a lighthouse at night` },
    ]);
    expect(await found(`${tag.toUpperCase()} LIGHTHOUSE Night`)).toEqual([lower, upper]);
    expect(await found(`${tag} lighthouse NIGHT`)).toEqual([lower, upper]);
  });

  it('matches part of a word', async () => {
    const tag = scope();
    const [match] = await seed([{ prompt: `${tag} lighthouses by moonlight` }, { prompt: `${tag} a lamp` }]);
    expect(await found(`${tag} HOUSE moon`)).toEqual([match]);
    expect(await found(`${tag} ligh oonli`)).toEqual([match]);
  });

  it('lets each word match a different field: prompt, task ID or external task ID', async () => {
    const tag = scope();
    const taskId = `9${Date.now()}${sequence}`;
    const [match] = await seed([
      { prompt: `${tag} a paper boat`, taskId, externalTaskId: `${tag}-campaign-77` },
      { prompt: `${tag} a paper boat`, externalTaskId: `${tag}-campaign-78` },
    ]);
    expect(await found(`boat ${taskId.slice(2, 10)} CAMPAIGN-77`)).toEqual([match]);
  });

  it('finds rare old matches behind many newer rows, newest first, page by page', async () => {
    const tag = scope();
    const rare = `${tag}rare`;
    // Three old matches, then more newer rows than a search reads in time order for a small page.
    const old = await seed([
      { prompt: `${rare} a kite one`, createdAt: new Date(T0 - 3 * HOUR) },
      { prompt: `${rare} a kite two`, createdAt: new Date(T0 - 2 * HOUR) },
      { prompt: `${rare} a kite three`, createdAt: new Date(T0 - HOUR) },
    ]);
    await seed(Array.from({ length: 300 }, (_, i) => ({ prompt: `${tag} filler ${i} kite` })));

    const first = await service.list({ limit: 2, q: `KITE ${rare}` }, 'everyone');
    expect(first.items.map((s) => s.id)).toEqual([old[2], old[1]]);
    expect(first.nextCursor).not.toBeNull();
    const second = await service.list(
      readListQuery(new URLSearchParams({ q: `KITE ${rare}`, limit: '2', cursor: first.nextCursor ?? '' })),
      'everyone',
    );
    expect(second.items.map((s) => s.id)).toEqual([old[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it('gives the same page whether the matches are among the newest rows or far behind them', async () => {
    const tag = scope();
    const near = await seed(Array.from({ length: 12 }, (_, i) => ({ prompt: `${tag} near match ${i}` })));
    expect(await found(`match ${tag}`, 5)).toEqual(near.slice(-5).reverse());
  });

  it('counts the matches per status, whatever status is selected', async () => {
    const tag = scope();
    const statuses: SubmissionStatus[] = ['failed', 'failed', 'succeeded', 'processing', 'failed'];
    await seed(statuses.map((status, i) => ({ status, prompt: `${tag} take ${i} storm` })));
    await seed([{ status: 'failed', prompt: `${tag} calm` }]);
    const counts = await service.countByStatus({ q: `STORM ${tag}`, status: 'succeeded' }, 'everyone');
    expect(counts).toEqual({
      pending: { count: 0, more: false },
      submitted: { count: 0, more: false },
      processing: { count: 1, more: false },
      succeeded: { count: 1, more: false },
      failed: { count: 3, more: false },
    });
  });

  it('stops counting past the cap, and says there are more', async () => {
    const tag = scope();
    await seed(Array.from({ length: 5 }, (_, i) => ({ status: 'failed', prompt: `${tag} ${i}` })));
    const store = createSubmissionStore(database.db);
    expect((await store.countByStatus({ q: tag }, 3)).failed).toBe(4);
    expect((await store.countByStatus({ q: tag }, 5)).failed).toBe(5);
  });
});
