import 'server-only';
import { getEnv } from '@/lib/config/env';
import type { Db } from '@/lib/db/client';
import { getDatabase } from '@/lib/db/client';
import { AppError } from '@/lib/errors/app-error';
import type { KlingUpstream } from '@/lib/kling/types';
import { getUpstream } from '@/lib/kling/upstream';
import { logError } from '@/lib/logging/log';
import { type CreateSubmissionInput, createSubmission } from './create-submission';
import { encodeCursor } from './list-query';
import type { Submission, SubmissionPage } from './submission';
import { createSubmissionStore, type ListFilter } from './submission-store';
import { toSubmission } from './submission-view';

export interface SubmissionServiceDeps {
  db: Db;
  upstream: KlingUpstream;
  upstreamTimeoutMs: number;
}

/** What routes and pages may do with submissions; nothing above this layer touches SQL or the upstream. */
export function createSubmissionService(deps: SubmissionServiceDeps) {
  const store = createSubmissionStore(deps.db);
  return {
    create(input: CreateSubmissionInput): Promise<Submission> {
      // A retry waits as long as the first attempt's upstream call could take, plus a margin.
      return createSubmission(
        { store, upstream: deps.upstream, inFlightWaitMs: deps.upstreamTimeoutMs + 2_000 },
        input,
      );
    },

    async get(id: string): Promise<Submission> {
      const row = id.length <= 64 ? await store.findById(id) : null;
      if (!row) throw new AppError('not_found', 'No submission has this ID. It may have been mistyped.');
      return toSubmission(row);
    },

    async list(filter: ListFilter): Promise<SubmissionPage> {
      const rows = await store.list({ ...filter, limit: filter.limit + 1 });
      const page = rows.slice(0, filter.limit);
      const last = page.at(-1);
      return {
        items: page.map(toSubmission),
        nextCursor: rows.length > filter.limit && last ? encodeCursor(last) : null,
      };
    },
  };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;

/** The app's service, on the app's database and upstream. */
export async function getSubmissionService(): Promise<SubmissionService> {
  const env = getEnv();
  let database: Awaited<ReturnType<typeof getDatabase>>;
  try {
    database = await getDatabase();
  } catch (error) {
    logError('database unavailable', error);
    throw new AppError(
      'database_unavailable',
      'The database is not reachable, so nothing was sent. Try again in a minute.',
      {
        cause: error,
      },
    );
  }
  return createSubmissionService({
    db: database.db,
    upstream: getUpstream(),
    upstreamTimeoutMs: env.upstreamTimeoutMs,
  });
}
