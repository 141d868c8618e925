import { describe, expect, it } from 'vitest';
import { budgetRows, formatValue, passes, ratio, recentResults, recordRun } from './report.mjs';

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

describe('ratio', () => {
  it('divides by the reference, and gives null without two usable figures', () => {
    expect(ratio(10.3, 4.2)).toBeCloseTo(2.452, 3);
    expect(ratio(null, 4.2)).toBeNull();
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, Number.NaN)).toBeNull();
  });

  it('reads "≥ 0.75x" on the ratio, not on the figures it comes from', () => {
    const row = { value: ratio(225, 426), budget: { min: 0.75 } };
    expect(passes(row)).toBe(false);
    expect(passes({ value: ratio(330, 426), budget: { min: 0.75 } })).toBe(true);
  });
});

describe('budget rows and recent runs', () => {
  const result = (name, rows, quick = false) => ({ name, quick, ranAt: '2026-12-03T10:00:00Z', rows });
  const latest = {
    measurements: {
      bundle: result('bundle', [
        { id: 'bundle.bare', value: 131 },
        {
          id: 'bundle.ratio',
          label: 'JS',
          value: 1.26,
          unit: 'x',
          figures: 'app 165 KiB',
          budget: { max: 1.3 },
        },
      ]),
      auth: result('auth', [{ id: 'auth.p50', value: 0.02, unit: 'ms', budget: { max: 1 } }], true),
    },
  };

  it('lists only rows with a budget, each with its verdict and whether the run was quick', () => {
    const rows = budgetRows(latest);
    expect(rows.map((r) => [r.id, r.pass, r.quick])).toEqual([
      ['bundle.ratio', true, false],
      ['auth.p50', true, true],
    ]);
    expect(rows[0].figures).toBe('app 165 KiB');
  });

  it('keeps the last runs, newest last, and finds a budget in the runs that measured it', () => {
    let runs = [];
    runs = recordRun(runs, [{ id: 'a', value: 1 }]);
    runs = recordRun(runs, [{ id: 'b', value: 5 }]);
    runs = recordRun(runs, []);
    runs = recordRun(runs, [
      { id: 'a', value: 2 },
      { id: 'b', value: 6 },
    ]);
    runs = recordRun(runs, [{ id: 'a', value: 3 }]);
    runs = recordRun(runs, [{ id: 'a', value: 4 }]);
    expect(runs).toHaveLength(5);
    expect(recentResults(runs, 'a').map((r) => r.value)).toEqual([2, 3, 4]);
    expect(recentResults(runs, 'b').map((r) => r.value)).toEqual([5, 6]);
    expect(recordRun(runs, [{ id: 'c' }], 2)).toHaveLength(2);
  });

  it('leaves skipped rows out of a budget’s recent runs', () => {
    const runs = [
      { rows: [{ id: 'p', value: null, skipped: 'no database' }] },
      { rows: [{ id: 'p', value: 0.6 }] },
    ];
    expect(recentResults(runs, 'p').map((r) => r.value)).toEqual([0.6]);
  });
});
