import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Submission } from '@/lib/contract/submission';
import { AppError } from '@/lib/errors/app-error';
import { SubmissionFailedError } from '@/lib/submissions/submission-failed-error';
import { handleApiError } from './handle-api-error';

afterEach(() => {
  vi.restoreAllMocks();
});

function failedSubmission(code: 'upstream_rate_limited' | 'upstream_error'): Submission {
  return {
    id: 'f2a4c0de-0000-4000-8000-000000000001',
    status: 'failed',
    displayStatus: 'failed',
    taskId: null,
    externalTaskId: 'ovs-1',
    model: 'kling-v1',
    request: { model: 'kling-v1', prompt: 'x', external_task_id: 'ovs-1' },
    response: null,
    error: {
      code,
      message: 'The video service is busy.',
      upstreamStatus: code === 'upstream_rate_limited' ? 429 : 500,
    },
    statusMessage: 'The video service is busy.',
    video: null,
    refreshedAt: null,
    createdAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:00:01.000Z',
    createdBy: null,
    review: null,
  };
}

describe('handleApiError', () => {
  it('answers an AppError with its status and the envelope', async () => {
    const response = handleApiError(new AppError('not_found', 'No submission has this ID.'));
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toContain('application/json');
    expect(await response.json()).toStrictEqual({
      error: { code: 'not_found', message: 'No submission has this ID.' },
    });
  });

  it('lists validation issues', async () => {
    const issues = [{ path: 'image_list.1.type', message: 'An end frame needs a first frame.' }];
    const response = handleApiError(
      new AppError('validation_failed', 'The request has invalid fields.', { issues }),
    );
    expect(response.status).toBe(422);
    expect(await response.json()).toStrictEqual({
      error: { code: 'validation_failed', message: 'The request has invalid fields.', issues },
    });
  });

  it('hides an unexpected error behind a generic 500, with no stack trace or internal message', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const response = handleApiError(
      new TypeError('Cannot read properties of undefined (reading "rows") at /srv/app/db.ts:42'),
    );
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toStrictEqual({
      error: { code: 'internal_error', message: expect.stringMatching(/went wrong/) },
    });
    expect(text).not.toMatch(/rows|db\.ts|TypeError|at /);
    expect(log).toHaveBeenCalledOnce();
  });

  it('never sends a stack trace for an AppError either', async () => {
    const text = await handleApiError(
      new AppError('invalid_json', 'Not JSON.', { cause: new Error('secret detail') }),
    ).text();
    expect(text).not.toContain('stack');
    expect(text).not.toContain('secret detail');
  });

  it('adds the stored failed submission and Retry-After to a rate limit', async () => {
    const submission = failedSubmission('upstream_rate_limited');
    const response = handleApiError(
      new SubmissionFailedError(
        submission,
        { code: 'upstream_rate_limited', message: 'The video service is busy.' },
        17,
      ),
    );
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('17');
    expect(await response.json()).toStrictEqual({
      error: { code: 'upstream_rate_limited', message: 'The video service is busy.' },
      submission,
    });
  });

  it('sends Retry-After on a replayed rate limit that lost its seconds', () => {
    const response = handleApiError(
      new SubmissionFailedError(
        failedSubmission('upstream_rate_limited'),
        { code: 'upstream_rate_limited', message: 'The video service is busy.' },
        null,
      ),
    );
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('carries the failed submission on other upstream failures, without Retry-After', async () => {
    const submission = failedSubmission('upstream_error');
    const response = handleApiError(
      new SubmissionFailedError(
        submission,
        { code: 'upstream_error', message: 'The video service is busy.' },
        null,
      ),
    );
    expect(response.status).toBe(502);
    expect(response.headers.get('retry-after')).toBeNull();
    expect(response.headers.get('idempotent-replayed')).toBeNull();
    expect((await response.json()).submission).toStrictEqual(submission);
  });

  it('marks a replayed failure with Idempotent-Replayed, leaving the body as the first answer’s', async () => {
    const submission = failedSubmission('upstream_error');
    const error = { code: 'upstream_error', message: 'The video service is busy.' } as const;
    const first = handleApiError(new SubmissionFailedError(submission, error, null));
    const replayed = handleApiError(new SubmissionFailedError(submission, error, null, { replayed: true }));
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    expect(replayed.status).toBe(first.status);
    expect(await replayed.json()).toStrictEqual(await first.json());
  });

  it('asks clients to retry later when the server was too busy to send a submission', () => {
    const response = handleApiError(new AppError('server_busy', 'Too busy; nothing was sent.'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
  });

  it('asks clients to retry later when the database is down', () => {
    const response = handleApiError(new AppError('database_unavailable', 'The database is not reachable.'));
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).not.toBeNull();
  });
});
