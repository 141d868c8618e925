import { describe, expect, it } from 'vitest';
import { nativeTask } from '@/e2e/fake-upstream/fake-upstream.mjs';
import { readNativeTask, readTaskSnapshot, type TaskSnapshot } from './task-snapshot';

const TASK_ID = '842250903629086785';
const UPDATED_MS = 1_737_367_860_123;
const VIDEO_URL = 'https://cdn.example.com/videos/842250903629086785.mp4';

/** A native `data` object as docs/api.md, "Statuses" shows it; fields override the defaults. */
function nativeData(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    task_id: TASK_ID,
    task_status: 'submitted',
    task_status_msg: '',
    task_info: { external_task_id: 'campaign-42' },
    task_result: {},
    created_at: UPDATED_MS - 60_000,
    updated_at: UPDATED_MS,
    ...fields,
  };
}

const envelope = (data: Record<string, unknown>) => ({
  code: 0,
  message: 'SUCCEED',
  request_id: 'req-1',
  data,
});

/** An OpenAI video object; fields override the defaults. */
function videoObject(fields: Record<string, unknown>): Record<string, unknown> {
  return { id: TASK_ID, object: 'video', model: 'kling-v1', created_at: 1_737_367_800, ...fields };
}

describe('readTaskSnapshot: Kling native replies', () => {
  it.each([
    ['submitted', 'submitted'],
    ['processing', 'processing'],
    ['succeed', 'succeeded'],
    ['succeeded', 'succeeded'],
    ['failed', 'failed'],
    ['SUCCEED', 'succeeded'],
  ] as const)('task_status %s -> %s', (taskStatus, status) => {
    const snapshot = readTaskSnapshot(envelope(nativeData({ task_status: taskStatus })));
    expect(snapshot).toMatchObject({
      status,
      taskId: TASK_ID,
      externalTaskId: 'campaign-42',
      upstreamUpdatedAt: UPDATED_MS,
    });
  });

  it('reads the finished video with its duration in seconds', () => {
    const snapshot = readTaskSnapshot(
      envelope(
        nativeData({
          task_status: 'succeed',
          task_result: { videos: [{ id: 'v1', url: VIDEO_URL, duration: '5.1' }] },
        }),
      ),
    );
    expect(snapshot?.video).toStrictEqual({ url: VIDEO_URL, duration: 5.1 });
  });

  it('keeps the video when the duration is missing or odd, as unknown', () => {
    const snapshot = readTaskSnapshot(
      envelope(
        nativeData({
          task_status: 'succeed',
          task_result: { videos: [{ url: VIDEO_URL, duration: 'n/a' }] },
        }),
      ),
    );
    expect(snapshot?.video).toStrictEqual({ url: VIDEO_URL, duration: null });
  });

  it('shows no video before the task has succeeded, even when a URL is present', () => {
    const snapshot = readTaskSnapshot(
      envelope(
        nativeData({
          task_status: 'processing',
          task_result: { videos: [{ url: VIDEO_URL, duration: '5' }] },
        }),
      ),
    );
    expect(snapshot).toMatchObject({ status: 'processing', video: null });
  });

  it.each([
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:video/mp4;base64,AAAA'],
    ['a relative path', '/videos/1.mp4'],
    ['an empty string', ''],
  ])('never offers %s as the video', (_, url) => {
    const snapshot = readTaskSnapshot(
      envelope(nativeData({ task_status: 'succeed', task_result: { videos: [{ url, duration: '5' }] } })),
    );
    expect(snapshot).toMatchObject({ status: 'succeeded', video: null });
  });

  it('keeps the upstream’s reason, and reads a blank one as none', () => {
    const failed = readTaskSnapshot(
      envelope(
        nativeData({ task_status: 'failed', task_status_msg: 'Failure to pass the risk control system' }),
      ),
    );
    expect(failed).toMatchObject({
      status: 'failed',
      statusMessage: 'Failure to pass the risk control system',
    });
    const blank = readTaskSnapshot(
      envelope(nativeData({ task_status: 'processing', task_status_msg: '  ' })),
    );
    expect(blank?.statusMessage).toBeNull();
  });

  it('reads updated_at given in seconds as milliseconds', () => {
    const snapshot = readTaskSnapshot(envelope(nativeData({ updated_at: 1_737_367_860 })));
    expect(snapshot?.upstreamUpdatedAt).toBe(1_737_367_860_000);
  });

  it('reads a numeric task ID as text', () => {
    const snapshot = readTaskSnapshot(envelope(nativeData({ task_id: 777 })));
    expect(snapshot?.taskId).toBe('777');
  });

  it('has no upstream time when updated_at is missing or not a time', () => {
    expect(readTaskSnapshot(envelope(nativeData({ updated_at: undefined })))?.upstreamUpdatedAt).toBeNull();
    expect(readTaskSnapshot(envelope(nativeData({ updated_at: 'yesterday' })))?.upstreamUpdatedAt).toBeNull();
    expect(readTaskSnapshot(envelope(nativeData({ updated_at: -5 })))?.upstreamUpdatedAt).toBeNull();
  });
});

describe('readTaskSnapshot: OpenAI video objects', () => {
  it.each([
    ['queued', 'submitted'],
    ['in_progress', 'processing'],
    ['completed', 'succeeded'],
    ['failed', 'failed'],
  ] as const)('status %s -> %s', (openaiStatus, status) => {
    const snapshot = readTaskSnapshot(videoObject({ status: openaiStatus, progress: 10 }));
    expect(snapshot).toMatchObject({ status, taskId: TASK_ID, video: null });
  });

  it('reads the video from metadata.url with its duration', () => {
    const snapshot = readTaskSnapshot(
      videoObject({ status: 'completed', progress: 100, metadata: { url: VIDEO_URL, duration: 10 } }),
    );
    expect(snapshot).toMatchObject({ status: 'succeeded', video: { url: VIDEO_URL, duration: 10 } });
  });

  it('reads the duration from OpenAI’s `seconds` field when metadata has none', () => {
    const snapshot = readTaskSnapshot(
      videoObject({ status: 'completed', metadata: { url: VIDEO_URL }, seconds: '8' }),
    );
    expect(snapshot?.video).toStrictEqual({ url: VIDEO_URL, duration: 8 });
  });

  it('keeps the failure reason from error.message', () => {
    const snapshot = readTaskSnapshot(
      videoObject({
        status: 'failed',
        error: { code: 'moderation', message: 'Content flagged by moderation' },
      }),
    );
    expect(snapshot).toMatchObject({ status: 'failed', statusMessage: 'Content flagged by moderation' });
  });

  it('reads updated_at in seconds (OpenAI’s unit) as milliseconds', () => {
    const snapshot = readTaskSnapshot(videoObject({ status: 'in_progress', updated_at: 1_737_367_860 }));
    expect(snapshot?.upstreamUpdatedAt).toBe(1_737_367_860_000);
  });

  it('prefers task_id over id when a gateway gives both', () => {
    const snapshot = readTaskSnapshot(videoObject({ id: 'video_abc', task_id: TASK_ID, status: 'queued' }));
    expect(snapshot?.taskId).toBe(TASK_ID);
  });
});

describe('readTaskSnapshot: unreadable replies', () => {
  it.each([
    ['null', null],
    ['a string', 'succeed'],
    ['a number', 0],
    ['an array', [{ task_status: 'succeed' }]],
    ['an empty object', {}],
    ['an official error', { code: 1303, message: 'parallel task over resource pack limit', request_id: 'r' }],
    ['a native envelope with an unknown status', envelope(nativeData({ task_status: 'exploded' }))],
    ['a native envelope without a status', envelope({ task_id: TASK_ID })],
    ['a native envelope with a null data', { code: 1203, message: 'not found', data: null }],
    ['a video object with an unknown status', videoObject({ status: 'cancelled' })],
    ['a video object without a status', videoObject({})],
  ])('%s -> null', (_, body) => {
    expect(readTaskSnapshot(body)).toBeNull();
  });
});

describe('readNativeTask: callback bodies (the unwrapped native object)', () => {
  it('reads a callback for a finished task, with its video and external task ID', () => {
    const snapshot = readNativeTask(
      nativeData({
        task_status: 'succeed',
        task_status_msg: '',
        task_result: { videos: [{ id: 'v1', url: VIDEO_URL, duration: '10' }] },
      }),
    );
    expect(snapshot).toStrictEqual<TaskSnapshot>({
      status: 'succeeded',
      statusMessage: null,
      video: { url: VIDEO_URL, duration: 10 },
      upstreamUpdatedAt: UPDATED_MS,
      taskId: TASK_ID,
      externalTaskId: 'campaign-42',
    });
  });

  it('reads the body the fake upstream posts, so the fake and the app agree', () => {
    const body = nativeTask(TASK_ID, {
      status: 'failed',
      message: 'Failure to pass the risk control system',
      updatedAt: UPDATED_MS,
      externalTaskId: 'campaign-7',
    });
    expect(readNativeTask(body)).toMatchObject({
      status: 'failed',
      statusMessage: 'Failure to pass the risk control system',
      taskId: TASK_ID,
      externalTaskId: 'campaign-7',
      upstreamUpdatedAt: UPDATED_MS,
    });
    // The same object is also readable as a query reply, wrapped or not.
    expect(readTaskSnapshot(body)).toStrictEqual(readNativeTask(body));
    expect(readTaskSnapshot(envelope(body))).toStrictEqual(readNativeTask(body));
  });

  it('finds the external task ID at the top level too', () => {
    const snapshot = readNativeTask(nativeData({ task_info: undefined, external_task_id: 'top-level-1' }));
    expect(snapshot?.externalTaskId).toBe('top-level-1');
  });

  it('returns null for a body without a known status', () => {
    expect(readNativeTask({ task_id: TASK_ID })).toBeNull();
    expect(readNativeTask({ task_id: TASK_ID, task_status: 42 })).toBeNull();
  });
});

describe('readTaskSnapshot: what cannot be an ID or a time names nothing', () => {
  it.each([
    ['U+0000', `8422509036\u000029086785`],
    ['a lone surrogate', `8422509036\uD80029086785`],
    ['65 characters', '8'.repeat(65)],
    ['a path step', '..'],
  ])('a task ID holding %s is no task ID', (_, id) => {
    const snapshot = readTaskSnapshot(envelope(nativeData({ task_id: id })));
    expect(snapshot).toMatchObject({ status: 'submitted', taskId: null, externalTaskId: 'campaign-42' });
  });

  it('an external task ID holding U+0000 is none', () => {
    const snapshot = readNativeTask(nativeData({ task_info: { external_task_id: 'campaign\u000042' } }));
    expect(snapshot?.externalTaskId).toBeNull();
  });

  it('an absurd updated_at is no time (it would not fit the stored column)', () => {
    expect(readNativeTask(nativeData({ updated_at: 1e30 }))?.upstreamUpdatedAt).toBeNull();
  });
});
