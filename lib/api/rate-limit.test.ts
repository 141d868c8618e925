import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createRateLimiter', () => {
  it('lets a client make its burst, then refuses with the seconds until the next submission', () => {
    const time = clock();
    const limiter = createRateLimiter(3, time.now);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, true]);
    // 3 a minute: one comes back every 20 s.
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 20 });
    time.advance(15_000);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 5 });
    time.advance(5_000);
    expect(limiter.take('a')).toEqual({ ok: true });
  });

  it('counts every client apart', () => {
    const limiter = createRateLimiter(1, clock().now);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('never saves up more than one burst, however long a client waits', () => {
    const time = clock();
    const limiter = createRateLimiter(2, time.now);
    time.advance(3_600_000);
    expect([1, 2, 3].map(() => limiter.take('a').ok)).toEqual([true, true, false]);
  });

  it('never tells a refused client to wait less than a second', () => {
    const time = clock();
    const limiter = createRateLimiter(6_000, time.now);
    for (let i = 0; i < 6_000; i++) limiter.take('a');
    const verdict = limiter.take('a');
    expect(verdict).toEqual({ ok: false, retryAfterSeconds: 1 });
  });

  it('stays bounded under many one-off clients and still limits a busy one', () => {
    const time = clock();
    const limiter = createRateLimiter(1, time.now);
    expect(limiter.take('busy').ok).toBe(true);
    for (let i = 0; i < 25_000; i++) {
      limiter.take(`one-off-${i}`);
      time.advance(10);
    }
    // 250 s later the busy client has its token back; one more is refused.
    expect(limiter.take('busy').ok).toBe(true);
    expect(limiter.take('busy').ok).toBe(false);
  });
});
