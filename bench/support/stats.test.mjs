import { describe, expect, it } from 'vitest';
import { median, summarize } from './stats.mjs';

describe('summarize', () => {
  it('reports nearest-rank percentiles, so every percentile is a real sample', () => {
    const samples = Array.from({ length: 200 }, (_, i) => 200 - i); // 200..1, unsorted on purpose
    const s = summarize(samples);
    expect(s.p50).toBe(100);
    expect(s.p99).toBe(198);
    expect([s.min, s.max, s.count]).toEqual([1, 200, 200]);
  });

  it('gives the only sample for every percentile of one sample, and NaN for none', () => {
    expect(summarize([7]).p99).toBe(7);
    expect(summarize([]).p50).toBeNaN();
  });

  it('takes the lower middle as the median of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});
