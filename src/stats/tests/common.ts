/**
 * Small shared pieces of the multi-event tests: input checks, moments, result builders.
 */
import { InputError } from '../../errors.ts';
import { normalTwoSidedP, studentTTwoSidedP } from '../distributions.ts';
import type { ArPanel, TestResult } from '../types.ts';

/** Numbers accepted where a list of per-event values is expected. */
export type Values = Float64Array | readonly number[];

/** Copies values into a Float64Array, throwing InputError on NaN/±Infinity (naming the index). */
export function finiteArray(values: Values, what: string): Float64Array {
  const out = Float64Array.from(values as ArrayLike<number>);
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
