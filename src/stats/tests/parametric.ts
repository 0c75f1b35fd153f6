/**
 * Parametric multi-event tests (STATISTICS.md "Multi-event tests" 1–7): cross-sectional t,
 * Brown–Warner time-series t, Patell Z, BMP t, their Kolari–Pynnönen (2010) adjustments and the
 * skewness-corrected t.
 */
import { InputError } from '../../errors.ts';
import { fixed, precise } from '../../format.ts';
import type { TestResult } from '../types.ts';
import { finiteArray, meanOf, momentsFrom, sampleSd, tResult, unavailable, zResult, type Moments, type Values } from './common.ts';

/**
 * Cross-sectional t test (test 1): t = CAAR / (sd(CAR_i) / √N), Student t with N − 1 df.
 * Works the same for one day (pass AR_it). Takes the values, or their {@link Moments}
 * (n, mean, Σ(x − mean)²) when they were gathered one at a time.
 * @example crossSectionalT([0.01, 0.02, 0.03]) // stat = 0.02 / (0.01/√3) = 3.4641, df 2
 */
export function crossSectionalT(cars: Values | Moments): TestResult {
  return meanOverStandardError('cross-sectional-t', 'Cross-sectional t', momentsFrom(cars, 'crossSectionalT CARs'), 'CARs');
}

/**
 * t = mean / (sd/√N), Student t with N − 1 df, of N cross-sectional values given as moments: the
 * one computation behind the cross-sectional t (CARs), BMP (SCARs) and Savickas (GARCH-
 * standardized ARs); `what` names the values in the note when the test cannot be computed.
 */
export function meanOverStandardError(test: string, label: string, x: Moments, what: string): TestResult {
  const n = x.n;
  if (n < 2) return unavailable(test, label, n, 't', 'needs N ≥ 2 events');
  const sd = Math.sqrt(x.m2 / (n - 1));
  if (!(sd > 0)) return unavailable(test, label, n, 't', `zero cross-sectional variance of ${what}`, n - 1);
  const se = sd / Math.sqrt(n);
  return tResult(test, label, x.mean / se, n - 1, n, se);
}

export interface BrownWarnerInput {
  /** CAAR over the tested window. */
  caar: number;
  /** Daily AAR over the estimation days (each day the mean AR of the events with data). */
  estimationAar: Values;
  /** L2, days in the tested window. */
  windowLength: number;
  /** M̄, the mean number of valid estimation days per event; df = M̄ − 1. Defaults to estimationAar.length. */
  meanM?: number;
  /** Number of events (reported as n); defaults to 0 when unknown. */
  n?: number;
}

/**
 * Brown & Warner (1985) time-series ("crude dependence adjustment") t (test 2):
 * S_AAR = sample sd of the estimation-window AAR_t, t = CAAR / (√L2 · S_AAR), df M̄ − 1.
 * Because S_AAR comes from averaged returns it absorbs cross-sectional correlation.
 */
export function brownWarnerT(input: BrownWarnerInput): TestResult {
  const test = 'brown-warner-t';
  const label = 'Brown–Warner (1985) t';
  const aar = finiteArray(input.estimationAar, 'brownWarnerT estimationAar');
  const n = input.n ?? 0;
  if (!Number.isFinite(input.caar)) throw new InputError(`brownWarnerT: caar must be finite, got ${input.caar}`);
  if (!(Number.isInteger(input.windowLength) && input.windowLength >= 1)) {
    throw new InputError(`brownWarnerT: windowLength must be a positive integer, got ${input.windowLength}`);
  }
  const meanM = input.meanM ?? aar.length;
  if (aar.length < 2 || !(meanM > 1)) return unavailable(test, label, n, 't', 'needs ≥ 2 estimation days');
  const sAar = sampleSd(aar);
  if (!(sAar > 0)) return unavailable(test, label, n, 't', 'zero variance of estimation-window AAR', meanM - 1);
  const se = Math.sqrt(input.windowLength) * sAar;
  return tResult(test, label, input.caar / se, meanM - 1, n, se);
}

/** What Patell's Z needs of N events: Σ SCAR_i and Σ d_i/(d_i − 2), and the smallest d_i (all d_i must exceed 2). */
export interface PatellSums {
  n: number;
  sum: number;
  varianceSum: number;
  minDf: number;
}

/**
 * Patell (1976) Z (test 3): Z = Σ SCAR_i / √(Σ d_i/(d_i − 2)), standard normal, where d_i is
 * event i's residual df (M_i − k − 1) and SCAR_i ~ t(d_i) has variance d_i/(d_i − 2).
 * For one day pass SAR_it instead of SCAR_i. Takes the values and dfs, or their
 * {@link PatellSums}. An event with d_i ≤ 2 has no finite variance: the result is then null with a
 * note (the other tests still use the event).
 * @example patellZ([1, 1], [10, 10]) // 2 / √(2·10/8) = 1.2649
 */
export function patellZ(scars: Values | PatellSums, dfs?: Values): TestResult {
  const test = 'patell';
  const label = 'Patell (1976) Z';
  let sums: PatellSums;
  if (isPatellSums(scars)) sums = scars;
  else {
    const x = finiteArray(scars, 'patellZ SCARs');
    const d = finiteArray(dfs ?? [], 'patellZ dfs');
    if (x.length !== d.length) throw new InputError(`patellZ: ${x.length} SCARs but ${d.length} dfs`);
    sums = { n: x.length, sum: 0, varianceSum: 0, minDf: Infinity };
    for (let i = 0; i < x.length; i++) {
      sums.sum += x[i];
      sums.varianceSum += d[i] / (d[i] - 2);
      if (d[i] < sums.minDf) sums.minDf = d[i];
    }
  }
  const n = sums.n;
  if (n < 1) return unavailable(test, label, 0, 'normal', 'needs N ≥ 1 event');
  if (!(sums.minDf > 2)) return unavailable(test, label, n, 'normal', `an event has df = ${sums.minDf}; Patell needs every df > 2 (SCAR variance d/(d − 2))`);
  const se = Math.sqrt(sums.varianceSum);
  return zResult(test, label, sums.sum / se, n, se);
}

function isPatellSums(x: unknown): x is PatellSums {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && typeof (x as PatellSums).varianceSum === 'number';
}

/** Accepts a raw statistic or a TestResult (taking its stat; null stays null). */
function statOf(z: number | TestResult): number | null {
  if (typeof z === 'number') {
    if (!Number.isFinite(z)) throw new InputError(`statistic must be finite, got ${z}`);
    return z;
  }
  return z.stat;
}

/** Checks r̄ and returns the inflation 1 + (N − 1) r̄, or a reason it cannot be used. */
function inflation(n: number, rbar: number | null): number | string {
  if (rbar === null) return 'mean residual correlation r̄ unavailable';
  if (!(rbar >= -1 && rbar <= 1)) throw new InputError(`r̄ must lie in [-1, 1], got ${rbar}`);
  const f = 1 + (n - 1) * rbar;
  return f > 0 ? f : `1 + (N − 1) r̄ = ${precise(f, 3)} ≤ 0`;
}

/**
 * Kolari & Pynnönen (2010) adjusted Patell Z (test 4): Z_adj = Z / √(1 + (N − 1) r̄),
 * r̄ = mean pairwise correlation of estimation residuals (see meanPairwiseCorrelation). Normal.
 * @example adjustedPatellZ(3, 11, 0.05) // 3 / √1.5 = 2.4495
 */
export function adjustedPatellZ(z: number | TestResult, n: number, rbar: number | null): TestResult {
  const test = 'adjusted-patell';
  const label = 'Adjusted Patell Z (Kolari–Pynnönen 2010)';
  const s = statOf(z);
  if (s === null) return unavailable(test, label, n, 'normal', (typeof z === 'object' && z.note) || 'Patell Z unavailable');
  const f = inflation(n, rbar);
  if (typeof f === 'string') return unavailable(test, label, n, 'normal', f);
  return zResult(test, label, s / Math.sqrt(f), n, undefined, `r̄ = ${fixed(rbar as number, 4)}`);
}

/**
 * Boehmer, Musumeci & Poulsen (1991) standardized cross-sectional t (test 5):
 * t = mean(SCAR_i) / (sd(SCAR_i)/√N), df N − 1. Robust to event-induced variance.
 * For one day pass SAR_it. Takes the values or their {@link Moments}.
 */
export function bmpT(scars: Values | Moments): TestResult {
  return meanOverStandardError('bmp', 'BMP (1991) t', momentsFrom(scars, 'bmpT SCARs'), 'SCARs');
}

/**
 * Kolari & Pynnönen (2010) adjusted BMP t (test 6): t_adj = t · √((1 − r̄)/(1 + (N − 1) r̄)),
 * df N − 1 (the cross-sectional variance is itself shrunk by 1 − r̄).
 * @example adjustedBmpT(3, 11, 0.05) // 3·√(0.95/1.5) = 2.3875
 */
export function adjustedBmpT(t: number | TestResult, n: number, rbar: number | null): TestResult {
  const test = 'adjusted-bmp';
  const label = 'Adjusted BMP t (Kolari–Pynnönen 2010)';
  const s = statOf(t);
  if (n < 2) return unavailable(test, label, n, 't', 'needs N ≥ 2 events');
  if (s === null) return unavailable(test, label, n, 't', (typeof t === 'object' && t.note) || 'BMP t unavailable', n - 1);
  const f = inflation(n, rbar);
  if (typeof f === 'string') return unavailable(test, label, n, 't', f, n - 1);
  const r = rbar as number;
  if (!(r < 1)) return unavailable(test, label, n, 't', 'r̄ = 1: residuals perfectly correlated', n - 1);
  return tResult(test, label, s * Math.sqrt((1 - r) / f), n - 1, n, undefined, `r̄ = ${fixed(r, 4)}`);
}

/**
 * Skewness-corrected t (test 7; Hall 1992, as used by Lyon, Barber & Tsai 1999):
 *   S = x̄ / s (s the N − 1 sample sd), γ = Σ(x − x̄)³ / (N s³) (LBT's estimator),
 *   t = √N (S + γS²/3 + γ²S³/27 + γ/(6N)).
 * Reference distribution: Student t with N − 1 df (as EventStudyTools; asymptotically N(0,1) —
 * the t reference is slightly conservative for small N).
 */
export function skewnessCorrectedT(cars: Values): TestResult {
  const test = 'skewness-corrected-t';
  const label = 'Skewness-corrected t (Hall 1992)';
  const x = finiteArray(cars, 'skewnessCorrectedT CARs');
  const n = x.length;
  if (n < 3) return unavailable(test, label, n, 't', 'needs N ≥ 3 events');
  const m = meanOf(x);
  const s = sampleSd(x);
  if (!(s > 0)) return unavailable(test, label, n, 't', 'zero cross-sectional variance of CARs', n - 1);
  let m3 = 0;
  for (let i = 0; i < n; i++) m3 += (x[i] - m) ** 3;
  const gamma = m3 / (n * s ** 3);
  const S = m / s;
  const stat = Math.sqrt(n) * (S + (gamma * S * S) / 3 + (gamma * gamma * S * S * S) / 27 + gamma / (6 * n));
  return tResult(test, label, stat, n - 1, n, undefined, `sample skewness γ = ${precise(gamma, 4)}`);
}
