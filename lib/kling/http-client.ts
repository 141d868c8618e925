import 'server-only';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { registerSecret } from '@/lib/security/secrets';
import { readCreatedTask } from './read-created-task';
import { RequestTimeoutError, sendRequest } from './send-request';
import { readTaskSnapshot, type TaskSnapshot } from './task-snapshot';
import type { CreatedTask, CreateTaskOptions, KlingUpstream } from './types';
import {
  redactUpstreamError,
  type UpstreamError,
  upstreamBadReply,
  upstreamErrorFromStatus,
  upstreamTimeout,
  upstreamUnreachable,
} from './upstream-error';

export const CREATE_TASK_PATH = '/kling/v1/videos/omni-video';
/** A reply larger than this is not a video object. */
const MAX_REPLY_BYTES = 1024 * 1024;

export interface HttpClientOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs: number;
}

interface Reply {
  status: number;
  ok: boolean;
  text: string;
  /** Parsed JSON; undefined when the reply is not JSON. */
  body: unknown;
  retryAfter: string | null;
}

/** What went wrong on the way: a system error code (ECONNREFUSED, ECONNRESET, ...) or the message. */
function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : 'network error';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The one client for the real upstream: Bearer key, timeout, and every failure classified. */
export function createHttpClient(options: HttpClientOptions): KlingUpstream {
  const { baseUrl, apiKey, timeoutMs } = options;
  // The key must never travel back to a browser, even inside an upstream message that echoes it.
  registerSecret(apiKey);

  /** One call with the key and the timeout; the whole reply is read within the timeout too. */
  async function call(
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
    callTimeoutMs = timeoutMs,
  ): Promise<Reply> {
    try {
      const reply = await sendRequest({
        method,
        url: new URL(`${baseUrl}${path}`),
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        timeoutMs: callTimeoutMs,
        maxReplyBytes: MAX_REPLY_BYTES,
      });
      const ok = reply.status >= 200 && reply.status < 300;
      return { ...reply, ok, body: parseJson(reply.text) };
    } catch (error) {
      throw error instanceof RequestTimeoutError
        ? upstreamTimeout(callTimeoutMs)
        : upstreamUnreachable(describeNetworkError(error));
    }
  }

  function failure(reply: Reply): UpstreamError {
    return upstreamErrorFromStatus(reply.status, reply.body, reply.text, reply.retryAfter);
  }

  async function createTask(
    request: SubmissionRequest,
    options: CreateTaskOptions = {},
  ): Promise<CreatedTask> {
    try {
      const callTimeoutMs = Math.min(timeoutMs, options.timeoutMs ?? timeoutMs);
      const reply = await call('POST', CREATE_TASK_PATH, request, callTimeoutMs);
      if (!reply.ok) throw failure(reply);
      if (reply.body === undefined) throw upstreamBadReply(reply.status, 'not JSON');
      return readCreatedTask(reply.body, reply.status);
    } catch (error) {
      throw redactUpstreamError(error);
    }
  }

  async function queryTask(id: string): Promise<TaskSnapshot | null> {
    try {
      const reply = await call('GET', `${CREATE_TASK_PATH}/${encodeURIComponent(id)}`);
      if (reply.status === 404) return null;
      if (!reply.ok) throw failure(reply);
      const snapshot = readTaskSnapshot(reply.body);
      if (!snapshot) throw upstreamBadReply(reply.status, 'no task status in it');
      return snapshot;
    } catch (error) {
      throw redactUpstreamError(error);
    }
  }

  return { kind: 'http', createTask, queryTask };
}
