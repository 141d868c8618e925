import 'server-only';
import type { SubmissionRequest } from '@/lib/validations/submission-request';
import { readCreatedTask } from './read-created-task';
import { readTaskSnapshot, type TaskSnapshot } from './task-snapshot';
import type { CreatedTask, CreateTaskOptions, KlingUpstream } from './types';
import {
  UpstreamError,
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

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : 'network error');
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
  const redact = (error: unknown): unknown =>
    error instanceof UpstreamError && error.message.includes(apiKey)
      ? new UpstreamError({ ...error.toDetails(), message: error.message.replaceAll(apiKey, '[redacted]') })
      : error;

  /** One call with the key and the timeout; the whole reply is read within the timeout too. */
  async function call(
    method: 'GET' | 'POST',
    path: string,
    payload?: unknown,
    callTimeoutMs = timeoutMs,
  ): Promise<Reply> {
    try {
      const response = await fetch(`${baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${apiKey}`,
          accept: 'application/json',
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: payload === undefined ? undefined : JSON.stringify(payload),
        signal: AbortSignal.timeout(callTimeoutMs),
        redirect: 'error',
      });
      const text = (await response.text()).slice(0, MAX_REPLY_BYTES);
      return {
        status: response.status,
        ok: response.ok,
        text,
        body: parseJson(text),
        retryAfter: response.headers.get('retry-after'),
      };
    } catch (error) {
      throw isTimeout(error)
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
      throw redact(error);
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
      throw redact(error);
    }
  }

  return { kind: 'http', createTask, queryTask };
}
