import 'server-only';
import { randomUUID } from 'node:crypto';
import { readNativeTask, readTaskSnapshot } from '@/lib/kling/task-snapshot';
import type { CallbackDeliveryStore } from './callback-delivery-store';
import { applySnapshot, type FollowDeps } from './follow-submission';
import type { DeliveryOutcome } from './submission';

/**
 * One callback from the upstream: the native task object, unwrapped. It is logged on the
 * submission it names (by task ID or external task ID) and applied unless it is a duplicate or
 * older than what is stored.
 */
export async function receiveCallback(
  deps: FollowDeps & { deliveries: CallbackDeliveryStore },
  body: Record<string, unknown>,
): Promise<{ outcome: DeliveryOutcome; submissionId: string | null }> {
  const snapshot = readNativeTask(body) ?? readTaskSnapshot(body);
  const receivedAt = new Date();
  const log = (outcome: DeliveryOutcome, submissionId: string | null) =>
    deps.deliveries.insert({
      id: randomUUID(),
      submissionId,
      receivedAt,
      taskStatus:
        typeof body.task_status === 'string' ? body.task_status.slice(0, 32) : (snapshot?.status ?? null),
      outcome,
      body,
    });

  if (!snapshot) {
    await log('unreadable', null);
    return { outcome: 'unreadable', submissionId: null };
  }
  const row = await deps.store.findByTaskReference(snapshot.taskId, snapshot.externalTaskId);
  if (!row) {
    await log('unknown_task', null);
    return { outcome: 'unknown_task', submissionId: null };
  }
  const { outcome } = await applySnapshot(deps, row, snapshot, 'callback');
  await log(outcome, row.id);
  return { outcome, submissionId: row.id };
}
