import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Behaviour, type FakeUpstream, startFakeUpstream } from '@/e2e/fake-upstream/fake-upstream.mjs';
import type { UpstreamErrorCode } from '@/lib/errors/error-codes';

// Every way the upstream can fail a create call, through the real route handlers on a real
// database, answered as SPEC section 3 says. Shared by one test file per database.

const API_KEY = 'sk-fault-matrix-5e0c2a91d7';
/** Short enough that a hang ends quickly, long enough that a slow answer under it is not flaky. */
const TIMEOUT_MS = 3_000;

interface Fault {
  name: string;
  reply: Behaviour;
  status: number;
  code: UpstreamErrorCode;
  upstreamStatus: number | null;
  /** The upstream's own words, which the answer must keep. */
  kept?: string;
  /** The Retry-After our answer must carry; absent means no such header. */
  retryAfter?: string;
}

/** A JSON error reply in the upstream's shape, `{code, message}`. */
const message = (status: number, text: string, headers?: Record<string, string>): Behaviour => ({
  kind: 'status',
  status,
  body: { code: 1000 + status, message: text },
  headers,
});

const FAULTS: Fault[] = [
  {
    name: 'a 400 rejection',
    reply: message(400, 'image_url is not reachable'),
    status: 422,
    code: 'upstream_rejected',
    upstreamStatus: 400,
    kept: 'image_url is not reachable',
  },
  {
    name: 'a 422 rejection',
    reply: message(422, 'prompt is too long for this model'),
    status: 422,
    code: 'upstream_rejected',
    upstreamStatus: 422,
    kept: 'prompt is too long for this model',
  },
  {
    name: 'a 401',
    reply: message(401, 'authentication failed'),
    status: 502,
    code: 'upstream_unauthorized',
    upstreamStatus: 401,
  },
  {
    name: 'a 403',
    reply: message(403, 'account suspended'),
    status: 502,
    code: 'upstream_unauthorized',
    upstreamStatus: 403,
  },
  {
    name: 'a 429 with Retry-After',
    reply: message(429, 'parallel task over resource pack limit', { 'Retry-After': '17' }),
    status: 503,
    code: 'upstream_rate_limited',
    upstreamStatus: 429,
    kept: 'parallel task over resource pack limit',
    retryAfter: '17',
  },
  {
    name: 'a 500',
    reply: message(500, 'internal error'),
    status: 502,
    code: 'upstream_error',
    upstreamStatus: 500,
  },
  {
    name: 'a 503',
    reply: message(503, 'service unavailable'),
    status: 502,
    code: 'upstream_error',
    upstreamStatus: 503,
  },
  {
    name: 'a non-JSON 200',
    reply: { kind: 'raw', status: 200, contentType: 'text/html', text: '<html><body>OK</body></html>' },
    status: 502,
    code: 'upstream_error',
    upstreamStatus: 200,
  },
  {
    name: 'a wrong-shaped JSON 200',
    reply: { kind: 'raw', status: 200, contentType: 'application/json', text: '{"ok":true}' },
    status: 502,
    code: 'upstream_error',
    upstreamStatus: 200,
  },
  {
    name: 'a connection reset',
    reply: { kind: 'reset' },
    status: 502,
    code: 'upstream_error',
    upstreamStatus: null,
  },
  {
    name: `a hang past the ${TIMEOUT_MS} ms timeout`,
    reply: { kind: 'hang' },
    status: 504,
    code: 'upstream_timeout',
    upstreamStatus: null,
  },
];

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
    let fake: FakeUpstream;
    let database: RouteDatabase | undefined;
    let post: (body: unknown) => Promise<Response>;
    let get: (id: string) => Promise<Response>;
    let closeDatabase = async () => {};

    beforeAll(async () => {
      fake = await startFakeUpstream({ apiKey: API_KEY });
      database = await open();
      Object.assign(process.env, {
        KLING_API_BASE_URL: fake.url,
        KLING_API_KEY: API_KEY,
        KLING_API_TIMEOUT_MS: String(TIMEOUT_MS),
        ...database.env,
      });
      const collection = await import('./route');
      const one: { GET: Handler } = await import('./[id]/route');
      const { getDatabase } = await import('@/lib/db/client');
      // Opened here, where a first start of the embedded database may take its seconds.
      const opened = await getDatabase();
      closeDatabase = () => opened.close();
      post = (body) =>
        collection.POST(
          new Request('http://localhost:3000/api/submissions', {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          }),
        );
      get = (id) =>
        one.GET(new Request(`http://localhost:3000/api/submissions/${id}`), {
          params: Promise.resolve({ id }),
        });
    }, 60_000);
    afterAll(async () => {
      await fake?.close();
      await closeDatabase();
      await database?.cleanUp();
    });
    beforeEach(() => fake.reset());

    const request = (what: string) => ({
      model: 'kling-v1',
      prompt: `fault matrix: ${what} ${randomUUID()}`,
    });

    it.each(FAULTS)('$name: $status $code, stored as failed, sent once', async (fault) => {
      fake.nextReply(fault.reply);
      const sent = request(fault.name);
      const response = await post(sent);
      const text = await response.text();

      expect(response.status).toBe(fault.status);
      expect(response.headers.get('retry-after')).toBe(fault.retryAfter ?? null);
      // A stack frame looks like "    at fn (file.ts:12:5)".
      expect(text).not.toMatch(/\s{2,}at |\(\S+:\d+:\d+\)|\.m?[jt]sx?:\d+|node_modules/);
      expect(text).not.toContain(API_KEY);
      const body = JSON.parse(text);
      expect(Object.keys(body).sort()).toEqual(['error', 'submission']);
      expect(body.error).toStrictEqual({ code: fault.code, message: expect.any(String) });
      if (fault.kept) expect(body.error.message).toContain(fault.kept);
      expect(body.submission).toMatchObject({
        status: 'failed',
        taskId: null,
        response: null,
        request: { ...sent, external_task_id: expect.any(String) },
        error: { code: fault.code, message: body.error.message, upstreamStatus: fault.upstreamStatus },
      });

      const stored = await get(body.submission.id);
      expect(stored.status).toBe(200);
      expect(await stored.json()).toStrictEqual(body.submission);
      expect(fake.createCalls()).toHaveLength(1);
      expect(fake.createCalls()[0]?.body).toStrictEqual(body.submission.request);
    });

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
