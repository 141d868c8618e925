import { describe, expect, it } from 'vitest';
import type { TaskSnapshot } from '@/lib/kling/task-snapshot';
import { plainFailureReason, planStatusUpdate, type TaskState } from './status-rules';

const TASK_ID = '842250903629086785';
const T1 = 1_737_367_800_000;
const T2 = T1 + 5_000;
const T3 = T1 + 9_000;
const VIDEO = { url: 'https://cdn.example.com/v.mp4', duration: 5 };
const MODERATION = 'Failure to pass the risk control system, please modify and try again';

function state(fields: Partial<TaskState>): TaskState {
  return {
    status: 'submitted',
    taskId: TASK_ID,
    statusMessage: null,
    video: null,
    upstreamUpdatedAt: T1,
    open: true,
    ...fields,
  };
}

function snapshot(fields: Partial<TaskSnapshot>): TaskSnapshot {
  return {
    status: 'submitted',
    statusMessage: null,
    video: null,
    upstreamUpdatedAt: T2,
    taskId: TASK_ID,
    externalTaskId: null,
    ...fields,
  };
}

describe('planStatusUpdate: each transition', () => {
  it('submitted -> processing is applied with the upstream’s time', () => {
    const plan = planStatusUpdate(state({}), snapshot({ status: 'processing' }));
    expect(plan).toStrictEqual({
      outcome: 'applied',
      change: {
        status: 'processing',
        statusMessage: null,
        video: null,
        upstreamUpdatedAt: T2,
        taskId: TASK_ID,
      },
    });
  });

  it('processing -> succeeded records the video', () => {
    const plan = planStatusUpdate(
      state({ status: 'processing', upstreamUpdatedAt: T2 }),
      snapshot({ status: 'succeeded', video: VIDEO, upstreamUpdatedAt: T3 }),
    );
    expect(plan).toMatchObject({ outcome: 'applied', change: { status: 'succeeded', video: VIDEO } });
  });

  it('submitted -> succeeded directly (a poll that missed processing) is applied', () => {
    const plan = planStatusUpdate(state({}), snapshot({ status: 'succeeded', video: VIDEO }));
    expect(plan).toMatchObject({ outcome: 'applied', change: { status: 'succeeded' } });
  });

  it('processing -> failed by moderation says so in plain words, keeping the upstream’s own', () => {
    const plan = planStatusUpdate(
      state({ status: 'processing' }),
      snapshot({ status: 'failed', statusMessage: MODERATION }),
    );
    expect(plan.outcome).toBe('applied');
    const message = plan.outcome === 'applied' ? plan.change.statusMessage : null;
    expect(message).toMatch(/^Blocked by content moderation/);
    expect(message).toContain(MODERATION);
  });

  it('pending (stored, no task ID yet) -> submitted takes the upstream’s task ID', () => {
    const plan = planStatusUpdate(
      state({ status: 'pending', taskId: null, upstreamUpdatedAt: null }),
      snapshot({ status: 'submitted', taskId: '999' }),
    );
    expect(plan).toMatchObject({ outcome: 'applied', change: { status: 'submitted', taskId: '999' } });
  });

  it('keeps the stored task ID even when a reply names another', () => {
    const plan = planStatusUpdate(state({}), snapshot({ status: 'processing', taskId: 'other' }));
    expect(plan).toMatchObject({ outcome: 'applied', change: { taskId: TASK_ID } });
  });

  it('a newer message on the same status is news', () => {
    const plan = planStatusUpdate(
      state({ status: 'processing', statusMessage: 'rendering' }),
      snapshot({ status: 'processing', statusMessage: 'upscaling' }),
    );
    expect(plan).toMatchObject({ outcome: 'applied', change: { statusMessage: 'upscaling' } });
  });

  it('keeps the last known upstream time when a reply has none (OpenAI replies)', () => {
    const plan = planStatusUpdate(state({}), snapshot({ status: 'processing', upstreamUpdatedAt: null }));
    expect(plan).toMatchObject({ outcome: 'applied', change: { upstreamUpdatedAt: T1 } });
  });
});

describe('planStatusUpdate: never backwards, nothing twice', () => {
  it('the same status with nothing new is a duplicate', () => {
    expect(planStatusUpdate(state({}), snapshot({ status: 'submitted' })).outcome).toBe('duplicate');
  });

  it('the same status with only a newer upstream time is still a duplicate', () => {
    const current = state({ status: 'processing', statusMessage: 'rendering', upstreamUpdatedAt: T1 });
    const plan = planStatusUpdate(
      current,
      snapshot({ status: 'processing', statusMessage: 'rendering', upstreamUpdatedAt: T3 }),
    );
    expect(plan.outcome).toBe('duplicate');
  });

  it('a succeeded reply without the video, for a task that has it, is a duplicate (the video is kept)', () => {
    const current = state({ status: 'succeeded', video: VIDEO, open: true });
    expect(planStatusUpdate(current, snapshot({ status: 'succeeded', video: null })).outcome).toBe(
      'duplicate',
    );
  });

  it('an update older than the stored one (by the upstream’s updated_at) is stale, even with a higher status', () => {
    const current = state({ status: 'processing', upstreamUpdatedAt: T2 });
    expect(planStatusUpdate(current, snapshot({ status: 'succeeded', upstreamUpdatedAt: T1 })).outcome).toBe(
      'stale',
    );
  });

  it.each([
    ['processing', 'submitted'],
    ['succeeded', 'processing'],
    ['succeeded', 'submitted'],
  ] as const)('%s told %s (a lower status) is stale, however new its time', (current, lower) => {
    const from = state({ status: current, upstreamUpdatedAt: T1 });
    expect(planStatusUpdate(from, snapshot({ status: lower, upstreamUpdatedAt: T3 })).outcome).toBe('stale');
  });

  it('without times on either side, the status rank alone decides', () => {
    const current = state({ status: 'processing', upstreamUpdatedAt: null });
    expect(
      planStatusUpdate(current, snapshot({ status: 'submitted', upstreamUpdatedAt: null })).outcome,
    ).toBe('stale');
    expect(
      planStatusUpdate(current, snapshot({ status: 'succeeded', upstreamUpdatedAt: null })).outcome,
    ).toBe('applied');
  });
});

describe('planStatusUpdate: closed tasks change no more', () => {
  const succeeded = state({ status: 'succeeded', video: VIDEO, upstreamUpdatedAt: T2, open: false });
  const failed = state({ status: 'failed', statusMessage: 'Blocked', upstreamUpdatedAt: T2, open: false });

  it.each([
    ['succeeded', succeeded, 'succeeded', 'duplicate'],
    ['succeeded', succeeded, 'processing', 'stale'],
    ['succeeded', succeeded, 'failed', 'stale'],
    ['failed', failed, 'failed', 'duplicate'],
    ['failed', failed, 'succeeded', 'stale'],
    ['failed', failed, 'submitted', 'stale'],
  ] as const)('a closed %s task told %s -> %s', (_, current, status, outcome) => {
    // Even with a newer upstream time: once closed, nothing moves it.
    expect(planStatusUpdate(current, snapshot({ status, upstreamUpdatedAt: T3, video: VIDEO })).outcome).toBe(
      outcome,
    );
  });

  it('a submission marked failed because the task was never created stays failed', () => {
    const neverCreated = state({ status: 'failed', taskId: null, upstreamUpdatedAt: null, open: false });
    expect(planStatusUpdate(neverCreated, snapshot({ status: 'processing' })).outcome).toBe('stale');
  });
});

describe('planStatusUpdate: a local failure can be corrected by the upstream', () => {
  // A timeout or lost connection: stored failed, no task ID, still looked up by external task ID.
  const timedOut = state({
    status: 'failed',
    taskId: null,
    statusMessage: 'The video service did not answer within 30 s.',
    upstreamUpdatedAt: null,
    open: true,
  });

  it.each(['submitted', 'processing', 'succeeded'] as const)(
    'failed locally -> %s, with the task ID',
    (status) => {
      const plan = planStatusUpdate(timedOut, snapshot({ status, taskId: '555', statusMessage: null }));
      expect(plan).toMatchObject({
        outcome: 'applied',
        change: { status, taskId: '555', statusMessage: null },
      });
    },
  );

  it('failed locally -> failed upstream takes the upstream’s reason', () => {
    const plan = planStatusUpdate(timedOut, snapshot({ status: 'failed', statusMessage: MODERATION }));
    expect(plan).toMatchObject({
      outcome: 'applied',
      change: { status: 'failed', statusMessage: expect.stringContaining(MODERATION) },
    });
  });
});

describe('plainFailureReason', () => {
  it.each([
    MODERATION,
    'Content flagged by moderation',
    'The prompt contains sensitive words',
    'Image violates the usage policy',
    'inappropriate content detected',
    'Prohibited content',
  ])('calls "%s" a moderation block', (message) => {
    expect(plainFailureReason(message)).toBe(`Blocked by content moderation: ${message}`);
  });

  it('keeps any other reason as the upstream said it', () => {
    expect(plainFailureReason('Internal error, please retry')).toBe('Internal error, please retry');
  });

  it('has no reason when the upstream gave none', () => {
    expect(plainFailureReason(null)).toBeNull();
    expect(plainFailureReason('')).toBeNull();
  });
});
