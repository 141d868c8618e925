import 'server-only';
import { encodeCursor, type ListFilters, type ListQuery } from '@/lib/contract/list-query';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { KlingUpstream } from '@/lib/kling/types';
import { registerSecret } from '@/lib/security/secrets';
import { createCallbackDeliveryStore } from './callback-delivery-store';
import { ownCallback } from './callback-token';
import { type CreateOutcome, type CreateSubmissionInput, createSubmission } from './create-submission';
import { followSubmission } from './follow-submission';
import { receiveCallback } from './receive-callback';
import type {
  CallbackDelivery,
  Submission,
  SubmissionEvent,
  SubmissionPage,
  SubmissionStatus,
} from './submission';
import { createSubmissionStore } from './submission-store';
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

/** Counts per status stop here: past it a tab says "1,000+", and counting costs the same at any size. */
export const STATUS_COUNT_CAP = 1_000;

/** How many submissions an export reads from the database at a time. */
export const EXPORT_BATCH_SIZE = 500;

/** How many submissions have one status; `more`: there are more than `count` (the cap). */
export interface StatusCount {
  count: number;
  more: boolean;
}

/** The app's own submission IDs are UUIDs; anything else names no submission, and never reaches the database. */
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

    /**
     * One page, newest first. `nextCursor` leads to older submissions, `prevCursor` back to newer ones:
     * both are keyset positions, so going forward and back shows the same pages however many
     * submissions arrive meanwhile.
     */
    async list(query: ListQuery): Promise<SubmissionPage> {
      const rows = await store.list({ ...query, limit: query.limit + 1 });
      const more = rows.length > query.limit;
      const fetched = rows.slice(0, query.limit);
      // The page before a position comes oldest first; `more` then means yet newer rows.
      const items = query.before ? fetched.reverse() : fetched;
      const first = items[0];
      const last = items.at(-1);
      const olderExist = query.before ? true : more;
      const newerExist = query.before ? more : query.after !== undefined;
      return {
        items: items.map(present),
        nextCursor: olderExist && last ? encodeCursor(last, 'older') : null,
        prevCursor: newerExist && first ? encodeCursor(first, 'newer') : null,
      };
    },

    /** How many submissions match the filters (their status aside), per status, up to STATUS_COUNT_CAP each. */
    async countByStatus(filters: ListFilters): Promise<Record<SubmissionStatus, StatusCount>> {
      const counts = await store.countByStatus(filters, STATUS_COUNT_CAP);
      return Object.fromEntries(
        Object.entries(counts).map(([status, n]) => [
          status,
          { count: Math.min(n, STATUS_COUNT_CAP), more: n > STATUS_COUNT_CAP },
        ]),
      ) as Record<SubmissionStatus, StatusCount>;
    },

    /**
     * Every submission matching the filters, newest first, in batches read one at a time by keyset:
     * a consumer that stops pulling stops the reads, and no more than a batch is held at once.
     */
    async *exportBatches(filters: ListFilters, batchSize = EXPORT_BATCH_SIZE): AsyncGenerator<Submission[]> {
      let after: ListQuery['after'];
      for (;;) {
        const rows = await store.list({ ...filters, limit: batchSize, after });
        if (rows.length > 0) yield rows.map(present);
        const last = rows.at(-1);
        if (rows.length < batchSize || !last) return;
        after = { createdAt: last.createdAt, id: last.id };
      }
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
