import { isPlausibleTaskId } from './task-id';
import type { CreatedTask } from './types';
import { extractUpstreamMessage, UpstreamError, upstreamBadReply } from './upstream-error';

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== ''
    ? value
    : typeof value === 'number'
      ? String(value)
      : null;
}

/**
 * Reads the task ID out of a 2xx reply. The documented shape is an OpenAI video object
 * (`id`, `task_id`); gateways that pass Kling's native envelope (`{code:0,data:{task_id}}`) work too.
 * A non-zero Kling `code` is a refusal; any other reply without a plausible task ID is unreadable.
 */
export function readCreatedTask(body: unknown, status: number): CreatedTask {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw upstreamBadReply(status, 'not a JSON object');
  }
  const reply = body as Record<string, unknown>;
  const created = (taskId: string): CreatedTask => {
    if (!isPlausibleTaskId(taskId)) throw upstreamBadReply(status, 'a task ID that cannot be one');
    return { taskId, response: reply };
  };
  const direct = nonEmptyString(reply.task_id) ?? nonEmptyString(reply.id);
  if (direct) return created(direct);

  if (typeof reply.code === 'number' && reply.code !== 0) {
    const said = extractUpstreamMessage(reply, '');
    throw new UpstreamError({
      code: 'upstream_error',
      upstreamStatus: status,
      refused: true,
      message: `The video service reported an error (code ${reply.code}${said ? `: ${said}` : ''}). Try again in a few minutes.`,
    });
  }
  const data =
    typeof reply.data === 'object' && reply.data !== null ? (reply.data as Record<string, unknown>) : null;
  const nested = nonEmptyString(data?.task_id);
  if (nested) return created(nested);
  throw upstreamBadReply(status, 'no task ID in it');
}
