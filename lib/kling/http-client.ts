import 'server-only';
import type { SubmissionRequest } from '@/lib/validations/submission-request';
import { readCreatedTask } from './read-created-task';
import type { CreatedTask, KlingUpstream } from './types';
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

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function describeNetworkError(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
  return cause?.code ?? (error instanceof Error ? error.message : 'network error');
}

async function readText(response: Response): Promise<string> {
  const text = await response.text();
  return text.length > MAX_REPLY_BYTES ? text.slice(0, MAX_REPLY_BYTES) : text;
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
  const redact = (error: UpstreamError): UpstreamError =>
    error.message.includes(apiKey)
      ? new UpstreamError({ ...error.toDetails(), message: error.message.replaceAll(apiKey, '[redacted]') })
      : error;

  async function createTask(request: SubmissionRequest): Promise<CreatedTask> {
    const signal = AbortSignal.timeout(timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await fetch(`${baseUrl}${CREATE_TASK_PATH}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(request),
        signal,
        redirect: 'error',
      });
      text = await readText(response);
    } catch (error) {
      throw isTimeout(error) ? upstreamTimeout(timeoutMs) : upstreamUnreachable(describeNetworkError(error));
    }
    const body = parseJson(text);
    if (!response.ok) {
      throw redact(upstreamErrorFromStatus(response.status, body, text, response.headers.get('retry-after')));
    }
    if (body === undefined) throw upstreamBadReply(response.status, 'not JSON');
    try {
      return readCreatedTask(body, response.status);
    } catch (error) {
      // A 200 can carry a native error code whose message echoes the key, too.
      throw error instanceof UpstreamError ? redact(error) : error;
    }
  }

  return { kind: 'http', createTask };
}
