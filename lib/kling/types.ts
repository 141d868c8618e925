import type { SubmissionRequest } from '@/lib/validations/submission-request';

/** The upstream's success reply to a create call: an OpenAI-compatible video object. */
export interface KlingVideoObject {
  id: string;
  task_id?: string;
  object?: string;
  model?: string;
  created_at?: number;
  [key: string]: unknown;
}

export interface CreatedTask {
  taskId: string;
  /** The upstream's reply, stored as it came. */
  response: Record<string, unknown>;
}

/** What the app needs from the upstream; the HTTP client and the demo simulator both provide it. */
export interface KlingUpstream {
  readonly kind: 'http' | 'simulator';
  /** Starts a task. Throws UpstreamError for every failure, already classified. */
  createTask(request: SubmissionRequest): Promise<CreatedTask>;
}
