/**
 * Rank tests on an AR panel (STATISTICS.md tests 8 and 11): Corrado (1989) with Corrado &
 * Zivney (1992) standardized ranks and Cowan's (1992) window form, and Kolari & Pynnönen's (2011)
 * generalized rank test GRANK.
 */
import { InputError } from '../../errors.ts';
import { normalTwoSidedP, studentTTwoSidedP } from '../distributions.ts';
import type { ArPanel, TestResult } from '../types.ts';
import { checkPanel, checkWindow, finiteArray, unavailable, type Values } from './common.ts';

/** Index of the first element of ascending `sorted` that is not below `v` (first >= v). */
function lowerBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first element of ascending `sorted` above `v`. */
function upperBound(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Sorts keys[0..m) ascending, carrying idx along (quicksort, median of three, insertion sort
 * below 16 elements). Plain JIT-compiled loops on typed arrays: several times faster here than
 * TypedArray.prototype.sort for the ~250-element rows of a rank test, and it yields the
 * permutation, so ranks need no binary search.
 */
export function sortKeysWithIndex(keys: Float64Array, idx: Int32Array, m: number): void {
  const stack = new Int32Array(64);
  let top = 0;
  let lo = 0;
  let hi = m - 1;
  for (;;) {
    while (hi - lo >= 16) {
      const mid = (lo + hi) >>> 1;
      // Median of three into keys[mid], then partition around it (Hoare).
      if (keys[mid] < keys[lo]) swap(keys, idx, mid, lo);
      if (keys[hi] < keys[lo]) swap(keys, idx, hi, lo);
      if (keys[hi] < keys[mid]) swap(keys, idx, hi, mid);
      const pivot = keys[mid];
      let i = lo;
      let j = hi;
      while (i <= j) {
        while (keys[i] < pivot) i++;
        while (keys[j] > pivot) j--;
        if (i <= j) {
          swap(keys, idx, i, j);
          i++;
          j--;
        }
      }
      // Recurse into the smaller part first (stack depth O(log m)).
      if (j - lo < hi - i) {
        stack[top++] = i;
        stack[top++] = hi;
        hi = j;
      } else {
        stack[top++] = lo;
        stack[top++] = j;
        lo = i;
      }
    }
    for (let i = lo + 1; i <= hi; i++) {
      const k = keys[i];
      const x = idx[i];
      let j = i - 1;
      while (j >= lo && keys[j] > k) {
        keys[j + 1] = keys[j];
        idx[j + 1] = idx[j];
        j--;
      }
      keys[j + 1] = k;
      idx[j + 1] = x;
    }
    if (top === 0) return;
    hi = stack[--top];
    lo = stack[--top];
  }
}

function swap(keys: Float64Array, idx: Int32Array, a: number, b: number): void {
  const k = keys[a];
  keys[a] = keys[b];
  keys[b] = k;
  const x = idx[a];
  idx[a] = idx[b];
  idx[b] = x;
}

/**
 * Average ranks of row[0..len) into `ranks` (NaN for non-finite entries), using caller-owned
 * scratch arrays; returns the number of finite entries. Ties share the mean of their positions.
 */
function rankRowInto(row: Float64Array, len: number, ranks: Float64Array, keys: Float64Array, idx: Int32Array): number {
  let m = 0;
  for (let c = 0; c < len; c++) {
    const v = row[c];
    ranks[c] = NaN;
    if (Number.isFinite(v)) {
      keys[m] = v;
      idx[m] = c;
      m++;
    }
  }
  sortKeysWithIndex(keys, idx, m);
  for (let a = 0; a < m; ) {
    let b = a + 1;
    while (b < m && keys[b] === keys[a]) b++;
    const avg = (a + 1 + b) / 2; // positions a+1 .. b
    for (let q = a; q < b; q++) ranks[idx[q]] = avg;
    a = b;
  }
  return m;
}

/** The finite entries of `values`, sorted ascending (typed-array sort: numeric, no comparator). */
function sortedFinite(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  let k = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) out[k++] = values[i];
  return out.subarray(0, k).sort();
}

/**
 * Average ranks (1-based, ties get the mean of their positions) of the finite entries of
 * `values`; non-finite entries get NaN. One typed-array sort, then a binary search per value:
 * a value with `lo` entries below it and `hi` entries at or below it holds positions lo+1..hi.
 * @example averageRanks(Float64Array.of(3, 1, 3, NaN)) // [2.5, 1, 2.5, NaN]
 */
export function averageRanks(values: Float64Array): Float64Array {
  const sorted = sortedFinite(values);
  const ranks = new Float64Array(values.length).fill(NaN);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isFinite(v)) ranks[i] = (lowerBound(sorted, v) + 1 + upperBound(sorted, v)) / 2;
  }
  return ranks;
}

/** Per-day sums of standardized ranks of a panel: the window-independent part of Corrado's test. */
interface CorradoRanks {
  estimation: readonly [number, number];
  event: readonly [number, number];
  cols: Uint32Array;
  sumU: Float64Array;
  countU: Float64Array;
}

/**
 * Ranking is the expensive step and does not depend on the tested window, so it is done once per
 * panel and reused for every day and window (keyed by the panel's values array: a panel must not
 * be mutated after it is first tested).
 */
const corradoCache = new WeakMap<Float64Array, CorradoRanks>();

function corradoRanks(panel: ArPanel): CorradoRanks {
  const hit = corradoCache.get(panel.values);
  if (hit && hit.estimation[0] === panel.estimation[0] && hit.estimation[1] === panel.estimation[1] && hit.event[0] === panel.event[0] && hit.event[1] === panel.event[1]) return hit;
  const { n, days, values } = panel;
  const cols = usedColumns(panel);
  const sumU = new Float64Array(days);
  const countU = new Float64Array(days);
  const len = cols.length;
  const row = new Float64Array(len);
  const ranks = new Float64Array(len);
  const keys = new Float64Array(len);
  const idx = new Int32Array(len);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < len; c++) row[c] = values[i * days + cols[c]];
    const ni = rankRowInto(row, len, ranks, keys, idx);
    for (let c = 0; c < len; c++) {
      const r = ranks[c];
      if (r !== r) continue; // NaN: missing day
      sumU[cols[c]] += r / (ni + 1) - 0.5;
      countU[cols[c]]++;
    }
  }
  const out: CorradoRanks = { estimation: [...panel.estimation], event: [...panel.event], cols, sumU, countU };
  corradoCache.set(panel.values, out);
  return out;
}

/**
 * Corrado (1989) rank test with Corrado & Zivney (1992) standardized ranks (test 8).
 *
 * Each event's ARs over its estimation + event columns are ranked (ties averaged) and scaled
 * U_it = rank_it / (1 + n_i), n_i = that event's non-missing days. With Ū_t = (1/N_t) Σ_i (U_it − ½)
 * over the events with data on day t, S_U = √((1/L) Σ_t Ū_t²) over the L days (estimation + event
 * columns) that have data, and the window statistic (Cowan 1992)
 *   T = Σ_{t∈window} Ū_t / (√L2 · S_U),  L2 = window days with data.  Standard normal.
 * A one-day test is the window [t, t].
 *
 * @param window inclusive panel column range [first, last], inside the event columns.
 */
export function corradoRankT(panel: ArPanel, window: readonly [number, number]): TestResult {
  checkPanel(panel);
  checkWindow(panel, window);
  const test = 'corrado-rank';
  const label = 'Corrado rank Z (Corrado–Zivney 1992)';
  const { n, days, values } = panel;
  const { cols, sumU, countU } = corradoRanks(panel);
  // Events with at least one return in the window (the N reported).
  let nUsed = 0;
  for (let i = 0; i < n; i++) {
    for (let col = window[0]; col <= window[1]; col++) {
      if (Number.isFinite(values[i * days + col])) {
        nUsed++;
        break;
      }
    }
  }
  let ss = 0;
  let L = 0;
  for (const col of cols) {
    if (countU[col] === 0) continue;
    const u = sumU[col] / countU[col];
    ss += u * u;
    L++;
  }
  let windowSum = 0;
  let L2 = 0;
  for (let col = window[0]; col <= window[1]; col++) {
    if (countU[col] === 0) continue;
    windowSum += sumU[col] / countU[col];
    L2++;
  }
  if (L2 === 0) return unavailable(test, label, 0, 'normal', 'no event has data in the window');
  const sU = Math.sqrt(ss / L);
  if (!(sU > 0)) return unavailable(test, label, nUsed, 'normal', 'zero variance of mean ranks');
  const se = Math.sqrt(L2) * sU;
  const stat = windowSum / se;
  return { test, label, stat, p: normalTwoSidedP(stat), n: nUsed, df: null, distribution: 'normal', se };
}

/** Estimation columns then event columns (ascending). */
function usedColumns(panel: ArPanel): Uint32Array {
  const [e0, e1] = panel.estimation;
  const [v0, v1] = panel.event;
  const out = new Uint32Array(e1 - e0 + v1 - v0);
  let k = 0;
  const first = e0 < v0 ? [e0, e1, v0, v1] : [v0, v1, e0, e1];
  for (let c = first[0]; c < first[1]; c++) out[k++] = c;
  for (let c = first[2]; c < first[3]; c++) out[k++] = c;
  return out;
}

export interface GrankOptions {
  /**
   * SCAR_i of the tested window (CAR over its sd including estimation error). When absent,
   * SCAR_i = CAR_i / (s_i √L2_i) from the panel (no estimation-error term).
   */
  scars?: Values;
  /**
   * Residual df per event (M_i − k − 1); s_i² = Σ_est (AR − mean)² / df_i, matching the model's
   * s². When absent the sample variance (M_i − 1) is used.
   */
  dfs?: Values;
}

/**
 * The window-independent part of GRANK: each event's estimation SARs sorted (with their columns),
 * and the per-day rank sums over all events as if day 0 ranked below every SAR.
 */
interface GrankEstimation {
  estimation: readonly [number, number];
  dfs: Float64Array | null;
  /** s_i per event (NaN when unusable). */
  sd: Float64Array;
  /** n × M: each event's finite estimation SARs sorted ascending (first count[i] entries)... */
  sorted: Float64Array;
  /** ...and the estimation column of each sorted value. */
  order: Int32Array;
  count: Int32Array;
  /** Σ_i (rank_ic / (m_i + 2) − ½) and the number of events with data, per estimation day. */
  baseSum: Float64Array;
  baseCount: Float64Array;
}

const grankCache = new WeakMap<Float64Array, GrankEstimation>();

function sameValues(a: Float64Array | null, b: Float64Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** SAR row of event i (AR / s_i on the estimation days, NaN where missing) into `row`. */
function sarRow(panel: ArPanel, i: number, s: number, row: Float64Array): void {
  const [e0, e1] = panel.estimation;
  for (let c = e0; c < e1; c++) {
    const v = panel.values[i * panel.days + c];
    row[c - e0] = Number.isFinite(v) ? v / s : NaN;
  }
}

/** Standardizes and ranks the estimation ARs once per panel (and df vector), for every GRANK window. */
function grankEstimation(panel: ArPanel, dfs: Float64Array | null): GrankEstimation {
  const hit = grankCache.get(panel.values);
  if (hit && hit.estimation[0] === panel.estimation[0] && hit.estimation[1] === panel.estimation[1] && sameValues(hit.dfs, dfs)) return hit;
  const { n, days, values } = panel;
  const [e0, e1] = panel.estimation;
  const M = e1 - e0;
  const sd = new Float64Array(n).fill(NaN);
  const sorted = new Float64Array(n * M);
  const order = new Int32Array(n * M);
  const count = new Int32Array(n);
  const baseSum = new Float64Array(M);
  const baseCount = new Float64Array(M);
  const row = new Float64Array(M);
  const rankRow = new Float64Array(M);
  const keys = new Float64Array(M);
  const idx = new Int32Array(M);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    let m = 0;
    for (let c = e0; c < e1; c++) {
      const v = values[i * days + c];
      if (Number.isFinite(v)) {
        sum += v;
        m++;
      }
    }
    const mean = m > 0 ? sum / m : 0;
    let ss = 0;
    for (let c = e0; c < e1; c++) {
      const v = values[i * days + c];
      if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
    }
    const denom = dfs ? dfs[i] : m - 1;
    const s = denom > 0 ? Math.sqrt(ss / denom) : NaN;
    if (!(s > 0)) continue;
    sd[i] = s;
    sarRow(panel, i, s, row);
    const finite = rankRowInto(row, M, rankRow, keys, idx);
    sorted.set(keys.subarray(0, finite), i * M);
    order.set(idx.subarray(0, finite), i * M);
    count[i] = finite;
    // With day 0 the event has finite + 1 values: U = rank / (finite + 2) − ½.
    for (let c = 0; c < M; c++) {
      const r = rankRow[c];
      if (r !== r) continue;
      baseSum[c] += r / (finite + 2) - 0.5;
      baseCount[c]++;
    }
  }
  const out: GrankEstimation = { estimation: [...panel.estimation], dfs: dfs ? Float64Array.from(dfs) : null, sd, sorted, order, count, baseSum, baseCount };
  grankCache.set(panel.values, out);
  return out;
}

/**
 * Kolari & Pynnönen (2011) generalized rank test GRANK for a CAR window (test 11).
 *
 * 1. SAR_it = AR_it / s_i on the estimation days (s_i from the estimation ARs).
 * 2. The CAR window is collapsed into one day "0" carrying SCAR_i, re-standardized by its
 *    cross-sectional sd for event-induced volatility: SCAR*_i = SCAR_i / sd_i(SCAR_i).
 * 3. Generalized SARs GSAR_it = SAR_it (estimation days), SCAR*_i (day 0); each event's GSARs are
 *    ranked (ties averaged): U_it = rank_it / (T_i + 1) − ½, T_i its non-missing days.
 * 4. Ū_t = (1/N_t) Σ_i U_it, S_Ū² = (1/T) Σ_t (N_t/N) Ū_t² over the T days (estimation + day 0)
 *    (the N_t/N weight accounts for missing days, KP 2011 eq. for unequal N_t),
 *    Z = Ū_0 / S_Ū,  t_grank = Z √((T − 2)/(T − 1 − Z²)) ~ Student t with T − 2 df.
 * Event-window days outside the CAR window are not used. One-day windows work the same.
 *
 * @param window inclusive panel column range [first, last] of the CAR window, inside the event columns.
 */
export function grankT(panel: ArPanel, window: readonly [number, number], options: GrankOptions = {}): TestResult {
  checkPanel(panel);
  checkWindow(panel, window);
  const test = 'grank';
  const label = 'GRANK t (Kolari–Pynnönen 2011)';
  const { n, days, values } = panel;
  const [e0, e1] = panel.estimation;
  const M = e1 - e0;
  const scarsIn = options.scars === undefined ? null : finiteArray(options.scars, 'grankT SCARs');
  const dfs = options.dfs === undefined ? null : finiteArray(options.dfs, 'grankT dfs');
  if (scarsIn && scarsIn.length !== n) throw new InputError(`grankT: ${scarsIn.length} SCARs for ${n} events`);
  if (dfs && dfs.length !== n) throw new InputError(`grankT: ${dfs.length} dfs for ${n} events`);

  const T = M + 1;
  const est = grankEstimation(panel, dfs);
  const scar = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const s = est.sd[i];
    if (!(s > 0)) continue; // no usable estimation variance: the event drops out
    if (scarsIn) {
      scar[i] = scarsIn[i];
    } else {
      let car = 0;
      let l2 = 0;
      for (let c = window[0]; c <= window[1]; c++) {
        const v = values[i * days + c];
        if (Number.isFinite(v)) {
          car += v;
          l2++;
        }
      }
      if (l2 > 0) scar[i] = car / (s * Math.sqrt(l2));
    }
  }
  // Cross-sectional re-standardization of SCAR (event-induced volatility).
  let k = 0;
  let sMean = 0;
  const usable = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (est.count[i] > 0 && Number.isFinite(scar[i])) {
      usable[i] = 1;
      sMean += scar[i];
      k++;
    }
  }
  if (k < 2) return unavailable(test, label, k, 't', 'needs N ≥ 2 events with estimation data and a CAR', T - 2);
  sMean /= k;
  let sVar = 0;
  for (let i = 0; i < n; i++) if (usable[i]) sVar += (scar[i] - sMean) ** 2;
  const sdScar = Math.sqrt(sVar / (k - 1));
  if (!(sdScar > 0)) return unavailable(test, label, k, 't', 'zero cross-sectional variance of SCARs', T - 2);

  // Standardized ranks per event, then day means. The estimation SARs were ranked once per panel
  // (baseSum, as if day 0's value g ranked below all of them); adding g raises the rank of each SAR
  // above g by 1 and of each SAR tied with g by ½, and g's own rank follows from its position in the
  // event's sorted SARs. Only the SARs at or above g are visited.
  const sumU = new Float64Array(T);
  sumU.set(est.baseSum);
  const countU = new Float64Array(T);
  countU.set(est.baseCount);
  const row = new Float64Array(M);
  const rankRow = new Float64Array(M);
  const keys = new Float64Array(M);
  const idx = new Int32Array(M);
  for (let i = 0; i < n; i++) {
    const mi = est.count[i];
    if (!usable[i]) {
      // An event in the base sums without a CAR here: take its ranks back out.
      if (est.sd[i] > 0 && mi > 0) {
        sarRow(panel, i, est.sd[i], row);
        rankRowInto(row, M, rankRow, keys, idx);
        for (let c = 0; c < M; c++) {
          const r = rankRow[c];
          if (r !== r) continue;
          sumU[c] -= r / (mi + 2) - 0.5;
          countU[c]--;
        }
      }
      continue;
    }
    const g = scar[i] / sdScar;
    const off = i * M;
    const sorted = est.sorted.subarray(off, off + mi);
    const lo = lowerBound(sorted, g);
    const hi = upperBound(sorted, g);
    const w = 1 / (mi + 2);
    for (let q = lo; q < hi; q++) sumU[est.order[off + q]] += 0.5 * w;
    for (let q = hi; q < mi; q++) sumU[est.order[off + q]] += w;
    const rank0 = (lo + hi) / 2 + 1;
    sumU[M] += rank0 * w - 0.5;
    countU[M]++;
  }
  let ss = 0;
  let tDays = 0;
  for (let c = 0; c < T; c++) {
    if (countU[c] === 0) continue;
    const u = sumU[c] / countU[c];
    ss += (countU[c] / k) * u * u;
    tDays++;
  }
  const sU = Math.sqrt(ss / tDays);
  if (!(sU > 0) || tDays < 3) return unavailable(test, label, k, 't', 'too few days or zero rank variance', tDays - 2);
  const u0 = sumU[M] / countU[M];
  const z = u0 / sU;
  const df = tDays - 2;
  const denom = tDays - 1 - z * z;
  if (!(denom > 0)) return unavailable(test, label, k, 't', `|Z| = ${Math.abs(z).toPrecision(4)} ≥ √(T − 1): t transform undefined`, df);
  const stat = z * Math.sqrt(df / denom);
  return { test, label, stat, p: studentTTwoSidedP(stat, df), n: k, df, distribution: 't', note: `Z = ${z.toPrecision(6)}` };
}
