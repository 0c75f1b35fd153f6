/**
 * Size check of the test battery: simulated null panels (market-model returns, no event effect)
 * and the share of tests rejecting at 5%. A well-specified test rejects about 5% of the time.
 */
import { InputError } from '../errors.ts';
import { createRng, fillNormal } from './random.ts';
import type { ArPanel, TestResult } from './types.ts';
import { adjustedBmpT, adjustedPatellZ, bmpT, brownWarnerT, crossSectionalT, patellZ, skewnessCorrectedT } from './tests/parametric.ts';
import { corradoRankT, grankT } from './tests/rank.ts';
import { generalizedSignZ, signZ, wilcoxonSignedRank } from './tests/sign.ts';
import { bootstrapCarTest } from './tests/bootstrap.ts';
import { meanPairwiseCorrelation } from './tests/correlation.ts';

export interface SizeOptions {
  /** Number of simulated panels. */
  panels: number;
  /** Events per panel. */
  n: number;
  seed: number;
  /** Estimation days per event, default 250. */
  estimationLength?: number;
  /** CAR window length L2 (centered in an 11-day event window), default 3. */
  windowLength?: number;
  /** Bootstrap replications per panel, default 199 (0 skips the bootstrap). */
  bootstrapB?: number;
}

/** Rejection rate at 5% per test id, plus how many panels gave that test a p-value. */
export type RejectionRates = Record<string, { rate: number; panels: number }>;

/**
 * Simulates null panels: per event R_m ~ N(0, 1%²) on its own dates (calendar offsets drawn so
 * that estimation windows overlap across events), R_i = α_i + β_i R_m + ε_i with
 * ε ~ N(0, σ_i²), σ_i ∈ [1%, 3%]; market model fitted by OLS on the estimation window; ARs, SARs,
 * CAR and SCAR with MacKinlay's prediction variance; then every multi-event test on the CAR window.
 * Residuals are independent across events, so r̄ ≈ 0.
 */
export function simulateNullRejectionRates(options: SizeOptions): RejectionRates {
  const { panels, n, seed } = options;
  const M = options.estimationLength ?? 250;
  const L2 = options.windowLength ?? 3;
  const bootB = options.bootstrapB ?? 199;
  const E = 11;
  if (!(Number.isInteger(panels) && panels >= 1 && Number.isInteger(n) && n >= 3)) {
    throw new InputError(`simulateNullRejectionRates: needs integer panels ≥ 1 and n ≥ 3, got ${panels}, ${n}`);
  }
  if (!(L2 >= 1 && L2 <= E)) throw new InputError(`windowLength must be within 1..${E}, got ${L2}`);
  const rng = createRng(seed);
  const days = M + E;
  const w0 = M + Math.floor((E - L2) / 2);
  const window: [number, number] = [w0, w0 + L2 - 1];
  const rejected: Record<string, number> = {};
  const counted: Record<string, number> = {};
  const rm = new Float64Array(days);
  const eps = new Float64Array(days);
  const calendar = 2 * days; // shared calendar so estimation windows overlap
  const marketByDate = new Float64Array(calendar);
  for (let panel = 0; panel < panels; panel++) {
    fillNormal(rng, marketByDate, 0.0003, 0.01);
    const values = new Float64Array(n * days);
    const cars = new Float64Array(n);
    const scars = new Float64Array(n);
    const dfs = new Float64Array(n).fill(M - 2);
    const share = new Float64Array(n);
    const residuals: Float64Array[] = [];
    const series: { dates: string[]; values: Float64Array }[] = [];
    for (let i = 0; i < n; i++) {
      const start = rng.int(calendar - days + 1);
      for (let t = 0; t < days; t++) rm[t] = marketByDate[start + t];
      const sigma = 0.01 + 0.02 * rng.uniform();
      const alpha = 0.0005 * (rng.uniform() - 0.5);
      const beta = 0.5 + rng.uniform();
      fillNormal(rng, eps, 0, sigma);
      // OLS on the estimation window.
      let mx = 0;
      let my = 0;
      for (let t = 0; t < M; t++) {
        mx += rm[t];
        my += alpha + beta * rm[t] + eps[t];
      }
      mx /= M;
      my /= M;
      let sxx = 0;
      let sxy = 0;
      for (let t = 0; t < M; t++) {
        const dx = rm[t] - mx;
        sxx += dx * dx;
        sxy += dx * (alpha + beta * rm[t] + eps[t] - my);
      }
      const b = sxy / sxx;
      const a = my - b * mx;
      let ssr = 0;
      let positive = 0;
      const res = new Float64Array(M);
      for (let t = 0; t < days; t++) {
        const ar = alpha + beta * rm[t] + eps[t] - a - b * rm[t];
        values[i * days + t] = ar;
        if (t < M) {
          res[t] = ar;
          ssr += ar * ar;
          if (ar > 0) positive++;
        }
      }
      const s2 = ssr / (M - 2);
      let car = 0;
      let sumDx = 0;
      for (let t = window[0]; t <= window[1]; t++) {
        car += values[i * days + t];
        sumDx += rm[t] - mx;
      }
      const varCar = s2 * (L2 + (L2 * L2) / M + (sumDx * sumDx) / sxx);
      cars[i] = car;
      scars[i] = car / Math.sqrt(varCar);
      share[i] = positive / M;
      residuals.push(res);
      series.push({ dates: Array.from({ length: M }, (_, t) => String(start + t).padStart(6, '0')), values: res });
    }
    const panelData: ArPanel = { n, days, values, estimation: [0, M], event: [M, days] };
    const estimationAar = new Float64Array(M);
    for (let t = 0; t < M; t++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += values[i * days + t];
      estimationAar[t] = s / n;
    }
    let caar = 0;
    for (const c of cars) caar += c;
    caar /= n;
    const rbar = meanPairwiseCorrelation(series).rbar;
    const patell = patellZ(scars, dfs);
    const bmp = bmpT(scars);
    const results: TestResult[] = [
      crossSectionalT(cars),
      brownWarnerT({ caar, estimationAar, windowLength: L2, meanM: M, n }),
      patell,
      adjustedPatellZ(patell, n, rbar),
      bmp,
      adjustedBmpT(bmp, n, rbar),
      skewnessCorrectedT(cars),
      corradoRankT(panelData, window),
      generalizedSignZ(cars, share),
      signZ(cars),
      wilcoxonSignedRank(cars),
      grankT(panelData, window, { scars, dfs }),
    ];
    if (bootB > 0) results.push(bootstrapCarTest({ residuals, cars, windowLengths: residuals.map(() => L2), b: bootB, seed: seed + panel }));
    for (const r of results) {
      if (r.p === null) continue;
      counted[r.test] = (counted[r.test] ?? 0) + 1;
      if (r.p < 0.05) rejected[r.test] = (rejected[r.test] ?? 0) + 1;
    }
  }
  const out: RejectionRates = {};
  for (const test of Object.keys(counted)) out[test] = { rate: (rejected[test] ?? 0) / counted[test], panels: counted[test] };
  return out;
}
