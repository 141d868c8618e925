import 'server-only';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Actor } from '@/lib/auth/roles';
import type { Person } from '@/lib/contract/accounts';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { AppError } from '@/lib/errors/app-error';
import type { KlingUpstream } from '@/lib/kling/types';
import { isUpstreamError, MAY_HAVE_STARTED, UpstreamError } from '@/lib/kling/upstream-error';
import { toPerson } from '@/lib/users/user-view';
import { callbackUrlToSend, type OwnCallback } from './callback-token';
import { hashRequest } from './request-hash';
import type { Submission, SubmissionError } from './submission';
import { SubmissionFailedError } from './submission-failed-error';
import { isUniqueViolation, type SubmissionStore } from './submission-store';
import type { PresentSubmission } from './submission-view';
import { MIN_CREATE_CALL_MS } from './timings';
import { storableError } from './upstream-text';

export interface CreateSubmissionDeps {
  store: SubmissionStore;
  upstream: KlingUpstream;
  /** The configured timeout of a create call. */
  upstreamTimeoutMs: number;
  /** How long a retry waits for the first attempt under the same Idempotency-Key to finish. */
  inFlightWaitMs: number;
  /** First delay before the task's status is asked. */
  pollIntervalMs: number;
  /** When a submission without an upstream answer is looked up by its external task ID. */
  lookUpAfterMs: number;
  /** A create call ends at least this long before its submission may be looked up. */
  lookUpMarginMs: number;
  /** The app's own callback URL (with its token), used when the creator gives none; null without APP_PUBLIC_URL. */
  ownCallback: OwnCallback | null;
  present: PresentSubmission;
  /** The whole app's daily video seconds (DAILY_VIDEO_SECONDS_LIMIT), or null. */
  appDailyLimit: number | null;
}

export interface CreateSubmissionInput {
  request: SubmissionRequest;
  idempotencyKey: string | null;
  /** Who submits (their own daily limit applies); absent only for the app's own tests and tools. */
  creator?: Actor | null;
}

/** The stored submission, and whether it answers an earlier request under the same Idempotency-Key. */
export interface CreateOutcome {
  submission: Submission;
  replayed: boolean;
}

/** Seconds of video a request asks for: its duration, 5 when absent (what spend limits add up). */
export function requestedSeconds(request: SubmissionRequest): number {
  return Number(request.duration ?? '5');
}

export function generateExternalTaskId(): string {
  return `ovs-${randomUUID()}`;
}

function duplicateExternalTaskId(id: string): AppError {
  return new AppError(
    'duplicate_external_task_id',
    `External task ID "${id}" is already used by another submission. Choose a new one, or leave it empty to get one generated.`,
  );
}

/** Writes that follow a paid upstream call are retried: losing one would lose a paid task from history. */
async function withRetries<T>(write: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(100 * attempt);
    }
  }
}

/**
 * persist -> call upstream -> update. The row exists before any money is spent, so a paid task
 * is never missing from history; unique external task IDs and idempotency keys stop it being paid twice.
 */
export async function createSubmission(
  deps: CreateSubmissionDeps,
  input: CreateSubmissionInput,
): Promise<CreateOutcome> {
  const { store, upstream } = deps;
  const requestHash = hashRequest(input.request);
  const creator = input.creator ?? null;
  const createdBy = creator ? toPerson(creator) : null;
  // Keys are each user's own: another user's key never replays (or reveals) someone else's submission.
  const idempotencyKey =
    input.idempotencyKey && creator ? `${creator.id}:${input.idempotencyKey}` : input.idempotencyKey;

  if (idempotencyKey) {
    const prior = await store.findByIdempotencyKey(idempotencyKey);
    if (prior) return replay(deps, prior.id, prior.requestHash, requestHash);
  }

  const callbackUrl = callbackUrlToSend(input.request.callback_url, deps.ownCallback);
  const request: SubmissionRequest = {
    ...input.request,
    external_task_id: input.request.external_task_id ?? generateExternalTaskId(),
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
  };
  const externalTaskId = request.external_task_id as string;
  const id = randomUUID();
  const now = new Date();
  // Should this process die before the answer is stored, the task is looked up then.
  const lookUpAt = new Date(now.getTime() + deps.lookUpAfterMs);

  try {
    await store.storePending(
      {
        id,
        status: 'pending',
        externalTaskId,
        model: request.model,
        prompt: request.prompt ?? '',
        request,
        idempotencyKey,
        requestHash,
        createdAt: now,
        updatedAt: now,
        nextPollAt: lookUpAt,
        createdBy: creator?.id ?? null,
        durationSeconds: requestedSeconds(request),
      },
      {
        userId: creator?.id ?? null,
        userLimit: creator?.dailyVideoSecondsLimit ?? null,
        appLimit: deps.appDailyLimit,
      },
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two retries under one key raced: the loser answers with the winner's result. Whichever index
    // fired: a retry that repeats its external task ID breaks that index before the key's.
    if (idempotencyKey) {
      const winner = await store.findByIdempotencyKey(idempotencyKey);
      if (winner) return replay(deps, winner.id, winner.requestHash, requestHash);
    }
    throw duplicateExternalTaskId(externalTaskId);
  }

  // A busy database can hold the insert for seconds. The create call must be over (answered or cut
  // off) before the row may be looked up: a look-up that overtook it would find no task and mark one
  // the upstream then accepts as never created. With too little time left, nothing is sent.
  const callBudgetMs = lookUpAt.getTime() - deps.lookUpMarginMs - Date.now();
  if (callBudgetMs < MIN_CREATE_CALL_MS) return notSent(deps, id, createdBy);

  let outcome:
    | { ok: true; taskId: string; response: Record<string, unknown> }
    | { ok: false; error: UpstreamError };
  try {
    const timeoutMs = Math.min(deps.upstreamTimeoutMs, callBudgetMs);
    outcome = { ok: true, ...(await upstream.createTask(request, { timeoutMs })) };
  } catch (error) {
    outcome = {
      ok: false,
      error: isUpstreamError(error)
        ? error
        : new UpstreamError({
            code: 'upstream_error',
            upstreamStatus: null,
            message: `The call to the video service failed unexpectedly. ${MAY_HAVE_STARTED}`,
          }),
    };
  }

  const at = new Date();
  if (outcome.ok) {
    const { taskId, response } = outcome;
    const nextPollAt = new Date(at.getTime() + deps.pollIntervalMs);
    const row = await withRetries(() => store.markCreated(id, { taskId, response }, at, nextPollAt));
    if (!row) throw new AppError('internal_error', 'The submission disappeared while it was being sent.');
    return { submission: await deps.present(row, { createdBy }), replayed: false };
  }
  const failure = storableError(outcome.error.toDetails());
  // Only a definite refusal is final; after any other failure the task may exist and is looked up.
  const row = await withRetries(
    async () =>
      (outcome.error.refused
        ? await store.markCreateFailed(id, failure, at)
        : await store.markCreateUncertain(id, failure, at)) ??
      // A callback reported the task first: that news stands.
      (await store.findById(id)),
  );
  if (!row) throw outcome.error;
  throw new SubmissionFailedError(
    await deps.present(row, { createdBy }),
    failure,
    outcome.error.retryAfterSeconds,
  );
}

/** The row was stored too late to be sent safely: it is failed, known never sent, and not looked up. */
async function notSent(deps: CreateSubmissionDeps, id: string, createdBy: Person | null): Promise<never> {
  const error: SubmissionError = {
    code: 'server_busy',
    message:
      'The server was too busy to send this request in time, so nothing was sent and nothing was charged. Submit it again.',
    upstreamStatus: null,
  };
  const row = await withRetries(
    async () => (await deps.store.markCreateFailed(id, error, new Date())) ?? (await deps.store.findById(id)),
  );
  if (!row) throw new AppError('internal_error', 'The submission disappeared while it was being sent.');
  throw new SubmissionFailedError(await deps.present(row, { createdBy }), error, null);
}

/** The answer to a retry: the first attempt's result, once it has one. */
async function replay(
  deps: CreateSubmissionDeps,
  id: string,
  storedHash: string | null,
  requestHash: string,
): Promise<CreateOutcome> {
  if (storedHash !== requestHash) {
    throw new AppError(
      'idempotency_conflict',
      'This Idempotency-Key was already used for a different request. Send a new key with a new request.',
    );
  }
  const deadline = Date.now() + deps.inFlightWaitMs;
  let row = await deps.store.findById(id);
  while (row?.status === 'pending' && Date.now() < deadline) {
    await sleep(100);
    row = await deps.store.findById(id);
  }
  if (!row)
    throw new AppError('internal_error', 'The first attempt under this Idempotency-Key cannot be found.');
  const submission = await deps.present(row);
  if (submission.status === 'pending') {
    throw new AppError(
      'idempotency_conflict',
      'The first request with this Idempotency-Key is still being sent. Wait a moment, then check history.',
    );
  }
  if (submission.status === 'failed' && submission.error) {
    throw new SubmissionFailedError(submission, submission.error, null, { replayed: true });
  }
  return { submission, replayed: true };
}
