import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { setupFakeUpstream } from '@/e2e/fake-upstream/setup-fake-upstream';
import { describeEachDatabase } from '@/e2e/support/test-databases';
import { createHttpClient } from '@/lib/kling/http-client';
import type { KlingUpstream } from '@/lib/kling/types';
import { type CreateSubmissionDeps, createSubmission } from './create-submission';
import { followSubmission } from './follow-submission';
import { SubmissionFailedError } from './submission-failed-error';
import { createSubmissionStore } from './submission-store';
import { createSubmissionPresenter } from './submission-view';
import { lookUpDelay } from './timings';

// Under load the insert of a new row can wait seconds for the database. The row is stored with the
// time it may be looked up by its external task ID (should the process die); a create call that is
// still able to reach the upstream at that time races the look-up, and a look-up that arrives first
// finds nothing and marks a task the upstream then accepts as "never created, nothing charged".

const API_KEY = 'sk-test-create-deadline';

const fake = setupFakeUpstream({ apiKey: API_KEY });

describeEachDatabase('createSubmission when the database is slow to store the row', (database) => {
  const UPSTREAM_TIMEOUT_MS = 5_000;
  const client = () =>
    createHttpClient({ baseUrl: fake.url, apiKey: API_KEY, timeoutMs: UPSTREAM_TIMEOUT_MS });

  /** Deps whose insert waits `insertDelayMs` first, as it does behind a queue of other writes. */
  function depsWith(options: {
    insertDelayMs: number;
    lookUpAfterMs: number;
    lookUpMarginMs: number;
    upstream: KlingUpstream;
  }): CreateSubmissionDeps {
    const store = createSubmissionStore(database.db);
    return {
      store: {
        ...store,
        storePending: async (row, limits) => {
          await sleep(options.insertDelayMs);
          await store.storePending(row, limits);
        },
      },
      upstream: options.upstream,
      upstreamTimeoutMs: UPSTREAM_TIMEOUT_MS,
      inFlightWaitMs: UPSTREAM_TIMEOUT_MS + 2_000,
      pollIntervalMs: 60_000,
      lookUpAfterMs: options.lookUpAfterMs,
      lookUpMarginMs: options.lookUpMarginMs,
      ownCallback: null,
      present: createSubmissionPresenter({
        callbackToken: null,
        lookUpAfterMs: options.lookUpAfterMs,
        people: null,
      }),
      appDailyLimit: null,
    };
  }
  const request = () => ({
    model: 'kling-v1',
    prompt: `${database.token} a kite over the dunes`,
    external_task_id: `${database.token}-deadline-${randomUUID().slice(0, 8)}`,
  });

  it('does not send a submission whose look-up time came while it waited to be stored, so a look-up that finds nothing is right', async () => {
    const tasks = createSubmissionStore(database.db);
    const upstream = client();
    let lookedUpFirst = false;
    // The follower reaches the row, already due, before the create call leaves.
    const racing: KlingUpstream = {
      ...upstream,
      createTask: async (req, options) => {
        const row = await createSubmissionStore(database.db).findByExternalTaskId(
          String(req.external_task_id),
        );
        if (row?.nextPollAt && row.nextPollAt.getTime() <= Date.now()) {
          const claimed = await tasks.claimOne(row.id, new Date(), 60_000);
          if (claimed) await followSubmission({ store: tasks, upstream, pollIntervalMs: 60_000 }, claimed);
          lookedUpFirst = true;
        }
        return upstream.createTask(req, options);
      },
    };
    const deps = depsWith({
      insertDelayMs: 600,
      lookUpAfterMs: 300,
      lookUpMarginMs: 100,
      upstream: racing,
    });

    const error = await createSubmission(deps, { request: request(), idempotencyKey: null }).then(
      () => null,
      (e: unknown) => e,
    );

    expect(lookedUpFirst).toBe(false);
    expect(fake.createCalls()).toEqual([]);
    expect(error).toBeInstanceOf(SubmissionFailedError);
    const failed = error as SubmissionFailedError;
    expect(failed.code).toBe('server_busy');
    expect(failed.status).toBe(503);
    expect(failed.submission).toMatchObject({
      status: 'failed',
      taskId: null,
      error: { code: 'server_busy' },
    });
    expect(failed.submission.error?.message).toContain('nothing was sent');
    // Known never to have been sent: nothing is left to look up.
    const row = await createSubmissionStore(database.db).findById(failed.submission.id);
    expect(row?.nextPollAt).toBeNull();
  });

  it('shortens the create call so it ends before the row may be looked up', async () => {
    const upstream = client();
    const calls: { endsBy: number; timeoutMs: number | undefined }[] = [];
    const recording: KlingUpstream = {
      ...upstream,
      createTask: (req, options) => {
        calls.push({
          endsBy: Date.now() + (options?.timeoutMs ?? UPSTREAM_TIMEOUT_MS),
          timeoutMs: options?.timeoutMs,
        });
        return upstream.createTask(req, options);
      },
    };
    fake.nextReply({ kind: 'hang' });
    const deps = depsWith({
      insertDelayMs: 300,
      lookUpAfterMs: 4_000,
      lookUpMarginMs: 1_500,
      upstream: recording,
    });

    const error = await createSubmission(deps, { request: request(), idempotencyKey: null }).then(
      () => null,
      (e: unknown) => e,
    );

    expect(fake.createCalls()).toHaveLength(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.timeoutMs).toBeLessThan(UPSTREAM_TIMEOUT_MS);
    const failed = error as SubmissionFailedError;
    expect(failed.code).toBe('upstream_timeout');
    const row = await createSubmissionStore(database.db).findById(failed.submission.id);
    // Still looked up later (the upstream may have it), but only after the call was over.
    expect(row?.nextPollAt).not.toBeNull();
    expect(calls[0]?.endsBy).toBeLessThanOrEqual((row?.createdAt.getTime() ?? 0) + 4_000);
    expect(row?.updatedAt.getTime()).toBeLessThan((row?.createdAt.getTime() ?? 0) + 4_000);
  });

  it('gives the create call the whole upstream timeout when the row was stored at once', async () => {
    const upstream = client();
    const timeouts: (number | undefined)[] = [];
    const recording: KlingUpstream = {
      ...upstream,
      createTask: (req, options) => {
        timeouts.push(options?.timeoutMs);
        return upstream.createTask(req, options);
      },
    };
    const deps = depsWith({
      insertDelayMs: 0,
      lookUpAfterMs: lookUpDelay(UPSTREAM_TIMEOUT_MS),
      lookUpMarginMs: 5_000,
      upstream: recording,
    });
    const created = await createSubmission(deps, { request: request(), idempotencyKey: null });
    expect(created.submission.status).toBe('submitted');
    expect(timeouts).toEqual([UPSTREAM_TIMEOUT_MS]);
  });
});
