import 'server-only';
import {
  type AnyColumn,
  and,
  asc,
  count,
  desc,
  eq,
  ilike,
  inArray,
  isNull,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { ReviewFilter } from '@/lib/contract/accounts';
import type { ListPosition } from '@/lib/contract/list-query';
import type { Database, Db } from '@/lib/db/client';
import { type NewSubmissionRow, type SubmissionRow, submissionEvents, submissions } from '@/lib/db/schema';
import { insertWithinLimits, type SpendLimits, spendLimitReached } from '@/lib/usage/spend-limits';
import { SUBMISSION_STATUSES, type SubmissionStatus } from './submission';
import { createSubmissionSchedule } from './submission-schedule';
import { createSubmissionTransitions } from './submission-transitions';

/** The list's filters as the store applies them: the service has already resolved who may see what. */
export interface StoreFilters {
  status?: SubmissionStatus;
  q?: string;
  /** Only this user's submissions. */
  createdBy?: string;
  /** By latest review decision; `unreviewed`: none yet. */
  review?: ReviewFilter;
  /** Finished, unreviewed submissions not made by `excludeCreatedBy`, oldest first. */
  toReview?: { excludeCreatedBy: string | null };
}

/** One page: at most `limit`, in the list's order after `after`, or just before `before` (in reverse). */
export interface ListFilter extends StoreFilters {
  limit: number;
  after?: ListPosition;
  before?: ListPosition;
}

/** How many rows a search reads in time order, per row asked for, before it turns to the trigram indexes (see searchPage). */
const SEARCH_SCAN_PER_ROW = 40;

/** `%`, `_` and `\` typed by a user are literal characters, not wildcards. */
function containsPattern(word: string): string {
  return `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The words of a search, each to be found somewhere; the same word twice counts once. */
export function searchWords(q: string | undefined): string[] {
  const words = (q ?? '').split(/\s+/).filter(Boolean);
  const seen = new Set<string>();
  return words.filter((word) => {
    const key = word.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The columns a search looks in, of the table or of a subquery over it. */
interface SearchedColumns {
  prompt: AnyColumn | SQL;
  taskId: AnyColumn | SQL;
  externalTaskId: AnyColumn | SQL;
}

/** Every word, in any order and ignoring case, in the prompt, the task ID or the external task ID. */
function matchesEveryWord(words: string[], columns: SearchedColumns): SQL | undefined {
  return and(
    ...words.map((word) => {
      const pattern = containsPattern(word);
      return or(
        ilike(columns.prompt, pattern),
        ilike(columns.taskId, pattern),
        ilike(columns.externalTaskId, pattern),
      );
    }),
  );
}

/** The list's filters as conditions, except the search: its words are matched apart (see `list`). */
function filterConditions(filters: StoreFilters): SQL[] {
  const conditions: SQL[] = [];
  if (filters.status) conditions.push(eq(submissions.status, filters.status));
  if (filters.createdBy) conditions.push(eq(submissions.createdBy, filters.createdBy));
  if (filters.review === 'unreviewed') conditions.push(isNull(submissions.reviewDecision));
  else if (filters.review) conditions.push(eq(submissions.reviewDecision, filters.review));
  if (filters.toReview) {
    conditions.push(inArray(submissions.status, ['succeeded', 'failed']), isNull(submissions.reviewDecision));
    const mine = filters.toReview.excludeCreatedBy;
    if (mine) conditions.push(sql`${submissions.createdBy} IS DISTINCT FROM ${mine}`);
  }
  return conditions;
}

/** Oldest first for "To review", newest first otherwise; the page before a position is read in reverse. */
const ascending = (query: ListFilter) => Boolean(query.toReview) !== (query.before !== undefined);

/** Rows after `after` in the list's order, or before `before`. */
function keysetCondition(query: ListFilter): SQL[] {
  const position = query.before ?? query.after;
  if (!position) return [];
  const row = sql`(${submissions.createdAt}, ${submissions.id})`;
  const at = sql`(${position.createdAt.toISOString()}::timestamptz, ${position.id})`;
  return [ascending(query) ? sql`${row} > ${at}` : sql`${row} < ${at}`];
}

/**
 * The IDs of one page of a search, in one statement of two steps. First the newest rows in scope in
 * time order, at most SEARCH_SCAN_PER_ROW per row asked for (`recent`): where matches are common the
 * page fills there, and a history no longer than that window is read whole. Only otherwise (a
 * one-time filter skips the scan) every match through the trigram indexes (`indexed`), materialised
 * so the planner cannot turn back to walking the time index and testing every row, as it did for a
 * word found only in old rows.
 */
function searchPage(narrowed: SQL | undefined, words: string[], limit: number, ascend: boolean): SQL {
  const direction = ascend ? sql`asc` : sql`desc`;
  const window = sql`"window"`;
  const inWindow = {
    prompt: sql`${window}."prompt"`,
    taskId: sql`${window}."task_id"`,
    externalTaskId: sql`${window}."external_task_id"`,
  };
  return sql`with recent as materialized (
      select ${window}."id", ${window}."created_at" from (
        select ${submissions.id}, ${submissions.createdAt}, ${submissions.prompt}, ${submissions.taskId},
          ${submissions.externalTaskId}
        from ${submissions} where ${narrowed ?? sql`true`}
        order by ${submissions.createdAt} ${direction}, ${submissions.id} ${direction}
        limit ${limit * SEARCH_SCAN_PER_ROW}
      ) ${window}
      where ${matchesEveryWord(words, inWindow)}
      order by ${window}."created_at" ${direction}, ${window}."id" ${direction}
      limit ${limit}
    ),
    beyond as materialized (
      select 1 from ${submissions} where ${narrowed ?? sql`true`}
      order by ${submissions.createdAt} ${direction}, ${submissions.id} ${direction}
      offset ${limit * SEARCH_SCAN_PER_ROW} limit 1
    ),
    indexed as materialized (
      select ${submissions.id}, ${submissions.createdAt} from ${submissions}
      where (select count(*) from recent) < ${limit} and exists (select 1 from beyond)
        and ${and(narrowed, matchesEveryWord(words, submissions))}
    ),
    found as (
      select "id", "created_at" from recent
      where (select count(*) from recent) >= ${limit} or not exists (select 1 from beyond)
      union all
      select "id", "created_at" from indexed
    )
    select "id" from found order by "created_at" ${direction}, "id" ${direction} limit ${limit}`;
}

/**
 * All SQL for submissions lives here: the reads below, every status change as a named transition
 * (submission-transitions.ts), leases and schedules (submission-schedule.ts). The service above it
 * never builds a query.
 */
export function createSubmissionStore(db: Db, kind: Database['kind'] = 'pglite') {
  const transitions = createSubmissionTransitions(db);
  const first = async (where: SQL | undefined): Promise<SubmissionRow | null> => {
    const rows = await db.select().from(submissions).where(where).limit(1);
    return rows[0] ?? null;
  };

  return {
    ...transitions,
    ...createSubmissionSchedule(db),

    /**
     * Stores a new submission, and with `limits`, only if it fits under the creator's and the app's
     * daily video seconds (concurrent submissions never overshoot): else 429 spend_limit_reached.
     */
    async storePending(row: NewSubmissionRow & { status: 'pending' }, limits?: SpendLimits): Promise<void> {
      if (!limits) return transitions.storePending(row);
      const seconds = row.durationSeconds ?? 5;
      const refusal = await insertWithinLimits({ db, kind }, limits, seconds, (tx) =>
        createSubmissionTransitions(tx).storePending(row),
      );
      if (refusal) throw spendLimitReached(refusal, seconds);
    },

    findById: (id: string) => first(eq(submissions.id, id)),

    findByIdempotencyKey: (key: string) => first(eq(submissions.idempotencyKey, key)),

    findByExternalTaskId: (externalTaskId: string) => first(eq(submissions.externalTaskId, externalTaskId)),

    /** The submission a callback names, by the upstream's task ID or by our external task ID. */
    async findByTaskReference(
      taskId: string | null,
      externalTaskId: string | null,
    ): Promise<SubmissionRow | null> {
      const conditions = [
        ...(taskId ? [eq(submissions.taskId, taskId)] : []),
        ...(externalTaskId ? [eq(submissions.externalTaskId, externalTaskId)] : []),
      ];
      return conditions.length === 0 ? null : first(or(...conditions));
    },

    /**
     * One page by keyset on (created_at, id), no OFFSET, steady at any depth: in the list's order (newest
     * first, oldest first for "To review") after `after`; or, with `before`, the rows just before it,
     * in reverse (the page before).
     */
    async list(query: ListFilter): Promise<SubmissionRow[]> {
      const ascend = ascending(query);
      const order = ascend
        ? [asc(submissions.createdAt), asc(submissions.id)]
        : [desc(submissions.createdAt), desc(submissions.id)];
      const narrowed = and(...filterConditions(query), ...keysetCondition(query));
      const words = searchWords(query.q);
      const page = db
        .select()
        .from(submissions)
        .orderBy(...order);
      if (words.length === 0) return page.where(narrowed).limit(query.limit);
      return page.where(sql`${submissions.id} in (${searchPage(narrowed, words, query.limit, ascend)})`);
    },

    /**
     * How many submissions match the filters, per status, counted up to `cap` + 1 each (so the cost
     * stays bounded however many rows there are; more than `cap` reads as "more than cap").
     */
    async countByStatus(filters: StoreFilters, cap: number): Promise<Record<SubmissionStatus, number>> {
      const words = searchWords(filters.q);
      const counts = await Promise.all(
        SUBMISSION_STATUSES.map(async (status) => {
          const capped = db
            .select({ one: sql`1` })
            .from(submissions)
            .where(and(...filterConditions({ ...filters, status }), matchesEveryWord(words, submissions)))
            .limit(cap + 1)
            .as('capped');
          const [row] = await db.select({ n: count() }).from(capped);
          return [status, row?.n ?? 0] as const;
        }),
      );
      return Object.fromEntries(counts) as Record<SubmissionStatus, number>;
    },

    /**
     * The distinct models of the latest `scan` submissions, most recently used first, at most
     * `limit`: a bounded read on the (created_at, id) index, however long the history.
     */
    async recentModels(scan: number, limit: number): Promise<string[]> {
      const recent = db
        .select({ model: submissions.model, createdAt: submissions.createdAt })
        .from(submissions)
        .orderBy(desc(submissions.createdAt), desc(submissions.id))
        .limit(scan)
        .as('recent');
      const rows = await db
        .select({ model: recent.model })
        .from(recent)
        .groupBy(recent.model)
        .orderBy(sql`max(${recent.createdAt}) desc`, recent.model)
        .limit(limit);
      return rows.map((row) => row.model);
    },

    /** Every status change of one submission, oldest first. */
    listEvents(submissionId: string) {
      return db
        .select()
        .from(submissionEvents)
        .where(eq(submissionEvents.submissionId, submissionId))
        .orderBy(asc(submissionEvents.at), asc(submissionEvents.id));
    },
  };
}

export type SubmissionStore = ReturnType<typeof createSubmissionStore>;

export { isUniqueViolation } from '@/lib/db/unique-violation';
