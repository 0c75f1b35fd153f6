import { describe, expect, it } from 'vitest';
import {
  erf,
  erfc,
  logBeta,
  logGamma,
  normalCdf,
  normalQuantile,
  normalSf,
  normalTwoSidedP,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTPdf,
  studentTQuantile,
  studentTTwoSidedP,
} from '../src/stats/distributions.ts';
import { InputError } from '../src/errors.ts';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('normal distribution', () => {
  it('matches textbook values', () => {
    expect(rel(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-15);
    expect(normalCdf(0)).toBe(0.5);
    expect(rel(normalTwoSidedP(1.959963984540054), 0.05)).toBeLessThan(1e-13);
    expect(rel(normalTwoSidedP(2.5758293035489004), 0.01)).toBeLessThan(1e-13);
    expect(rel(normalQuantile(0.975), 1.959963984540054)).toBeLessThan(1e-14);
    expect(rel(normalQuantile(0.995), 2.5758293035489004)).toBeLessThan(1e-14);
  });

  it('keeps relative accuracy deep in the tails (reference: mpmath, 30 digits)', () => {
    const cases: [number, number][] = [
      [-1.96, 0.024997895148220436213],
      [-5, 2.8665157187919391167e-7],
      [-10, 7.619853024160526066e-24],
      [-30, 4.9067139271481870595e-198],
    ];
    for (const [z, p] of cases) {
      expect(rel(normalCdf(z), p)).toBeLessThan(1e-13);
      expect(rel(normalSf(-z), p)).toBeLessThan(1e-13);
    }
    const erfcCases: [number, number][] = [
      [0.3, 0.67137324054087258381],
      [1, 0.15729920705028513066],
      [3, 0.000022090496998585441373],
      [8, 1.122429717298292708e-29],
      [20, 5.3958656116079009289e-176],
    ];
    for (const [x, v] of erfcCases) expect(rel(erfc(x), v)).toBeLessThan(1e-14);
  });

  it('satisfies symmetry identities', () => {
    for (const z of [0.01, 0.3, 0.47, 1, 2.2, 4.1, 7]) {
      expect(normalCdf(z) + normalCdf(-z)).toBeCloseTo(1, 15);
      expect(erf(z)).toBeCloseTo(-erf(-z), 15);
      expect(erf(z) + erfc(z)).toBeCloseTo(1, 15);
      expect(rel(normalTwoSidedP(z), 2 * normalCdf(-z))).toBeLessThan(1e-14);
    }
    expect(normalTwoSidedP(Infinity)).toBe(0);
    expect(normalCdf(-Infinity)).toBe(0);
    expect(normalCdf(Infinity)).toBe(1);
  });

  it('inverts the CDF', () => {
    for (const p of [1e-300, 1e-20, 1e-8, 0.001, 0.02, 0.3, 0.5, 0.7, 0.98, 0.999999]) {
      const z = normalQuantile(p);
      const back = p < 0.5 ? normalCdf(z) : 1 - normalSf(z);
      expect(rel(back, p)).toBeLessThan(1e-12);
    }
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });
});

describe('Student t distribution', () => {
  it('matches textbook critical values', () => {
    expect(rel(studentTQuantile(0.975, 10), 2.228138852)).toBeLessThan(1e-9);
    expect(rel(studentTQuantile(0.975, 1), 12.70620474)).toBeLessThan(1e-9);
    expect(rel(studentTQuantile(0.975, 30), 2.042272456)).toBeLessThan(1e-9);
    expect(rel(studentTQuantile(0.995, 5), 4.032142984)).toBeLessThan(1e-9);
    expect(rel(studentTQuantile(0.95, 2), 2.91998558)).toBeLessThan(1e-8);
    expect(studentTTwoSidedP(2.228138852, 10)).toBeCloseTo(0.05, 9);
    expect(studentTCdf(12.70620474, 1)).toBeCloseTo(0.975, 9);
  });

  it('matches closed forms for df = 1 and 2', () => {
    for (const t of [0.001, 0.5, 1, 3, 50, 1e6]) {
      expect(rel(studentTTwoSidedP(t, 1), 1 - (2 / Math.PI) * Math.atan(t))).toBeLessThan(t > 1 ? 1e-9 : 1e-13);
      // 1 − t/√(2 + t²) rewritten without cancellation
      const r = Math.sqrt(2 + t * t);
      expect(rel(studentTTwoSidedP(t, 2), 2 / (r * (r + t)))).toBeLessThan(1e-13);
      // the closed forms lose digits for large t (1 − almost 1); the tail form does not:
      expect(rel(studentTTwoSidedP(t, 1), (2 / Math.PI) * Math.atan(1 / t))).toBeLessThan(1e-13);
    }
  });

  it('matches high-precision values (reference: mpmath betainc, 30 digits)', () => {
    const cases: [number, number, number][] = [
      [2.0, 5, 0.10193947882985835625],
      [3.5, 238, 0.00055528647171950063062],
      [-1.2, 29, 0.23985112726462537493],
      [10, 3, 0.0021283990584141500574],
      [50, 100, 1.4472163679761388752e-72],
      [0.05, 2, 0.96466673733312133208],
      [2.5, 1, 0.24223788318168679745],
    ];
    for (const [t, df, p] of cases) expect(rel(studentTTwoSidedP(t, df), p)).toBeLessThan(1e-12);
  });

  it('satisfies symmetry and limit identities', () => {
    for (const df of [1, 3, 9.5, 40, 1000]) {
      for (const t of [0.2, 1.7, 4]) {
        expect(studentTCdf(t, df) + studentTCdf(-t, df)).toBeCloseTo(1, 14);
        expect(studentTQuantile(studentTCdf(-t, df), df)).toBeCloseTo(-t, 10);
      }
      expect(studentTTwoSidedP(0, df)).toBe(1);
      expect(studentTTwoSidedP(Infinity, df)).toBe(0);
      expect(studentTTwoSidedP(-Infinity, df)).toBe(0);
    }
    // df → ∞ tends to the normal
    expect(studentTTwoSidedP(1.96, Infinity)).toBe(normalTwoSidedP(1.96));
    // first-order expansion: p_t − p_N ≈ 2φ(z)(z³ + z)/(4ν)
    const z = 1.96;
    const phi = Math.exp(-z * z / 2) / Math.sqrt(2 * Math.PI);
    expect(rel(studentTTwoSidedP(z, 1e5) - normalTwoSidedP(z), (2 * phi * (z ** 3 + z)) / (4 * 1e5))).toBeLessThan(1e-4);
    // density integrates to the CDF difference (Simpson on [-1, 2], df = 7)
    const h = 3 / 2000;
    let s = 0;
    for (let k = 0; k <= 2000; k++) {
      const w = k === 0 || k === 2000 ? 1 : k % 2 ? 4 : 2;
      s += w * studentTPdf(-1 + k * h, 7);
    }
    expect((s * h) / 3).toBeCloseTo(studentTCdf(2, 7) - studentTCdf(-1, 7), 12);
  });

  it('has accurate special functions', () => {
    expect(rel(logGamma(5), Math.log(24))).toBeLessThan(1e-14);
    expect(rel(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(rel(logBeta(3, 4), Math.log(1 / 60))).toBeLessThan(1e-14);
    // B(a, b) via large-argument path vs. Γ-ratio: B(20, 30) = 19! 29! / 49!
    let lf = 0;
    for (let k = 2; k <= 19; k++) lf += Math.log(k);
    let lf29 = 0;
    for (let k = 2; k <= 29; k++) lf29 += Math.log(k);
    let lf49 = 0;
    for (let k = 2; k <= 49; k++) lf49 += Math.log(k);
    expect(rel(logBeta(20, 30), lf + lf29 - lf49)).toBeLessThan(1e-13);
    expect(regularizedIncompleteBeta(0.5, 2, 3)).toBeCloseTo(0.6875, 14); // 11/16
  });

  it('rejects bad input with InputError instead of returning NaN', () => {
    expect(() => normalCdf(NaN)).toThrow(InputError);
    expect(() => studentTTwoSidedP(NaN, 5)).toThrow(InputError);
    expect(() => studentTTwoSidedP(1, 0)).toThrow(InputError);
    expect(() => studentTTwoSidedP(1, NaN)).toThrow(InputError);
    expect(() => normalQuantile(1.5)).toThrow(InputError);
    expect(() => studentTQuantile(-0.1, 3)).toThrow(InputError);
  });
});
