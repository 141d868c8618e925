import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Behaviour } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import type { UpstreamErrorCode } from '@/lib/contract/error-codes';
import { IN_PROCESS_ORIGIN } from './in-process';
import { signedInAs } from './route-auth';

// Every way the upstream can fail a create call, through the real route handlers on a real
// database, answered as docs/api.md says. Shared by one test file per database.

const API_KEY = 'sk-fault-matrix-5e0c2a91d7';
/** Short enough that a hang ends quickly, long enough that a slow answer under it is not flaky. */
const TIMEOUT_MS = 3_000;

/** A JSON error reply in the upstream's shape, `{code, message}`. */
const said = (status: number, text: string, headers?: Record<string, string>): Behaviour => ({
  kind: 'status',
  status,
  body: { code: 1000 + status, message: text },
  headers,
});

type Fault = [
  name: string,
  reply: Behaviour,
  status: number,
  code: UpstreamErrorCode,
  upstreamStatus: number | null,
  /** The upstream's own words, which our answer must keep. */
  kept?: string,
];

const RATE_LIMIT = 'parallel task over resource pack limit';
const NOT_JSON: Behaviour = { kind: 'raw', status: 200, contentType: 'text/html', text: '<p>OK</p>' };
const WRONG_SHAPE: Behaviour = {
  kind: 'raw',
  status: 200,
  contentType: 'application/json',
  text: '{"ok":true}',
};
// biome-ignore format: one row per case reads as the table it is.
const FAULTS: Fault[] = [
  ['a 400 rejection', said(400, 'image_url is not reachable'), 422, 'upstream_rejected', 400, 'image_url is not reachable'],
  ['a 422 rejection', said(422, 'prompt is too long'), 422, 'upstream_rejected', 422, 'prompt is too long'],
  ['a 401', said(401, 'authentication failed'), 502, 'upstream_unauthorized', 401],
  ['a 403', said(403, 'account suspended'), 502, 'upstream_unauthorized', 403],
  ['a 429 with Retry-After', said(429, RATE_LIMIT, { 'Retry-After': '17' }), 503, 'upstream_rate_limited', 429, RATE_LIMIT],
  ['a 500', said(500, 'internal error'), 502, 'upstream_error', 500],
  ['a 503', said(503, 'service unavailable'), 502, 'upstream_error', 503],
  ['a non-JSON 200', NOT_JSON, 502, 'upstream_error', 200],
  ['a wrong-shaped JSON 200', WRONG_SHAPE, 502, 'upstream_error', 200],
  ['a connection reset', { kind: 'reset' }, 502, 'upstream_error', null],
  [`a hang past the ${TIMEOUT_MS} ms timeout`, { kind: 'hang' }, 504, 'upstream_timeout', null],
];

/** Our answer carries the upstream's Retry-After (a 429's), and no other. */
const retryAfterOf = (reply: Behaviour) =>
  (reply.kind === 'status' && reply.headers?.['Retry-After']) || null;

type Handler = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;

/** How a test file gives the route its database: extra environment, and what to do afterwards. */
export interface RouteDatabase {
  env: Record<string, string>;
  /** Runs after the route's own database handle is closed. */
  cleanUp(): Promise<void>;
}

/** The matrix, on the database `open` gives; the route is imported only after the environment is set. */
export function describeUpstreamFaults(title: string, open: () => Promise<RouteDatabase>): void {
  describe(title, () => {
    const fake = setupFakeUpstream({ apiKey: API_KEY });
    let database: RouteDatabase | undefined;
    let post: (body: unknown) => Promise<Response>;
    let get: (id: string) => Promise<Response>;
    let closeDatabase = async () => {};

    beforeAll(async () => {
      database = await open();
      Object.assign(process.env, {
        KLING_API_BASE_URL: fake.url,
        KLING_API_KEY: API_KEY,
        KLING_API_TIMEOUT_MS: String(TIMEOUT_MS),
        // Every case comes from one client; the per-client limit has tests of its own.
        RATE_LIMIT_PER_MINUTE: '0',
        ...database.env,
      });
      const collection = await import('@/app/api/submissions/route');
      const one: { GET: Handler } = await import('@/app/api/submissions/[id]/route');
      const { getDatabase } = await import('@/lib/db/client');
      // Opened here, where a first start of the embedded database may take its seconds.
      const opened = await getDatabase();
      closeDatabase = () => opened.close();
      const { authorization } = await signedInAs('creator');
      post = (body) =>
        collection.POST(
          new Request(`${IN_PROCESS_ORIGIN}/api/submissions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization },
            body: JSON.stringify(body),
          }),
        );
      get = (id) =>
        one.GET(new Request(`${IN_PROCESS_ORIGIN}/api/submissions/${id}`, { headers: { authorization } }), {
          params: Promise.resolve({ id }),
        });
    }, 60_000);
    afterAll(async () => {
      await closeDatabase();
      await database?.cleanUp();
    });

    const request = (what: string) => ({
      model: 'kling-v1',
      prompt: `fault matrix: ${what} ${randomUUID()}`,
    });

    it.each(FAULTS)(
      '%s: answered as docs/api.md says, stored as failed, sent once',
      async (name, reply, status, code, upstreamStatus, kept) => {
        fake.nextReply(reply);
        const sent = request(name);
        const response = await post(sent);
        const text = await response.text();

        expect(response.status).toBe(status);
        expect(response.headers.get('retry-after')).toBe(retryAfterOf(reply));
        // A stack frame looks like "    at fn (file.ts:12:5)".
        expect(text).not.toMatch(/\s{2,}at |\(\S+:\d+:\d+\)|\.m?[jt]sx?:\d+|node_modules/);
        expect(text).not.toContain(API_KEY);
        const body = JSON.parse(text);
        expect(Object.keys(body).sort()).toEqual(['error', 'submission']);
        expect(body.error).toStrictEqual({ code, message: expect.any(String) });
        if (kept) expect(body.error.message).toContain(kept);
        expect(body.submission).toMatchObject({
          status: 'failed',
          taskId: null,
          response: null,
          request: { ...sent, external_task_id: expect.any(String) },
          error: { code, message: body.error.message, upstreamStatus },
        });

        const stored = await get(body.submission.id);
        expect(stored.status).toBe(200);
        expect(await stored.json()).toStrictEqual(body.submission);
        expect(fake.createCalls()).toHaveLength(1);
        expect(fake.createCalls()[0]?.body).toStrictEqual(body.submission.request);
      },
    );

    it('a slow answer just under the timeout: 201, submitted with its task ID, sent once', async () => {
      fake.nextReply({ kind: 'delay', ms: TIMEOUT_MS - 600 });
      const response = await post(request('slow answer'));

      expect(response.status).toBe(201);
      const created = await response.json();
      expect(fake.createCalls()).toHaveLength(1);
      expect(fake.taskIds()).toHaveLength(1);
      expect(created).toMatchObject({ status: 'submitted', taskId: fake.taskIds()[0], error: null });
      const stored = await get(created.id);
      expect(await stored.json()).toStrictEqual(created);
    });
  });
}
