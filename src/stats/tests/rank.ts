/**
 * Rank tests on an AR panel (STATISTICS.md tests 8 and 11): Corrado (1989) with Corrado &
 * Zivney (1992) standardized ranks and Cowan's (1992) window form, and Kolari & Pynnönen's (2011)
 * generalized rank test GRANK.
 *
 * Ranking is the costly step and does not depend on the tested window, so it is done once per
 * panel: `standardizedRanks` (Corrado) and `grankRanks` (GRANK) return plain data that the test
 * functions accept in place of re-ranking, for a battery over many days and CAR windows. Called
 * with a bare ArPanel, the tests rank it themselves and give the same numbers.
 */
import { InputError } from '../../errors.ts';
import { precise } from '../../format.ts';
import { normalTwoSidedP, studentTTwoSidedP } from '../distributions.ts';
import type { ArPanel, ArPanelRows, RankedPanel, TestResult } from '../types.ts';
import { checkPanel, checkWindow, finiteArray, unavailable, type Values } from './common.ts';

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
 * Rows up to this length are sorted in preallocated module-level buffers (128 KB): V8 then
 * compiles the sort against fixed arrays, which measured ~25% faster than buffers passed in.
 * Longer rows (over 16 years of daily returns) take {@link sortFiniteLong}.
 */
const FAST_ROW = 4096;
/** Gathered finite values and their columns, in row order. */
const IN_KEYS = new Float64Array(FAST_ROW);
const IN_IDX = new Int32Array(FAST_ROW);
/** The same values sorted ascending, and their columns: the output of sortFinite. */
const KEYS = new Float64Array(FAST_ROW);
const IDX = new Int32Array(FAST_ROW);
/** Bucket of each gathered value, and bucket start offsets. */
const BUCKET = new Int32Array(FAST_ROW);
const START = new Int32Array(FAST_ROW + 1);

/** Largest bucket left to insertion sort; a more crowded one (outliers squeeze the rest) switches to quicksort. */
const CROWDED_BUCKET = 32;

/**
 * Sorts the finite values src[offset + c] for columns c in [a0, a1) and [b0, b1) (at most FAST_ROW
 * of them) ascending into KEYS, with their columns in IDX; returns their count m.
 *
 * Distribution sort: a counting pass into m equal-width buckets between min and max, then one
 * insertion-sort pass, which only moves values within a bucket. About 3× faster than quicksort on
 * the ~260-value rows of a rank test. Exact for any data: the bucket ⌊(v − min)·m/(max − min)⌋
 * never decreases as v grows (each rounded floating-point step is monotone), and the final pass
 * compares the values themselves. Falls back to quicksort when the buckets degenerate (a crowded
 * bucket, or a range too small or too large for a finite scale).
 */
function sortFinite(src: Float64Array, offset: number, a0: number, a1: number, b0: number, b1: number): number {
  let m = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let c = a0; c < a1; c++) {
    const v = src[offset + c];
    if (v - v === 0) {
      // finite (NaN and ±Infinity give NaN)
      IN_KEYS[m] = v;
      IN_IDX[m++] = c;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  for (let c = b0; c < b1; c++) {
    const v = src[offset + c];
    if (v - v === 0) {
      IN_KEYS[m] = v;
      IN_IDX[m++] = c;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const scale = m / (hi - lo);
  if (!(scale > 0 && scale < Infinity)) {
    // m ≤ 1, all values equal (already sorted), or a degenerate range.
    for (let q = 0; q < m; q++) {
      KEYS[q] = IN_KEYS[q];
      IDX[q] = IN_IDX[q];
    }
    if (hi > lo) sortKeysWithIndex(KEYS, IDX, m);
    return m;
  }
  for (let b = 0; b <= m; b++) START[b] = 0;
  let crowded = 0;
  for (let q = 0; q < m; q++) {
    let b = ((IN_KEYS[q] - lo) * scale) | 0;
    if (b >= m) b = m - 1;
    BUCKET[q] = b;
    const size = ++START[b + 1];
    if (size > crowded) crowded = size;
  }
  for (let b = 1; b <= m; b++) START[b] += START[b - 1];
  for (let q = 0; q < m; q++) {
    const pos = START[BUCKET[q]]++;
    KEYS[pos] = IN_KEYS[q];
    IDX[pos] = IN_IDX[q];
  }
  if (crowded > CROWDED_BUCKET) {
    sortKeysWithIndex(KEYS, IDX, m);
    return m;
  }
  for (let q = 1; q < m; q++) {
    const k = KEYS[q];
    if (KEYS[q - 1] <= k) continue;
    const x = IDX[q];
    let j = q - 1;
    while (j >= 0 && KEYS[j] > k) {
      KEYS[j + 1] = KEYS[j];
      IDX[j + 1] = IDX[j];
      j--;
    }
    KEYS[j + 1] = k;
    IDX[j + 1] = x;
  }
  return m;
}

/** sortFinite for rows longer than FAST_ROW: gathers into the caller's keys/idx and quicksorts. */
function sortFiniteLong(keys: Float64Array, idx: Int32Array, src: Float64Array, offset: number, a0: number, a1: number, b0: number, b1: number): number {
  let m = 0;
  for (const [c0, c1] of [[a0, a1], [b0, b1]]) {
    for (let c = c0; c < c1; c++) {
      const v = src[offset + c];
      if (v - v === 0) {
        keys[m] = v;
        idx[m++] = c;
      }
    }
  }
  sortKeysWithIndex(keys, idx, m);
  return m;
}

/**
 * Sorts a row's finite values src[offset + c], c in [a0, a1) ∪ [b0, b1), ascending with their
 * columns; returns their count. Rows up to FAST_ROW go to KEYS/IDX (sortFinite), longer ones to
 * the caller's longKeys/longIdx (quicksort). Only typed arrays and numbers cross this call: an
 * object here (e.g. a buffers record per panel) made V8 throw away the optimized loops whenever
 * one was garbage-collected.
 */
function sortRow(
  longKeys: Float64Array | null,
  longIdx: Int32Array | null,
  src: Float64Array,
  offset: number,
  a0: number,
  a1: number,
  b0: number,
  b1: number,
): number {
  return longKeys && longIdx ? sortFiniteLong(longKeys, longIdx, src, offset, a0, a1, b0, b1) : sortFinite(src, offset, a0, a1, b0, b1);
}

/**
 * Average ranks (1-based, ties share the mean of their positions) of the finite values
 * src[offset + c], c in [c0, c1), into ranks[c - c0] (NaN where not finite); returns their count.
 */
function rankRange(src: Float64Array, offset: number, c0: number, c1: number, ranks: Float64Array): number {
  ranks.fill(NaN, 0, c1 - c0);
  const long = c1 - c0 > FAST_ROW;
  const keys = long ? new Float64Array(c1 - c0) : KEYS;
  const idx = long ? new Int32Array(c1 - c0) : IDX;
  const m = sortRow(long ? keys : null, long ? idx : null, src, offset, c0, c1, 0, 0);
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
  rankRange(values, 0, 0, values.length, ranks);
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

/** checkWindow on a panel known only by its column ranges (a RankedPanel). */
function checkRankedWindow(ranked: RankedPanel, window: readonly [number, number]): void {
  const { n, days, estimation, event, meanRank, rankCount, eventHasData } = ranked;
  if (meanRank.length !== days || rankCount.length !== days || eventHasData.length !== n * (event[1] - event[0])) {
    throw new InputError(`corradoRankT: ranked panel arrays do not match n=${n}, days=${days}; build it with standardizedRanks()`);
  }
  checkWindow({ n, days, estimation, event, values: meanRank }, window);
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
  const rows = isRows(panel) ? panel : null;
  if (rows) checkRows(rows);
  else checkPanel(panel as ArPanel);
  const { n, days } = panel;
  const values = rows ? new Float64Array(days) : (panel as ArPanel).values;
  const [e0, e1] = panel.estimation;
  const [v0, v1] = panel.event;
  const len = e1 - e0 + v1 - v0;
  const longKeys = len > FAST_ROW ? new Float64Array(len) : null;
  const longIdx = len > FAST_ROW ? new Int32Array(len) : null;
  const sumU = new Float64Array(days);
  const rankCount = new Float64Array(days);
  const eventDays = v1 - v0;
  const eventHasData = new Uint8Array(n * eventDays);
  for (let i = 0; i < n; i++) {
    let offset = i * days;
    if (rows) {
      rows.row(i, values);
      offset = 0;
    }
    const ni = sortRow(longKeys, longIdx, values, offset, e0, e1, v0, v1);
    addSortedRanks(longKeys ?? KEYS, longIdx ?? IDX, ni, sumU, rankCount);
    for (let j = 0; j < eventDays; j++) {
      const v = values[offset + v0 + j];
      eventHasData[i * eventDays + j] = v - v === 0 ? 1 : 0;
    }
  }
  const meanRank = new Float64Array(days).fill(NaN);
  let ss = 0;
  let L = 0;
  // Columns in ascending order (as the sums of squares were always taken).
  const first = e0 < v0 ? [e0, e1, v0, v1] : [v0, v1, e0, e1];
  for (const [c0, c1] of [[first[0], first[1]], [first[2], first[3]]]) {
    for (let col = c0; col < c1; col++) {
      if (rankCount[col] === 0) continue;
      const u = sumU[col] / rankCount[col];
      meanRank[col] = u;
      ss += u * u;
      L++;
    }
  }
  return {
    n,
    days,
    estimation: [e0, e1],
    event: [v0, v1],
    meanRank,
    rankCount,
    rankSd: L > 0 ? Math.sqrt(ss / L) : NaN,
    rankDays: L,
    eventHasData,
  };
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
 * The window-independent part of GRANK (test 11), from {@link grankRanks}: each event's estimation
 * SARs ranked once, summed per day as if the collapsed day 0 ranked below all of them.
 */
export interface GrankRanks {
  /** The panel values these were computed from (grankT checks it is handed the same panel). */
  values: Float64Array;
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
   * The panel's estimation ranks from grankRanks(panel, dfs), to reuse across windows (must be
   * built from this panel and the same dfs). When absent they are computed on this call.
   */
  ranks?: GrankRanks;
}

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

function parseDfs(dfs: Values | undefined, n: number): Float64Array | null {
  if (dfs === undefined) return null;
  const out = finiteArray(dfs, 'grankT dfs');
  if (out.length !== n) throw new InputError(`grankT: ${out.length} dfs for ${n} events`);
  return out;
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
export function grankRanks(panel: ArPanel, dfs?: Values): GrankRanks {
  checkPanel(panel);
  const { n, days, values } = panel;
  const dfArray = parseDfs(dfs, n);
  const [e0, e1] = panel.estimation;
  const M = e1 - e0;
  const sd = new Float64Array(n).fill(NaN);
  const count = new Int32Array(n);
  const hasInfinity = new Uint8Array(n);
  const baseSum = new Float64Array(M);
  const baseCount = new Float64Array(M);
  const row = new Float64Array(M);
  const longKeys = M > FAST_ROW ? new Float64Array(M) : null;
  const longIdx = M > FAST_ROW ? new Int32Array(M) : null;
  const keys = longKeys ?? KEYS;
  const idx = longIdx ?? IDX;
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
    const denom = dfArray ? dfArray[i] : m - 1;
    const s = denom > 0 ? Math.sqrt(ss / denom) : NaN;
    if (!(s > 0)) continue;
    sd[i] = s;
    sarRow(panel, i, s, row);
    // +∞ (a value of +∞, or a finite AR over a tiny s_i) is missing here but not to the fast window pass.
    for (let c = e0; c < e1; c++) if (values[i * days + c] / s === Infinity) hasInfinity[i] = 1;
    const finite = sortRow(longKeys, longIdx, row, 0, 0, M, 0, 0);
    count[i] = finite;
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
  }
  return { values, estimation: [e0, e1], dfs: dfArray, sd, count, hasInfinity, baseSum, baseCount };
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
 * to reuse it across windows); each window then only places day 0 among them.
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
  if (scarsIn && scarsIn.length !== n) throw new InputError(`grankT: ${scarsIn.length} SCARs for ${n} events`);
  const dfs = parseDfs(options.dfs, n);
  let est: GrankRanks;
  if (options.ranks) {
    est = options.ranks;
    if (est.values !== values || est.estimation[0] !== e0 || est.estimation[1] !== e1 || !sameValues(est.dfs, dfs)) {
      throw new InputError('grankT: options.ranks were built from another panel or other dfs; build them with grankRanks(panel, dfs)');
    }
  } else {
    est = grankRanks(panel, dfs ?? undefined);
  }

  const T = M + 1;
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
  // above g by 1 and of each SAR tied with g by ½ (weight w = 1/(m_i + 2)), and g's own rank is
  // 1 + #below + #tied/2. One branch-free pass over the event's SARs per window.
  const sumU = new Float64Array(T);
  sumU.set(est.baseSum);
  const countU = new Float64Array(T);
  countU.set(est.baseCount);
  let row: Float64Array | null = null;
  let rankOut: Float64Array | null = null;
  for (let i = 0; i < n; i++) {
    const mi = est.count[i];
    const s = est.sd[i];
    if (!usable[i]) {
      // An event in the base sums without a CAR here: take its ranks back out.
      if (s > 0 && mi > 0) {
        row ??= new Float64Array(M);
        rankOut ??= new Float64Array(M);
        sarRow(panel, i, s, row);
        rankRange(row, 0, 0, M, rankOut);
        for (let c = 0; c < M; c++) {
          const r = rankOut[c];
          if (r !== r) continue;
          sumU[c] -= r / (mi + 2) - 0.5;
          countU[c]--;
        }
      }
      continue;
    }
    const g = scar[i] / sdScar;
    const w = 1 / (mi + 2);
    const half = 0.5 * w;
    const off = i * days + e0;
    let atOrAbove = 0;
    let above = 0;
    if (est.hasInfinity[i]) {
      for (let c = 0; c < M; c++) {
        const x = values[off + c] / s;
        if (!(x - x === 0)) continue;
        if (x >= g) {
          const gt = x > g ? 1 : 0;
          sumU[c] += half * (1 + gt);
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
        sumU[c] += half * (ge + gt);
        atOrAbove += ge;
        above += gt;
      }
    }
    const lo = mi - atOrAbove; // SARs below g
    const hi = mi - above; // SARs at or below g
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
  if (!(denom > 0)) return unavailable(test, label, k, 't', `|Z| = ${precise(Math.abs(z), 4)} ≥ √(T − 1): t transform undefined`, df);
  const stat = z * Math.sqrt(df / denom);
  return { test, label, stat, p: studentTTwoSidedP(stat, df), n: k, df, distribution: 't', note: `Z = ${precise(z, 6)}` };
}
