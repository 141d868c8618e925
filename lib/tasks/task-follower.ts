import 'server-only';
import type { KlingUpstream } from '@/lib/kling/types';
import { isUpstreamError } from '@/lib/kling/upstream-error';
import { logError } from '@/lib/logging/log';
import { type FollowDeps, followSubmission } from '@/lib/submissions/follow-submission';
import { followerLease } from '@/lib/submissions/timings';

export interface TaskFollower {
  /** One round: claim the due submissions and ask the upstream about each. */
  tick(): Promise<number>;
  stop(): void;
}

/**
 * Status queries per round, asked in parallel; at most one round per tick. A round that comes back
 * full means a backlog: the next asks twice as many, up to `max`. A round with room to spare, or one
 * the upstream answered with a rate limit (429), goes back to `min`. See docs/decisions.md.
 */
export const BATCH = { min: 8, max: 32 } as const;

/** Watches the status queries of one round for the upstream's rate limit. */
function watchRateLimit(upstream: KlingUpstream) {
  let limited = false;
  const watched: KlingUpstream = {
    ...upstream,
    queryTask: (id) =>
      upstream.queryTask(id).catch((error: unknown) => {
        if (isUpstreamError(error) && error.code === 'upstream_rate_limited') limited = true;
        throw error;
      }),
  };
  return { upstream: watched, limited: () => limited };
}

/**
 * Follows every open task in the background: due rows are claimed with a lease (FOR UPDATE SKIP
 * LOCKED), so several app instances on one PostgreSQL never ask about the same task at once, and
 * look-ups of tasks with no task ID come first. Schedules live in the database, so following goes on
 * after a restart.
 */
export function startTaskFollower(deps: FollowDeps & { upstreamTimeoutMs: number }): TaskFollower {
  const leaseMs = followerLease(deps.upstreamTimeoutMs);
  const tickMs = Math.min(1_000, Math.max(100, Math.round(deps.pollIntervalMs / 2)));
  let batch: number = BATCH.min;
  let running: Promise<number> | null = null;

  async function round(): Promise<number> {
    const rows = await deps.store.claimDue(new Date(), batch, leaseMs);
    const watch = watchRateLimit(deps.upstream);
    await Promise.all(
      rows.map((row) =>
        followSubmission({ ...deps, upstream: watch.upstream }, row).catch((error) =>
          logError('following a task failed', error, { submissionId: row.id }),
        ),
      ),
    );
    const backlog = rows.length === batch && !watch.limited();
    batch = backlog ? Math.min(BATCH.max, batch * 2) : BATCH.min;
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
