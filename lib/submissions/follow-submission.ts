import 'server-only';
import type { SubmissionRow } from '@/lib/db/schema';
import type { TaskSnapshot } from '@/lib/kling/task-snapshot';
import type { KlingUpstream } from '@/lib/kling/types';
import { logWarn } from '@/lib/logging/log';
import { planStatusUpdate, type TaskState, type UpdateOutcome } from './status-rules';
import { type EventSource, isTerminal } from './submission';
import type { SubmissionStore } from './submission-store';
import { nextPollDelay } from './timings';
import { storableSnapshot } from './upstream-text';

export interface FollowDeps {
  store: SubmissionStore;
  upstream: KlingUpstream;
  pollIntervalMs: number;
}

/** Who asks the upstream: the background follower, or a user's refresh. */
export type Asker = 'follower' | 'user';

export function taskStateOf(row: SubmissionRow): TaskState {
  return {
    status: row.status,
    taskId: row.taskId,
    statusMessage: row.statusMessage,
    video: row.video,
    upstreamUpdatedAt: row.upstreamUpdatedAt,
    open: row.nextPollAt !== null || !isTerminal(row.status),
  };
}

const at = (now: Date, delayMs: number) => new Date(now.getTime() + delayMs);

/**
 * Applies an upstream status to a stored submission. A concurrent writer (a callback and a poll at
 * once) makes the write miss; the row is then read again and the rules applied to the newer state.
 */
export async function applySnapshot(
  deps: FollowDeps,
  row: SubmissionRow,
  reply: TaskSnapshot,
  source: EventSource,
): Promise<{ outcome: UpdateOutcome; row: SubmissionRow }> {
  const snapshot = storableSnapshot(reply);
  let current = row;
  for (let attempt = 0; attempt < 3; attempt++) {
    const now = new Date();
    const plan = planStatusUpdate(taskStateOf(current), snapshot);
    if (plan.outcome !== 'applied') return { outcome: plan.outcome, row: current };
    const schedule = {
      nextPollAt: isTerminal(plan.change.status) ? null : at(now, deps.pollIntervalMs),
      pollAttempts: 0,
      // A callback is the upstream speaking, not the app asking.
      refreshedAt: source === 'callback' ? undefined : now,
    };
    const updated = await deps.store.recordSnapshot(current, plan.change, schedule, source, now);
    if (updated) return { outcome: 'applied', row: updated };
    const reread = await deps.store.findById(current.id);
    if (!reread) break;
    current = reread;
  }
  return { outcome: 'stale', row: current };
}

/**
 * Asks the upstream where one task stands and records the answer. A submission without a task ID
 * (left pending by a crash, or an uncertain create failure) is looked up by its external task ID: a
 * 404 means it was never created, and only then is it marked failed for good. It is never sent a second time.
 */
export async function followSubmission(
  deps: FollowDeps,
  row: SubmissionRow,
  asker: Asker = 'follower',
): Promise<SubmissionRow> {
  const source: EventSource = asker === 'user' ? 'refresh' : row.taskId === null ? 'lookup' : 'poll';
  const now = new Date();
  const attempts = row.pollAttempts + 1;
  const later = {
    nextPollAt: at(now, nextPollDelay(deps.pollIntervalMs, attempts)),
    pollAttempts: attempts,
    refreshedAt: now,
  };
  // A closed submission (finished, or failed for good) asked about by a user's refresh stays closed
  // whatever the answer: a failed query or a 404 must not start following it again, nor replace its error.
  const open = taskStateOf(row).open;
  const retry = open ? later : { ...later, nextPollAt: null, pollAttempts: row.pollAttempts };

  let snapshot: TaskSnapshot | null;
  try {
    snapshot = await deps.upstream.queryTask(row.taskId ?? row.externalTaskId);
  } catch (error) {
    logWarn('status query failed; will ask again', { submissionId: row.id, error: String(error) });
    return (await deps.store.reschedule(row.id, retry)) ?? row;
  }

  if (snapshot === null) {
    if (row.taskId !== null || !open) return (await deps.store.reschedule(row.id, retry)) ?? row;
    return (await deps.store.markNeverCreated(row, source, now)) ?? row;
  }

  const { outcome, row: after } = await applySnapshot(deps, row, snapshot, source);
  if (outcome === 'applied') return after;
  // A finished task asked about once more (a user's refresh) stays finished: no new schedule.
  const schedule = taskStateOf(after).open
    ? later
    : { ...later, nextPollAt: null, pollAttempts: after.pollAttempts };
  return (await deps.store.reschedule(after.id, schedule)) ?? after;
}
