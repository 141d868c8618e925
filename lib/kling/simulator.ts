import 'server-only';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import type { TaskSnapshot } from './task-snapshot';
import type { CreatedTask, CreateTaskOptions, KlingUpstream } from './types';
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
/** The task starts, then fails in processing, as a moderated prompt does upstream. */
export const SIMULATED_MODERATION = '#simulate-moderation';

/** How a simulated task moves: submitted, then processing, then done, over a few seconds. */
export const SIMULATED_TIMELINE = { processingAfterMs: 2_000, doneAfterMs: 6_000 } as const;
/** A small playable clip that ships with the app, in public/. */
export const SAMPLE_VIDEO = { path: '/demo/sample-video.webm', duration: 5 } as const;

type Trigger = keyof typeof SIMULATED_FAILURES;

function findTrigger(prompt: string | undefined): Trigger | null {
  if (!prompt) return null;
  return (Object.keys(SIMULATED_FAILURES) as Trigger[]).find((word) => prompt.includes(word)) ?? null;
}

/** An 18-digit numeric ID, like the upstream's. */
function newTaskId(createdAt: number): string {
  const random = Math.floor(Math.random() * 1_000_000)
    .toString()
    .padStart(6, '0');
  return `${createdAt}${random}`.slice(0, 18).padEnd(18, '0');
}

export interface SimulatorOptions {
  timeoutMs: number;
  /** How long a create call takes, to feel like a network call. */
  latencyMs?: number;
  /** Origin for the sample video's absolute URL; relative when unset. */
  publicUrl?: string | null;
}

interface SimulatedTask {
  createdAt: number;
  externalTaskId: string | null;
  moderated: boolean;
}

/** Where a simulated task stands at `now`; its ID starts with its creation time, so this survives restarts. */
function snapshotAt(taskId: string, task: SimulatedTask, now: number, videoUrl: string): TaskSnapshot {
  const elapsed = now - task.createdAt;
  const base = { taskId, externalTaskId: task.externalTaskId, video: null, statusMessage: null };
  if (elapsed < SIMULATED_TIMELINE.processingAfterMs) {
    return { ...base, status: 'submitted', upstreamUpdatedAt: task.createdAt };
  }
  if (elapsed < SIMULATED_TIMELINE.doneAfterMs) {
    return {
      ...base,
      status: 'processing',
      upstreamUpdatedAt: task.createdAt + SIMULATED_TIMELINE.processingAfterMs,
    };
  }
  const doneAt = task.createdAt + SIMULATED_TIMELINE.doneAfterMs;
  if (task.moderated) {
    return {
      ...base,
      status: 'failed',
      statusMessage: 'Failure to pass the risk control system: the content was flagged by moderation.',
      upstreamUpdatedAt: doneAt,
    };
  }
  return {
    ...base,
    status: 'succeeded',
    video: { url: videoUrl, duration: SAMPLE_VIDEO.duration },
    upstreamUpdatedAt: doneAt,
  };
}

export function createSimulator(options: SimulatorOptions): KlingUpstream {
  const latencyMs = options.latencyMs ?? 300;
  const videoUrl = `${options.publicUrl ?? ''}${SAMPLE_VIDEO.path}`;
  const tasks = new Map<string, SimulatedTask>();
  const byExternalId = new Map<string, string>();

  async function createTask(request: SubmissionRequest, call: CreateTaskOptions = {}): Promise<CreatedTask> {
    if (request.prompt?.includes(SIMULATED_TIMEOUT)) {
      const timeoutMs = Math.min(options.timeoutMs, call.timeoutMs ?? options.timeoutMs);
      await sleep(timeoutMs);
      throw upstreamTimeout(timeoutMs);
    }
    await sleep(latencyMs);
    const trigger = findTrigger(request.prompt);
    if (trigger) {
      const { status, body } = SIMULATED_FAILURES[trigger];
      throw upstreamErrorFromStatus(status, body, JSON.stringify(body), status === 429 ? '20' : null);
    }
    const createdAt = Date.now();
    const taskId = newTaskId(createdAt);
    tasks.set(taskId, {
      createdAt,
      externalTaskId: request.external_task_id ?? null,
      moderated: Boolean(request.prompt?.includes(SIMULATED_MODERATION)),
    });
    if (request.external_task_id) byExternalId.set(request.external_task_id, taskId);
    return {
      taskId,
      response: {
        id: taskId,
        task_id: taskId,
        object: 'video',
        model: request.model,
        status: 'queued',
        created_at: Math.floor(createdAt / 1000),
      },
    };
  }

  async function queryTask(id: string): Promise<TaskSnapshot | null> {
    await sleep(Math.min(latencyMs, 100));
    const taskId = tasks.has(id) ? id : (byExternalId.get(id) ?? id);
    const known = tasks.get(taskId);
    // After a restart the simulator still knows a task by the time its ID begins with.
    const startedAt = Number(taskId.slice(0, 13));
    const task =
      known ??
      (/^\d{18}$/.test(taskId) && startedAt > 1_600_000_000_000
        ? { createdAt: startedAt, externalTaskId: null, moderated: false }
        : null);
    return task ? snapshotAt(taskId, task, Date.now(), videoUrl) : null;
  }

  return { kind: 'simulator', createTask, queryTask };
}
