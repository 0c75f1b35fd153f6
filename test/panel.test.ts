import { describe, expect, it } from 'vitest';
import { mulberry32, normal } from './helpers/rng.ts';
import { marketModelPanel } from '../src/study/panel.ts';
import { fitEventModel } from '../src/models/index.ts';
import { carStatistics } from '../src/stats/event.ts';
import { InputError } from '../src/errors.ts';


const T = 270;
const estimation: [number, number] = [0, 240];
const event: [number, number] = [250, 261];
const windows: [number, number][] = [
  [4, 6],
  [5, 5],
  [5, 6],
  [0, 10],
];

/** n events, per-event benchmark paths, a few missing days in some rows (others clean). */
function simulatePanel(seed: number, n: number, sharedRm: boolean): { r: Float64Array; rm: Float64Array } {
  const rand = mulberry32(seed);
  const rm = new Float64Array(sharedRm ? T : n * T);
  for (let j = 0; j < rm.length; j++) rm[j] = 0.0004 + 0.01 * normal(rand);
  const r = new Float64Array(n * T);
  for (let i = 0; i < n; i++) {
    const beta = 0.5 + rand();
    const sd = 0.01 + 0.02 * rand();
    for (let d = 0; d < T; d++) r[i * T + d] = 0.0002 + beta * rm[sharedRm ? d : i * T + d] + sd * normal(rand);
    if (i % 3 === 1) {
      // missing security days in estimation and (for some rows) the event window
      for (let k = 0; k < 6; k++) r[i * T + Math.floor(rand() * 240)] = NaN;
      if (i % 2 === 1) r[i * T + 255] = NaN;
    }
    if (i % 7 === 2 && !sharedRm) rm[i * T + 30] = NaN; // a missing benchmark day
  }
  return { r, rm };
}

const rel = (a: number, b: number): number =>
  Number.isNaN(a) && Number.isNaN(b) ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), 1e-300);

describe('marketModelPanel', () => {
  for (const sharedRm of [false, true]) {
    it(`equals fitEventModel + carStatistics per event to 1e-12 (${sharedRm ? 'shared' : 'per-event'} benchmark)`, () => {
      const n = 24;
      const { r, rm } = simulatePanel(sharedRm ? 2 : 1, n, sharedRm);
      const res = marketModelPanel({ n, t: T, r, rm, estimation, event }, windows);
      const L = 11;
      const E = 240;
      expect(res.L).toBe(L);
      expect(res.E).toBe(E);
      let withNaN = 0;
      let withEmptyWindow = 0;
      for (let i = 0; i < n; i++) {
        const ri = r.subarray(i * T, (i + 1) * T);
        const rmi = sharedRm ? rm : rm.subarray(i * T, (i + 1) * T);
        const fit = fitEventModel({ model: 'market', r: ri, x: [rmi], estimation, event });
        if (fit.M < E) withNaN++;
        expect(res.fitted[i]).toBe(1);
        expect(res.M[i]).toBe(fit.M);
        // α can be near 0 by chance, so compare it on the returns' scale (~1e-2): absolute 1e-14.
        expect(Math.abs(res.alpha[i] - fit.alpha)).toBeLessThan(1e-14);
        expect(rel(res.beta[i], fit.betas[0])).toBeLessThan(1e-12);
        expect(rel(res.s2[i], fit.s2)).toBeLessThan(1e-12);
        for (let d = 0; d < L; d++) {
          // ARs ~1e-2: an absolute 1e-14 is a relative 1e-12.
          const a = res.ar[i * L + d];
          const b = fit.ar[d];
          expect(Number.isNaN(a)).toBe(Number.isNaN(b));
          if (!Number.isNaN(b)) expect(Math.abs(a - b)).toBeLessThan(1e-14);
          expect(rel(res.sar[i * L + d], fit.sar[d])).toBeLessThan(1e-11);
        }
        for (let d = 0; d < E; d++) {
          const a = res.estimationResiduals[i * E + d];
          const b = fit.estimationResiduals[d];
          expect(Number.isNaN(a)).toBe(Number.isNaN(b));
          if (!Number.isNaN(b)) expect(Math.abs(a - b)).toBeLessThan(1e-14);
        }
        windows.forEach((w, k) => {
          if (w[0] === 5 && w[1] === 5 && Number.isNaN(fit.ar[5])) {
            // Day 0 missing: no CAR[0,0]; the panel reports 0 days and NaNs, carStatistics says days = 0.
            withEmptyWindow++;
            expect(res.carDays[k][i]).toBe(0);
            expect(Number.isNaN(res.car[k][i]) && Number.isNaN(res.carVar[k][i])).toBe(true);
            expect(carStatistics(fit, ri.subarray(event[0], event[1]), w).days).toBe(0);
            return;
          }
          const s = carStatistics(fit, ri.subarray(event[0], event[1]), w);
          expect(res.carDays[k][i]).toBe(s.days);
          expect(Math.abs(res.car[k][i] - s.car)).toBeLessThan(1e-14);
          expect(rel(res.carVar[k][i], s.variance)).toBeLessThan(1e-12);
          expect(rel(res.scar[k][i], s.scar)).toBeLessThan(1e-11);
        });
      }
      // the NaN branches were exercised
      expect(withNaN).toBeGreaterThan(3);
      expect(withEmptyWindow).toBeGreaterThan(0);
    });
  }

  it('equals a naive plain-array implementation to 1e-10', () => {
    const n = 15;
    const { r, rm } = simulatePanel(3, n, false);
    const res = marketModelPanel({ n, t: T, r, rm, estimation, event }, windows);
    for (let i = 0; i < n; i++) {
      // Naive: collect valid (x, y) pairs into plain arrays, textbook formulas.
      const xs: number[] = [];
      const ys: number[] = [];
      for (let d = estimation[0]; d < estimation[1]; d++) {
        const y = r[i * T + d];
        const x = rm[i * T + d];
        if (!Number.isNaN(y) && !Number.isNaN(x)) {
          xs.push(x);
          ys.push(y);
        }
      }
      const M = xs.length;
      const mx = xs.reduce((a, b) => a + b, 0) / M;
      const my = ys.reduce((a, b) => a + b, 0) / M;
      let sxx = 0;
      let sxy = 0;
      for (let j = 0; j < M; j++) {
        sxx += (xs[j] - mx) ** 2;
        sxy += (xs[j] - mx) * (ys[j] - my);
      }
      const beta = sxy / sxx;
      const alpha = my - beta * mx;
      let ssr = 0;
      for (let j = 0; j < M; j++) ssr += (ys[j] - alpha - beta * xs[j]) ** 2;
      const s2 = ssr / (M - 2);
      expect(res.M[i]).toBe(M);
      expect(rel(res.beta[i], beta)).toBeLessThan(1e-10);
      expect(rel(res.alpha[i], alpha)).toBeLessThan(1e-10);
      expect(rel(res.s2[i], s2)).toBeLessThan(1e-10);
      const ar: number[] = [];
      const dev: number[] = [];
      for (let d = event[0]; d < event[1]; d++) {
        ar.push(r[i * T + d] - alpha - beta * rm[i * T + d]);
        dev.push(rm[i * T + d] - mx);
      }
      for (let d = 0; d < 11; d++) {
        const pv = s2 * (1 + 1 / M + dev[d] ** 2 / sxx);
        expect(rel(res.ar[i * 11 + d], ar[d])).toBeLessThan(1e-10);
        expect(rel(res.sar[i * 11 + d], ar[d] / Math.sqrt(pv))).toBeLessThan(1e-10);
      }
      windows.forEach(([a, b], k) => {
        let car = 0;
        let sd = 0;
        let L2 = 0;
        for (let d = a; d <= b; d++) {
          if (Number.isNaN(ar[d])) continue;
          car += ar[d];
          sd += dev[d];
          L2++;
        }
        expect(res.carDays[k][i]).toBe(L2);
        if (L2 === 0) {
          expect(Number.isNaN(res.car[k][i])).toBe(true);
          return;
        }
        const v = s2 * (L2 + (L2 * L2) / M + (sd * sd) / sxx);
        expect(rel(res.car[k][i], car)).toBeLessThan(1e-10);
        expect(rel(res.carVar[k][i], v)).toBeLessThan(1e-10);
        expect(res.carDays[k][i]).toBe(L2);
      });
    }
  });

  it('bad events: throws naming the event by default, or skips with a reason and NaN rows', () => {
    const n = 5;
    const { r, rm } = simulatePanel(4, n, false);
    r.fill(NaN, 3 * T, 3 * T + 235); // event 3 keeps 5 estimation days
    rm.fill(0.001, 1 * T, 2 * T); // event 1: constant benchmark
    expect(() => marketModelPanel({ n, t: T, r, rm, estimation, event }, windows)).toThrow(
      'panel event 1: benchmark has zero variance over the estimation window',
    );
    const res = marketModelPanel({ n, t: T, r, rm, estimation, event }, windows, { onBadEvent: 'skip', minEstimationDays: 120 });
    expect(Array.from(res.fitted)).toEqual([1, 0, 1, 0, 1]);
    expect(res.skipped).toEqual([
      { event: 1, reason: 'benchmark has zero variance over the estimation window' },
      { event: 3, reason: '5 valid estimation day(s); need at least 120' },
    ]);
    expect(res.M[3]).toBe(5);
    expect(Number.isNaN(res.beta[3])).toBe(true);
    expect(Array.from(res.ar.subarray(3 * 11, 4 * 11)).every(Number.isNaN)).toBe(true);
    expect(Number.isNaN(res.car[0][1])).toBe(true);
    expect(Number.isFinite(res.car[0][4])).toBe(true);
  });

  it('keepEstimationResiduals: false gives the same fit and CARs with an empty residual array', () => {
    const n = 6;
    const { r, rm } = simulatePanel(5, n, false);
    const full = marketModelPanel({ n, t: T, r, rm, estimation, event }, windows);
    const lean = marketModelPanel({ n, t: T, r, rm, estimation, event }, windows, { keepEstimationResiduals: false });
    expect(lean.estimationResiduals.length).toBe(0);
    expect(Array.from(lean.s2)).toEqual(Array.from(full.s2));
    expect(Array.from(lean.sar)).toEqual(Array.from(full.sar));
    expect(Array.from(lean.carVar[3])).toEqual(Array.from(full.carVar[3]));
  });

  it('validates shapes and windows', () => {
    const r = new Float64Array(2 * T);
    const rm = new Float64Array(T);
    expect(() => marketModelPanel({ n: 2, t: T, r, rm: new Float64Array(7), estimation, event }, windows)).toThrow(
      /rm has 7 values/,
    );
    expect(() => marketModelPanel({ n: 3, t: T, r, rm, estimation, event }, windows)).toThrow(/r has 540 values/);
    expect(() => marketModelPanel({ n: 2, t: T, r, rm, estimation: [0, 300], event }, windows)).toThrow(InputError);
    expect(() => marketModelPanel({ n: 2, t: T, r, rm, estimation, event }, [[0, 11]])).toThrow(/CAR window \[0, 11\]/);
  });
});
