import { describe, expect, it } from 'vitest';
import { costLine } from './cost-line';

describe('the cost line beside Submit', () => {
  it('says the seconds of video and the mode', () => {
    expect(costLine({ duration: '5', mode: 'std', video_list: [] })).toBe('5 s of video, Standard mode');
  });

  it('says when a reference video raises the multiplier', () => {
    expect(
      costLine({ duration: '5', mode: 'pro', video_list: [{ video_url: '', keep_original_sound: 'no' }] }),
    ).toBe('5 s of video, Pro mode, reference video: higher cost multiplier');
  });
});
