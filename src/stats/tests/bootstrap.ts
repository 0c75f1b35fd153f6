/**
 * Residual bootstrap test of CAR / CAAR (STATISTICS.md test 12).
 */
import { InputError } from '../../errors.ts';
import { createRng } from '../random.ts';
import type { TestResult } from '../types.ts';
import { finiteArray, type Values } from './common.ts';

export interface BootstrapInput {
  /** Per event, its estimation-window residuals (finite values only, at least 2). */
  residuals: Float64Array[];
  /** Observed CAR_i per event over the tested window. */
  cars: Values;
  /** Per event, L2_i: number of days summed into its CAR. */
  windowLengths: readonly number[];
  /** Replications, default 9999. */
  b?: number;
  /** Seed of the sfc32 stream, default 1. */
  seed?: number;
  /** 'car' tests one event's CAR (needs exactly one event); 'caar' the mean CAR (default). */
  statistic?: 'car' | 'caar';
}

/**
 * Bootstrap test: under H0 the window's ARs behave like estimation-window residuals, so
 *   CAR*_i = Σ_{k=1..L2_i} e*_ik,  e*_ik drawn with replacement from event i's residuals,
 *   centered on their mean (so the null is E[CAR] = 0; a no-op for OLS residuals),
 *   T* = CAR*_1 ('car') or (1/N) Σ_i CAR*_i ('caar'),
 *   p = (1 + #{|T*| ≥ |T|}) / (B + 1).
 * `stat` = T / sd(T*) (a bootstrap z, comparable with the other tests), `se` = sd(T*).
 * Events are resampled independently (cross-event correlation is not reproduced).
 * Deterministic for a given seed; no allocation per draw.
 */
export function bootstrapCarTest(input: BootstrapInput): TestResult {
  const b = input.b ?? 9999;
  const seed = input.seed ?? 1;
  const statistic = input.statistic ?? 'caar';
  const test = 'bootstrap';
  const label = statistic === 'car' ? 'Bootstrap CAR' : 'Bootstrap CAAR';
  const cars = finiteArray(input.cars, 'bootstrapCarTest CARs');
  const n = cars.length;
  if (!(Number.isInteger(b) && b >= 1)) throw new InputError(`bootstrap replications must be a positive integer, got ${b}`);
  if (input.residuals.length !== n || input.windowLengths.length !== n) {
    throw new InputError(`bootstrapCarTest: ${n} CARs, ${input.residuals.length} residual series, ${input.windowLengths.length} window lengths`);
  }
  if (n < 1) throw new InputError('bootstrapCarTest: needs at least one event');
  if (statistic === 'car' && n !== 1) throw new InputError(`bootstrapCarTest: statistic 'car' needs exactly one event, got ${n}`);
  // Centered residuals packed into one buffer with offsets.
  let total = 0;
  for (let i = 0; i < n; i++) {
    const r = input.residuals[i];
    if (r.length < 2) throw new InputError(`bootstrapCarTest: event ${i} has ${r.length} residuals, needs ≥ 2`);
    const L = input.windowLengths[i];
    if (!(Number.isInteger(L) && L >= 1)) throw new InputError(`bootstrapCarTest: window length of event ${i} is ${L}, must be a positive integer`);
    total += r.length;
  }
  const pool = new Float64Array(total);
  const offset = new Int32Array(n);
  const size = new Int32Array(n);
  const lengths = Int32Array.from(input.windowLengths);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const r = finiteArray(input.residuals[i], `bootstrapCarTest residuals of event ${i}`);
    let m = 0;
    for (let k = 0; k < r.length; k++) m += r[k];
    m /= r.length;
    for (let k = 0; k < r.length; k++) pool[at + k] = r[k] - m;
    offset[i] = at;
    size[i] = r.length;
    at += r.length;
  }
  let observed = 0;
  for (let i = 0; i < n; i++) observed += cars[i];
  observed /= n;
  const absObs = Math.abs(observed);
  const rng = createRng(seed);
  let exceed = 0;
  let sum = 0;
  let sumSq = 0;
  for (let rep = 0; rep < b; rep++) {
    let t = 0;
    for (let i = 0; i < n; i++) {
      const o = offset[i];
      const m = size[i];
      let car = 0;
      for (let k = lengths[i]; k > 0; k--) car += pool[o + rng.int(m)];
      t += car;
    }
    t /= n;
    // A tiny tolerance so exact ties with the observed value count as "at least as extreme".
    if (Math.abs(t) >= absObs * (1 - 1e-12)) exceed++;
    sum += t;
    sumSq += t * t;
  }
  const meanT = sum / b;
  const se = b > 1 ? Math.sqrt(Math.max(0, (sumSq - b * meanT * meanT) / (b - 1))) : NaN;
  const p = (1 + exceed) / (b + 1);
  const stat = se > 0 ? observed / se : null;
  const result: TestResult = {
    test, label, stat, p, n, df: null, distribution: 'bootstrap',
    note: `B = ${b}, seed = ${seed}, ${statistic.toUpperCase()} = ${observed.toPrecision(6)}`,
  };
  if (se > 0) result.se = se;
  return result;
}
