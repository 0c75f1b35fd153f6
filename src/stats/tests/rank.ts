/**
 * Rank tests on an AR panel (STATISTICS.md tests 8 and 11): Corrado (1989) with Corrado &
 * Zivney (1992) standardized ranks and Cowan's (1992) window form, and Kolari & Pynnönen's (2011)
 * generalized rank test GRANK.
 *
 * Ranking is the costly step and does not depend on the tested window, so it is done once per
 * panel, one event row at a time: `createCorradoRanker` / `createGrankRanker` take rows as they
 * come (a streaming study never holds the panel) and return plain data that the test functions
 * accept in place of re-ranking; `standardizedRanks` and `grankRanks` run them over a whole panel.
 * Called with a bare ArPanel, the tests rank it themselves and give the same numbers.
 *
 * No module-level state: every ranker owns its scratch arrays, sized for its rows.
 */
import { InputError } from '../../errors.ts';
import { precise } from '../../format.ts';
import { normalTwoSidedP, studentTTwoSidedP } from '../distributions.ts';
import type { ArPanel, ArPanelRows, RankedPanel, TestResult } from '../types.ts';
import { checkPanel, checkWindow, finiteArray, unavailable, type Values } from './common.ts';
import { byteColumn, floatColumn, intColumn } from '../column.ts';

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
 * Scratch space for sorting rows of up to `length` values: the gathered finite values and their
 * columns, the sorted output, and the bucket arrays of the distribution sort. One per ranker (or
 * per call), never shared between calls.
 */
export interface SortScratch {
  length: number;
  inKeys: Float64Array;
  inIdx: Int32Array;
  /** The sorted values (ascending) after sortRow, and their columns. */
  keys: Float64Array;
  idx: Int32Array;
  bucket: Int32Array;
  start: Int32Array;
}

/** Scratch arrays for rows of up to `length` values (about 33 bytes per value). */
export function sortScratch(length: number): SortScratch {
  return {
    length,
    inKeys: new Float64Array(length),
    inIdx: new Int32Array(length),
    keys: new Float64Array(length),
    idx: new Int32Array(length),
    bucket: new Int32Array(length),
    start: new Int32Array(length + 1),
  };
}

/** Largest bucket left to insertion sort; a more crowded one (outliers squeeze the rest) switches to quicksort. */
const CROWDED_BUCKET = 32;

/**
 * Sorts the finite values src[offset + c] for columns c in [a0, a1) and [b0, b1) ascending into
 * `keys`, with their columns in `idx`; returns their count m. The arrays are a SortScratch's,
 * passed one by one: only typed arrays and numbers cross this call (an object here made V8 throw
 * away the optimized loops whenever one was garbage-collected).
 *
 * Distribution sort: a counting pass into m equal-width buckets between min and max, then one
 * insertion-sort pass, which only moves values within a bucket. About 3× faster than quicksort on
 * the ~260-value rows of a rank test. Exact for any data: the bucket ⌊(v − min)·m/(max − min)⌋
 * never decreases as v grows (each rounded floating-point step is monotone), and the final pass
 * compares the values themselves. Falls back to quicksort when the buckets degenerate (a crowded
 * bucket, or a range too small or too large for a finite scale).
 */
function sortFinite(
  inKeys: Float64Array,
  inIdx: Int32Array,
  keys: Float64Array,
  idx: Int32Array,
  bucket: Int32Array,
  start: Int32Array,
  src: Float64Array,
  offset: number,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): number {
  let m = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = a0; c < a1; c++) {
    const v = src[offset + c];
    if (v - v === 0) {
      // finite (NaN and ±Infinity give NaN)
      inKeys[m] = v;
      inIdx[m++] = c;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  for (let c = b0; c < b1; c++) {
    const v = src[offset + c];
    if (v - v === 0) {
      inKeys[m] = v;
      inIdx[m++] = c;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const scale = m / (hi - lo);
  if (!(scale > 0 && scale < Infinity)) {
    // m ≤ 1, all values equal (already sorted), or a degenerate range.
    for (let q = 0; q < m; q++) {
      keys[q] = inKeys[q];
      idx[q] = inIdx[q];
    }
    if (hi > lo) sortKeysWithIndex(keys, idx, m);
    return m;
  }
  for (let b = 0; b <= m; b++) start[b] = 0;
  let crowded = 0;
  for (let q = 0; q < m; q++) {
    let b = ((inKeys[q] - lo) * scale) | 0;
    if (b >= m) b = m - 1;
    bucket[q] = b;
    const size = ++start[b + 1];
    if (size > crowded) crowded = size;
  }
  for (let b = 1; b <= m; b++) start[b] += start[b - 1];
  for (let q = 0; q < m; q++) {
    const pos = start[bucket[q]]++;
    keys[pos] = inKeys[q];
    idx[pos] = inIdx[q];
  }
  if (crowded > CROWDED_BUCKET) {
    sortKeysWithIndex(keys, idx, m);
    return m;
  }
  for (let q = 1; q < m; q++) {
    const k = keys[q];
    if (keys[q - 1] <= k) continue;
    const x = idx[q];
    let j = q - 1;
    while (j >= 0 && keys[j] > k) {
      keys[j + 1] = keys[j];
      idx[j + 1] = idx[j];
      j--;
    }
    keys[j + 1] = k;
    idx[j + 1] = x;
  }
  return m;
}

/**
 * Sorts a row's finite values src[offset + c], c in [a0, a1) ∪ [b0, b1), ascending into s.keys
 * with their columns in s.idx; returns their count. The scratch must hold the row's length.
 */
export function sortRow(s: SortScratch, src: Float64Array, offset: number, a0: number, a1: number, b0: number, b1: number): number {
  if (a1 - a0 + (b1 - b0) > s.length) throw new InputError(`sortRow: a row of ${a1 - a0 + (b1 - b0)} values does not fit scratch for ${s.length}`);
  return sortFinite(s.inKeys, s.inIdx, s.keys, s.idx, s.bucket, s.start, src, offset, a0, a1, b0, b1);
}

/**
 * Average ranks (1-based, ties share the mean of their positions) of the finite values
 * src[offset + c], c in [c0, c1), into ranks[c - c0] (NaN where not finite); returns their count.
 */
function rankRange(s: SortScratch, src: Float64Array, offset: number, c0: number, c1: number, ranks: Float64Array): number {
  ranks.fill(NaN, 0, c1 - c0);
  const m = sortRow(s, src, offset, c0, c1, 0, 0);
  const { keys, idx } = s;
  for (let a = 0; a < m; ) {
    let b = a + 1;
    while (b < m && keys[b] === keys[a]) b++;
    const avg = (a + 1 + b) / 2; // positions a+1 .. b
    for (let q = a; q < b; q++) ranks[idx[q] - c0] = avg;
    a = b;
  }
  return m;
}

/**
 * Average ranks (1-based, ties get the mean of their positions) of the finite entries of
 * `values`; non-finite entries get NaN. One sort carrying the positions, then a walk over tie
 * groups: positions a+1..b share rank (a + 1 + b)/2.
 * @example averageRanks(Float64Array.of(3, 1, 3, NaN)) // [2.5, 1, 2.5, NaN]
 */
export function averageRanks(values: Float64Array): Float64Array {
  const ranks = new Float64Array(values.length);
  if (values.length <= 1 << 16) {
    rankRange(sortScratch(values.length), values, 0, 0, values.length, ranks);
    return ranks;
  }
  // Long inputs (a million CARs): quicksort on keys and positions only, 12 bytes a value.
  ranks.fill(NaN);
  const keys = new Float64Array(values.length);
  const idx = new Int32Array(values.length);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v - v === 0) {
      keys[m] = v;
      idx[m++] = i;
    }
  }
  sortKeysWithIndex(keys, idx, m);
  for (let a = 0; a < m; ) {
    let b = a + 1;
    while (b < m && keys[b] === keys[a]) b++;
    const avg = (a + 1 + b) / 2;
    for (let q = a; q < b; q++) ranks[idx[q]] = avg;
    a = b;
  }
  return ranks;
}

function isRows(panel: ArPanel | ArPanelRows): panel is ArPanelRows {
  return typeof (panel as ArPanelRows).row === 'function';
}

function isRanked(panel: ArPanel | RankedPanel): panel is RankedPanel {
  return (panel as RankedPanel).meanRank instanceof Float64Array;
}

/** checkPanel's shape checks for a panel given row by row (it has no values array to measure). */
function checkRows(panel: ArPanelRows): void {
  const { n, days, estimation, event } = panel;
  const probe = { length: n * days } as unknown as Float64Array;
  checkPanel({ n, days, estimation, event, values: probe });
}

/** checkPanel for either form. */
function checkAnyPanel(panel: ArPanel | ArPanelRows): void {
  if (isRows(panel)) checkRows(panel);
  else checkPanel(panel);
}

/** checkWindow on a panel known only by its column ranges (a RankedPanel). */
function checkRankedWindow(ranked: RankedPanel, window: readonly [number, number]): void {
  const { n, days, estimation, event, meanRank, rankCount, eventHasData } = ranked;
  if (meanRank.length !== days || rankCount.length !== days || eventHasData.length !== n * (event[1] - event[0])) {
    throw new InputError(`corradoRankT: ranked panel arrays do not match n=${n}, days=${days}; build it with standardizedRanks()`);
  }
  checkWindow({ n, days, estimation, event, values: meanRank }, window);
}

/** The column layout of a panel: `days` columns, estimation and event column ranges [start, end). */
export interface PanelShape {
  days: number;
  estimation: [number, number];
  event: [number, number];
}

/** Corrado's ranker: `add` one event's row at a time, `result` the RankedPanel so far. */
export interface CorradoRanker {
  /** Ranks the finite values of values[offset + c], c over the estimation and event columns, and adds them. */
  add(values: Float64Array, offset: number): void;
  result(): RankedPanel;
}

/**
 * GRANK's s_i: the standard deviation of an event's finite estimation ARs (columns [e0, e1) of its
 * row at `offset`), over `df` degrees of freedom when given, else over M − 1; NaN when undefined.
 */
function estimationSd(values: Float64Array, offset: number, e0: number, e1: number, df: number | null): number {
  let sum = 0;
  let m = 0;
  for (let c = e0; c < e1; c++) {
    const v = values[offset + c];
    if (Number.isFinite(v)) {
      sum += v;
      m++;
    }
  }
  const mean = m > 0 ? sum / m : 0;
  let ss = 0;
  for (let c = e0; c < e1; c++) {
    const v = values[offset + c];
    if (Number.isFinite(v)) ss += (v - mean) * (v - mean);
  }
  const denom = df ?? m - 1;
  return denom > 0 ? Math.sqrt(ss / denom) : NaN;
}

/**
 * A RankedPanel from per-column sums of U_it − ½ and counts: Ū_t = sum / count per column, and
 * S_U = √(mean Ū_t²) over the estimation and event columns with data, taken in ascending column
 * order (so the sum of squares is the same whichever ranker built the sums).
 */
function rankedPanelFromSums(
  n: number,
  days: number,
  estimation: [number, number],
  event: [number, number],
  sumU: Float64Array,
  rankCount: Float64Array,
  eventHasData: Uint8Array,
): RankedPanel {
  const [e0, e1] = estimation;
  const [v0, v1] = event;
  const meanRank = new Float64Array(days).fill(NaN);
  let ss = 0;
  let L = 0;
  const ranges = e0 < v0 ? [[e0, e1], [v0, v1]] : [[v0, v1], [e0, e1]];
  for (const [c0, c1] of ranges) {
    for (let col = c0; col < c1; col++) {
      if (rankCount[col] === 0) continue;
      const u = sumU[col] / rankCount[col];
      meanRank[col] = u;
      ss += u * u;
      L++;
    }
  }
  return { n, days, estimation, event, meanRank, rankCount: Float64Array.from(rankCount), rankSd: L > 0 ? Math.sqrt(ss / L) : NaN, rankDays: L, eventHasData };
}

/**
 * Ranks events one row at a time into Corrado's per-column sums (test 8): U_it − ½ =
 * rank_it/(n_i + 1) − ½ over each row's finite estimation + event values (ties averaged), summed
 * per column with the count of events there; `result` turns the sums into Ū_t and S_U.
 * Memory: O(days) plus one byte per event and event day (the N reported per window).
 */
export function createCorradoRanker(shape: PanelShape, expectedEvents?: number): CorradoRanker {
  const { days } = shape;
  const [e0, e1] = shape.estimation;
  const [v0, v1] = shape.event;
  const scratch = sortScratch(e1 - e0 + v1 - v0);
  const sumU = new Float64Array(days);
  const rankCount = new Float64Array(days);
  const eventDays = v1 - v0;
  const hasData = byteColumn((expectedEvents ?? 64) * eventDays);
  let n = 0;
  let taken: RankedPanel | null = null;
  return {
    add(values, offset) {
      const ni = sortFinite(scratch.inKeys, scratch.inIdx, scratch.keys, scratch.idx, scratch.bucket, scratch.start, values, offset, e0, e1, v0, v1);
      addSortedRanks(scratch.keys, scratch.idx, ni, sumU, rankCount);
      for (let j = 0; j < eventDays; j++) {
        const v = values[offset + v0 + j];
        hasData.push(v - v === 0 ? 1 : 0);
      }
      n++;
    },
    result() {
      if (taken) return taken;
      taken = rankedPanelFromSums(n, days, [e0, e1], [v0, v1], sumU, rankCount, hasData.view());
      return taken;
    },
  };
}

/**
 * Adds one event's U_it − ½ = rank/(n_i + 1) − ½ to sumU[c] and 1 to rankCount[c], from its n_i
 * finite ARs sorted ascending (keys) with their columns (idx). Tie groups at positions a+1..b
 * share rank (a + 1 + b)/2.
 */
function addSortedRanks(keys: Float64Array, idx: Int32Array, ni: number, sumU: Float64Array, rankCount: Float64Array): void {
  for (let a = 0; a < ni; ) {
    let b = a + 1;
    while (b < ni && keys[b] === keys[a]) b++;
    const u = (a + 1 + b) / 2 / (ni + 1) - 0.5;
    for (let q = a; q < b; q++) {
      const col = idx[q];
      sumU[col] += u;
      rankCount[col]++;
    }
    a = b;
  }
}

/**
 * Ranks every event's ARs once and reduces them to Corrado's per-column mean standardized ranks
 * (test 8), so `corradoRankT` can test any number of days and windows without re-ranking.
 *
 * Per event i, its ARs over the estimation + event columns are ranked (ties averaged, missing
 * days skipped): U_it = rank_it / (1 + n_i), n_i = its non-missing days. Per column
 * Ū_t = (1/N_t) Σ_i (U_it − ½); S_U = √((1/L) Σ_t Ū_t²) over the L columns with data.
 * Accepts a panel row by row ({@link ArPanelRows}) so callers need not build an n × days copy.
 *
 * @example
 * const ranked = standardizedRanks(panel);
 * for (let c = panel.event[0]; c < panel.event[1]; c++) corradoRankT(ranked, [c, c]);
 */
export function standardizedRanks(panel: ArPanel | ArPanelRows): RankedPanel {
  checkAnyPanel(panel);
  const ranker = createCorradoRanker(panel);
  forEachRow(panel, (values, offset) => ranker.add(values, offset));
  return ranker.result();
}

/** Calls f(values, offset) for each event row of either panel form, in event order. */
function forEachRow(panel: ArPanel | ArPanelRows, f: (values: Float64Array, offset: number, i: number) => void): void {
  if (isRows(panel)) {
    const row = new Float64Array(panel.days);
    for (let i = 0; i < panel.n; i++) {
      panel.row(i, row);
      f(row, 0, i);
    }
  } else {
    for (let i = 0; i < panel.n; i++) f(panel.values, i * panel.days, i);
  }
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
 * Ranking dominates the cost and does not depend on the window: to test many days or windows of
 * one panel, rank it once with {@link standardizedRanks} and pass the result instead of the panel
 * (same numbers). Given a bare ArPanel, this ranks it on every call.
 *
 * @param window inclusive panel column range [first, last], inside the event columns.
 */
export function corradoRankT(panel: ArPanel | RankedPanel, window: readonly [number, number]): TestResult {
  let ranked: RankedPanel;
  if (isRanked(panel)) {
    ranked = panel;
    checkRankedWindow(ranked, window);
  } else {
    checkPanel(panel);
    checkWindow(panel, window);
    ranked = standardizedRanks(panel);
  }
  const test = 'corrado-rank';
  const label = 'Corrado rank Z (Corrado–Zivney 1992)';
  const { n, meanRank, rankCount, eventHasData } = ranked;
  const v0 = ranked.event[0];
  const eventDays = ranked.event[1] - v0;
  // Events with at least one return in the window (the N reported).
  let nUsed = 0;
  for (let i = 0; i < n; i++) {
    const row = i * eventDays - v0;
    for (let col = window[0]; col <= window[1]; col++) {
      if (eventHasData[row + col]) {
        nUsed++;
        break;
      }
    }
  }
  let windowSum = 0;
  let L2 = 0;
  for (let col = window[0]; col <= window[1]; col++) {
    if (rankCount[col] === 0) continue;
    windowSum += meanRank[col];
    L2++;
  }
  if (L2 === 0) return unavailable(test, label, 0, 'normal', 'no event has data in the window');
  const sU = ranked.rankSd;
  if (!(sU > 0)) return unavailable(test, label, nUsed, 'normal', 'zero variance of mean ranks');
  const se = Math.sqrt(L2) * sU;
  const stat = windowSum / se;
  return { test, label, stat, p: normalTwoSidedP(stat), n: nUsed, df: null, distribution: 'normal', se };
}

/**
 * The window-independent part of GRANK (test 11), from {@link grankRanks} or a
 * {@link createGrankRanker}: each event's estimation SARs ranked once, summed per day as if the
 * collapsed day 0 ranked below all of them.
 */
export interface GrankRanks {
  /** The panel these were computed from (grankT checks it is handed the same one); null from a ranker. */
  source: Float64Array | ArPanelRows | null;
  estimation: [number, number];
  /** The residual df per event used for s_i, or null for the sample variance (M_i − 1). */
  dfs: Float64Array | null;
  /** s_i per event (NaN when the event has no usable estimation variance). */
  sd: Float64Array;
  /** Finite estimation SARs per event. */
  count: Int32Array;
  /** 1 where an event has a SAR of +∞ (overflow), which the fast window pass must skip. */
  hasInfinity: Uint8Array;
  /** Σ_i (rank_ic / (m_i + 2) − ½) and the number of events with data, per estimation day. */
  baseSum: Float64Array;
  baseCount: Float64Array;
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
  /**
   * The panel's estimation ranks from grankRanks(panel, dfs) or a GRANK ranker fed the same rows,
   * to reuse across windows (same dfs). When absent they are computed on this call.
   */
  ranks?: GrankRanks;
}

function sameValues(a: Float64Array | null, b: Float64Array | null): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function parseDfs(dfs: Values | undefined, n: number): Float64Array | null {
  if (dfs === undefined) return null;
  const out = finiteArray(dfs, 'grankT dfs');
  if (out.length !== n) throw new InputError(`grankT: ${out.length} dfs for ${n} events`);
  return out;
}

/** GRANK's ranker: `add` one event's row at a time (with its df), `result` the ranks so far. */
export interface GrankRanker {
  /** Adds the event whose estimation ARs are values[offset + c], c over the estimation columns; df null = M_i − 1. */
  add(values: Float64Array, offset: number, df: number | null): void;
  /** The ranks so far (once: the per-event arrays are handed over); `dfs` the same dfs add was given, or null. */
  result(dfs: Float64Array | null): GrankRanks;
}

/**
 * Standardizes and ranks each event's estimation ARs as it comes (GRANK steps 1 and 3 without
 * day 0): s_i² = Σ_est (AR − mean)² / df_i (or / (M_i − 1)), SAR_it = AR_it / s_i, and each SAR's
 * U = rank/(m_i + 2) − ½ added to its day's sum. Memory: O(estimation days) plus 17 bytes per event.
 */
export function createGrankRanker(shape: Pick<PanelShape, 'estimation'>, expectedEvents?: number): GrankRanker {
  const [e0, e1] = shape.estimation;
  const M = e1 - e0;
  const scratch = sortScratch(M);
  const row = new Float64Array(M);
  const baseSum = new Float64Array(M);
  const baseCount = new Float64Array(M);
  const sd = floatColumn(expectedEvents);
  const count = intColumn(expectedEvents);
  const inf = byteColumn(expectedEvents);
  let anyDf = false;
  let allDf = true;
  return {
    add(values, offset, df) {
      if (df === null) allDf = false;
      else anyDf = true;
      const s = estimationSd(values, offset, e0, e1, df);
      if (!(s > 0)) {
        sd.push(NaN);
        count.push(0);
        inf.push(0);
        return;
      }
      sd.push(s);
      let infinite = 0;
      for (let c = e0; c < e1; c++) {
        const v = values[offset + c];
        row[c - e0] = Number.isFinite(v) ? v / s : NaN;
        // +∞ (a value of +∞, or a finite AR over a tiny s_i) is missing here but not to the fast window pass.
        if (v / s === Infinity) infinite = 1;
      }
      inf.push(infinite);
      const finite = sortFinite(scratch.inKeys, scratch.inIdx, scratch.keys, scratch.idx, scratch.bucket, scratch.start, row, 0, 0, M, 0, 0);
      count.push(finite);
      const { keys, idx } = scratch;
      // With day 0 the event has finite + 1 values: U = rank / (finite + 2) − ½.
      for (let a = 0; a < finite; ) {
        let b = a + 1;
        while (b < finite && keys[b] === keys[a]) b++;
        const u = (a + 1 + b) / 2 / (finite + 2) - 0.5;
        for (let q = a; q < b; q++) {
          baseSum[idx[q]] += u;
          baseCount[idx[q]]++;
        }
        a = b;
      }
    },
    result(dfs) {
      if (anyDf && !allDf) throw new InputError('grank ranker: give a df for every event or for none');
      if ((dfs !== null) !== anyDf) throw new InputError('grank ranker: result() needs the dfs the events were added with');
      return {
        source: null,
        estimation: [e0, e1],
        dfs,
        sd: sd.view(),
        count: count.view(),
        hasInfinity: inf.view(),
        baseSum: Float64Array.from(baseSum),
        baseCount: Float64Array.from(baseCount),
      };
    },
  };
}

/** Corrado's and GRANK's rankers in one: each event's row is sorted once for both. */
export interface PanelRanker {
  /** Adds one event's row (estimation and event columns), with its residual df (null = M_i − 1) for GRANK. */
  add(values: Float64Array, offset: number, df: number | null): void;
  corrado(): RankedPanel;
  grank(dfs: Float64Array | null): GrankRanks;
}

/**
 * {@link createCorradoRanker} and {@link createGrankRanker} with one sort per event: the row's
 * finite ARs are sorted once over the estimation and event columns (Corrado); GRANK's estimation
 * SARs AR/s_i are the estimation part of the same order (dividing by s_i > 0 keeps the order, and
 * values it makes equal stay adjacent, so ties are grouped on the SARs themselves): the same
 * numbers as the two rankers, at half the sorting.
 */
export function createPanelRanker(shape: PanelShape, expectedEvents?: number): PanelRanker {
  const { days } = shape;
  const [e0, e1] = shape.estimation;
  const [v0, v1] = shape.event;
  const M = e1 - e0;
  const scratch = sortScratch(e1 - e0 + v1 - v0);
  const sumU = new Float64Array(days);
  const rankCount = new Float64Array(days);
  const eventDays = v1 - v0;
  const hasData = byteColumn((expectedEvents ?? 64) * eventDays);
  const baseSum = new Float64Array(M);
  const baseCount = new Float64Array(M);
  const sd = floatColumn(expectedEvents);
  const count = intColumn(expectedEvents);
  const inf = byteColumn(expectedEvents);
  const sarKeys = new Float64Array(M);
  const sarIdx = new Int32Array(M);
  let n = 0;
  let anyDf = false;
  let allDf = true;
  let corrado: RankedPanel | null = null;
  return {
    add(values, offset, df) {
      n++;
      if (df === null) allDf = false;
      else anyDf = true;
      const ni = sortFinite(scratch.inKeys, scratch.inIdx, scratch.keys, scratch.idx, scratch.bucket, scratch.start, values, offset, e0, e1, v0, v1);
      addSortedRanks(scratch.keys, scratch.idx, ni, sumU, rankCount);
      for (let j = 0; j < eventDays; j++) {
        const v = values[offset + v0 + j];
        hasData.push(v - v === 0 ? 1 : 0);
      }
      // GRANK: s_i from the estimation ARs, then their SARs in the sorted order.
      const s = estimationSd(values, offset, e0, e1, df);
      if (!(s > 0)) {
        sd.push(NaN);
        count.push(0);
        inf.push(0);
        return;
      }
      sd.push(s);
      let infinite = 0;
      // +∞ (a value of +∞, or a finite AR over a tiny s_i) is missing here but not to the fast window pass.
      for (let c = e0; c < e1; c++) if (values[offset + c] / s === Infinity) infinite = 1;
      let finite = 0;
      const { keys, idx } = scratch;
      for (let q = 0; q < ni; q++) {
        const c = idx[q];
        if (c < e0 || c >= e1) continue;
        const x = keys[q] / s;
        if (!(x - x === 0)) continue;
        sarKeys[finite] = x;
        sarIdx[finite++] = c - e0;
      }
      inf.push(infinite);
      count.push(finite);
      for (let a = 0; a < finite; ) {
        let b = a + 1;
        while (b < finite && sarKeys[b] === sarKeys[a]) b++;
        const u = (a + 1 + b) / 2 / (finite + 2) - 0.5;
        for (let q = a; q < b; q++) {
          baseSum[sarIdx[q]] += u;
          baseCount[sarIdx[q]]++;
        }
        a = b;
      }
    },
    corrado() {
      if (corrado) return corrado;
      corrado = rankedPanelFromSums(n, days, [e0, e1], [v0, v1], sumU, rankCount, hasData.view());
      return corrado;
    },
    grank(dfs) {
      if (anyDf && !allDf) throw new InputError('grank ranker: give a df for every event or for none');
      if ((dfs !== null) !== anyDf) throw new InputError('grank ranker: grank() needs the dfs the events were added with');
      return { source: null, estimation: [e0, e1], dfs, sd: sd.view(), count: count.view(), hasInfinity: inf.view(), baseSum: Float64Array.from(baseSum), baseCount: Float64Array.from(baseCount) };
    },
  };
}

/**
 * Standardizes and ranks each event's estimation ARs once (GRANK steps 1 and 3 without day 0), for
 * every window `grankT` tests on this panel. s_i² = Σ_est (AR − mean)² / df_i (dfs given) or
 * / (M_i − 1); SAR_it = AR_it / s_i.
 *
 * @example
 * const ranks = grankRanks(panel, dfs);
 * for (const w of windows) grankT(panel, w, { dfs, ranks });
 */
export function grankRanks(panel: ArPanel | ArPanelRows, dfs?: Values): GrankRanks {
  checkAnyPanel(panel);
  const dfArray = parseDfs(dfs, panel.n);
  const ranker = createGrankRanker(panel);
  forEachRow(panel, (values, offset, i) => ranker.add(values, offset, dfArray ? dfArray[i] : null));
  return { ...ranker.result(dfArray), source: isRows(panel) ? panel : panel.values };
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
 * The estimation SARs are ranked once per panel ({@link grankRanks}, pass it as options.ranks
 * to reuse it across windows); each window then only places day 0 among them, reading each
 * event's row once more (a panel given row by row is asked for each row again).
 *
 * @param window inclusive panel column range [first, last] of the CAR window, inside the event columns.
 */
export function grankT(panel: ArPanel | ArPanelRows, window: readonly [number, number], options: GrankOptions = {}): TestResult {
  return grankTWindows(panel, [window], { ...options, scars: options.scars === undefined ? undefined : [options.scars] })[0];
}

/**
 * {@link grankT} for several windows of one panel in one pass over its events (each event's row
 * is read once, not once per window: a streamed study replays rows, which costs more than the
 * comparisons). `options.scars`, when given, has one list of SCAR_i per window.
 */
export function grankTWindows(
  panel: ArPanel | ArPanelRows,
  windows: readonly (readonly [number, number])[],
  options: Omit<GrankOptions, 'scars'> & { scars?: Values[] } = {},
): TestResult[] {
  const rows = isRows(panel) ? panel : null;
  for (const window of windows) {
    if (rows) {
      checkRows(rows);
      checkWindow({ n: rows.n, days: rows.days, estimation: rows.estimation, event: rows.event, values: { length: rows.n * rows.days } as Float64Array }, window);
    } else {
      checkPanel(panel as ArPanel);
      checkWindow(panel as ArPanel, window);
    }
  }
  const test = 'grank';
  const label = 'GRANK t (Kolari–Pynnönen 2011)';
  const { n, days } = panel;
  const [e0, e1] = panel.estimation;
  const M = e1 - e0;
  const W = windows.length;
  if (options.scars !== undefined && options.scars.length !== W) throw new InputError(`grankT: ${options.scars.length} SCAR lists for ${W} windows`);
  const scarsIn = options.scars === undefined ? null : options.scars.map((x) => finiteArray(x, 'grankT SCARs'));
  for (const x of scarsIn ?? []) if (x.length !== n) throw new InputError(`grankT: ${x.length} SCARs for ${n} events`);
  const dfs = parseDfs(options.dfs, n);
  let est: GrankRanks;
  if (options.ranks) {
    est = options.ranks;
    const source = rows ?? (panel as ArPanel).values;
    if ((est.source !== null && est.source !== source) || est.estimation[0] !== e0 || est.estimation[1] !== e1 || !sameValues(est.dfs, dfs) || est.sd.length !== n) {
      throw new InputError('grankT: options.ranks were built from another panel or other dfs; build them with grankRanks(panel, dfs)');
    }
  } else {
    est = grankRanks(panel, dfs ?? undefined);
  }
  // Row i of the panel: the values array itself, or a buffer the rows form fills.
  const buffer = rows ? new Float64Array(days) : null;
  const rowOf = (i: number): [Float64Array, number] => {
    if (!rows) return [(panel as ArPanel).values, i * days];
    rows.row(i, buffer as Float64Array);
    return [buffer as Float64Array, 0];
  };

  const T = M + 1;
  // Per window: SCAR_i (given, or from the panel's CAR over s_i √L2), re-standardized by its
  // cross-sectional sd (event-induced volatility).
  const scar = windows.map(() => new Float64Array(n).fill(NaN));
  if (!scarsIn) {
    for (let i = 0; i < n; i++) {
      const s = est.sd[i];
      if (!(s > 0)) continue; // no usable estimation variance: the event drops out
      const [values, off] = rowOf(i);
      windows.forEach((window, w) => {
        let car = 0;
        let l2 = 0;
        for (let c = window[0]; c <= window[1]; c++) {
          const v = values[off + c];
          if (Number.isFinite(v)) {
            car += v;
            l2++;
          }
        }
        if (l2 > 0) scar[w][i] = car / (s * Math.sqrt(l2));
      });
    }
  } else {
    for (let i = 0; i < n; i++) if (est.sd[i] > 0) for (let w = 0; w < W; w++) scar[w][i] = scarsIn[w][i];
  }
  const results: (TestResult | null)[] = windows.map(() => null);
  const usable = windows.map(() => new Uint8Array(n));
  const kOf = new Float64Array(W);
  const sdScar = new Float64Array(W);
  for (let w = 0; w < W; w++) {
    let k = 0;
    let sMean = 0;
    for (let i = 0; i < n; i++) {
      if (est.count[i] > 0 && Number.isFinite(scar[w][i])) {
        usable[w][i] = 1;
        sMean += scar[w][i];
        k++;
      }
    }
    kOf[w] = k;
    if (k < 2) {
      results[w] = unavailable(test, label, k, 't', 'needs N ≥ 2 events with estimation data and a CAR', T - 2);
      continue;
    }
    sMean /= k;
    let sVar = 0;
    for (let i = 0; i < n; i++) if (usable[w][i]) sVar += (scar[w][i] - sMean) ** 2;
    sdScar[w] = Math.sqrt(sVar / (k - 1));
    if (!(sdScar[w] > 0)) results[w] = unavailable(test, label, k, 't', 'zero cross-sectional variance of SCARs', T - 2);
  }
  const live = windows.map((_, w) => results[w] === null);
  if (!live.some(Boolean)) return results as TestResult[];

  // Standardized ranks per event, then day means. The estimation SARs were ranked once per panel
  // (baseSum, as if day 0's value g ranked below all of them); adding g raises the rank of each SAR
  // above g by 1 and of each SAR tied with g by ½ (weight 1/(m_i + 2)), and g's own rank is
  // 1 + #below + #tied/2. One branch-free pass over the event's SARs per window.
  const sumU = windows.map(() => {
    const a = new Float64Array(T);
    a.set(est.baseSum);
    return a;
  });
  const countU = windows.map(() => {
    const a = new Float64Array(T);
    a.set(est.baseCount);
    return a;
  });
  let sarBuf: Float64Array | null = null;
  let rankOut: Float64Array | null = null;
  let scratch: SortScratch | null = null;
  for (let i = 0; i < n; i++) {
    const mi = est.count[i];
    const s = est.sd[i];
    if (!(s > 0 && mi > 0)) continue; // not in the base sums, never usable
    const [values, base] = rowOf(i);
    const off = base + e0;
    let removed = false;
    for (let w = 0; w < W; w++) {
      if (!live[w]) continue;
      const su = sumU[w];
      const cu = countU[w];
      if (!usable[w][i]) {
        // An event in the base sums without a CAR here: take its ranks back out.
        if (!removed) {
          sarBuf ??= new Float64Array(M);
          rankOut ??= new Float64Array(M);
          scratch ??= sortScratch(M);
          for (let c = 0; c < M; c++) {
            const v = values[off + c];
            sarBuf[c] = Number.isFinite(v) ? v / s : NaN;
          }
          rankRange(scratch, sarBuf, 0, 0, M, rankOut);
          removed = true;
        }
        for (let c = 0; c < M; c++) {
          const r = (rankOut as Float64Array)[c];
          if (r !== r) continue;
          su[c] -= r / (mi + 2) - 0.5;
          cu[c]--;
        }
        continue;
      }
      const g = scar[w][i] / sdScar[w];
      const wt = 1 / (mi + 2);
      const half = 0.5 * wt;
      let atOrAbove = 0;
      let above = 0;
      if (est.hasInfinity[i]) {
        for (let c = 0; c < M; c++) {
          const x = values[off + c] / s;
          if (!(x - x === 0)) continue;
          if (x >= g) {
            const gt = x > g ? 1 : 0;
            su[c] += half * (1 + gt);
            atOrAbove++;
            above += gt;
          }
        }
      } else {
        // NaN (missing) compares false both ways and adds 0; -∞ counts as neither, as it should.
        for (let c = 0; c < M; c++) {
          const x = values[off + c] / s;
          const ge = +(x >= g);
          const gt = +(x > g);
          su[c] += half * (ge + gt);
          atOrAbove += ge;
          above += gt;
        }
      }
      const lo = mi - atOrAbove; // SARs below g
      const hi = mi - above; // SARs at or below g
      const rank0 = (lo + hi) / 2 + 1;
      su[M] += rank0 * wt - 0.5;
      cu[M]++;
    }
  }
  for (let w = 0; w < W; w++) {
    if (!live[w]) continue;
    const k = kOf[w];
    const su = sumU[w];
    const cu = countU[w];
    let ss = 0;
    let tDays = 0;
    for (let c = 0; c < T; c++) {
      if (cu[c] === 0) continue;
      const u = su[c] / cu[c];
      ss += (cu[c] / k) * u * u;
      tDays++;
    }
    const sU = Math.sqrt(ss / tDays);
    if (!(sU > 0) || tDays < 3) {
      results[w] = unavailable(test, label, k, 't', 'too few days or zero rank variance', tDays - 2);
      continue;
    }
    const u0 = su[M] / cu[M];
    const z = u0 / sU;
    const df = tDays - 2;
    const denom = tDays - 1 - z * z;
    if (!(denom > 0)) {
      results[w] = unavailable(test, label, k, 't', `|Z| = ${precise(Math.abs(z), 4)} ≥ √(T − 1): t transform undefined`, df);
      continue;
    }
    const stat = z * Math.sqrt(df / denom);
    results[w] = { test, label, stat, p: studentTTwoSidedP(stat, df), n: k, df, distribution: 't', note: `Z = ${precise(z, 6)}` };
  }
  return results as TestResult[];
}
