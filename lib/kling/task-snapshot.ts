import { isPlausibleTaskId } from './task-id';

/** Where a task stands upstream, read from either reply shape the upstream (or a gateway) uses. */
export interface TaskSnapshot {
  status: 'submitted' | 'processing' | 'succeeded' | 'failed';
  /** The upstream's reason (why it failed, or what it is doing), or null. */
  statusMessage: string | null;
  video: { url: string; duration: number | null } | null;
  /** The upstream's own last-change time in ms, when it gives one. */
  upstreamUpdatedAt: number | null;
  taskId: string | null;
  externalTaskId: string | null;
}

const NATIVE_STATUS: Record<string, TaskSnapshot['status']> = {
  submitted: 'submitted',
  processing: 'processing',
  succeed: 'succeeded',
  succeeded: 'succeeded',
  failed: 'failed',
};

const OPENAI_STATUS: Record<string, TaskSnapshot['status']> = {
  queued: 'submitted',
  in_progress: 'processing',
  completed: 'succeeded',
  failed: 'failed',
};

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function seconds(value: unknown): number | null {
  const n = typeof value === 'string' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : null;
}

/** Milliseconds from a time the upstream gives in ms (native) or s (OpenAI); none when absurd. */
function millis(value: unknown): number | null {
  const n = seconds(value);
  if (n === null) return null;
  const ms = n < 100_000_000_000 ? Math.round(n * 1000) : Math.round(n);
  return Number.isSafeInteger(ms) ? ms : null;
}

/** A task or external task ID named in a reply; one that cannot be an ID names nothing. */
function taskId(value: unknown): string | null {
  const id = text(value);
  return id !== null && isPlausibleTaskId(id) ? id : null;
}

function httpUrl(value: unknown): string | null {
  const url = text(value);
  return url && /^https?:\/\//i.test(url) ? url : null;
}

/** Kling's native task object: the `data` of a query reply, and the body of a callback. */
export function readNativeTask(data: Json): TaskSnapshot | null {
  const status = NATIVE_STATUS[String(data.task_status ?? '').toLowerCase()];
  if (!status) return null;
  const result = isObject(data.task_result) ? data.task_result : {};
  const first = Array.isArray(result.videos) ? result.videos.find(isObject) : undefined;
  const url = httpUrl(first?.url);
  const info = isObject(data.task_info) ? data.task_info : {};
  return {
    status,
    statusMessage: text(data.task_status_msg),
    video: status === 'succeeded' && url ? { url, duration: seconds(first?.duration) } : null,
    upstreamUpdatedAt: millis(data.updated_at),
    taskId: taskId(data.task_id),
    externalTaskId: taskId(info.external_task_id) ?? taskId(data.external_task_id),
  };
}

function readVideoObject(body: Json): TaskSnapshot | null {
  const status = OPENAI_STATUS[String(body.status ?? '').toLowerCase()];
  if (!status) return null;
  const metadata = isObject(body.metadata) ? body.metadata : {};
  const error = isObject(body.error) ? body.error : {};
  const url = httpUrl(metadata.url) ?? httpUrl(body.url) ?? httpUrl(body.video_url);
  return {
    status,
    statusMessage: text(error.message) ?? text(body.status_message),
    video:
      status === 'succeeded' && url
        ? { url, duration: seconds(metadata.duration) ?? seconds(body.seconds) ?? seconds(body.duration) }
        : null,
    upstreamUpdatedAt: millis(body.updated_at) ?? millis(body.completed_at),
    taskId: taskId(body.task_id) ?? taskId(body.id),
    externalTaskId: taskId(body.external_task_id) ?? taskId(metadata.external_task_id),
  };
}

/** Reads a query reply in either shape; null when it is neither (the caller treats that as a bad reply). */
export function readTaskSnapshot(body: unknown): TaskSnapshot | null {
  if (!isObject(body)) return null;
  if (isObject(body.data)) return readNativeTask(body.data);
  if ('task_status' in body) return readNativeTask(body);
  return readVideoObject(body);
}
