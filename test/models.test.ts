import { describe, expect, it } from 'vitest';
import { mulberry32, normals } from './helpers/rng.ts';
import { olsFit } from '../src/models/ols.ts';
import { fitEventModel } from '../src/models/index.ts';
import type { EventModelFit, EventModelInput } from '../src/models/types.ts';
import { InputError } from '../src/errors.ts';


/** |a - b| ≤ tol · max(unit, |a|, |b|): relative above `unit`, absolute (tol·unit) below. */
function close(a: number, b: number, tol: number, unit = 1): boolean {
  if (Number.isNaN(a) && Number.isNaN(b)) return true;
  return Math.abs(a - b) <= tol * Math.max(unit, Math.abs(a), Math.abs(b));
}
function expectArraysClose(a: ArrayLike<number>, b: ArrayLike<number>, tol: number, unit = 1e-300): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) {
    if (!close(a[i], b[i], tol, unit)) throw new Error(`index ${i}: ${a[i]} vs ${b[i]} (tol ${tol})`);
  }
}

/** Naive OLS: raw normal equations X'X b = X'y by Gauss-Jordan with partial pivoting (plain arrays). */
function naiveOls(y: number[], xs: number[][]): { coef: number[]; inv: number[][] } {
  const m = xs.length + 1;
  const rows = y.map((_, i) => [1, ...xs.map((c) => c[i])]);
  const a: number[][] = [];
  for (let p = 0; p < m; p++) {
    a.push(new Array(2 * m + 1).fill(0));
    for (const row of rows) for (let q = 0; q < m; q++) a[p][q] += row[p] * row[q];
    a[p][m + p] = 1;
    for (let i = 0; i < y.length; i++) a[p][2 * m] += rows[i][p] * y[i];
  }
  for (let c = 0; c < m; c++) {
    let piv = c;
    for (let i = c + 1; i < m; i++) if (Math.abs(a[i][c]) > Math.abs(a[piv][c])) piv = i;
    [a[c], a[piv]] = [a[piv], a[c]];
    const d = a[c][c];
    for (let q = 0; q <= 2 * m; q++) a[c][q] /= d;
    for (let i = 0; i < m; i++) {
      if (i === c) continue;
      const f = a[i][c];
      for (let q = 0; q <= 2 * m; q++) a[i][q] -= f * a[c][q];
    }
  }
  return { coef: a.map((row) => row[2 * m]), inv: a.map((row) => row.slice(m, 2 * m)) };
}

/** A simulated market-model event: T days, returns ~1%, a few NaNs. */
function simulateEvent(seed: number, T = 300, nanDays: number[] = []): { r: Float64Array; rm: Float64Array } {
  const rand = mulberry32(seed);
  const m = normals(rand, T, 0.01);
  const e = normals(rand, T, 0.015);
  const r = new Float64Array(T);
  const rm = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    rm[t] = 0.0003 + m[t];
    r[t] = 0.0005 + 1.2 * rm[t] + e[t];
  }
  for (const d of nanDays) r[d] = NaN;
  return { r, rm };
}

describe('olsFit', () => {
  it('hand-checkable case: 5 points on a line plus residuals orthogonal to (1, x)', () => {
    // x = -2..2, e = (0.1, -0.2, 0, 0.2, -0.1): Σe = 0 and Σxe = -0.2+0.2+0+0.2-0.2 = 0, so OLS
    // returns the line exactly: a = 1, b = 2, residuals = e, SSR = 0.01+0.04+0+0.04+0.01 = 0.1,
    // s² = 0.1/(5-2), SST = Σ(2x+e)² = 4·10 + 0.1 = 40.1, R² = 1 - 0.1/40.1,
    // (X'X)⁻¹ = diag(1/5, 1/10) since x̄ = 0 and Σx² = 10.
    const x = Float64Array.of(-2, -1, 0, 1, 2);
    const e = [0.1, -0.2, 0, 0.2, -0.1];
    const y = Float64Array.from(x, (xi, i) => 1 + 2 * xi + e[i]);
    const fit = olsFit(y, [x]);
    expect(fit.coef[0]).toBeCloseTo(1, 14);
    expect(fit.coef[1]).toBeCloseTo(2, 14);
    expect(fit.ssr).toBeCloseTo(0.1, 14);
    expect(fit.s2).toBeCloseTo(0.1 / 3, 14);
    expect(fit.df).toBe(3);
    expect(fit.n).toBe(5);
    expect(fit.r2).toBeCloseTo(1 - 0.1 / 40.1, 14);
    expectArraysClose(fit.xtxInv, [0.2, 0, 0, 0.1], 1e-14, 1);
  });

  it('equals naive raw normal equations for k = 3, with a mask and NaN rows skipped', () => {
    const rand = mulberry32(7);
    const n = 200;
    const xs = [normals(rand, n, 0.01), normals(rand, n, 0.005), normals(rand, n, 0.02)];
    const noise = normals(rand, n, 0.01);
    const y = xs[0].map((_, i) => 0.001 + 0.9 * xs[0][i] - 0.3 * xs[1][i] + 0.5 * xs[2][i] + noise[i]);
    const mask = new Uint8Array(n).fill(1);
    mask[3] = 0;
    mask[50] = 0;
    const yArr = Float64Array.from(y);
    yArr[10] = NaN;
    const xArr = xs.map((c) => Float64Array.from(c));
    xArr[1][20] = NaN;
    const fit = olsFit(yArr, xArr, mask);
    const keep = y.map((_, i) => i).filter((i) => ![3, 50, 10, 20].includes(i));
    const naive = naiveOls(
      keep.map((i) => y[i]),
      xs.map((c) => keep.map((i) => c[i])),
    );
    expect(fit.n).toBe(n - 4);
    expectArraysClose(fit.coef, naive.coef, 1e-9);
    expectArraysClose(fit.xtxInv, naive.inv.flat(), 1e-8);
    let ssr = 0;
    for (const i of keep) {
      const e = y[i] - naive.coef[0] - naive.coef[1] * xs[0][i] - naive.coef[2] * xs[1][i] - naive.coef[3] * xs[2][i];
      ssr += e * e;
    }
    expect(close(fit.ssr, ssr, 1e-9)).toBe(true);
    expect(fit.df).toBe(n - 4 - 4);
  });

  it('throws readable InputErrors for zero variance, collinearity and too few rows', () => {
    const y = Float64Array.of(1, 2, 3, 4, 5);
    expect(() => olsFit(y, [new Float64Array(5).fill(0.01)])).toThrow(/benchmark has zero variance over the estimation window/);
    const x = Float64Array.of(1, 2, 3, 4, 6);
    expect(() => olsFit(y, [x, Float64Array.from(x, (v) => 2 * v + 1)])).toThrow(/collinear/);
    expect(() => olsFit(Float64Array.of(1, 2), [Float64Array.of(1, 2)])).toThrow(InputError);
    expect(() => olsFit(Float64Array.of(1, 2), [Float64Array.of(1, 2)])).toThrow(/need at least 3/);
  });
});

describe('market model', () => {
  it('hand-checkable case: α, β, s², S_t², AR and covariance', () => {
    // Estimation as in the olsFit hand case (α = 1, β = 2, s² = 0.1/3, M = 5, R̄_m = 0, S_xx = 10).
    // Event days: R_m = (3, -1), R = (7.5, -1.3) → E[R] = (7, -1), AR = (0.5, -0.3).
    // S² = s²[1 + 1/5 + 9/10] = 2.1 s² = 0.07 and s²[1 + 0.2 + 0.1] = 1.3 s²;
    // Cov = s²[1/5 + 3·(-1)/10] = -0.1 s².
    const rm = Float64Array.of(-2, -1, 0, 1, 2, 3, -1);
    const r = Float64Array.of(-2.9, -1.2, 1, 3.2, 4.9, 7.5, -1.3);
    const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 5], event: [5, 7] });
    const s2 = 0.1 / 3;
    expect(fit.M).toBe(5);
    expect(fit.df).toBe(3);
    expect(fit.k).toBe(1);
    expect(fit.alpha).toBeCloseTo(1, 14);
    expect(fit.betas[0]).toBeCloseTo(2, 14);
    expect(fit.s2).toBeCloseTo(s2, 14);
    expect(fit.sigma).toBeCloseTo(Math.sqrt(s2), 14);
    expect(fit.r2).toBeCloseTo(1 - 0.1 / 40.1, 14);
    expectArraysClose(fit.estimationResiduals, [0.1, -0.2, 0, 0.2, -0.1], 1e-13, 1);
    expectArraysClose(fit.expected, [7, -1], 1e-14, 1);
    expectArraysClose(fit.ar, [0.5, -0.3], 1e-13, 1);
    expect(fit.predictionVariance[0]).toBeCloseTo(0.07, 14);
    expect(fit.predictionVariance[1]).toBeCloseTo(1.3 * s2, 14);
    expect(fit.sar[0]).toBeCloseTo(0.5 / Math.sqrt(0.07), 12);
    expectArraysClose(fit.arCovariance, [2.1 * s2, -0.1 * s2, -0.1 * s2, 1.3 * s2], 1e-13, 1);
  });

  it('factor model with the market as its only factor equals the market model to 1e-12', () => {
    const { r, rm } = simulateEvent(11, 300, [5, 100, 247, 250]);
    rm[30] = NaN; // a missing benchmark day inside estimation
    const base = { r, x: [rm], estimation: [0, 240] as [number, number], event: [245, 256] as [number, number] };
    const mkt = fitEventModel({ model: 'market', ...base });
    const fac = fitEventModel({ model: 'factor', ...base });
    expect(fac.M).toBe(mkt.M);
    expect(mkt.M).toBe(237);
    expect(fac.df).toBe(mkt.df);
    expect(fac.k).toBe(1);
    expect(close(fac.alpha, mkt.alpha, 1e-12)).toBe(true);
    expect(close(fac.betas[0], mkt.betas[0], 1e-12)).toBe(true);
    expect(close(fac.s2, mkt.s2, 1e-12, 0)).toBe(true);
    expect(close(fac.r2!, mkt.r2!, 1e-12)).toBe(true);
    for (const key of ['estimationResiduals', 'expected', 'ar', 'predictionVariance', 'sar', 'arCovariance'] as const) {
      expectArraysClose(fac[key], mkt[key], 1e-12);
    }
    // NaN exactly where missing.
    expect(Number.isNaN(mkt.estimationResiduals[5])).toBe(true);
    expect(Number.isNaN(mkt.estimationResiduals[30])).toBe(true);
    expect(Number.isNaN(mkt.ar[2])).toBe(true); // day 247
    expect(Number.isFinite(mkt.expected[2])).toBe(true); // the benchmark is there
  });

  it('shifting the benchmark by a constant changes α (by -βc), not β or the ARs', () => {
    const { r, rm } = simulateEvent(12);
    const c = 0.01;
    const shifted = Float64Array.from(rm, (v) => v + c);
    const a = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    const b = fitEventModel({ model: 'market', r, x: [shifted], estimation: [0, 240], event: [245, 256] });
    expect(Math.abs(b.betas[0] - a.betas[0])).toBeLessThan(1e-12);
    expect(Math.abs(b.alpha - (a.alpha - a.betas[0] * c))).toBeLessThan(1e-12);
    expectArraysClose(b.ar, a.ar, 1e-10, 1e-3);
    expect(Math.abs(b.s2 - a.s2)).toBeLessThan(1e-15);
  });
});

describe('mean- and market-adjusted', () => {
  it('mean-adjusted: E = R̄, s² on M-1, S² = s²(1 + 1/M), Cov = s²(I + 11\'/M)', () => {
    const { r } = simulateEvent(13, 300, [7, 8]);
    const fit = fitEventModel({ model: 'mean-adjusted', r, x: [], estimation: [0, 240], event: [245, 256] });
    const est = Array.from(r.subarray(0, 240)).filter(Number.isFinite);
    const M = est.length;
    const mean = est.reduce((a, b) => a + b, 0) / M;
    const s2 = est.reduce((a, b) => a + (b - mean) ** 2, 0) / (M - 1);
    expect(fit.M).toBe(238);
    expect(fit.df).toBe(M - 1);
    expect(fit.k).toBe(0);
    expect(fit.r2).toBeNull();
    expect(close(fit.alpha, mean, 1e-12)).toBe(true);
    expect(close(fit.s2, s2, 1e-12, 0)).toBe(true);
    for (let i = 0; i < 11; i++) {
      expect(close(fit.expected[i], mean, 1e-12)).toBe(true);
      expect(close(fit.ar[i], r[245 + i] - mean, 1e-12, 1e-3)).toBe(true);
      expect(close(fit.predictionVariance[i], s2 * (1 + 1 / M), 1e-12, 0)).toBe(true);
      for (let j = 0; j < 11; j++) {
        expect(close(fit.arCovariance[i * 11 + j], s2 * ((i === j ? 1 : 0) + 1 / M), 1e-12, 0)).toBe(true);
      }
    }
  });

  it('market-adjusted: E = R_m, s² = sample variance of estimation ARs, Cov = s² I', () => {
    const { r, rm } = simulateEvent(14, 300, [9]);
    const fit = fitEventModel({ model: 'market-adjusted', r, x: [rm], estimation: [0, 240], event: [245, 256] });
    const ars: number[] = [];
    for (let t = 0; t < 240; t++) if (Number.isFinite(r[t])) ars.push(r[t] - rm[t]);
    const M = ars.length;
    const mean = ars.reduce((a, b) => a + b, 0) / M;
    const s2 = ars.reduce((a, b) => a + (b - mean) ** 2, 0) / (M - 1);
    expect(fit.M).toBe(239);
    expect(fit.df).toBe(238);
    expect(fit.alpha).toBe(0);
    expect(fit.betas).toEqual([1]);
    expect(close(fit.s2, s2, 1e-12, 0)).toBe(true);
    expect(fit.estimationResiduals[0]).toBe(r[0] - rm[0]);
    for (let i = 0; i < 11; i++) {
      expect(fit.expected[i]).toBe(rm[245 + i]);
      expect(fit.ar[i]).toBe(r[245 + i] - rm[245 + i]);
      expect(close(fit.predictionVariance[i], s2, 1e-12, 0)).toBe(true);
      for (let j = 0; j < 11; j++) expect(fit.arCovariance[i * 11 + j]).toBe(i === j ? fit.s2 : 0);
    }
  });
});

describe('thin-trading models', () => {
  // Nonsynchronous trading: the stock absorbs 40% of the market move one day late, true β = 1.
  // The market itself is iid, so ρ_m ≈ 0 and β_SW ≈ β₋₁ + β₀ + β₊₁ ≈ 0.4 + 0.6 + 0.
  function laggedEvent(seed: number, T: number): { r: Float64Array; rm: Float64Array } {
    const rand = mulberry32(seed);
    const m = normals(rand, T, 0.01);
    const e = normals(rand, T, 0.004);
    const r = new Float64Array(T);
    for (let t = 0; t < T; t++) r[t] = 0.0002 + 0.6 * m[t] + 0.4 * (t > 0 ? m[t - 1] : 0) + e[t];
    return { r, rm: Float64Array.from(m) };
  }
  const T = 520;
  const estimation: [number, number] = [1, 500];
  const event: [number, number] = [505, 516];

  /** Simple-regression slope of y_t on x_{t+lag} over pairs inside [a, b) (plain arrays, two-pass). */
  function naiveSlope(y: number[], x: number[], lag: number, a: number, b: number): number {
    const pairs: [number, number][] = [];
    for (let t = a; t < b; t++) {
      const u = t + lag;
      if (u >= 0 && u < x.length && Number.isFinite(y[t]) && Number.isFinite(x[u])) pairs.push([x[u], y[t]]);
    }
    const mx = pairs.reduce((s, p) => s + p[0], 0) / pairs.length;
    const my = pairs.reduce((s, p) => s + p[1], 0) / pairs.length;
    const sxy = pairs.reduce((s, p) => s + (p[0] - mx) * (p[1] - my), 0);
    const sxx = pairs.reduce((s, p) => s + (p[0] - mx) ** 2, 0);
    return sxy / sxx;
  }

  it('Scholes-Williams and Dimson recover β = 1 better than OLS', () => {
    const { r, rm } = laggedEvent(21, T);
    const ols = fitEventModel({ model: 'market', r, x: [rm], estimation, event });
    const sw = fitEventModel({ model: 'scholes-williams', r, x: [rm], estimation, event });
    const dim = fitEventModel({ model: 'dimson', r, x: [rm], estimation, event });
    expect(ols.betas[0]).toBeGreaterThan(0.5);
    expect(ols.betas[0]).toBeLessThan(0.7);
    expect(Math.abs(sw.betas[0] - 1)).toBeLessThan(Math.abs(ols.betas[0] - 1));
    expect(Math.abs(dim.betas[0] - 1)).toBeLessThan(Math.abs(ols.betas[0] - 1));
    expect(Math.abs(sw.betas[0] - 1)).toBeLessThan(0.1);
    expect(Math.abs(dim.betas[0] - 1)).toBeLessThan(0.05);
    expect(dim.lagBetas![0]).toBeGreaterThan(0.3); // the lag (R_m,t-1) carries the delayed 0.4
  });

  it('Scholes-Williams equals its naive formula', () => {
    const { r, rm } = laggedEvent(22, T);
    r[40] = NaN;
    rm[77] = NaN;
    const sw = fitEventModel({ model: 'scholes-williams', r, x: [rm], estimation, event });
    const y = Array.from(r);
    const x = Array.from(rm);
    const [a, b] = estimation;
    const lag = [-1, 0, 1].map((k) => naiveSlope(y, x, k, a, b));
    // ρ_m: Pearson correlation of (x_{t-1}, x_t), both in the window.
    const prs: [number, number][] = [];
    for (let t = a + 1; t < b; t++) if (Number.isFinite(x[t]) && Number.isFinite(x[t - 1])) prs.push([x[t - 1], x[t]]);
    const ma = prs.reduce((s, p) => s + p[0], 0) / prs.length;
    const mb = prs.reduce((s, p) => s + p[1], 0) / prs.length;
    const rho =
      prs.reduce((s, p) => s + (p[0] - ma) * (p[1] - mb), 0) /
      Math.sqrt(prs.reduce((s, p) => s + (p[0] - ma) ** 2, 0) * prs.reduce((s, p) => s + (p[1] - mb) ** 2, 0));
    const beta = (lag[0] + lag[1] + lag[2]) / (1 + 2 * rho);
    const valid: number[] = [];
    for (let t = a; t < b; t++) if (Number.isFinite(y[t]) && Number.isFinite(x[t])) valid.push(t);
    const M = valid.length;
    const mx = valid.reduce((s, t) => s + x[t], 0) / M;
    const my = valid.reduce((s, t) => s + y[t], 0) / M;
    const alpha = my - beta * mx;
    const s2 = valid.reduce((s, t) => s + (y[t] - alpha - beta * x[t]) ** 2, 0) / (M - 2);
    const sxx = valid.reduce((s, t) => s + (x[t] - mx) ** 2, 0);

    expect(sw.M).toBe(M);
    expect(sw.df).toBe(M - 2);
    expectArraysClose(sw.lagBetas!, lag, 1e-12);
    expect(close(sw.marketAutocorrelation!, rho, 1e-12)).toBe(true);
    expect(close(sw.betas[0], beta, 1e-12)).toBe(true);
    expect(close(sw.alpha, alpha, 1e-12, 1e-3)).toBe(true);
    expect(close(sw.s2, s2, 1e-12, 0)).toBe(true);
    for (let i = 0; i < event[1] - event[0]; i++) {
      const t = event[0] + i;
      expect(close(sw.ar[i], y[t] - alpha - beta * x[t], 1e-12, 1e-2)).toBe(true);
      const pv = s2 * (1 + 1 / M + (x[t] - mx) ** 2 / sxx);
      expect(close(sw.predictionVariance[i], pv, 1e-12, 0)).toBe(true);
    }
  });

  it('Dimson equals the naive lead/lag regression, AR uses all lags; K = 0 is the market model', () => {
    const { r, rm } = laggedEvent(23, T);
    r[60] = NaN;
    const dim = fitEventModel({ model: 'dimson', r, x: [rm], estimation, event });
    const y = Array.from(r);
    const x = Array.from(rm);
    const rows: number[] = [];
    for (let t = estimation[0]; t < estimation[1]; t++) {
      if ([y[t], x[t - 1], x[t], x[t + 1]].every(Number.isFinite)) rows.push(t);
    }
    const naive = naiveOls(
      rows.map((t) => y[t]),
      [-1, 0, 1].map((k) => rows.map((t) => x[t + k])),
    );
    expect(dim.M).toBe(rows.length);
    expect(dim.k).toBe(3);
    expect(dim.df).toBe(rows.length - 4);
    expect(close(dim.alpha, naive.coef[0], 1e-9, 1e-3)).toBe(true);
    expectArraysClose(dim.lagBetas!, naive.coef.slice(1), 1e-9);
    expect(close(dim.betas[0], naive.coef[1] + naive.coef[2] + naive.coef[3], 1e-9)).toBe(true);
    for (let i = 0; i < 11; i++) {
      const t = event[0] + i;
      const e = y[t] - naive.coef[0] - naive.coef[1] * x[t - 1] - naive.coef[2] * x[t] - naive.coef[3] * x[t + 1];
      expect(close(dim.ar[i], e, 1e-9, 1e-2)).toBe(true);
      const xt = [1, x[t - 1], x[t], x[t + 1]];
      let q = 0;
      for (let p = 0; p < 4; p++) for (let s = 0; s < 4; s++) q += xt[p] * naive.inv[p][s] * xt[s];
      expect(close(dim.predictionVariance[i], dim.s2 * (1 + q), 1e-8, 0)).toBe(true);
    }
    // The event window's last day needs R_m one day beyond the sample: missing → no AR.
    const edge = fitEventModel({ model: 'dimson', r, x: [rm], estimation, event: [505, T] });
    expect(Number.isNaN(edge.ar[T - 506])).toBe(true);
    expect(Number.isFinite(edge.ar[T - 507])).toBe(true);

    const k0 = fitEventModel({ model: 'dimson', r, x: [rm], estimation, event, dimsonLags: 0 });
    const mkt = fitEventModel({ model: 'market', r, x: [rm], estimation, event });
    expect(close(k0.betas[0], mkt.betas[0], 1e-12)).toBe(true);
    expectArraysClose(k0.arCovariance, mkt.arCovariance, 1e-12);
  });
});

describe('input errors', () => {
  const { r, rm } = simulateEvent(30);
  const base: EventModelInput = { model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256], label: 'TEST 2025-01-27' };
  it('names the model, the event and the problem', () => {
    expect(() => fitEventModel({ ...base, x: [new Float64Array(300).fill(0.001)] })).toThrow(
      'market model (TEST 2025-01-27): benchmark has zero variance over the estimation window',
    );
    expect(() => fitEventModel({ ...base, model: 'factor', x: [new Float64Array(300).fill(0.001)] })).toThrow(
      /factor model \(TEST 2025-01-27\): benchmark has zero variance/,
    );
    expect(() => fitEventModel({ ...base, estimation: [0, 400] })).toThrow(/estimation range \[0, 400\)/);
    expect(() => fitEventModel({ ...base, event: [10, 10] })).toThrow(/event range/);
    expect(() => fitEventModel({ ...base, x: [] })).toThrow(/exactly one regressor/);
    expect(() => fitEventModel({ ...base, model: 'mean-adjusted' })).toThrow(/no regressors/);
    expect(() => fitEventModel({ ...base, x: [rm.subarray(1)] })).toThrow(/regressor 1 has 299 days/);
    expect(() => fitEventModel({ ...base, model: 'nope' as never })).toThrow(/unknown model 'nope'/);
    const sparse = Float64Array.from(r);
    sparse.fill(NaN, 0, 239);
    expect(() => fitEventModel({ ...base, r: sparse })).toThrow(/1 valid estimation day/);
    expect(() => fitEventModel({ ...base, model: 'dimson', dimsonLags: -1 })).toThrow(/dimsonLags/);
  });

  it('every model fits the same event and returns arrays of the documented lengths', () => {
    const fits: EventModelFit[] = (['mean-adjusted', 'market-adjusted', 'market', 'factor', 'scholes-williams', 'dimson'] as const).map(
      (model) => fitEventModel({ ...base, model, x: model === 'mean-adjusted' ? [] : [rm] }),
    );
    for (const f of fits) {
      expect(f.estimationResiduals.length).toBe(240);
      expect(f.ar.length).toBe(11);
      expect(f.arCovariance.length).toBe(121);
      expect(f.sigma).toBeCloseTo(Math.sqrt(f.s2), 15);
      expect(Array.from(f.sar).every(Number.isFinite)).toBe(true);
    }
  });
});
