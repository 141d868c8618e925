import { randomUUID } from 'node:crypto';
import type { Submission } from '../lib/contract/submission';
import { accountsOf, type Persona } from './support/accounts';
import type { AppProcess } from './support/app-process';
import { expect, test } from './support/fixtures';

// Every route of the OpenAPI document, called by nobody, the creator who made the submission, another
// creator, a reviewer and an admin: each gets the answer its role and the submission's visibility give.
// A route the document lists and this table does not is a failure: nothing is reachable by accident.

type Caller = 'nobody' | Persona;
const CALLERS: Caller[] = ['nobody', 'creator', 'otherCreator', 'reviewer', 'admin'];

/** What one route answers each caller: a status, or `open` for public routes (never 401 or 403 for lack of a session). */
type Expected = Record<Caller, number | 'open'>;
const open: Expected = {
  nobody: 'open',
  creator: 'open',
  otherCreator: 'open',
  reviewer: 'open',
  admin: 'open',
};
const signedIn = (status: number): Expected => ({
  nobody: 401,
  creator: status,
  otherCreator: status,
  reviewer: status,
  admin: status,
});
/** A route about the creator's submission: the other creator may not see it (404). */
const aboutTheSubmission = (status: number): Expected => ({ ...signedIn(status), otherCreator: 404 });
const adminOnly = (status: number): Expected => ({
  nobody: 401,
  creator: 403,
  otherCreator: 403,
  reviewer: 403,
  admin: status,
});

interface Fixture {
  submission: Submission;
  tokenIds: Record<Persona, string>;
  userIds: Record<Persona, string>;
}

/** Each operation: how to call it, and what each caller gets. */
const ROUTES: Record<string, { call: (f: Fixture) => { path: string; body?: unknown }; expect: Expected }> = {
  'POST /api/submissions': {
    call: () => ({ path: '/api/submissions', body: { model: 'kling-v1', prompt: `access ${randomUUID()}` } }),
    expect: signedIn(201),
  },
  'GET /api/submissions': { call: () => ({ path: '/api/submissions' }), expect: signedIn(200) },
  'GET /api/submissions/{id}': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}` }),
    expect: aboutTheSubmission(200),
  },
  'POST /api/submissions/{id}/refresh': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}/refresh` }),
    expect: aboutTheSubmission(200),
  },
  'GET /api/submissions/{id}/callbacks': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}/callbacks` }),
    expect: aboutTheSubmission(200),
  },
  'GET /api/submissions/{id}/events': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}/events` }),
    expect: aboutTheSubmission(200),
  },
  'GET /api/submissions/export': {
    call: () => ({ path: '/api/submissions/export?format=json' }),
    expect: signedIn(200),
  },
  'POST /api/submissions/{id}/review': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}/review`, body: { decision: 'approved' } }),
    // The creator sees it but may not review (403); a reviewer and an admin may.
    expect: { ...aboutTheSubmission(200), creator: 403 },
  },
  'GET /api/submissions/{id}/reviews': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}/reviews` }),
    expect: aboutTheSubmission(200),
  },
  'GET /api/submissions/{id}/comments': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}/comments` }),
    expect: aboutTheSubmission(200),
  },
  'POST /api/submissions/{id}/comments': {
    call: (f) => ({ path: `/api/submissions/${f.submission.id}/comments`, body: { body: 'Looks right.' } }),
    expect: aboutTheSubmission(201),
  },
  'POST /api/callbacks/kling': {
    call: () => ({ path: '/api/callbacks/kling?token=wrong', body: {} }),
    expect: open,
  },
  'GET /api/health': { call: () => ({ path: '/api/health' }), expect: open },
  'GET /api/openapi.json': { call: () => ({ path: '/api/openapi.json' }), expect: signedIn(200) },
  'POST /api/auth/sign-in/email': {
    call: () => ({ path: '/api/auth/sign-in/email', body: { email: 'nobody@studio.test', password: 'x' } }),
    expect: open,
  },
  'POST /api/auth/sign-out': { call: () => ({ path: '/api/auth/sign-out' }), expect: open },
  'POST /api/setup': {
    call: () => ({
      path: '/api/setup',
      body: { name: 'X', email: 'x@studio.test', password: 'a long password' },
    }),
    expect: open,
  },
  'GET /api/me': { call: () => ({ path: '/api/me' }), expect: signedIn(200) },
  'GET /api/tokens': { call: () => ({ path: '/api/tokens' }), expect: signedIn(200) },
  'POST /api/tokens': {
    call: () => ({ path: '/api/tokens', body: { name: 'matrix' } }),
    expect: signedIn(201),
  },
  'DELETE /api/tokens/{id}': {
    // The creator's spare token: theirs to revoke, "not found" to anyone else.
    call: (f) => ({ path: `/api/tokens/${f.tokenIds.creator}` }),
    expect: { nobody: 401, creator: 204, otherCreator: 404, reviewer: 404, admin: 404 },
  },
  'GET /api/users': { call: () => ({ path: '/api/users' }), expect: adminOnly(200) },
  'POST /api/users': {
    call: () => ({
      path: '/api/users',
      body: {
        email: `${randomUUID()}@studio.test`,
        name: 'New',
        role: 'creator',
        password: 'a long password',
      },
    }),
    expect: adminOnly(201),
  },
  'PATCH /api/users/{id}': {
    call: (f) => ({ path: `/api/users/${f.userIds.otherCreator}`, body: { dailyVideoSecondsLimit: 600 } }),
    expect: adminOnly(200),
  },
};

async function send(app: AppProcess, caller: Caller, method: string, call: { path: string; body?: unknown }) {
  const headers: Record<string, string> = {};
  if (caller !== 'nobody') headers.authorization = `Bearer ${accountsOf(app)[caller].token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${app.url}${call.path}`, {
    method,
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    code: text ? (JSON.parse(text) as { error?: { code?: string } }).error?.code : undefined,
  };
}

test('every route answers each role as its access says: 401 signed out, 403 below its role, 404 for what one may not see', async ({
  liveApp,
  upstream,
  request,
}) => {
  test.setTimeout(120_000);
  const app = liveApp;
  const people = accountsOf(app);
  // The creator's finished submission, and a spare token of each person for the revoke route.
  const created = await request.post(`${app.url}/api/submissions`, {
    data: { model: 'kling-v1', prompt: `Access matrix ${randomUUID()}` },
  });
  expect(created.status()).toBe(201);
  const submission = (await created.json()) as Submission;
  upstream.setTask(submission.taskId as string, {
    status: 'succeeded',
    videoUrl: `${app.url}/demo/sample-video.webm`,
  });
  await expect
    .poll(
      async () =>
        ((await (await request.get(`${app.url}/api/submissions/${submission.id}`)).json()) as Submission)
          .status,
    )
    .toBe('succeeded');
  const spare = await request.post(`${app.url}/api/tokens`, { data: { name: 'spare' } });
  const fixture: Fixture = {
    submission,
    tokenIds: { creator: (await spare.json()).id } as Record<Persona, string>,
    userIds: Object.fromEntries(Object.entries(people).map(([persona, who]) => [persona, who.id])) as Record<
      Persona,
      string
    >,
  };

  const document = (await (await request.get(`${app.url}/api/openapi.json`)).json()) as {
    paths: Record<string, Record<string, { 'x-required-role': string }>>;
  };
  const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
  );
  expect(operations.length).toBeGreaterThan(20);
  // Every documented route is in the table, and every route in the table is documented.
  expect(operations.sort()).toEqual(Object.keys(ROUTES).sort());

  for (const operation of operations) {
    const route = ROUTES[operation];
    if (!route) continue;
    const method = operation.split(' ')[0] as string;
    for (const caller of CALLERS) {
      const expected = route.expect[caller];
      const answer = await send(app, caller, method, route.call(fixture));
      const where = `${operation} as ${caller}: ${answer.status} ${answer.code ?? ''}`;
      if (expected === 'open') {
        expect(['unauthenticated', 'forbidden'], where).not.toContain(answer.code);
      } else {
        expect(answer.status, where).toBe(expected);
        if (expected === 401) expect(answer.code, where).toBe('unauthenticated');
        if (expected === 403 && caller !== 'creator') expect(answer.code, where).toBe('forbidden');
        if (expected === 404) expect(answer.code, where).toBe('not_found');
      }
    }
  }
});
