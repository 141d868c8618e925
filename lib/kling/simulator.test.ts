import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SubmissionRequest } from '@/lib/contract/submission-request';
import { createSimulator, SAMPLE_VIDEO, SIMULATED_MODERATION, SIMULATED_TIMELINE } from './simulator';

const START = Date.parse('2026-03-01T12:00:00.000Z');
const PUBLIC_URL = 'http://localhost:3000';
const request = (extra: Partial<SubmissionRequest> = {}): SubmissionRequest => ({
  model: 'kling-v1',
  prompt: 'a paper boat on a puddle',
  external_task_id: 'demo-1',
  ...extra,
});

// Only the clock is faked: the simulator's own (zero) latency still runs on real timers.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(START);
});
afterEach(() => {
  vi.useRealTimers();
});

const simulator = () => createSimulator({ timeoutMs: 1_000, latencyMs: 0, publicUrl: PUBLIC_URL });
const at = (ms: number) => vi.setSystemTime(START + ms);

describe('demo simulator: a task’s timeline', () => {
  it('moves submitted -> processing -> succeeded over its timeline, with the sample video', async () => {
    const upstream = simulator();
    const { taskId } = await upstream.createTask(request());
    expect(taskId).toMatch(/^\d{18}$/);

    await expect(upstream.queryTask(taskId)).resolves.toMatchObject({
      status: 'submitted',
      taskId,
      video: null,
    });
    at(SIMULATED_TIMELINE.processingAfterMs - 1);
    await expect(upstream.queryTask(taskId)).resolves.toMatchObject({ status: 'submitted' });
    at(SIMULATED_TIMELINE.processingAfterMs);
    await expect(upstream.queryTask(taskId)).resolves.toMatchObject({ status: 'processing', video: null });
    at(SIMULATED_TIMELINE.doneAfterMs);
    await expect(upstream.queryTask(taskId)).resolves.toMatchObject({
      status: 'succeeded',
      statusMessage: null,
      video: { url: `${PUBLIC_URL}${SAMPLE_VIDEO.path}`, duration: SAMPLE_VIDEO.duration },
    });
  });

  it('gives each step its own, later upstream time, so updates are never stale against each other', async () => {
    const upstream = simulator();
    const { taskId } = await upstream.createTask(request());
    const times = [];
    for (const ms of [0, SIMULATED_TIMELINE.processingAfterMs, SIMULATED_TIMELINE.doneAfterMs]) {
      at(ms);
      times.push((await upstream.queryTask(taskId))?.upstreamUpdatedAt);
    }
    expect(times).toEqual([
      START,
      START + SIMULATED_TIMELINE.processingAfterMs,
      START + SIMULATED_TIMELINE.doneAfterMs,
    ]);
  });

  it('fails a #simulate-moderation prompt after processing, saying it was moderated', async () => {
    const upstream = simulator();
    const { taskId } = await upstream.createTask(request({ prompt: `a storm ${SIMULATED_MODERATION}` }));
    at(SIMULATED_TIMELINE.processingAfterMs);
    await expect(upstream.queryTask(taskId)).resolves.toMatchObject({ status: 'processing' });
    at(SIMULATED_TIMELINE.doneAfterMs);
    const failed = await upstream.queryTask(taskId);
    expect(failed).toMatchObject({ status: 'failed', video: null });
    expect(failed?.statusMessage).toMatch(/moderation/i);
  });

  it('answers by external task ID too', async () => {
    const upstream = simulator();
    const { taskId } = await upstream.createTask(request({ external_task_id: 'demo-by-ext' }));
    await expect(upstream.queryTask('demo-by-ext')).resolves.toMatchObject({
      taskId,
      externalTaskId: 'demo-by-ext',
      status: 'submitted',
    });
  });

  it('still answers for its tasks after a restart (a new simulator), by the time in their IDs', async () => {
    const { taskId } = await simulator().createTask(request());
    const restarted = simulator();
    at(SIMULATED_TIMELINE.doneAfterMs);
    await expect(restarted.queryTask(taskId)).resolves.toMatchObject({ status: 'succeeded', taskId });
  });

  it.each([
    ['an external task ID it never saw', 'never-seen'],
    ['a numeric ID of the wrong length', '12345'],
    ['an 18-digit ID from before any simulator', '000000000000000001'],
  ])('answers null (no such task) for %s', async (_, id) => {
    await expect(simulator().queryTask(id)).resolves.toBeNull();
  });

  it('gives a relative sample video URL without a public URL', async () => {
    const upstream = createSimulator({ timeoutMs: 1_000, latencyMs: 0 });
    const { taskId } = await upstream.createTask(request());
    at(SIMULATED_TIMELINE.doneAfterMs);
    await expect(upstream.queryTask(taskId)).resolves.toMatchObject({ video: { url: SAMPLE_VIDEO.path } });
  });
});
