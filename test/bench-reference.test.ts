import { describe, expect, it } from 'vitest';
import { syntheticPanel, DAYS, ESTIMATION_DAYS, DAY0 } from '../bench/synthetic.ts';
import { referenceEventStudy, toDayRows } from '../bench/reference.ts';
import { NUMPY_TESTS, NUMPY_WINDOWS, runLibraryBattery } from '../bench/library.ts';

const close = (a: number, b: number, tol = 1e-8): void => {
  expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
  expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(a), Math.abs(b)));
};

describe('bench reference implementation', () => {
  const n = 20;
  const panel = syntheticPanel(n, 4242);
  const ref = referenceEventStudy(toDayRows(panel));
  const lib = runLibraryBattery(panel, { windows: NUMPY_WINDOWS, tests: NUMPY_TESTS });

  it('fits the same market model per event as marketModelPanel (1e-8)', () => {
    for (let i = 0; i < n; i++) {
      const e = ref.events[i];
      close(e.alpha, lib.fit.alpha[i]);
      close(e.beta, lib.fit.beta[i]);
      close(e.s2, lib.fit.s2[i]);
      close(e.car, lib.fit.car[0][i]);
      close(e.carVariance, lib.fit.carVar[0][i]);
      close(e.scar, lib.fit.scar[0][i]);
      for (let d = 0; d < 11; d++) {
        close(e.ar[d], lib.fit.ar[i * 11 + d]);
        close(e.sar[d], lib.fit.sar[i * 11 + d]);
      }
    }
  });

  it('gives the same five test statistics for every event day and CAR[-1,+1] (1e-8)', () => {
    const pairs = [
      ['crossSectionalT', 'cross-sectional-t'],
      ['patellZ', 'patell'],
      ['bmpT', 'bmp'],
      ['generalizedSignZ', 'generalized-sign'],
      ['corradoZ', 'corrado-rank'],
    ] as const;
    for (let d = 0; d < 11; d++) {
      for (const [r, l] of pairs) close(ref.days[d][r], lib.days[d][l].stat as number);
    }
    for (const [r, l] of pairs) close(ref.car[r], lib.windows[0][l].stat as number);
  });

  it('the reference agrees with a hand computation of the day-0 Patell Z', () => {
    // Patell on one day: Σ SAR_i / √(N · d/(d − 2)), d = M − 2 = 248 (independent of both codes).
    let s = 0;
    for (const e of ref.events) s += e.sar[DAY0];
    close(ref.days[DAY0].patellZ, s / Math.sqrt((n * 248) / 246), 1e-12);
  });
});

describe('bench synthetic panel', () => {
  it('is seeded, n × 261, and differs from the null panel only by +0.002 on day 0', () => {
    const a = syntheticPanel(5, 7);
    const b = syntheticPanel(5, 7);
    const z = syntheticPanel(5, 7, 0);
    expect(a.r.length).toBe(5 * DAYS);
    expect(Array.from(a.r)).toEqual(Array.from(b.r));
    for (let i = 0; i < 5; i++) {
      for (let d = 0; d < DAYS; d++) {
        const diff = a.r[i * DAYS + d] - z.r[i * DAYS + d];
        close(diff, d === ESTIMATION_DAYS + DAY0 ? 0.002 : 0, 1e-15);
      }
    }
  });
});
