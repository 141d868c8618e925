import 'server-only';
import { encodeCursor } from '@/lib/contract/list-query';
import type { Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { KlingUpstream } from '@/lib/kling/types';
import { ownCallback } from '@/lib/tasks/callback-token';
import { followSubmission } from '@/lib/tasks/follow-task';
import { type DeliveryOutcome, receiveCallback } from '@/lib/tasks/receive-callback';
import { createTaskStore } from '@/lib/tasks/task-store';
import { type CreateOutcome, type CreateSubmissionInput, createSubmission } from './create-submission';
import type { CallbackDelivery, Submission, SubmissionPage } from './submission';
import { createSubmissionStore, type ListFilter } from './submission-store';
import { createSubmissionPresenter } from './submission-view';

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

/** How long after its create call began a submission without an answer is looked up upstream. */
export const reconcileAfter = (upstreamTimeoutMs: number) => upstreamTimeoutMs + 10_000;
/**
 * A create call ends at least this long before its submission may be looked up, so the upstream has
 * recorded a task it accepted by then; a call that began late (a busy database) gets a shorter timeout.
 */
export const LOOK_UP_MARGIN_MS = 5_000;

/** A user-asked refresh holds the row this long; the background follower skips it meanwhile. */
const REFRESH_LEASE_MS = 30_000;

/** What routes and pages may do with submissions; nothing above this layer touches SQL or the upstream. */
export function createSubmissionService(deps: SubmissionServiceDeps) {
  const store = createSubmissionStore(deps.db);
  const tasks = createTaskStore(deps.db);
  const reconcileAfterMs = reconcileAfter(deps.upstreamTimeoutMs);
  const present = createSubmissionPresenter({ callbackToken: deps.callbackToken, reconcileAfterMs });
  const follow = { store: tasks, upstream: deps.upstream, pollIntervalMs: deps.pollIntervalMs };

  async function findRow(id: string) {
    const row = id.length <= 64 ? await store.findById(id) : null;
    if (!row) throw new AppError('not_found', 'No submission has this ID. It may have been mistyped.');
    return row;
  }

  function createOrReplay(input: CreateSubmissionInput): Promise<CreateOutcome> {
    return createSubmission(
      {
        store,
        upstream: deps.upstream,
        upstreamTimeoutMs: deps.upstreamTimeoutMs,
        // A retry waits as long as the first attempt's upstream call could take, plus a margin.
        inFlightWaitMs: deps.upstreamTimeoutMs + 2_000,
        pollIntervalMs: deps.pollIntervalMs,
        reconcileAfterMs,
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
     * Asks the upstream now. A submission still waiting for its create call's answer is not looked
     * up before that call can have ended; one another instance is asking about right now is left to it.
     */
    async refresh(id: string): Promise<Submission> {
      const row = await findRow(id);
      const inFlight = row.status === 'pending' && Date.now() - row.createdAt.getTime() < reconcileAfterMs;
      if (inFlight) return present(row);
      const claimed = await tasks.claimOne(id, new Date(), REFRESH_LEASE_MS);
      if (!claimed) return present(row);
      return present(await followSubmission(follow, claimed));
    },

    async callbacks(id: string): Promise<CallbackDelivery[]> {
      await findRow(id);
      const rows = await tasks.listDeliveries(id);
      return rows.map((row) => ({
        id: row.id,
        receivedAt: row.receivedAt.toISOString(),
        taskStatus: row.taskStatus,
        outcome: row.outcome as DeliveryOutcome,
        body: row.body,
      }));
    },

    receiveCallback(body: Record<string, unknown>) {
      return receiveCallback(follow, body);
    },
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
