import type { SubmissionRow } from '@/lib/db/schema';
import type { Submission, SubmissionError, SubmissionStatus } from './submission';

/** A stored row as the API and pages show it; internal columns (idempotency key, hash) stay inside. */
export function toSubmission(row: SubmissionRow): Submission {
  return {
    id: row.id,
    status: row.status as SubmissionStatus,
    taskId: row.taskId,
    externalTaskId: row.externalTaskId,
    model: row.model,
    request: row.request as Record<string, unknown>,
    response: (row.response as Record<string, unknown> | null) ?? null,
    error: (row.error as SubmissionError | null) ?? null,
    statusMessage: row.statusMessage,
    video: (row.video as Submission['video']) ?? null,
    refreshedAt: row.refreshedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
