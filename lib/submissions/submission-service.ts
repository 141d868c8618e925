import 'server-only';
import { type Actor, canSeeSubmission, seesEverySubmission } from '@/lib/auth/roles';
import { encodeCursor, type ListFilters, type ListQuery } from '@/lib/contract/list-query';
import type { Database, Db } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { KlingUpstream } from '@/lib/kling/types';
import { createReviewStore } from '@/lib/reviews/review-store';
import { registerSecret } from '@/lib/security/secrets';
import { createUserStore } from '@/lib/users/user-store';
import { createCallbackDeliveryStore } from './callback-delivery-store';
import { ownCallback } from './callback-token';
import { type CreateOutcome, type CreateSubmissionInput, createSubmission } from './create-submission';
import { followSubmission } from './follow-submission';
import { receiveCallback } from './receive-callback';
import {
  type CallbackDelivery,
  SUBMISSION_STATUSES,
  type Submission,
  type SubmissionEvent,
  type SubmissionPage,
  type SubmissionStatus,
} from './submission';
import { createSubmissionStore, type StoreFilters } from './submission-store';
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
  /** Which database `db` is (spend limits take turns differently on each); the embedded one by default. */
  dbKind?: Database['kind'];
  /** The whole app's daily video seconds (DAILY_VIDEO_SECONDS_LIMIT), or null. */
  appDailyLimit?: number | null;
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

/**
 * Who is asking: a signed-in user sees their own submissions, reviewers and admins every one. The
 * app's own tools and tests may pass `everyone`.
 */
export type Viewer = Pick<Actor, 'id' | 'role'> | 'everyone';

const sees = (viewer: Viewer, createdBy: string | null) =>
  viewer === 'everyone' || canSeeSubmission(viewer, createdBy);

/**
 * The filters as the store applies them for `viewer`: a creator's own submissions only (or with
 * `mine`), and "To review" leaves out the reviewer's own. Null when they can match nothing (a
 * creator asking for someone else's).
 */
function visibleFilters(filters: ListFilters, viewer: Viewer): StoreFilters | null {
  const own = viewer !== 'everyone' && (filters.mine || !seesEverySubmission(viewer)) ? viewer.id : undefined;
  if (own && filters.createdBy && filters.createdBy !== own) return null;
  return {
    status: filters.status,
    q: filters.q,
    createdBy: own ?? filters.createdBy,
    review: filters.review,
    toReview: filters.toReview ? { excludeCreatedBy: viewer === 'everyone' ? null : viewer.id } : undefined,
  };
}

/** The app's own submission IDs are UUIDs; anything else names no submission, and never reaches the database. */
/** Model suggestions come from this many latest submissions, at most this many names. */
const RECENT_MODELS_SCAN = 500;
const RECENT_MODELS_MAX = 20;

const SUBMISSION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What routes and pages may do with submissions; nothing above this layer touches SQL or the upstream. */
export function createSubmissionService(deps: SubmissionServiceDeps) {
  if (deps.callbackToken) registerSecret(deps.callbackToken);
  const store = createSubmissionStore(deps.db, deps.dbKind);
  const deliveries = createCallbackDeliveryStore(deps.db);
  const lookUpAfterMs = lookUpDelay(deps.upstreamTimeoutMs);
  const reviews = createReviewStore(deps.db);
  const users = createUserStore(deps.db);
  const present = createSubmissionPresenter({
    callbackToken: deps.callbackToken,
    lookUpAfterMs,
    people: { people: (ids) => users.people(ids), latestReviews: (ids) => reviews.latestReviews(ids) },
  });
  const follow = { store, upstream: deps.upstream, pollIntervalMs: deps.pollIntervalMs };

  /** The row if `viewer` may see it; one they may not see is "not found" to them, like a mistyped one. */
  async function findRow(id: string, viewer: Viewer) {
    const row = SUBMISSION_ID.test(id) ? await store.findById(id) : null;
    if (!row || !sees(viewer, row.createdBy))
      throw new AppError('not_found', 'No submission has this ID. It may have been mistyped.');
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
        appDailyLimit: deps.appDailyLimit ?? null,
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

    async get(id: string, viewer: Viewer): Promise<Submission> {
      return present(await findRow(id, viewer));
    },

    /** What reviews and comments need to know of a submission `viewer` may see (else not_found). */
    async visible(
      id: string,
      viewer: Viewer,
    ): Promise<{ id: string; createdBy: string | null; status: string }> {
      const row = await findRow(id, viewer);
      return { id: row.id, createdBy: row.createdBy, status: row.status };
    },

    /**
     * One page of what `viewer` may see (a creator's own submissions, everything for reviewers), in
     * the list's order. `nextCursor` leads on, `prevCursor` back: both are keyset positions, so going
     * forward and back shows the same pages however many submissions arrive meanwhile.
     */
    async list(query: ListQuery, viewer: Viewer): Promise<SubmissionPage> {
      const filters = visibleFilters(query, viewer);
      if (!filters) return { items: [], nextCursor: null, prevCursor: null };
      const rows = await store.list({
        ...filters,
        limit: query.limit + 1,
        after: query.after,
        before: query.before,
      });
      const more = rows.length > query.limit;
      const fetched = rows.slice(0, query.limit);
      // The page before a position comes in reverse; `more` then means yet earlier rows.
      const items = query.before ? fetched.reverse() : fetched;
      const first = items[0];
      const last = items.at(-1);
      const laterExist = query.before ? true : more;
      const earlierExist = query.before ? more : query.after !== undefined;
      return {
        items: await present.all(items),
        nextCursor: laterExist && last ? encodeCursor(last, 'older') : null,
        prevCursor: earlierExist && first ? encodeCursor(first, 'newer') : null,
      };
    },

    /**
     * How many submissions `viewer` may see match the filters (their status aside), per status, up to
     * STATUS_COUNT_CAP each.
     */
    async countByStatus(
      filters: ListFilters,
      viewer: Viewer,
    ): Promise<Record<SubmissionStatus, StatusCount>> {
      const visible = visibleFilters(filters, viewer);
      const counts = visible
        ? await store.countByStatus(visible, STATUS_COUNT_CAP)
        : Object.fromEntries(SUBMISSION_STATUSES.map((status) => [status, 0]));
      return Object.fromEntries(
        Object.entries(counts).map(([status, n]) => [
          status,
          { count: Math.min(n, STATUS_COUNT_CAP), more: n > STATUS_COUNT_CAP },
        ]),
      ) as Record<SubmissionStatus, StatusCount>;
    },

    /**
     * Every submission `viewer` may see matching the filters, in the list's order, in batches read one
     * at a time by keyset:
     * a consumer that stops pulling stops the reads, and no more than a batch is held at once.
     */
    async *exportBatches(
      filters: ListFilters,
      viewer: Viewer,
      batchSize = EXPORT_BATCH_SIZE,
    ): AsyncGenerator<Submission[]> {
      const visible = visibleFilters(filters, viewer);
      if (!visible) return;
      let after: ListQuery['after'];
      for (;;) {
        const rows = await store.list({ ...visible, limit: batchSize, after });
        if (rows.length > 0) yield await present.all(rows);
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
    async refresh(id: string, viewer: Viewer): Promise<Submission> {
      const row = await findRow(id, viewer);
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
    async events(id: string, viewer: Viewer): Promise<SubmissionEvent[]> {
      await findRow(id, viewer);
      const rows = await store.listEvents(id);
      return rows.map((row) => ({
        at: row.at.toISOString(),
        status: row.status,
        source: row.source,
        message: row.message,
      }));
    },

    async callbacks(id: string, viewer: Viewer): Promise<CallbackDelivery[]> {
      await findRow(id, viewer);
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
