import 'server-only';
import { logError } from '@/lib/logging/log';
import { type FollowDeps, followSubmission } from './follow-task';

export interface TaskFollower {
  /** One round: claim the due submissions and ask the upstream about each. */
  tick(): Promise<number>;
  stop(): void;
}

/** Rows claimed per round, asked in parallel. */
const BATCH = 8;
/** How long a claim holds a row; longer than one status query can take. */
export const LEASE_MS = 60_000;

/**
 * Follows every open task in the background: due rows are claimed with a lease (FOR UPDATE SKIP
 * LOCKED), so several app instances on one PostgreSQL never ask about the same task at once.
 * Schedules live in the database, so following goes on after a restart.
 */
export function startTaskFollower(deps: FollowDeps & { upstreamTimeoutMs: number }): TaskFollower {
  const leaseMs = Math.max(LEASE_MS, deps.upstreamTimeoutMs * 2);
  const tickMs = Math.min(1_000, Math.max(100, Math.round(deps.pollIntervalMs / 2)));
  let running: Promise<number> | null = null;

  async function round(): Promise<number> {
    const rows = await deps.store.claimDue(new Date(), BATCH, leaseMs);
    await Promise.all(
      rows.map((row) =>
        followSubmission(deps, row).catch((error) =>
          logError('following a task failed', error, { submissionId: row.id }),
        ),
      ),
    );
    return rows.length;
  }

  function tick(): Promise<number> {
    // One round at a time per instance; a slow upstream never piles rounds up.
    running ??= round()
      .catch((error) => {
        logError('task follower round failed', error);
        return 0;
      })
      .finally(() => {
        running = null;
      });
    return running;
  }

  const timer = setInterval(() => void tick(), tickMs);
  timer.unref();
  void tick();
  return { tick, stop: () => clearInterval(timer) };
}
