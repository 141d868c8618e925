import type { TaskSnapshot } from '@/lib/kling/task-snapshot';
import { isTerminal, type SubmissionStatus } from './submission';

/** What a stored submission knows about its task, as far as status updates are concerned. */
export interface TaskState {
  status: SubmissionStatus;
  taskId: string | null;
  statusMessage: string | null;
  video: TaskSnapshot['video'];
  upstreamUpdatedAt: number | null;
  /** Still followed: pending, in progress, or failed locally without a word from the upstream. */
  open: boolean;
}

export type UpdateOutcome = 'applied' | 'duplicate' | 'stale';

export interface StatusChange {
  status: TaskSnapshot['status'];
  statusMessage: string | null;
  video: TaskSnapshot['video'];
  upstreamUpdatedAt: number | null;
  taskId: string | null;
}

const RANK: Record<SubmissionStatus, number> = {
  pending: 0,
  submitted: 1,
  processing: 2,
  succeeded: 3,
  failed: 3,
};

/** A failure reason in the words a creator understands; the upstream's own words follow. */
export function plainFailureReason(message: string | null): string | null {
  if (!message) return null;
  if (/risk|moderat|sensitive|violat|inappropriate|prohibit/i.test(message)) {
    return `Blocked by content moderation: ${message}`;
  }
  return message;
}

/**
 * Decides whether an upstream status (from a poll or a callback) changes a stored submission.
 * Never backwards: an older update (by the upstream's updated_at) or a lower status is stale; the
 * same status with nothing new is a duplicate; a closed task changes no more.
 */
export function planStatusUpdate(
  current: TaskState,
  snapshot: TaskSnapshot,
): { outcome: 'applied'; change: StatusChange } | { outcome: Exclude<UpdateOutcome, 'applied'> } {
  if (!current.open)
    return {
      outcome: isTerminal(current.status) && current.status === snapshot.status ? 'duplicate' : 'stale',
    };

  // A submission failed locally (timeout, lost connection) has no upstream status yet: rank 0.
  const currentRank = current.taskId === null && current.status === 'failed' ? 0 : RANK[current.status];
  const nextRank = RANK[snapshot.status];
  const olderByClock =
    current.upstreamUpdatedAt !== null &&
    snapshot.upstreamUpdatedAt !== null &&
    snapshot.upstreamUpdatedAt < current.upstreamUpdatedAt;
  if (olderByClock || nextRank < currentRank) return { outcome: 'stale' };

  const message =
    snapshot.status === 'failed' ? plainFailureReason(snapshot.statusMessage) : snapshot.statusMessage;
  const video = snapshot.video ?? (snapshot.status === current.status ? current.video : null);
  const same =
    snapshot.status === current.status &&
    message === current.statusMessage &&
    JSON.stringify(video) === JSON.stringify(current.video) &&
    (snapshot.taskId === null || snapshot.taskId === current.taskId);
  if (same) return { outcome: 'duplicate' };

  return {
    outcome: 'applied',
    change: {
      status: snapshot.status,
      statusMessage: message,
      video,
      upstreamUpdatedAt: snapshot.upstreamUpdatedAt ?? current.upstreamUpdatedAt,
      taskId: current.taskId ?? snapshot.taskId,
    },
  };
}
