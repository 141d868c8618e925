import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { readCreatedTask } from './read-created-task';
import {
  extractUpstreamMessage,
  MAY_HAVE_STARTED,
  parseRetryAfter,
  UpstreamError,
  upstreamBadReply,
  upstreamErrorFromStatus,
  upstreamTimeout,
  upstreamUnreachable,
} from './upstream-error';

function classify(status: number, body: unknown = null, retryAfter: string | null = null): UpstreamError {
  return upstreamErrorFromStatus(status, body, body === null ? '' : JSON.stringify(body), retryAfter);
}

describe('upstreamErrorFromStatus: the table of docs/api.md, "Errors"', () => {
  it.each([
    [400, 'upstream_rejected', 422],
    [422, 'upstream_rejected', 422],
    [401, 'upstream_unauthorized', 502],
    [403, 'upstream_unauthorized', 502],
    [429, 'upstream_rate_limited', 503],
    [500, 'upstream_error', 502],
    [502, 'upstream_error', 502],
    [503, 'upstream_error', 502],
    [504, 'upstream_error', 502],
    [404, 'upstream_error', 502],
    [409, 'upstream_error', 502],
  ])('upstream %d -> %s, answered with HTTP %d', (status, code, appStatus) => {
    const error = classify(status);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code, upstreamStatus: status, status: appStatus });
  });

  it('keeps the upstream’s words when it rejects a request', () => {
    const error = classify(400, { code: 1201, message: 'image resolution too low' });
    expect(error.message).toBe('The video service rejected the request: image resolution too low');
  });

  it('still explains a rejection with no message', () => {
    expect(classify(422).message).toBe('The video service rejected the request.');
  });

  it('carries the Retry-After seconds of a rate limit', () => {
    const error = classify(429, { message: 'too many requests' }, '12');
    expect(error.retryAfterSeconds).toBe(12);
    expect(error.message).toContain('Try again in 12 s');
  });

  it('stores what the submission keeps: code, message and upstream status', () => {
    const error = classify(503, { message: 'maintenance' });
    expect(error.toDetails()).toStrictEqual({
      code: 'upstream_error',
      message: `The video service failed (HTTP 503: maintenance). ${MAY_HAVE_STARTED}`,
      upstreamStatus: 503,
    });
  });
});

describe('definite refusals and uncertain failures', () => {
  it.each([400, 401, 403, 422, 429])('upstream %d is a definite refusal: no task exists', (status) => {
    expect(classify(status).refused).toBe(true);
  });

  it.each([500, 502, 503, 504, 404, 409, 302])(
    'upstream %d leaves it uncertain, and says so without asking to try again',
    (status) => {
      const error = classify(status, { message: 'internal error' });
      expect(error.refused).toBe(false);
      expect(error.message).toContain(MAY_HAVE_STARTED);
      expect(error.message).not.toMatch(/try again/i);
    },
  );

  it.each([
    ['a timeout', upstreamTimeout(3_000)],
    ['a lost connection', upstreamUnreachable('ECONNRESET')],
    ['an unreadable 2xx', upstreamBadReply(200, 'not JSON')],
  ])('%s leaves it uncertain', (_, error) => {
    expect(error.refused).toBe(false);
    expect(error.message).toContain(MAY_HAVE_STARTED);
  });
});

describe('failures without an upstream status', () => {
  it('a timeout is upstream_timeout (504) and says the task may still exist', () => {
    const error = upstreamTimeout(30_000);
    expect(error).toMatchObject({ code: 'upstream_timeout', status: 504, upstreamStatus: null });
    expect(error.message).toContain('30 s');
    expect(error.message).toContain('The task may still have started');
    expect(error.message).not.toMatch(/try again/i);
  });

  it('an unreachable upstream is upstream_error (502)', () => {
    expect(upstreamUnreachable('ECONNREFUSED')).toMatchObject({
      code: 'upstream_error',
      status: 502,
      upstreamStatus: null,
    });
  });

  it('a bad 2xx reply is upstream_error with its status', () => {
    expect(upstreamBadReply(200, 'not JSON')).toMatchObject({ code: 'upstream_error', upstreamStatus: 200 });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');

  it.each([
    ['20', 20],
    ['0', 0],
    ['1.2', 2],
  ])('reads seconds %j', (header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });

  it('reads an HTTP date', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:45 GMT', now)).toBe(45);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
  });

  it.each([null, '', 'soon'])('falls back to 30 s for %j', (header) => {
    expect(parseRetryAfter(header, now)).toBe(30);
  });
});

describe('extractUpstreamMessage', () => {
  it.each([
    [{ error: { message: 'nested' } }, 'nested'],
    [{ message: 'top level' }, 'top level'],
    [{ error: 'as string' }, 'as string'],
    [{ detail: 'detail field' }, 'detail field'],
    [{ msg: 'msg field' }, 'msg field'],
    [{ message: '  padded  ' }, 'padded'],
  ])('finds the message in %j', (body, said) => {
    expect(extractUpstreamMessage(body, JSON.stringify(body))).toBe(said);
  });

  it('uses a plain text body, but never an HTML page', () => {
    expect(extractUpstreamMessage(undefined, 'quota exceeded')).toBe('quota exceeded');
    expect(extractUpstreamMessage(undefined, '<!doctype html><h1>502</h1>')).toBeNull();
    expect(extractUpstreamMessage({}, '')).toBeNull();
  });

  it('cuts a huge message to 500 characters', () => {
    expect(extractUpstreamMessage({ message: 'x'.repeat(10_000) }, '')).toHaveLength(500);
  });
});

describe('readCreatedTask', () => {
  it('takes task_id, then id, from an OpenAI video object', () => {
    expect(readCreatedTask({ id: 'a', task_id: 'b', object: 'video' }, 200).taskId).toBe('b');
    expect(readCreatedTask({ id: 'a', object: 'video' }, 200).taskId).toBe('a');
  });

  it('accepts a numeric ID as text', () => {
    expect(readCreatedTask({ id: 842250903629086 }, 200).taskId).toBe('842250903629086');
  });

  it('takes data.task_id from Kling’s native envelope', () => {
    expect(readCreatedTask({ code: 0, data: { task_id: '9' } }, 200).taskId).toBe('9');
  });

  it('turns a native error code into upstream_error, keeping the code and message', () => {
    const error = (() => {
      try {
        readCreatedTask({ code: 1303, message: 'parallel task over resource pack limit', data: null }, 200);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 200 });
    expect((error as Error).message).toContain('1303: parallel task over resource pack limit');
  });

  it.each([[null], [[]], ['id'], [{}], [{ code: 0, data: {} }], [{ id: '   ' }]])('rejects %j', (body) => {
    expect(() => readCreatedTask(body, 200)).toThrow(UpstreamError);
  });

  /** The error a reply is read into; fails the test when it reads as a task. */
  function unreadable(body: unknown): UpstreamError {
    try {
      readCreatedTask(body, 200);
    } catch (error) {
      return error as UpstreamError;
    }
    throw new Error('read as a created task');
  }

  it('a 2xx carrying a non-zero Kling code is a definite refusal', () => {
    expect(unreadable({ code: 1303, message: 'parallel task over resource pack limit' }).refused).toBe(true);
  });

  it.each([
    ['a task ID over 64 characters', { id: '8'.repeat(65) }],
    ['a 100 KB task ID', { task_id: 'x'.repeat(100 * 1024) }],
    ['a task ID holding U+0000', { task_id: '842250903629\u0000086785' }],
    ['a task ID holding a space', { task_id: '842250903629 086785' }],
    ['a task ID that is a path step', { id: '..' }],
    ['a task ID in the native envelope holding U+0000', { code: 0, data: { task_id: 'a\u0000b' } }],
    ['no task ID and no code', { ok: true }],
    ['a code that is not a number', { code: 'E1303' }],
  ])('%s is an unreadable reply: uncertain, not a refusal', (_, body) => {
    const error = unreadable(body);
    expect(error).toMatchObject({ code: 'upstream_error', upstreamStatus: 200, refused: false });
    expect(error.message).toContain(MAY_HAVE_STARTED);
  });

  it('takes a task ID of up to 64 printable characters', () => {
    expect(readCreatedTask({ task_id: 'A'.repeat(64) }, 200).taskId).toHaveLength(64);
    expect(readCreatedTask({ task_id: 'task:42_a.b-c' }, 201).taskId).toBe('task:42_a.b-c');
  });
});
