/**
 * Sign-type tests (STATISTICS.md tests 9 and 10): generalized sign (Cowan 1992), sign test and
 * Wilcoxon signed-rank test on CAR_i.
 */
import { InputError } from '../../errors.ts';
import { precise } from '../../format.ts';
import { normalTwoSidedP } from '../distributions.ts';
import type { TestResult } from '../types.ts';
import { finiteArray, unavailable, zResult, type Values } from './common.ts';
import { averageRanks } from './rank.ts';

/** Up to this many non-zero CARs the sign test's p is the exact binomial one (as for Wilcoxon). */
export const SIGN_EXACT_MAX = 50;

/**
 * Two-sided exact binomial p of w successes in n fair trials: P(|W − n/2| ≥ |w − n/2|) for
 * W ~ Binomial(n, ½), i.e. 2·P(W ≤ min(w, n − w)) capped at 1. Counts are Pascal's triangle in
 * doubles, exact up to n = 50 (C(50, 25) < 2^53).
 * @example binomialTwoSidedP(0, 7) // 2/128 = 0.015625
 */
export function binomialTwoSidedP(w: number, n: number): number {
  if (!(Number.isInteger(n) && n >= 1 && n <= SIGN_EXACT_MAX && Number.isInteger(w) && w >= 0 && w <= n)) {
    throw new InputError(`binomialTwoSidedP: needs integers 0 ≤ w ≤ n ≤ ${SIGN_EXACT_MAX}, got w = ${w}, n = ${n}`);
  }
  const row = new Float64Array(n + 1);
  row[0] = 1;
  for (let m = 1; m <= n; m++) for (let k = m; k >= 1; k--) row[k] += row[k - 1];
  const lo = Math.min(w, n - w);
  let tail = 0;
  for (let k = 0; k <= lo; k++) tail += row[k];
  return Math.min(1, (2 * tail) / 2 ** n);
}

/**
 * Sign test: w = #{CAR_i > 0} of the N non-zero CARs; under H0 w ~ Binomial(N, ½).
 * `stat` is Z = (w − N/2) / √(N/4) in every case; p is exact binomial (binomialTwoSidedP) for
 * N ≤ 50, like the Wilcoxon test, and the normal approximation of Z above (with five events
 * all negative the normal p is 0.025, the exact one 0.0625: the approximation overstates a
 * small panel's evidence). Exact zeros carry no sign and are dropped (the note says how many).
 * @example signZ([1, 2, 3, -1]) // stat (3 − 2)/1 = 1, p = 0.625 (exact)
 */
export function signZ(cars: Values): TestResult {
  const test = 'sign';
  const label = 'Sign Z';
  const x = finiteArray(cars, 'signZ CARs');
  let w = 0;
  let zeros = 0;
  for (const v of x) {
    if (v > 0) w++;
    else if (v === 0) zeros++;
  }
  const n = x.length - zeros;
  const zeroNote = zeros ? `; ${zeros} zero CAR(s) dropped` : '';
  if (n < 1) return unavailable(test, label, 0, 'exact', `needs at least one non-zero CAR${zeroNote}`);
  const se = Math.sqrt(n / 4);
  const z = (w - n / 2) / se;
  if (n > SIGN_EXACT_MAX) return zResult(test, label, z, n, se, `w = ${w} of ${n} positive; normal approximation${zeroNote}`);
  return { test, label, stat: z, p: binomialTwoSidedP(w, n), n, df: null, distribution: 'exact', se, note: `w = ${w} of ${n} positive; exact binomial p${zeroNote}` };
}

/** What the generalized sign test needs of N events: #{CAR_i > 0} and Σ_i (estimation share of positive ARs). */
export interface SignCounts {
  n: number;
  positive: number;
  shareSum: number;
}

/**
 * Generalized sign test (Cowan 1992): p̂ = (1/N) Σ_i (share of positive ARs in event i's
 * estimation window), w = #{CAR_i > 0}, Z = (w − N p̂) / √(N p̂ (1 − p̂)). Normal.
 * Unlike the plain sign test it does not assume a 50% chance of a positive AR. Takes the CARs and
 * shares, or their {@link SignCounts} when they were gathered one at a time.
 */
export function generalizedSignZ(cars: Values | SignCounts, estimationPositiveShare?: Values): TestResult {
  const test = 'generalized-sign';
  const label = 'Generalized sign Z (Cowan 1992)';
  let counts: SignCounts;
  if (!Array.isArray(cars) && !ArrayBuffer.isView(cars)) counts = cars as SignCounts;
  else {
    const x = finiteArray(cars as Values, 'generalizedSignZ CARs');
    const share = finiteArray(estimationPositiveShare ?? [], 'generalizedSignZ estimation positive shares');
    if (x.length !== share.length) throw new InputError(`generalizedSignZ: ${x.length} CARs but ${share.length} positive shares`);
    counts = { n: x.length, positive: 0, shareSum: 0 };
    for (let i = 0; i < x.length; i++) {
      if (!(share[i] >= 0 && share[i] <= 1)) throw new InputError(`generalizedSignZ: positive share of event ${i} is ${share[i]}, must lie in [0, 1]`);
      counts.shareSum += share[i];
      if (x[i] > 0) counts.positive++;
    }
  }
  const { n, positive: w } = counts;
  if (n < 1) return unavailable(test, label, 0, 'normal', 'needs N ≥ 1 event');
  const pHat = counts.shareSum / n;
  if (!(pHat > 0 && pHat < 1)) return unavailable(test, label, n, 'normal', `p̂ = ${pHat}: no variation in estimation-window signs`);
  const se = Math.sqrt(n * pHat * (1 - pHat));
  return zResult(test, label, (w - n * pHat) / se, n, se, `p̂ = ${precise(pHat, 4)}, w = ${w}`);
}

/** Wilcoxon result: the TestResult plus the rank sums. */
export interface WilcoxonResult extends TestResult {
  /** Sum of the ranks of |x| over positive x (zeros dropped, ties averaged). */
  wPlus: number;
  /** Sum of the ranks over negative x; min(wPlus, wMinus) is the classical statistic. */
  wMinus: number;
}

/** Above this many non-zero values the normal approximation replaces the exact distribution. */
const WILCOXON_EXACT_MAX = 50;

/**
 * Wilcoxon signed-rank test of "median 0" on CAR_i (test 10).
 *
 * Zeros are dropped (Wilcoxon's convention, scipy's zero_method='wilcox'); |x| are ranked with
 * ties averaged. `stat` is the signed normal score z = (W+ − μ)/σ with
 * μ = n(n+1)/4, σ² = n(n+1)(2n+1)/24 − Σ(t³ − t)/48 (tie correction, no continuity correction).
 * p-value: for n ≤ 50 exact — the distribution of W+ under random signs conditional on the
 * observed (possibly tied) ranks, counted by dynamic programming over doubled rank sums (average
 * ranks are multiples of ½), p = P(|W+ − μ| ≥ |w+ − μ|); without ties this is the classical exact
 * test. For n > 50 the normal approximation of `stat`.
 * @example wilcoxonSignedRank([6, 8, 14, 16, 23, 24, 28, 29, 41, -48, 49, 56, 60, -67, 75])
 * // wMinus = 24, p = 0.041259765625 (exact)
 */
export function wilcoxonSignedRank(values: Values): WilcoxonResult {
  const test = 'wilcoxon';
  const label = 'Wilcoxon signed-rank';
  const x = finiteArray(values, 'wilcoxonSignedRank values');
  const nonZero = x.filter((v) => v !== 0);
  const n = nonZero.length;
  const zeros = x.length - n;
  const abs = nonZero.map(Math.abs);
  const ranks = averageRanks(abs);
  let wPlus = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += ranks[i];
    if (nonZero[i] > 0) wPlus += ranks[i];
  }
  const wMinus = total - wPlus;
  const zeroNote = zeros ? `; ${zeros} zero(s) dropped` : '';
  if (n < 1) return { ...unavailable(test, label, 0, 'exact', 'needs at least one non-zero value'), wPlus: 0, wMinus: 0 };
  // Tie correction term Σ(t³ − t) over groups of equal |x|.
  const sorted = Float64Array.from(abs).sort();
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  const mu = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - tieTerm / 48;
  const z = variance > 0 ? (wPlus - mu) / Math.sqrt(variance) : 0;
  if (n > WILCOXON_EXACT_MAX) {
    return {
      test, label, stat: z, p: normalTwoSidedP(z), n, df: null, distribution: 'normal',
      note: `W+ = ${wPlus}, W− = ${wMinus}; normal approximation with tie correction${zeroNote}`, wPlus, wMinus,
    };
  }
  // Exact: counts of doubled rank sums over the 2^n sign assignments (counts < 2^51, exact in doubles).
  const r2 = new Int32Array(n);
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    r2[i] = Math.round(2 * ranks[i]);
    s2 += r2[i];
  }
  const counts = new Float64Array(s2 + 1);
  counts[0] = 1;
  let reach = 0;
  for (let i = 0; i < n; i++) {
    const r = r2[i];
    for (let s = reach; s >= 0; s--) if (counts[s] !== 0) counts[s + r] += counts[s];
    reach += r;
  }
  const w2 = Math.round(2 * wPlus);
  const observed = Math.abs(2 * w2 - s2); // |W+ − μ| in quarter units, integer
  let tail = 0;
  for (let s = 0; s <= s2; s++) if (counts[s] !== 0 && Math.abs(2 * s - s2) >= observed) tail += counts[s];
  const p = Math.min(1, tail / 2 ** n);
  const ties = tieTerm > 0 ? '; exact conditional on tied ranks' : '';
  return {
    test, label, stat: z, p, n, df: null, distribution: 'exact',
    note: `W+ = ${wPlus}, W− = ${wMinus}; exact p${ties}${zeroNote}`, wPlus, wMinus,
  };
}
