import { describe, expect, it } from 'vitest';
import { nextPollDelay } from './timings';

describe('nextPollDelay', () => {
  it('starts at the configured interval and grows with every query that brought nothing new', () => {
    const delays = [0, 1, 2, 3, 4].map((attempts) => nextPollDelay(5_000, attempts));
    expect(delays[0]).toBe(5_000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThan(delays[i - 1] as number);
  });

  it('is capped at a minute, however many attempts', () => {
    for (const attempts of [10, 30, 1_000, 1_000_000]) {
      const delay = nextPollDelay(5_000, attempts);
      expect(delay).toBe(60_000);
      expect(Number.isFinite(delay)).toBe(true);
    }
  });

  it('never asks sooner than a configured interval above a minute', () => {
    expect(nextPollDelay(120_000, 0)).toBe(120_000);
    expect(nextPollDelay(120_000, 50)).toBe(120_000);
  });

  it('returns whole milliseconds', () => {
    expect(Number.isInteger(nextPollDelay(333, 3))).toBe(true);
  });
});
