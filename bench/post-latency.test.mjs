import { describe, expect, it } from 'vitest';
import { roundOrder } from './post-latency.mjs';

describe('roundOrder', () => {
  const n = 4;
  const rounds = Array.from({ length: 4 * n }, (_, i) => roundOrder(i, n));

  it('sends every series once a round', () => {
    for (const order of rounds) expect([...order].sort()).toEqual([0, 1, 2, 3]);
  });

  it('puts every series first equally often', () => {
    const firsts = rounds.map((order) => order[0]);
    for (let k = 0; k < n; k++) expect(firsts.filter((f) => f === k)).toHaveLength(4);
  });

  it('never runs a series always right after the same other one', () => {
    for (let k = 0; k < n; k++) {
      const before = new Set(
        rounds.map((order) => order[order.indexOf(k) - 1]).filter((p) => p !== undefined),
      );
      expect(before.size).toBeGreaterThan(1);
    }
  });
});
