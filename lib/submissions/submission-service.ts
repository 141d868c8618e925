import 'server-only';
import { encodeCursor } from '@/lib/contract/list-query';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { KlingUpstream } from '@/lib/kling/types';
import { registerSecret } from '@/lib/security/secrets';
import { createCallbackDeliveryStore } from './callback-delivery-store';
import { ownCallback } from './callback-token';
import { type CreateOutcome, type CreateSubmissionInput, createSubmission } from './create-submission';
import { followSubmission } from './follow-submission';
import { receiveCallback } from './receive-callback';
import type { CallbackDelivery, Submission, SubmissionEvent, SubmissionPage } from './submission';
import { createSubmissionStore, type ListFilter } from './submission-store';
import { createSubmissionPresenter } from './submission-view';
import {
  createCallGrace,
  LOOK_UP_MARGIN_MS,
  lookUpDelay,
  REFRESH_LEASE_MS,
  REFRESH_WINDOW_MS,
} from './timings';

export interface SubmissionServiceDeps {
  db: Db;
  upstream: KlingUpstream;
  upstreamTimeoutMs: number;
  pollIntervalMs: number;
  /** The secret in the callback route's URL; masked wherever a request is shown. */
  callbackToken: string | null;
  /** The app's public origin: with it, requests without a Callback URL get the app's own. */
  publicUrl: string | null;
}

/** The app's own submission IDs are UUIDs; anything else names no submission, and never reaches the database. */
/** Model suggestions come from this many latest submissions, at most this many names. */
const RECENT_MODELS_SCAN = 500;
const RECENT_MODELS_MAX = 20;

const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What routes and pages may do with submissions; nothing above this layer touches SQL or the upstream. */
export function createSubmissionService(deps: SubmissionServiceDeps) {
  if (deps.callbackToken) registerSecret(deps.callbackToken);
  const store = createSubmissionStore(deps.db);
  const deliveries = createCallbackDeliveryStore(deps.db);
  const lookUpAfterMs = lookUpDelay(deps.upstreamTimeoutMs);
  const present = createSubmissionPresenter({ callbackToken: deps.callbackToken, lookUpAfterMs });
  const follow = { store, upstream: deps.upstream, pollIntervalMs: deps.pollIntervalMs };

  async function findRow(id: string) {
    const row = SUBMISSION_ID.test(id) ? await store.findById(id) : null;
    if (!row) throw new AppError('not_found', 'No submission has this ID. It may have been mistyped.');
    return row;
  }

  function createOrReplay(input: CreateSubmissionInput): Promise<CreateOutcome> {
    return createSubmission(
      {
        store,
        upstream: deps.upstream,
        upstreamTimeoutMs: deps.upstreamTimeoutMs,
        inFlightWaitMs: createCallGrace(deps.upstreamTimeoutMs),
        pollIntervalMs: deps.pollIntervalMs,
        lookUpAfterMs,
        lookUpMarginMs: LOOK_UP_MARGIN_MS,
        ownCallback:
          deps.publicUrl && deps.callbackToken ? ownCallback(deps.publicUrl, deps.callbackToken) : null,
        present,
      },
      input,
    );
  }

  return {
    /** The route's way in: it tells a replayed answer apart (Idempotent-Replayed). */
    createOrReplay,

    async create(input: CreateSubmissionInput): Promise<Submission> {
      return (await createOrReplay(input)).submission;
    },

    async get(id: string): Promise<Submission> {
      return present(await findRow(id));
    },

    async list(filter: ListFilter): Promise<SubmissionPage> {
      const rows = await store.list({ ...filter, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        items: page.map(present),
        nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null,
      };
    },

    /**
     * Asks the upstream now. Not before a submission without a task ID may be looked up (its create
     * call may still be answering, and a 404 then proves nothing); not again within a few seconds of
     * the last answer; and not while another instance is asking about it right now.
     */
    async refresh(id: string): Promise<Submission> {
      const row = await findRow(id);
      const now = Date.now();
      const tooEarly = row.taskId === null && now - row.createdAt.getTime() < lookUpAfterMs;
      const justAsked = row.refreshedAt !== null && now - row.refreshedAt.getTime() < REFRESH_WINDOW_MS;
      if (tooEarly || justAsked) return present(row);
      const claimed = await store.claimOne(id, new Date(now), REFRESH_LEASE_MS);
      if (!claimed) return present(row);
      return present(await followSubmission(follow, claimed, 'user'));
    },

    /** Models used lately in this app, most recent first: the composer suggests them. */
    recentModels(): Promise<string[]> {
      return store.recentModels(RECENT_MODELS_SCAN, RECENT_MODELS_MAX);
    },

    /** Every status change of the submission, oldest first. */
    async events(id: string): Promise<SubmissionEvent[]> {
      await findRow(id);
      const rows = await store.listEvents(id);
      return rows.map((row) => ({
        at: row.at.toISOString(),
        status: row.status,
        source: row.source,
        message: row.message,
      }));
    },

    async callbacks(id: string): Promise<CallbackDelivery[]> {
      await findRow(id);
      const rows = await deliveries.listFor(id);
      return rows.map((row) => ({
        id: row.id,
        receivedAt: row.receivedAt.toISOString(),
        taskStatus: row.taskStatus,
        outcome: row.outcome,
        body: row.body,
      }));
    },

    receiveCallback(body: Record<string, unknown>) {
      return receiveCallback({ ...follow, deliveries }, body);
    },
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
