import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const holder = globalThis as typeof globalThis & { __omniEnv?: unknown; __omniDatabase?: unknown };

/** The route with a fresh configuration and database handle, as a newly started server has them. */
async function healthWith(env: Record<string, string>) {
  delete holder.__omniEnv;
  delete holder.__omniDatabase;
  delete process.env.DATABASE_URL;
  Object.assign(process.env, env);
  return (await import('./route')).GET;
}

afterAll(async () => {
  delete holder.__omniEnv;
  delete holder.__omniDatabase;
});

describe('GET /api/health', () => {
  it('answers 200 {"status":"ok"} and nothing else when the database answers', async () => {
    const GET = await healthWith({ DATA_DIR: mkdtempSync(path.join(tmpdir(), 'omni-health-')) });
    // Opened first, as the server does at start: a new embedded database takes seconds to create.
    const { getDatabase } = await import('@/lib/db/client');
    const database = await getDatabase();
    const response = await GET(new Request('http://127.0.0.1:3000/api/health'));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"status":"ok"}');
    await database.close();
  }, 60_000);

  it('answers 503 in the error envelope, revealing nothing, when the database does not answer', async () => {
    const GET = await healthWith({ DATABASE_URL: 'postgres://omni:omni@127.0.0.1:1/nowhere' });
    const response = await GET(new Request('http://127.0.0.1:3000/api/health'));
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({
      error: { code: 'database_unavailable', message: 'The database is not answering.' },
    });
    expect(text).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|postgres/);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
