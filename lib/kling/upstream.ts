import 'server-only';
import { getEnv } from '@/lib/config/env';
import { createHttpClient } from './http-client';
import { createSimulator } from './simulator';
import type { KlingUpstream } from './types';

const holder = globalThis as typeof globalThis & { __omniUpstream?: KlingUpstream };

/** The real upstream when KLING_API_BASE_URL is set, else the demo simulator. */
export function getUpstream(): KlingUpstream {
  if (!holder.__omniUpstream) {
    const env = getEnv();
    holder.__omniUpstream = env.upstream
      ? createHttpClient({ ...env.upstream, timeoutMs: env.upstreamTimeoutMs })
      : createSimulator({ timeoutMs: env.upstreamTimeoutMs, publicUrl: env.publicUrl });
  }
  return holder.__omniUpstream;
}
