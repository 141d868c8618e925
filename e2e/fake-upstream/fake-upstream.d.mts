import type { IncomingHttpHeaders } from 'node:http';

export declare const CREATE_TASK_PATH: '/kling/v1/videos/omni-video';

/** What the fake does with one create call. */
export type Behaviour =
  /** 200 with an OpenAI video object: 18-digit `id` = `task_id`, the request's `model`, `created_at` in seconds. */
  | { kind: 'success' }
  /** This status with this JSON body (default `{code: status, message}`) and extra headers (e.g. Retry-After). */
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Exactly this text with this content type: garbage, HTML, wrong-shaped JSON. */
  | { kind: 'raw'; status: number; contentType: string; text: string }
  /** Waits, then plays `then` (default success). */
  | { kind: 'delay'; ms: number; then?: Behaviour }
  /** Never answers; close() cuts the connection. */
  | { kind: 'hang' }
  /** Destroys the socket without answering. */
  | { kind: 'reset' };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or the raw text when it is not JSON; null when empty. */
  body: unknown;
  /** Date.now() when the body had been read. */
  receivedAt: number;
}

/** Where a task the fake knows stands; status queries and callback bodies are made from it. */
export interface TaskState {
  status: 'submitted' | 'processing' | 'succeeded' | 'failed';
  /** task_status_msg (native) or error.message (OpenAI). */
  message?: string;
  /** The finished video, for 'succeeded'. */
  videoUrl?: string;
  /** Seconds; default 5. */
  duration?: number;
  /** The upstream's updated_at in ms; default now. */
  updatedAt?: number;
  /** Links the task to an external task ID, so it can be queried by it. */
  externalTaskId?: string | null;
}

/** The native task object (the `data` of a status reply, and the body of a callback). */
export declare function nativeTask(
  taskId: string,
  state: TaskState & { externalTaskId: string | null },
): Record<string, unknown>;

export interface FakeUpstream {
  /** `http://127.0.0.1:PORT`, the value for KLING_API_BASE_URL. */
  readonly url: string;
  /** Every request except control calls, oldest first; the same array for the server's lifetime. */
  readonly requests: RecordedRequest[];
  /** Recorded `POST /kling/v1/videos/omni-video` calls. */
  createCalls(): RecordedRequest[];
  /** Recorded `GET /kling/v1/videos/omni-video/{id}` status queries. */
  queryCalls(): RecordedRequest[];
  /** IDs of the tasks the fake created or was told about. */
  taskIds(): string[];
  /**
   * Sets where a task stands (created tasks start 'submitted'). Unknown task IDs become known, so a
   * task "created" before a crash can be found by its external task ID.
   */
  setTask(taskId: string, state: TaskState): void;
  /** The shape of status replies: Kling native (default) or an OpenAI video object. */
  setQueryShape(shape: 'native' | 'openai'): void;
  /** Queues one behaviour for the next status query (errors, garbage, hangs), before the task's state. */
  nextQueryReply(behaviour: Behaviour): void;
  /** Drops the status-query replies still queued, so queries answer from the tasks' states again. */
  clearQueryReplies(): void;
  /** The body the upstream would post to a callback URL for this task now (native, unwrapped). */
  callbackBody(taskId: string): Record<string, unknown>;
  /** Queues one behaviour for the next create call (first in, first out). */
  nextReply(behaviour: Behaviour): void;
  /** What create calls get when the queue is empty (initially success). */
  setDefault(behaviour: Behaviour): void;
  /** Forgets requests, queued replies and the default. */
  reset(): void;
  close(): Promise<void>;
}

export interface FakeUpstreamOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** When set, requests without `Authorization: Bearer <apiKey>` get 401. */
  apiKey?: string;
  /** Default 127.0.0.1. */
  host?: string;
}

export declare function startFakeUpstream(options?: FakeUpstreamOptions): Promise<FakeUpstream>;

/** The same controls, over HTTP, for a fake running in another process. */
export interface FakeUpstreamControl {
  nextReply(behaviour: Behaviour): Promise<void>;
  setDefault(behaviour: Behaviour): Promise<void>;
  reset(): Promise<void>;
  requests(): Promise<RecordedRequest[]>;
  createCalls(): Promise<RecordedRequest[]>;
}

export declare function controlFakeUpstream(url: string): FakeUpstreamControl;
