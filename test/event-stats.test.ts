import { describe, expect, it } from 'vitest';
import { mulberry32, normals } from './helpers/rng.ts';
import { fitEventModel } from '../src/models/index.ts';
import { olsFit } from '../src/models/ols.ts';
import { carStatistics } from '../src/stats/event.ts';
import { InputError } from '../src/errors.ts';

function simulate(seed: number, T: number, sdM: number, sdE: number): { r: Float64Array; rm: Float64Array } {
  const rand = mulberry32(seed);
  const m = normals(rand, T, sdM);
  const e = normals(rand, T, sdE);
  const rm = Float64Array.from(m, (v) => v + sdM / 20);
  const r = Float64Array.from(rm, (v, t) => sdE / 10 + 0.9 * v + e[t]);
  return { r, rm };
}
const rel = (a: number, b: number): number => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('carStatistics', () => {
  it('hand-checkable market-model case, with the t(3) p-value from its closed-form CDF', () => {
    // Estimation: x = -2..2, y = 1 + 2x + e, e ⟂ (1, x) → α = 1, β = 2, s² = 0.1/3, M = 5,
    // R̄_m = 0, S_xx = 10. Event: R_m = (3, -1), R = (7.5, -1.3) → AR = (0.5, -0.3), CAR = 0.2,
    // Var(CAR) = s²[L2 + L2²/M + (Σ(R_m - R̄_m))²/S_xx] = s²[2 + 4/5 + 4/10] = 3.2 s² = 0.32/3.
    const rm = Float64Array.of(-2, -1, 0, 1, 2, 3, -1);
    const r = Float64Array.of(-2.9, -1.2, 1, 3.2, 4.9, 7.5, -1.3);
    const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 5], event: [5, 7] });
    const s = carStatistics(fit, r.subarray(5, 7), [0, 1]);
    expect(s.car).toBeCloseTo(0.2, 13);
    expect(s.variance).toBeCloseTo(0.32 / 3, 13);
    expect(s.se).toBeCloseTo(Math.sqrt(0.32 / 3), 13);
    const t = 0.2 / Math.sqrt(0.32 / 3);
    expect(s.t).toBeCloseTo(t, 12);
    expect(s.scar).toBeCloseTo(t, 12);
    expect(s.df).toBe(3);
    expect(s.days).toBe(2);
    // Student t with 3 df: F(t) = 1/2 + (1/π)[t/(√3(1 + t²/3)) + atan(t/√3)], so the two-sided
    // p = 1 - (2/π)[t/(√3(1 + t²/3)) + atan(t/√3)].
    const p = 1 - (2 / Math.PI) * (t / (Math.sqrt(3) * (1 + (t * t) / 3)) + Math.atan(t / Math.sqrt(3)));
    expect(s.p).toBeCloseTo(p, 8);
    // BHAR = (1 + 7.5)(1 - 1.3) - (1 + 7)(1 - 1) = -2.55.
    expect(s.bhar).toBeCloseTo(8.5 * -0.3 - 0, 12);
    // One day: CAR = AR, variance = S_t².
    const one = carStatistics(fit, r.subarray(5, 7), [0, 0]);
    expect(one.car).toBeCloseTo(0.5, 13);
    expect(one.variance).toBeCloseTo(fit.predictionVariance[0], 15);
  });

  it('1\'Σ1 equals the MacKinlay closed form for the market model; Σ AR over the window = CAR', () => {
    const { r, rm } = simulate(5, 300, 0.01, 0.02);
    r[100] = NaN;
    const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    let mx = 0;
    let M = 0;
    for (let t = 0; t < 240; t++) if (Number.isFinite(r[t])) (mx += rm[t]), M++;
    mx /= M;
    let sxx = 0;
    for (let t = 0; t < 240; t++) if (Number.isFinite(r[t])) sxx += (rm[t] - mx) ** 2;
    expect(fit.M).toBe(M);
    for (const [a, b] of [
      [4, 6],
      [5, 5],
      [5, 6],
      [0, 10],
    ] as [number, number][]) {
      const s = carStatistics(fit, r.subarray(245, 256), [a, b]);
      const L2 = b - a + 1;
      let sumDev = 0;
      let sumAr = 0;
      for (let i = a; i <= b; i++) {
        sumDev += rm[245 + i] - mx;
        sumAr += fit.ar[i];
      }
      const closed = fit.s2 * (L2 + (L2 * L2) / M + (sumDev * sumDev) / sxx);
      expect(rel(s.variance, closed)).toBeLessThan(1e-12);
      expect(Math.abs(s.car - sumAr)).toBeLessThan(1e-15);
      expect(s.days).toBe(L2);
      expect(s.df).toBe(M - 2);
    }
  });

  it('factor model: Var(CAR) = s²(L2 + 1\'X*(X\'X)⁻¹X*\'1), computed from an independent OLS fit', () => {
    const rand = mulberry32(8);
    const T = 280;
    const f1 = Float64Array.from(normals(rand, T, 0.01));
    const f2 = Float64Array.from(normals(rand, T, 0.006));
    const e = normals(rand, T, 0.01);
    const r = Float64Array.from(f1, (v, t) => 0.0002 + 1.1 * v + 0.4 * f2[t] + e[t]);
    const fit = fitEventModel({ model: 'factor', r, x: [f1, f2], estimation: [0, 250], event: [260, 271] });
    const ols = olsFit(r.subarray(0, 250), [f1.subarray(0, 250), f2.subarray(0, 250)]);
    const [a, b] = [3, 7];
    const sumX = [b - a + 1, 0, 0]; // 1'X* = (L2, Σf1, Σf2)
    for (let i = a; i <= b; i++) (sumX[1] += f1[260 + i]), (sumX[2] += f2[260 + i]);
    let q = 0;
    for (let p = 0; p < 3; p++) for (let s = 0; s < 3; s++) q += sumX[p] * ols.xtxInv[p * 3 + s] * sumX[s];
    const s = carStatistics(fit, r.subarray(260, 271), [a, b]);
    expect(rel(s.variance, ols.s2 * (b - a + 1 + q))).toBeLessThan(1e-12);
    expect(s.df).toBe(250 - 3);
  });

  it('mean-adjusted Var(CAR) = s²(L2 + L2²/M); market-adjusted = L2·s²', () => {
    const { r, rm } = simulate(6, 300, 0.01, 0.02);
    const mean = fitEventModel({ model: 'mean-adjusted', r, x: [], estimation: [0, 240], event: [245, 256] });
    const madj = fitEventModel({ model: 'market-adjusted', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    const ev = r.subarray(245, 256);
    expect(rel(carStatistics(mean, ev, [4, 6]).variance, mean.s2 * (3 + 9 / 240))).toBeLessThan(1e-12);
    expect(rel(carStatistics(madj, ev, [4, 6]).variance, 3 * madj.s2)).toBeLessThan(1e-12);
    expect(carStatistics(madj, ev, [4, 6]).df).toBe(239);
  });

  it('BHAR = Π(1+R) - Π(1+E[R]) exactly (market-adjusted hand case) and ≈ CAR for small returns', () => {
    // Market-adjusted, event R = (0.1, 0.2), R_m = (0.05, 0.1): BHAR = 1.1·1.2 - 1.05·1.1 = 0.165,
    // CAR = 0.05 + 0.1 = 0.15.
    const r = Float64Array.of(0.01, -0.02, 0.03, 0.0, 0.1, 0.2);
    const rm = Float64Array.of(0.0, -0.01, 0.02, 0.01, 0.05, 0.1);
    const fit = fitEventModel({ model: 'market-adjusted', r, x: [rm], estimation: [0, 4], event: [4, 6] });
    const s = carStatistics(fit, r.subarray(4, 6), [0, 1]);
    expect(s.bhar).toBeCloseTo(0.165, 14);
    expect(s.car).toBeCloseTo(0.15, 14);

    const small = simulate(7, 300, 0.001, 0.001);
    const mfit = fitEventModel({ model: 'market', r: small.r, x: [small.rm], estimation: [0, 240], event: [245, 256] });
    const w = carStatistics(mfit, small.r.subarray(245, 256), [0, 10]);
    expect(Math.abs(w.bhar - w.car)).toBeLessThan(1e-4);
    expect(Math.abs(w.car)).toBeGreaterThan(0); // a real number, not a vacuous pass
  });

  it('missing days inside the window: CAR and variance over the valid days only', () => {
    const { r, rm } = simulate(9, 300, 0.01, 0.02);
    r[250] = NaN; // event position 5 (day 0)
    const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    const ev = r.subarray(245, 256);
    const s = carStatistics(fit, ev, [4, 6]);
    expect(s.days).toBe(2);
    expect(Math.abs(s.car - (fit.ar[4] + fit.ar[6]))).toBeLessThan(1e-15);
    const L = 11;
    const v = fit.arCovariance[4 * L + 4] + fit.arCovariance[6 * L + 6] + 2 * fit.arCovariance[4 * L + 6];
    expect(rel(s.variance, v)).toBeLessThan(1e-14);
    const bh = (1 + ev[4]) * (1 + ev[6]) - (1 + fit.expected[4]) * (1 + fit.expected[6]);
    expect(Math.abs(s.bhar - bh)).toBeLessThan(1e-15);
    const empty = carStatistics(fit, ev, [5, 5]);
    expect(empty.days).toBe(0);
    expect(Number.isNaN(empty.car) && Number.isNaN(empty.t) && Number.isNaN(empty.p)).toBe(true);
  });

  it('rejects windows outside the event range and mismatched returns', () => {
    const { r, rm } = simulate(10, 300, 0.01, 0.02);
    const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    const ev = r.subarray(245, 256);
    expect(() => carStatistics(fit, ev, [-1, 2])).toThrow(InputError);
    expect(() => carStatistics(fit, ev, [3, 11])).toThrow(/not inside the 11-day event range/);
    expect(() => carStatistics(fit, ev, [4, 3])).toThrow(InputError);
    expect(() => carStatistics(fit, r.subarray(245, 255), [0, 1])).toThrow(/10 days, the fit has 11/);
  });
});
