import { describe, expect, it } from 'vitest';
import { bootstrapCarTest, createRng, fillNormal, randomNormal } from '../src/stats/index.ts';
import { simulateNullRejectionRates } from '../src/study/size.ts';
import { InputError } from '../src/errors.ts';

describe('seeded random numbers', () => {
  it('are deterministic per seed and differ across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xa = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(xa);
    expect(Array.from({ length: 5 }, () => c.nextUint32())).not.toEqual(xa);
  });

  it('give uniform and normal draws with the right moments', () => {
    const rng = createRng(7);
    let s = 0;
    let s2 = 0;
    const N = 200000;
    let outside = 0;
    for (let k = 0; k < N; k++) {
      const u = rng.uniform();
      if (!(u >= 0 && u < 1)) outside++;
      s += u;
      s2 += u * u;
    }
    expect(outside).toBe(0);
    expect(Math.abs(s / N - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(s2 / N - 1 / 3)).toBeLessThan(0.003);
    const z = fillNormal(createRng(8), new Float64Array(N));
    const m = z.reduce((a, v) => a + v, 0) / N;
    const v = z.reduce((a, x) => a + (x - m) ** 2, 0) / N;
    const k4 = z.reduce((a, x) => a + (x - m) ** 4, 0) / N / (v * v);
    expect(Math.abs(m)).toBeLessThan(0.01);
    expect(Math.abs(v - 1)).toBeLessThan(0.015);
    expect(Math.abs(k4 - 3)).toBeLessThan(0.06);
    expect(Number.isFinite(randomNormal(rng))).toBe(true);
    // int(n) is uniform over 0..n-1
    const counts = new Array(6).fill(0);
    for (let k = 0; k < 60000; k++) counts[rng.int(6)]++;
    for (const c of counts) expect(Math.abs(c - 10000)).toBeLessThan(400);
  });
});

describe('bootstrapCarTest', () => {
  it('matches a naive twin drawing from the same stream', () => {
    const rng0 = createRng(99);
    const residuals = Array.from({ length: 4 }, (_, i) => fillNormal(rng0, new Float64Array(50 + i), 0.001, 0.02));
    const cars = [0.03, -0.01, 0.05, 0.02];
    const windowLengths = [3, 3, 1, 2];
    const r = bootstrapCarTest({ residuals, cars, windowLengths, b: 499, seed: 5 });
    // naive: same generator, same draw order, centered residuals, plain arrays
    const rng = createRng(5);
    const centered = residuals.map((x) => {
      const m = x.reduce((a, v) => a + v, 0) / x.length;
      return Array.from(x, (v) => v - m);
    });
    const obs = cars.reduce((a, b) => a + b, 0) / 4;
    let exceed = 0;
    const stats: number[] = [];
    for (let rep = 0; rep < 499; rep++) {
      let t = 0;
      centered.forEach((x, i) => {
        for (let k = 0; k < windowLengths[i]; k++) t += x[rng.int(x.length)];
      });
      t /= 4;
      stats.push(t);
      if (Math.abs(t) >= Math.abs(obs)) exceed++;
    }
    expect(r.p).toBe((1 + exceed) / 500);
    const mean = stats.reduce((a, b) => a + b, 0) / 499;
    const sd = Math.sqrt(stats.reduce((a, v) => a + (v - mean) ** 2, 0) / 498);
    expect(r.se).toBeCloseTo(sd, 12);
    expect(r.stat).toBeCloseTo(obs / sd, 10);
    expect(r.distribution).toBe('bootstrap');
    // deterministic
    expect(bootstrapCarTest({ residuals, cars, windowLengths, b: 499, seed: 5 })).toEqual(r);
  });

  it('single-event CAR: p near the analytic normal p for Gaussian residuals', () => {
    const res = fillNormal(createRng(3), new Float64Array(2000), 0, 0.01);
    const r = bootstrapCarTest({ residuals: [res], cars: [0.01 * Math.sqrt(3) * 1.96], windowLengths: [3], b: 9999, seed: 1, statistic: 'car' });
    expect(Math.abs((r.p as number) - 0.05)).toBeLessThan(0.012);
    expect(() => bootstrapCarTest({ residuals: [res, res], cars: [0, 0], windowLengths: [3, 3], statistic: 'car' })).toThrow(InputError);
  });

  it('runs B = 9999 on 100 events × 250 residuals × L2 = 3 quickly', () => {
    const rng = createRng(11);
    const residuals = Array.from({ length: 100 }, () => fillNormal(rng, new Float64Array(250), 0, 0.02));
    const cars = Array.from({ length: 100 }, () => 0.01);
    const t0 = performance.now();
    const r = bootstrapCarTest({ residuals, cars, windowLengths: cars.map(() => 3), b: 9999, seed: 1 });
    const ms = performance.now() - t0;
    expect(r.p).toBeGreaterThan(0);
    expect(ms).toBeLessThan(3000);
  });
});

describe('size of the test battery under the null (small run)', () => {
  it('every test rejects between 1% and 11% at the 5% level', () => {
    const rates = simulateNullRejectionRates({ panels: 200, n: 30, seed: 2024, bootstrapB: 99 });
    const expected = [
      'cross-sectional-t', 'brown-warner-t', 'patell', 'adjusted-patell', 'bmp', 'adjusted-bmp', 'skewness-corrected-t',
      'corrado-rank', 'generalized-sign', 'sign', 'wilcoxon', 'grank', 'bootstrap',
    ];
    expect(Object.keys(rates).sort()).toEqual([...expected].sort());
    for (const t of expected) {
      expect(rates[t].panels).toBe(200);
      expect(rates[t].rate, t).toBeGreaterThanOrEqual(0.01);
      expect(rates[t].rate, t).toBeLessThanOrEqual(0.11);
    }
  });
});
