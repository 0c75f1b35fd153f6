/**
 * Small shared pieces of the multi-event tests: input checks, moments, result builders.
 */
import { InputError } from '../../errors.ts';
import { normalTwoSidedP, studentTTwoSidedP } from '../distributions.ts';
import type { ArPanel, TestResult } from '../types.ts';

/** Numbers accepted where a list of per-event values is expected. */
export type Values = Float64Array | readonly number[];

/**
 * The values as a Float64Array, throwing InputError on NaN/±Infinity (naming the index). A
 * Float64Array is checked and returned as it is (no copy: a million CARs are read, not copied);
 * callers only read the result.
 */
export function finiteArray(values: Values, what: string): Float64Array {
  const out = values instanceof Float64Array ? values : Float64Array.from(values as ArrayLike<number>);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isFinite(out[i])) throw new InputError(`${what}: value at index ${i} is ${out[i]}, expected a finite number`);
  }
  return out;
}

/** Arithmetic mean (caller guarantees length ≥ 1). */
export function meanOf(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample standard deviation with the N - 1 denominator (two-pass for accuracy). */
export function sampleSd(x: Float64Array): number {
  const m = meanOf(x);
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - m) * (x[i] - m);
  return Math.sqrt(ss / (x.length - 1));
}

/**
 * Count, mean and sum of squared deviations Σ(x − mean)² of some values: what the t-type tests
 * need, so they can run on values gathered one at a time (a streaming study keeps these per event
 * day instead of every AR). {@link momentsOf} computes them from an array (two passes),
 * {@link createMomentsAccumulator} one value at a time (Welford's update, stable to rounding).
 */
export interface Moments {
  n: number;
  mean: number;
  m2: number;
}

/** Moments of finite values (two-pass). */
export function momentsOf(x: Float64Array): Moments {
  if (x.length === 0) return { n: 0, mean: NaN, m2: NaN };
  const m = meanOf(x);
  let ss = 0;
  for (let i = 0; i < x.length; i++) ss += (x[i] - m) * (x[i] - m);
  return { n: x.length, mean: m, m2: ss };
}

/** Welford's running moments: add(x) one value at a time, then moments(). */
export function createMomentsAccumulator(): { add(x: number): void; moments(): Moments } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  return {
    add(x) {
      n++;
      const d = x - mean;
      mean += d / n;
      m2 += d * (x - mean);
    },
    moments: () => ({ n, mean: n > 0 ? mean : NaN, m2: n > 0 ? m2 : NaN }),
  };
}

/** True for a Moments record (as opposed to a list of values). */
export function isMoments(x: unknown): x is Moments {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && !ArrayBuffer.isView(x) && typeof (x as Moments).m2 === 'number';
}

/** Moments of a Values input (checked finite) or the Moments given. */
export function momentsFrom(values: Values | Moments, what: string): Moments {
  if (isMoments(values)) {
    if (!(Number.isInteger(values.n) && values.n >= 0)) throw new InputError(`${what}: moments need a count n ≥ 0, got ${values.n}`);
    return values;
  }
  return momentsOf(finiteArray(values, what));
}

/** A result that cannot be computed: stat and p null, note says why. */
export function unavailable(
  test: string,
  label: string,
  n: number,
  distribution: TestResult['distribution'],
  note: string,
  df: number | null = null,
): TestResult {
  return { test, label, stat: null, p: null, n, df, distribution, note };
}

/** A Student-t result with two-sided p. */
export function tResult(test: string, label: string, stat: number, df: number, n: number, se?: number, note?: string): TestResult {
  const r: TestResult = { test, label, stat, p: studentTTwoSidedP(stat, df), n, df, distribution: 't' };
  if (se !== undefined) r.se = se;
  if (note !== undefined) r.note = note;
  return r;
}

/** A standard-normal result with two-sided p. */
export function zResult(test: string, label: string, stat: number, n: number, se?: number, note?: string): TestResult {
  const r: TestResult = { test, label, stat, p: normalTwoSidedP(stat), n, df: null, distribution: 'normal' };
  if (se !== undefined) r.se = se;
  if (note !== undefined) r.note = note;
  return r;
}

/** Throws InputError unless the panel's shape and column ranges are consistent. */
export function checkPanel(panel: ArPanel): void {
  const { n, days, values, estimation, event } = panel;
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(days) || days < 1) {
    throw new InputError(`AR panel: n and days must be non-negative integers (days ≥ 1), got n=${n}, days=${days}`);
  }
  if (values.length !== n * days) throw new InputError(`AR panel: values has ${values.length} entries, expected n*days = ${n * days}`);
  for (const [name, r] of [['estimation', estimation], ['event', event]] as const) {
    if (!(Number.isInteger(r[0]) && Number.isInteger(r[1]) && r[0] >= 0 && r[1] <= days && r[0] < r[1])) {
      throw new InputError(`AR panel: ${name} columns [${r[0]}, ${r[1]}) must be a non-empty range inside [0, ${days})`);
    }
  }
  if (estimation[0] < event[1] && event[0] < estimation[1]) {
    throw new InputError(`AR panel: estimation columns [${estimation[0]}, ${estimation[1]}) overlap event columns [${event[0]}, ${event[1]})`);
  }
}

/**
 * Checks an inclusive column window [first, last] lies inside the panel's event columns.
 * Windows are inclusive (like relative-day windows [τ1, τ2]); panel ranges are half-open.
 */
export function checkWindow(panel: ArPanel, window: readonly [number, number]): void {
  const [a, b] = window;
  if (!(Number.isInteger(a) && Number.isInteger(b) && a <= b && a >= panel.event[0] && b < panel.event[1])) {
    throw new InputError(
      `test window columns [${a}, ${b}] must be an inclusive range inside the event columns [${panel.event[0]}, ${panel.event[1] - 1}]`,
    );
  }
}
