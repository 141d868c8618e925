import type { SubmissionRequest } from '@/lib/contract/submission-request';
import type { TaskSnapshot } from './task-snapshot';

export interface CreatedTask {
  taskId: string;
  /** The upstream's reply, stored as it came. */
  response: Record<string, unknown>;
}

export interface CreateTaskOptions {
  timeoutMs?: number;
}

/** What the app needs from the upstream; the HTTP client and the demo simulator both provide it. */
export interface KlingUpstream {
  readonly kind: 'http' | 'simulator';
  /**
   * Starts a task. Throws UpstreamError for every failure, already classified. `timeoutMs` shortens
   * the configured timeout for this call (never lengthens it).
   */
  createTask(request: SubmissionRequest, options?: CreateTaskOptions): Promise<CreatedTask>;
  /**
   * Where a task stands, by task ID or external task ID; null when the upstream has no such task
   * (404: it was never created). Throws UpstreamError for every other failure.
   */
  queryTask(id: string): Promise<TaskSnapshot | null>;
}
