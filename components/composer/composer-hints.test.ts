import { describe, expect, it } from 'vitest';
import { type ComposerValues, EMPTY_COMPOSER_VALUES } from '@/lib/contract/composer-form';
import {
  DURATION_OPTIONS,
  durationHint,
  EXTERNAL_TASK_ID_HINT,
  listLimitHint,
  promptHint,
} from './composer-hints';

const values = (extra: Partial<ComposerValues>): ComposerValues => ({ ...EMPTY_COMPOSER_VALUES, ...extra });

describe('duration options and hint', () => {
  it('offers every duration from 3 to 10 seconds, whatever the inputs, so a choice is never taken away', () => {
    expect(DURATION_OPTIONS.map((o) => o.value)).toEqual(['3', '4', '5', '6', '7', '8', '9', '10']);
    expect(DURATION_OPTIONS[0]?.label).toBe('3 seconds');
  });

  it('says which durations the chosen inputs allow', () => {
    expect(durationHint(values({}))).toBe(
      '5 or 10 seconds. Add a first frame or a reference video for 3 to 10.',
    );
    expect(durationHint(values({ image_list: [{ image_url: 'https://a.example/x.png', type: '' }] }))).toBe(
      '5 or 10 seconds. Add a first frame or a reference video for 3 to 10.',
    );
    expect(durationHint(values({ image_list: [{ image_url: '', type: 'first_frame' }] }))).toBe(
      '3 to 10 seconds with frames or a reference video.',
    );
    expect(durationHint(values({ video_list: [{ video_url: '', keep_original_sound: 'no' }] }))).toBe(
      '3 to 10 seconds with frames or a reference video.',
    );
  });
});

describe('the list limit hint', () => {
  it('counts images and elements against 7, or 4 with a reference video', () => {
    const image = { image_url: '', type: '' as const };
    expect(listLimitHint(values({ image_list: [image], element_list: [{ element_id: '1' }] }))).toBe(
      '2 of 7 images and elements used.',
    );
    expect(
      listLimitHint(
        values({ image_list: [image], video_list: [{ video_url: '', keep_original_sound: 'no' }] }),
      ),
    ).toBe('1 of 4 images and elements used: the limit is 4 with a reference video.');
  });
});

describe('the other hints name the limits the server enforces', () => {
  it('counts the prompt against 2,500 characters', () => {
    expect(promptHint('')).toMatch(/^0 \/ 2,500 characters\. /);
    expect(promptHint('x'.repeat(1234))).toMatch(/^1,234 \/ 2,500 characters\. /);
  });

  it('gives the longest external task ID', () => {
    expect(EXTERNAL_TASK_ID_HINT).toContain('(up to 64)');
  });
});
