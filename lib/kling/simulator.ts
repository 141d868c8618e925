import 'server-only';
import type { SubmissionRequest } from '@/lib/validations/submission-request';
import type { CreatedTask, KlingUpstream } from './types';
import { upstreamErrorFromStatus, upstreamTimeout } from './upstream-error';

/**
 * Demo mode: answers like the real upstream without spending anything. Put one of these
 * words in the prompt to see how the app handles that failure.
 */
export const SIMULATED_FAILURES = {
  '#simulate-rejected': { status: 400, body: { code: 1201, message: 'prompt contains unsupported content' } },
  '#simulate-unauthorized': { status: 401, body: { code: 1000, message: 'authentication failed' } },
  '#simulate-rate-limit': {
    status: 429,
    body: { code: 1303, message: 'parallel task over resource pack limit' },
  },
  '#simulate-server-error': { status: 500, body: { code: 5000, message: 'internal server error' } },
} as const;
export const SIMULATED_TIMEOUT = '#simulate-timeout';

type Trigger = keyof typeof SIMULATED_FAILURES;

function findTrigger(prompt: string | undefined): Trigger | null {
  if (!prompt) return null;
  return (Object.keys(SIMULATED_FAILURES) as Trigger[]).find((word) => prompt.includes(word)) ?? null;
}

/** An 18-digit numeric ID, like the upstream's. */
function newTaskId(): string {
  const random = Math.floor(Math.random() * 1_000_000)
    .toString()
    .padStart(6, '0');
  return `${Date.now()}${random}`.slice(0, 18).padEnd(18, '0');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface SimulatorOptions {
  timeoutMs: number;
  /** How long a create call takes, to feel like a network call. */
  latencyMs?: number;
}

export function createSimulator(options: SimulatorOptions): KlingUpstream {
  const latencyMs = options.latencyMs ?? 300;

  async function createTask(request: SubmissionRequest): Promise<CreatedTask> {
    if (request.prompt?.includes(SIMULATED_TIMEOUT)) {
      await sleep(options.timeoutMs);
      throw upstreamTimeout(options.timeoutMs);
    }
    await sleep(latencyMs);
    const trigger = findTrigger(request.prompt);
    if (trigger) {
      const { status, body } = SIMULATED_FAILURES[trigger];
      throw upstreamErrorFromStatus(status, body, JSON.stringify(body), status === 429 ? '20' : null);
    }
    const taskId = newTaskId();
    return {
      taskId,
      response: {
        id: taskId,
        task_id: taskId,
        object: 'video',
        model: request.model,
        status: 'queued',
        created_at: Math.floor(Date.now() / 1000),
      },
    };
  }

  return { kind: 'simulator', createTask };
}
