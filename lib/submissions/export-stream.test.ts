import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { listingService } from '@/e2e/support/listing-service';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { EXPORT_CSV_COLUMNS } from '@/lib/contract/export';
import { submissions } from '@/lib/db/schema';
import { openExportStream } from './export-stream';
import type { Submission } from './submission';
import type { SubmissionService } from './submission-service';

const T0 = Date.parse('2026-03-01T12:00:00.000Z');
const ROWS = 3_000;
const BATCH = 500;

/** Counts the batches a consumer has pulled from the service so far. */
function counted(batches: AsyncGenerator<Submission[]>) {
  const seen = { batches: 0, finished: false };
  async function* wrapped() {
    try {
      for await (const batch of batches) {
        seen.batches++;
        yield batch;
      }
    } finally {
      seen.finished = true;
    }
  }
  return { batches: wrapped(), seen };
}

describeEachDatabase('export stream', (database) => {
  let service: SubmissionService;
  const tag = `${database.token}export`;
  /** Newest first, as the export must list them. */
  let expectedIds: string[] = [];

  beforeAll(async () => {
    service = listingService(database.db);
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const externalTaskId = `${tag}-${i}`;
      const prompt = i % 3 === 0 ? `=cmd|' /C calc'!A0 ${tag} take ${i}` : `${tag} take ${i}, "quoted"`;
      return {
        id: randomUUID(),
        status: i % 10 === 0 ? ('failed' as const) : ('succeeded' as const),
        taskId: String(800_000_000_000 + i),
        externalTaskId,
        model: 'kling-v1',
        prompt,
        request: { model: 'kling-v1', prompt, external_task_id: externalTaskId },
        createdAt: new Date(T0 + i * 1_000),
        updatedAt: new Date(T0 + i * 1_000),
      };
    });
    for (let i = 0; i < rows.length; i += BATCH)
      await database.db.insert(submissions).values(rows.slice(i, i + BATCH));
    expectedIds = rows.map((row) => row.id).reverse();
  });

  it('reads one batch from the database per chunk the client takes, never the whole set', async () => {
    const { batches, seen } = counted(service.exportBatches({ q: tag }, 'everyone', BATCH));
    const stream = await openExportStream(batches, 'csv');
    // Opening reads the first batch only, so a database error is still an error answer.
    expect(seen.batches).toBe(1);
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let text = '';
    let chunks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
      // Never more than one batch ahead of what the client has taken.
      expect(seen.batches).toBeLessThanOrEqual(chunks);
    }
    expect(seen.batches).toBe(ROWS / BATCH);
    expect(chunks).toBe(ROWS / BATCH + 1); // the last read finds no batch and closes the file

    const lines = text.split('\r\n').filter((line, i, all) => i < all.length - 1 || line !== '');
    expect(lines[0]).toBe(EXPORT_CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(ROWS + 1);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(expectedIds);
    // A prompt that starts like a formula is defused; one with quotes and commas is quoted.
    expect(text).toContain(`,'=cmd|' /C calc'!A0 ${tag} take 2997,`);
    expect(text).toContain(`,"${tag} take 2999, ""quoted""",`);
  });

  it('writes a JSON array of every matching submission, newest first', async () => {
    const stream = await openExportStream(
      service.exportBatches({ q: tag, status: 'failed' }, 'everyone', BATCH),
      'json',
    );
    const exported = JSON.parse(await new Response(stream).text()) as Submission[];
    expect(exported).toHaveLength(ROWS / 10);
    expect(exported.every((s) => s.status === 'failed')).toBe(true);
    expect(exported.map((s) => s.id)).toEqual(expectedIds.filter((_, i) => (ROWS - 1 - i) % 10 === 0));
    expect(exported[0]).toMatchObject({ model: 'kling-v1', externalTaskId: `${tag}-2990` });
  });

  it('writes an empty file when nothing matches: the header alone, or an empty array', async () => {
    const none = `${tag}-nothing-matches`;
    const csv = await new Response(
      await openExportStream(service.exportBatches({ q: none }, 'everyone'), 'csv'),
    ).text();
    expect(csv).toBe(`${EXPORT_CSV_COLUMNS.join(',')}\r\n`);
    const json = await new Response(
      await openExportStream(service.exportBatches({ q: none }, 'everyone'), 'json'),
    ).text();
    expect(JSON.parse(json)).toEqual([]);
  });

  it('stops reading the database when the client goes away', async () => {
    const { batches, seen } = counted(service.exportBatches({ q: tag }, 'everyone', BATCH));
    const reader = (await openExportStream(batches, 'csv')).getReader();
    await reader.read();
    await reader.cancel();
    expect(seen.finished).toBe(true);
    expect(seen.batches).toBe(1);
  });
});
