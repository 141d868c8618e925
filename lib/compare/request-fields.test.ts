import { describe, expect, it } from 'vitest';
import { compareRequests, fieldNoun, isTakeableField, withFieldFrom } from './request-fields';

const A = {
  model: 'kling-v1',
  prompt: 'a red kite over the dunes',
  mode: 'std',
  duration: '5',
  image_list: [{ image_url: 'https://cdn.example.com/a.png', type: 'first_frame' }],
  external_task_id: 'ovs-a',
};
const B = {
  model: 'kling-v1',
  prompt: 'a blue kite over the sea',
  mode: 'pro',
  duration: '5',
  cfg_scale: 0.7,
  external_task_id: 'ovs-b',
};

describe('comparing two requests', () => {
  it('marks exactly the fields that differ', () => {
    const differing = compareRequests(A, B)
      .filter((row) => row.differs)
      .map((row) => row.field);
    expect(differing).toEqual(['prompt', 'mode', 'cfg_scale', 'image_list', 'external_task_id']);
  });

  it('counts a left-out setting as the upstream’s default, not as a difference', () => {
    const { mode: _, ...withoutMode } = A;
    const row = compareRequests(withoutMode, A).find((r) => r.field === 'mode');
    expect(row).toMatchObject({ a: 'Standard', b: 'Standard', differs: false });
  });

  it('takes one field from B, or leaves it out where B left it out', () => {
    expect(withFieldFrom(A, B, 'prompt')).toEqual({ ...A, prompt: B.prompt });
    expect(withFieldFrom(A, B, 'cfg_scale')).toEqual({ ...A, cfg_scale: 0.7 });
    const { image_list: _, ...withoutImages } = A;
    expect(withFieldFrom(A, B, 'image_list')).toEqual(withoutImages);
  });

  it('never takes the external task ID, which belongs to one task', () => {
    expect(isTakeableField('external_task_id')).toBe(false);
    expect(isTakeableField('prompt')).toBe(true);
    expect(isTakeableField('toString')).toBe(false);
  });

  it('names fields as words in a sentence', () => {
    expect(fieldNoun('aspect_ratio')).toBe('aspect ratio');
    expect(fieldNoun('cfg_scale')).toBe('CFG scale');
    expect(fieldNoun('callback_url')).toBe('callback URL');
  });
});
