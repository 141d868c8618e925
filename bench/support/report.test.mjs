import { describe, expect, it } from 'vitest';
import { formatValue, passes } from './report.mjs';

describe('passes', () => {
  it('reads "at most", "under" and "at least" budgets', () => {
    expect(passes({ value: 1.4, budget: { max: 1.4 } })).toBe(true);
    expect(passes({ value: 1.41, budget: { max: 1.4 } })).toBe(false);
    expect(passes({ value: 250, budget: { below: 250 } })).toBe(false);
    expect(passes({ value: 0.98, budget: { min: 0.98 } })).toBe(true);
  });

  it('has no verdict without a budget or without a value (a skipped row)', () => {
    expect(passes({ value: 3 })).toBeNull();
    expect(passes({ value: null, budget: { max: 1 } })).toBeNull();
  });
});

describe('formatValue', () => {
  it('shows sub-millisecond times to the microsecond and ratios to two places', () => {
    expect(formatValue(0.0123, 'ms')).toBe('0.012 ms');
    expect(formatValue(1.499, 'x')).toBe('1.50x');
    expect(formatValue(null, 'ms')).toBe('—');
  });
});
