import type { Db } from '@/lib/db/database';
import { createSimulator } from '@/lib/kling/simulator';
import { createSubmissionService, type SubmissionService } from '@/lib/submissions/submission-service';

/** The submission service for tests that list, search and export: they never call the upstream, so the simulator stands in. */
export function listingService(db: Db): SubmissionService {
  return createSubmissionService({
    db,
    upstream: createSimulator({ timeoutMs: 1_000 }),
    upstreamTimeoutMs: 1_000,
    pollIntervalMs: 60_000,
    callbackToken: null,
    publicUrl: null,
  });
}
