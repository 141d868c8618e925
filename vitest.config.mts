import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Route and service modules are marked server-only; tests run them on the server, as Next does.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: [
      'lib/**/*.test.ts',
      'components/**/*.test.ts',
      'app/**/*.test.ts',
      'e2e/fake-upstream/*.test.ts',
      'load/*.test.ts',
      'bench/**/*.test.mjs',
    ],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // One PGlite instance per file is slow to start; files run in parallel on both cores.
    fileParallelism: true,
  },
});
