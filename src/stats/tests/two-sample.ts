/**
 * Two-sample difference tests for subgroup CAARs (second-stage analysis): Welch's t and the
 * Wilcoxon rank-sum / Mann–Whitney test.
 */
import type { TestResult } from '../types.ts';
import { normalTwoSidedP } from '../distributions.ts';
import { averageRanks } from './rank.ts';
import { finiteArray, meanOf, tResult, unavailable, type Values } from './common.ts';

/**
 * Welch (1947) t for a difference of means with unequal variances:
 *
 *   t = (x̄₁ − x̄₂) / √(s₁²/n₁ + s₂²/n₂),
 *   ν = (s₁²/n₁ + s₂²/n₂)² / [ (s₁²/n₁)²/(n₁ − 1) + (s₂²/n₂)²/(n₂ − 1) ]   (Satterthwaite 1946),
 *
 * Student t with ν (fractional) df; `se` is the denominator.
 * Reference: Welch, B. L. (1947) Biometrika 34, 28–35.
 * @example welchT([1, 2, 3], [4, 6, 8]).stat // (2 − 6)/√(1/3 + 4/3) = −3.0984, ν = 2.9412
 */
export function welchT(group1: Values, group2: Values): TestResult {
  const test = 'welch-t';
  const label = 'Welch t (difference of means)';
  const a = finiteArray(group1, 'welchT group 1');
  const b = finiteArray(group2, 'welchT group 2');
  const n = a.length + b.length;
  if (a.length < 2 || b.length < 2) return unavailable(test, label, n, 't', 'needs at least 2 values in each group');
  const v = (x: Float64Array) => {
    const m = meanOf(x);
    let ss = 0;
    for (const xi of x) ss += (xi - m) * (xi - m);
    return ss / (x.length - 1) / x.length; // s²/n
  };
  const va = v(a);
  const vb = v(b);
  const se = Math.sqrt(va + vb);
  if (!(se > 0)) return unavailable(test, label, n, 't', 'both groups are constant');
  const df = (va + vb) ** 2 / ((va * va) / (a.length - 1) + (vb * vb) / (b.length - 1));
  return tResult(test, label, (meanOf(a) - meanOf(b)) / se, df, n, se);
}

/** Above this total size the normal approximation replaces the exact rank-sum distribution. */
export const RANK_SUM_EXACT_MAX = 50;

/** {@link rankSumTest}'s result: the TestResult plus the rank sum and U of group 1. */
export interface RankSumResult extends TestResult {
  /** W = sum of the (average) ranks of group 1 in the pooled sample. */
  rankSum: number;
  /** U₁ = W − n₁(n₁ + 1)/2, the Mann–Whitney count of (group-1, group-2) pairs with x₁ > x₂ (ties ½). */
  u: number;
}

/**
 * Wilcoxon (1945) rank-sum / Mann & Whitney (1947) U test of equal distributions (location
 * shift), two-sided. Pool both groups, rank with ties averaged, W = Σ ranks of group 1;
 * E[W] = n₁(N + 1)/2, Var[W] = n₁n₂/12 · [(N + 1) − Σ(t³ − t)/(N(N − 1))] (tie correction).
 * `stat` is z = (W − E[W])/√Var[W] (no continuity correction in `stat`).
 *
 * p-value: for N = n₁ + n₂ ≤ 50 exact — the distribution of W over all C(N, n₁) equally likely
 * assignments of the observed (possibly tied) ranks to group 1, counted by dynamic programming
 * over doubled rank sums (average ranks are multiples of ½), p = P(|W − E[W]| ≥ |w − E[W]|).
 * Without ties this is the classical exact test (scipy method='exact'); with ties it is the exact
 * permutation test conditional on the ties (what R's coin::wilcox_test(distribution = "exact")
 * computes). For N > 50 the normal approximation with tie correction and a continuity
 * correction of ½ (R's wilcox.test default, scipy use_continuity=True).
 * @example rankSumTest([1, 2, 3], [4, 5, 6]).p // 2/C(6,3) = 0.1 (exact)
 */
export function rankSumTest(group1: Values, group2: Values): RankSumResult {
  const test = 'rank-sum';
  const label = 'Wilcoxon rank-sum (Mann–Whitney)';
  const a = finiteArray(group1, 'rankSumTest group 1');
  const b = finiteArray(group2, 'rankSumTest group 2');
  const n1 = a.length;
  const n2 = b.length;
  const N = n1 + n2;
  if (n1 < 1 || n2 < 1) return { ...unavailable(test, label, N, 'exact', 'needs at least one value in each group'), rankSum: 0, u: 0 };
  const pooled = new Float64Array(N);
  pooled.set(a);
  pooled.set(b, n1);
  const ranks = averageRanks(pooled);
  let w = 0;
  for (let i = 0; i < n1; i++) w += ranks[i];
  const u = w - (n1 * (n1 + 1)) / 2;
  const sorted = Float64Array.from(pooled).sort();
  let tieTerm = 0;
  for (let i = 0; i < N; ) {
    let j = i + 1;
    while (j < N && sorted[j] === sorted[i]) j++;
    tieTerm += (j - i) ** 3 - (j - i);
    i = j;
  }
  const mean = (n1 * (N + 1)) / 2;
  const variance = ((n1 * n2) / 12) * (N + 1 - (N > 1 ? tieTerm / (N * (N - 1)) : 0));
  const z = variance > 0 ? (w - mean) / Math.sqrt(variance) : 0;
  const base = { test, label, stat: z, n: N, df: null, rankSum: w, u };
  if (!(variance > 0)) return { ...base, p: null, distribution: 'exact', stat: null, note: 'all values are tied' };
  if (N > RANK_SUM_EXACT_MAX) {
    const zc = Math.max(0, Math.abs(w - mean) - 0.5) / Math.sqrt(variance);
    return { ...base, p: normalTwoSidedP(zc), distribution: 'normal', note: `W = ${w}, U = ${u}; normal approximation with tie and continuity corrections` };
  }
  // counts[j][s]: subsets of size j of the first i items with doubled rank sum s (≤ C(50,25) < 2^53: exact).
  const r2 = Array.from(ranks, (r) => Math.round(2 * r));
  const total2 = r2.reduce((s, r) => s + r, 0);
  const counts: Float64Array[] = Array.from({ length: n1 + 1 }, () => new Float64Array(total2 + 1));
  counts[0][0] = 1;
  let reach = 0;
  for (let i = 0; i < N; i++) {
    const r = r2[i];
    for (let j = Math.min(i + 1, n1); j >= 1; j--) {
      const from = counts[j - 1];
      const to = counts[j];
      for (let s = reach; s >= 0; s--) if (from[s] !== 0) to[s + r] += from[s];
    }
    reach += r;
  }
  const mean4 = n1 * (N + 1); // 2·E[W] in doubled units
  const observed = Math.abs(Math.round(2 * w) - mean4);
  let tail = 0;
  let all = 0;
  const dist = counts[n1];
  for (let s = 0; s <= total2; s++) {
    if (dist[s] === 0) continue;
    all += dist[s];
    if (Math.abs(s - mean4) >= observed) tail += dist[s];
  }
  const ties = tieTerm > 0 ? '; exact conditional on tied ranks' : '';
  return { ...base, p: Math.min(1, tail / all), distribution: 'exact', note: `W = ${w}, U = ${u}; exact p${ties}` };
}
