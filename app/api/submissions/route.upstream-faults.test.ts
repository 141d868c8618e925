import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeUpstreamFaults } from '@/e2e/support/upstream-fault-matrix';

// The embedded database, in a folder of its own (the app opens it as it would under ./data).
describeUpstreamFaults('POST /api/submissions, every upstream failure (PGlite)', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'omni-faults-'));
  return {
    env: { DATA_DIR: dataDir },
    cleanUp: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
});
