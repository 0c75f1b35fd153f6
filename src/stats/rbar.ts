/**
 * Kolari & Pynnönen's (2010) r̄ at any number of events: the mean, over event pairs i < j, of the
 * Pearson correlation of their estimation residuals on their COMMON CALENDAR DATES, each pair with
 * its own means there, pairs with fewer than `minCommon` (30) common dates or a zero variance on
 * them left out (STATISTICS.md test 4; the definition of {@link meanPairwiseCorrelation}).
 *
 * The definition is O(N² · M). This module computes the same number exactly along the cheapest of
 * two routes, and estimates it from a seeded sample of pairs only where both would cost too much:
 *
 * 1. Identical events collapse. Events with the same residual series on the same dates (the same
 *    security, benchmark and day 0) become one with a weight; their pairs correlate exactly 1.
 * 2. Route "series" (O(1) per pair). A residual is a fixed linear combination of a few series on
 *    the calendar: e_t = c_0 + Σ_k c_k u_k(t) (u = the security's return and the model's regressors,
 *    c = (−α, 1, −β...)), identical for every event of a security. For each pair of such series
 *    (a, b), prefix sums over the calendar of every product u_a,k·u_b,l (and of u_a,k·u_a,l,
 *    u_b,k·u_b,l, each counted on the days both have) give, for any pair of events and any common
 *    date range, the counts, sums, cross-products and sums of squares in O(p²). Chosen when the
 *    events come from few series (many events per security), e.g. 1,000,000 events on 12 stocks.
 * 3. Route "dates" (O((n_A + n_B)·|I|) per pair of groups). Events whose valid dates are identical
 *    form a group (the common case in clustered studies: many securities, one event date). Within
 *    a group, with z_i the residuals standardized on the shared dates (Σ_t z_it² = 1),
 *    Σ_{i<j} r_ij = (Σ_t (Σ_i z_it)² − n)/2. Between two groups A, B all pairs share the same common
 *    dates I, so with a_it standardized on I, Σ_{i∈A, j∈B} r_ij = Σ_{t∈I} (Σ_i a_it)(Σ_j b_jt).
 *    Groups are taken in order of their first date; pairs of groups overlapping by fewer than
 *    `minCommon` dates are never visited. A group of one is the plain pairwise computation.
 * 4. Sampled. When the cheaper exact route is estimated to cost more than `maxExactCost` (about one
 *    multiply-add per unit; default 4·10⁹, a few seconds here), `samplePairs` (default 200,000)
 *    event pairs are drawn uniformly with a seeded sfc32 stream (seed 1 unless given); r̄ is the
 *    mean correlation of the drawn pairs that qualify, its standard error that of a ratio
 *    estimator, sqrt(Σ_q (r − r̄)² / (k(k − 1))) over the k qualifying draws.
 */
import { InputError } from '../errors.ts';
import { createRng } from './random.ts';

/**
 * Series on a common date axis from which residuals are made: `columns[k][pos]` is u_k on the
 * date with global index `dates[pos]` (strictly increasing); NaN marks a missing value. A residual
 * exists on a position where every column is finite.
 */
export interface ResidualBasis {
  dates: Int32Array;
  columns: Float64Array[];
}

/**
 * The events, one row each (struct of arrays): the basis it is made from, its estimation
 * positions [from, to) in that basis, and its coefficients: residual = coef[0] + Σ_k coef[k+1]·u_k,
 * `stride` numbers per event (at least 1 + the basis' columns; unused ones 0).
 */
export interface ResidualShapes {
  count: number;
  basis: Int32Array;
  from: Int32Array;
  to: Int32Array;
  stride: number;
  coef: Float64Array;
  /**
   * 'residual' (default): coef as above. 'fitted': coef[0..stride) are a model's [intercept,
   * b_1, b_2, ...] and the residual is u_0 − intercept − Σ_k b_k·u_k (a study's fits as they are,
   * without a copy per event); stride then counts the basis' columns.
   */
  form?: 'residual' | 'fitted';
}

export interface RbarOptions {
  /** Fewest common dates for a pair to count (default 30). */
  minCommon?: number;
  /** Cost (≈ multiply-adds) above which r̄ is estimated from sampled pairs (default 4e9). */
  maxExactCost?: number;
  /** Pairs drawn when sampling (default 200,000). */
  samplePairs?: number;
  /** Seed of the pair sample (default 1). */
  seed?: number;
  /** Force a route (tests): 'series', 'dates' or 'sampled'. */
  route?: 'series' | 'dates' | 'sampled';
}

export interface RbarResult {
  /** Mean pairwise correlation, or null when no pair qualifies. */
  rbar: number | null;
  /** Standard error of a sampled estimate; 0 when exact; null when there is no estimate. */
  se: number | null;
  method: 'exact' | 'sampled';
  /** How it was computed: 'series', 'dates' or 'sampled'. */
  route: 'series' | 'dates' | 'sampled';
  /** Event pairs whose correlation entered r̄ (exact), or the qualifying pairs drawn (sampled). */
  pairs: number;
  /** Event pairs left out (fewer than minCommon common dates, or zero variance): exact, or estimated from the sample. */
  skipped: number;
  /** Events (counted with their multiplicity) and distinct residual series. */
  events: number;
  distinct: number;
  /** Pairs drawn when sampled. */
  drawn?: number;
  note?: string;
}

const DEFAULT_MAX_EXACT_COST = 4e9;
const DEFAULT_SAMPLE_PAIRS = 200_000;
/** Memory the series route may use for its prefix sums. */
const SERIES_MEMORY_BYTES = 96 * 1024 * 1024;
/** Memory the dates route may use for the distinct events' residual rows and masks. */
const DATES_MEMORY_BYTES = 192 * 1024 * 1024;

/** Distinct events after collapsing identical ones, sorted by first global date. */
interface Distinct {
  n: number;
  basis: Int32Array;
  from: Int32Array;
  to: Int32Array;
  /** Global date range [g0, g1) of the estimation positions. */
  g0: Int32Array;
  g1: Int32Array;
  weight: Float64Array;
  stride: number;
  coef: Float64Array;
}

/**
 * r̄ of the residuals described by `bases` and `shapes` (see the module doc for the routes).
 * @example
 * const r = residualCorrelation(bases, shapes); // { rbar, se, method: 'exact', route: 'series', pairs, ... }
 */
export function residualCorrelation(bases: readonly ResidualBasis[], shapes: ResidualShapes, options: RbarOptions = {}): RbarResult {
  const minCommon = options.minCommon ?? 30;
  if (!(Number.isInteger(minCommon) && minCommon >= 2)) throw new InputError(`r̄: minCommon must be an integer ≥ 2, got ${minCommon}`);
  checkInput(bases, shapes);
  const d = collapse(bases, shapes);
  let events = 0;
  for (let i = 0; i < d.n; i++) events += d.weight[i];
  const totalPairs = (events * (events - 1)) / 2;
  const base = { events, distinct: d.n };
  if (events < 2) return { rbar: null, se: null, method: 'exact', route: 'dates', pairs: 0, skipped: 0, ...base, note: 'r̄: needs at least two events' };

  const maxCost = options.maxExactCost ?? DEFAULT_MAX_EXACT_COST;
  const candidates = candidatePairs(d, minCommon);
  const seriesPlan = planSeries(bases, d, minCommon);
  const seriesCost = seriesPlan ? candidates * 60 + seriesPlan.cells * 3 : Infinity;
  const datesCost = datesRouteCost(bases, d, minCommon);
  let route = options.route;
  if (!route) route = Math.min(seriesCost, datesCost) <= maxCost ? (seriesCost <= datesCost ? 'series' : 'dates') : 'sampled';
  if (route === 'series' && !seriesPlan) throw new InputError('r̄: the series route needs the prefix sums to fit in memory');

  let sum = 0;
  let pairs = 0;
  if (route === 'sampled') return sampled(bases, d, minCommon, seriesPlan, totalPairs, base, options);
  if (route === 'series') {
    const out = seriesRoute(bases, d, seriesPlan as SeriesPlan, minCommon);
    sum = out.sum;
    pairs = out.pairs;
  } else {
    const out = datesRoute(bases, d, minCommon);
    sum = out.sum;
    pairs = out.pairs;
  }
  const skipped = totalPairs - pairs;
  // A mean of correlations lies in [-1, 1]; rounding (identical events correlate 1 ± 1 ulp) must not push it out.
  const result: RbarResult = { rbar: pairs > 0 ? Math.min(1, Math.max(-1, sum / pairs)) : null, se: pairs > 0 ? 0 : null, method: 'exact', route, pairs, skipped, ...base };
  if (skipped > 0) result.note = `r̄: ${fmtCount(skipped)} of ${fmtCount(totalPairs)} event pairs skipped (fewer than ${minCommon} common estimation dates)`;
  return result;
}

function fmtCount(x: number): string {
  return String(Math.round(x));
}

function checkInput(bases: readonly ResidualBasis[], s: ResidualShapes): void {
  for (const [b, basis] of bases.entries()) {
    for (const c of basis.columns) {
      if (c.length !== basis.dates.length) throw new InputError(`r̄: basis ${b} has ${basis.dates.length} dates but a column of ${c.length}`);
    }
    const need = s.form === 'fitted' ? basis.columns.length : basis.columns.length + 1;
    if (s.stride < need) throw new InputError(`r̄: coefficient stride ${s.stride} is too small for basis ${b} (${basis.columns.length} columns)`);
    for (let k = 1; k < basis.dates.length; k++) {
      if (!(basis.dates[k] > basis.dates[k - 1])) throw new InputError(`r̄: basis ${b} dates are not strictly increasing at position ${k}`);
    }
  }
  for (let i = 0; i < s.count; i++) {
    const b = s.basis[i];
    if (!(b >= 0 && b < bases.length)) throw new InputError(`r̄: event ${i} names basis ${b}, there are ${bases.length}`);
    if (!(s.from[i] >= 0 && s.from[i] < s.to[i] && s.to[i] <= bases[b].dates.length)) {
      throw new InputError(`r̄: event ${i} range [${s.from[i]}, ${s.to[i]}) is not inside basis ${b} (${bases[b].dates.length} positions)`);
    }
  }
}

/** Collapses identical events (same basis, range and coefficients) into weights; sorts by first date. */
function collapse(bases: readonly ResidualBasis[], s: ResidualShapes): Distinct {
  const n = s.count;
  const stride = s.stride;
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  const g0 = (i: number) => bases[s.basis[i]].dates[s.from[i]];
  order.sort((x, y) => g0(x) - g0(y) || s.basis[x] - s.basis[y] || s.from[x] - s.from[y] || s.to[x] - s.to[y] || x - y);
  const same = (x: number, y: number): boolean => {
    if (s.basis[x] !== s.basis[y] || s.from[x] !== s.from[y] || s.to[x] !== s.to[y]) return false;
    for (let k = 0; k < stride; k++) if (s.coef[x * stride + k] !== s.coef[y * stride + k]) return false;
    return true;
  };
  const keep: number[] = [];
  const weight: number[] = [];
  for (let q = 0; q < n; ) {
    // Within a run of equal (date, basis, from, to), merge equal coefficients.
    let end = q + 1;
    while (end < n && s.basis[order[end]] === s.basis[order[q]] && s.from[order[end]] === s.from[order[q]] && s.to[order[end]] === s.to[order[q]]) end++;
    const firstOfRun = keep.length;
    for (let p = q; p < end; p++) {
      const i = order[p];
      let hit = -1;
      for (let k = firstOfRun; k < keep.length; k++) if (same(keep[k], i)) hit = k;
      if (hit >= 0) weight[hit]++;
      else {
        keep.push(i);
        weight.push(1);
      }
    }
    q = end;
  }
  const m = keep.length;
  // Distinct events keep residual-form coefficients: [constant, then one per column].
  const fitted = s.form === 'fitted';
  const outStride = fitted ? stride + 1 : stride;
  const out: Distinct = {
    n: m,
    basis: new Int32Array(m),
    from: new Int32Array(m),
    to: new Int32Array(m),
    g0: new Int32Array(m),
    g1: new Int32Array(m),
    weight: Float64Array.from(weight),
    stride: outStride,
    coef: new Float64Array(m * outStride),
  };
  keep.forEach((i, k) => {
    const dates = bases[s.basis[i]].dates;
    out.basis[k] = s.basis[i];
    out.from[k] = s.from[i];
    out.to[k] = s.to[i];
    out.g0[k] = dates[s.from[i]];
    out.g1[k] = dates[s.to[i] - 1] + 1;
    if (fitted) {
      // residual = u_0 − c_0 − Σ c_k u_k: constant −c_0, then 1 for u_0, then −c_k.
      out.coef[k * outStride] = -s.coef[i * stride];
      out.coef[k * outStride + 1] = 1;
      for (let q = 1; q < stride; q++) out.coef[k * outStride + 1 + q] = -s.coef[i * stride + q];
    } else out.coef.set(s.coef.subarray(i * stride, (i + 1) * stride), k * outStride);
  });
  return out;
}

/** Number of distinct pairs whose date ranges overlap by at least minCommon dates (upper bound of the pairs that qualify). */
function candidatePairs(d: Distinct, minCommon: number): number {
  let total = 0;
  for (let i = 0; i < d.n; i++) {
    // g0 is sorted: the j > i with g0[j] ≤ g1[i] − minCommon.
    const limit = d.g1[i] - minCommon;
    let lo = i + 1;
    let hi = d.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (d.g0[mid] <= limit) lo = mid + 1;
      else hi = mid;
    }
    total += lo - i - 1;
  }
  return total;
}

// ---------------------------------------------------------------- route "series"

/** Prefix sums of the products of two bases' columns over the dates both cover. */
interface Combo {
  /** Global date range [lo, hi) both bases span. */
  lo: number;
  hi: number;
  /** Sums per row: (hi − lo + 1) rows × S, row t − lo holding the sums over [lo, t). */
  sums: Float64Array;
  S: number;
  /** Columns + 1 (the constant) of each side. */
  pa: number;
  pb: number;
}

interface SeriesPlan {
  /** combo index per (a, b), a ≤ b: −1 when the pair of bases never meets. */
  index: Int32Array;
  /** The combos built so far, by combo index. */
  built: (IndexedCombo | null)[];
  nb: number;
  /** Per basis, the global date span its events reach. */
  lo: Float64Array;
  hi: Float64Array;
  /** Total numbers the prefix sums hold, and the most sums one combo keeps. */
  cells: number;
  maxS: number;
}

/** Number of sums a combo keeps: cross products (pa·pb) and each side's upper triangle; one triangle when a = b. */
function comboSize(pa: number, pb: number, same: boolean): number {
  return same ? (pa * (pa + 1)) / 2 : pa * pb + (pa * (pa + 1)) / 2 + (pb * (pb + 1)) / 2;
}

/** Which pairs of bases meet (some event pair overlaps by ≥ minCommon dates) and the memory their prefix sums need; null above the cap. */
function planSeries(bases: readonly ResidualBasis[], d: Distinct, minCommon: number): SeriesPlan | null {
  const nb = bases.length;
  if (nb > 4096) return null;
  // Per basis, the union of its events' date ranges; two bases meet if their unions overlap enough.
  const lo = new Float64Array(nb).fill(Infinity);
  const hi = new Float64Array(nb).fill(-Infinity);
  for (let i = 0; i < d.n; i++) {
    const b = d.basis[i];
    if (d.g0[i] < lo[b]) lo[b] = d.g0[i];
    if (d.g1[i] > hi[b]) hi[b] = d.g1[i];
  }
  const index = new Int32Array(nb * nb).fill(-1);
  let cells = 0;
  let combos = 0;
  let maxS = 0;
  for (let a = 0; a < nb; a++) {
    if (lo[a] === Infinity) continue;
    for (let b = a; b < nb; b++) {
      if (lo[b] === Infinity) continue;
      const clo = Math.max(lo[a], lo[b]);
      const chi = Math.min(hi[a], hi[b]);
      if (chi - clo < minCommon) continue;
      index[a * nb + b] = combos++;
      const S = comboSize(bases[a].columns.length + 1, bases[b].columns.length + 1, a === b);
      maxS = Math.max(maxS, S);
      cells += (chi - clo + 1) * S;
      if (cells * 8 > SERIES_MEMORY_BYTES) return null;
    }
  }
  return { index, built: [], nb, lo, hi, cells, maxS };
}

/** Position of each global date in a basis (−1 where it has none), over the basis' own date span. */
function positionsOf(basis: ResidualBasis): { offset: number; pos: Int32Array } {
  const n = basis.dates.length;
  const offset = n > 0 ? basis.dates[0] : 0;
  const pos = new Int32Array(n > 0 ? basis.dates[n - 1] - offset + 1 : 0).fill(-1);
  for (let k = 0; k < n; k++) pos[basis.dates[k] - offset] = k;
  return { offset, pos };
}

/** Values of (1, u_0, u_1, ...) of a basis at a position into out; false when any is missing. */
function valuesAt(basis: ResidualBasis, p: number, out: Float64Array): boolean {
  out[0] = 1;
  const cols = basis.columns;
  for (let k = 0; k < cols.length; k++) {
    const v = cols[k][p];
    if (!(v - v === 0)) return false;
    out[k + 1] = v;
  }
  return true;
}

/** Builds the prefix sums of one pair of bases over their common span. */
function buildCombo(ba: ResidualBasis, bb: ResidualBasis, same: boolean, lo: number, hi: number): Combo {
  const pa = ba.columns.length + 1;
  const pb = bb.columns.length + 1;
  const S = comboSize(pa, pb, same);
  const rows = hi - lo + 1;
  const sums = new Float64Array(rows * S);
  const A = positionsOf(ba);
  const B = positionsOf(bb);
  const xa = new Float64Array(pa);
  const xb = new Float64Array(pb);
  const run = new Float64Array(S);
  for (let t = lo; t < hi; t++) {
    const ia = t - A.offset;
    const ib = t - B.offset;
    const p = ia >= 0 && ia < A.pos.length ? A.pos[ia] : -1;
    const q = ib >= 0 && ib < B.pos.length ? B.pos[ib] : -1;
    if (p >= 0 && q >= 0 && valuesAt(ba, p, xa) && valuesAt(bb, q, xb)) {
      let s = 0;
      if (same) {
        for (let k = 0; k < pa; k++) for (let l = k; l < pa; l++) run[s++] += xa[k] * xa[l];
      } else {
        for (let k = 0; k < pa; k++) for (let l = 0; l < pb; l++) run[s++] += xa[k] * xb[l];
        for (let k = 0; k < pa; k++) for (let l = k; l < pa; l++) run[s++] += xa[k] * xa[l];
        for (let k = 0; k < pb; k++) for (let l = k; l < pb; l++) run[s++] += xb[k] * xb[l];
      }
    }
    sums.set(run, (t - lo + 1) * S);
  }
  return { lo, hi, sums, S, pa, pb };
}

/** Index of (k, l), k ≤ l, in an upper triangle of size p stored row by row. */
function tri(k: number, l: number, p: number): number {
  return k * p - (k * (k - 1)) / 2 + (l - k);
}

/**
 * The O(p²) pair formula written out for p = 3 (constant, R, one regressor: the market-type
 * models), the common case: about 4× faster than the general loops. `same3` for two events of one
 * basis (6 sums), `cross3` for two bases (9 cross sums and each side's 6).
 */
function same3(S: Float64Array, r0: number, r1: number, c: Float64Array, cx: number, cy: number, minCommon: number): number | null {
  const m = S[r1] - S[r0];
  if (m < minCommon) return null;
  const q01 = S[r1 + 1] - S[r0 + 1];
  const q02 = S[r1 + 2] - S[r0 + 2];
  const q11 = S[r1 + 3] - S[r0 + 3];
  const q12 = S[r1 + 4] - S[r0 + 4];
  const q22 = S[r1 + 5] - S[r0 + 5];
  const x0 = c[cx];
  const x1 = c[cx + 1];
  const x2 = c[cx + 2];
  const y0 = c[cy];
  const y1 = c[cy + 1];
  const y2 = c[cy + 2];
  // Q·y and Q·x for the symmetric Q = [[m, q01, q02], [q01, q11, q12], [q02, q12, q22]].
  const qy0 = m * y0 + q01 * y1 + q02 * y2;
  const qy1 = q01 * y0 + q11 * y1 + q12 * y2;
  const qy2 = q02 * y0 + q12 * y1 + q22 * y2;
  const qx0 = m * x0 + q01 * x1 + q02 * x2;
  const qx1 = q01 * x0 + q11 * x1 + q12 * x2;
  const qx2 = q02 * x0 + q12 * x1 + q22 * x2;
  const sx = qx0;
  const sy = qy0;
  const sxy = x0 * qy0 + x1 * qy1 + x2 * qy2;
  const sxx = x0 * qx0 + x1 * qx1 + x2 * qx2;
  const syy = y0 * qy0 + y1 * qy1 + y2 * qy2;
  const vx = sxx - (sx * sx) / m;
  const vy = syy - (sy * sy) / m;
  if (!(vx > 1e-12 * sxx && vy > 1e-12 * syy)) return null;
  return (sxy - (sx * sy) / m) / Math.sqrt(vx * vy);
}

function cross3(S: Float64Array, r0: number, r1: number, c: Float64Array, cx: number, cy: number, minCommon: number): number | null {
  const m = S[r1] - S[r0];
  if (m < minCommon) return null;
  const p01 = S[r1 + 1] - S[r0 + 1];
  const p02 = S[r1 + 2] - S[r0 + 2];
  const p10 = S[r1 + 3] - S[r0 + 3];
  const p11 = S[r1 + 4] - S[r0 + 4];
  const p12 = S[r1 + 5] - S[r0 + 5];
  const p20 = S[r1 + 6] - S[r0 + 6];
  const p21 = S[r1 + 7] - S[r0 + 7];
  const p22 = S[r1 + 8] - S[r0 + 8];
  // x's side: upper triangle (0,0) (0,1) (0,2) (1,1) (1,2) (2,2) at 9..14; y's at 15..20.
  const a01 = S[r1 + 10] - S[r0 + 10];
  const a02 = S[r1 + 11] - S[r0 + 11];
  const a11 = S[r1 + 12] - S[r0 + 12];
  const a12 = S[r1 + 13] - S[r0 + 13];
  const a22 = S[r1 + 14] - S[r0 + 14];
  const b01 = S[r1 + 16] - S[r0 + 16];
  const b02 = S[r1 + 17] - S[r0 + 17];
  const b11 = S[r1 + 18] - S[r0 + 18];
  const b12 = S[r1 + 19] - S[r0 + 19];
  const b22 = S[r1 + 20] - S[r0 + 20];
  const x0 = c[cx];
  const x1 = c[cx + 1];
  const x2 = c[cx + 2];
  const y0 = c[cy];
  const y1 = c[cy + 1];
  const y2 = c[cy + 2];
  const sx = m * x0 + p10 * x1 + p20 * x2;
  const sy = m * y0 + p01 * y1 + p02 * y2;
  const sxy = x0 * (m * y0 + p01 * y1 + p02 * y2) + x1 * (p10 * y0 + p11 * y1 + p12 * y2) + x2 * (p20 * y0 + p21 * y1 + p22 * y2);
  // The common count m is the same on both sides (both valid on the same days).
  const sxx = x0 * (m * x0 + a01 * x1 + a02 * x2) + x1 * (a01 * x0 + a11 * x1 + a12 * x2) + x2 * (a02 * x0 + a12 * x1 + a22 * x2);
  const syy = y0 * (m * y0 + b01 * y1 + b02 * y2) + y1 * (b01 * y0 + b11 * y1 + b12 * y2) + y2 * (b02 * y0 + b12 * y1 + b22 * y2);
  const vx = sxx - (sx * sx) / m;
  const vy = syy - (sy * sy) / m;
  if (!(vx > 1e-12 * sxx && vy > 1e-12 * syy)) return null;
  return (sxy - (sx * sy) / m) / Math.sqrt(vx * vy);
}

/** The built combo of bases a ≤ b, or null when not built (or they never meet). */
function seriesCombo(plan: SeriesPlan, a: number, b: number): IndexedCombo | null {
  const ci = plan.index[a * plan.nb + b];
  return ci < 0 ? null : (plan.built[ci] ?? null);
}

/** A combo with index maps from (k, l) to its sums: P (cross, pa × pb), QA (pa × pa), QB (pb × pb), full matrices. */
interface IndexedCombo extends Combo {
  P: Int32Array;
  QA: Int32Array;
  QB: Int32Array;
}

function indexCombo(c: Combo, same: boolean): IndexedCombo {
  const { pa, pb } = c;
  const P = new Int32Array(pa * pb);
  const QA = new Int32Array(pa * pa);
  const QB = new Int32Array(pb * pb);
  const sym = (k: number, l: number, p: number, offset: number) => offset + (k <= l ? tri(k, l, p) : tri(l, k, p));
  for (let k = 0; k < pa; k++) for (let l = 0; l < pa; l++) QA[k * pa + l] = sym(k, l, pa, same ? 0 : pa * pb);
  for (let k = 0; k < pb; k++) for (let l = 0; l < pb; l++) QB[k * pb + l] = sym(k, l, pb, same ? 0 : pa * pb + (pa * (pa + 1)) / 2);
  for (let k = 0; k < pa; k++) for (let l = 0; l < pb; l++) P[k * pb + l] = same ? sym(k, l, pa, 0) : k * pb + l;
  return { ...c, P, QA, QB };
}

/**
 * Correlations of event pairs on their common dates in O(p²) each, from the prefix sums of their
 * bases' combo: `pair(x, y)` for distinct events (x's basis ≤ y's), or an event with a copy of
 * itself (x = y); null when the pair does not qualify.
 */
function seriesEvaluator(bases: readonly ResidualBasis[], d: Distinct, plan: SeriesPlan, minCommon: number): (i: number, j: number) => number | null {
  const combos = plan.built;
  const nb = plan.nb;
  const stride = d.stride;
  const D = new Float64Array(plan.maxS);
  const coef = d.coef;
  const g0 = d.g0;
  const g1 = d.g1;
  const comboOf = (a: number, b: number): IndexedCombo | null => {
    const ci = plan.index[a * nb + b];
    if (ci < 0) return null;
    let c = combos[ci];
    if (!c) {
      // The span both bases' events reach (as planned), built on first use.
      const lo = plan.lo[a] > plan.lo[b] ? plan.lo[a] : plan.lo[b];
      const hi = plan.hi[a] < plan.hi[b] ? plan.hi[a] : plan.hi[b];
      c = indexCombo(buildCombo(bases[a], bases[b], a === b, lo, hi), a === b);
      combos[ci] = c;
    }
    return c;
  };
  return (i, j) => {
    let x = i;
    let y = j;
    if (d.basis[i] > d.basis[j]) {
      x = j;
      y = i;
    }
    const combo = comboOf(d.basis[x], d.basis[y]);
    if (combo === null) return null;
    let lo = g0[x] > g0[y] ? g0[x] : g0[y];
    if (combo.lo > lo) lo = combo.lo;
    let hi = g1[x] < g1[y] ? g1[x] : g1[y];
    if (combo.hi < hi) hi = combo.hi;
    if (hi - lo < minCommon) return null;
    const { S, sums, pa, pb, P, QA, QB } = combo;
    const r0 = (lo - combo.lo) * S;
    const r1 = (hi - combo.lo) * S;
    if (pa === 3 && pb === 3) return S === 6 ? same3(sums, r0, r1, coef, x * stride, y * stride, minCommon) : cross3(sums, r0, r1, coef, x * stride, y * stride, minCommon);
    for (let s = 0; s < S; s++) D[s] = sums[r1 + s] - sums[r0 + s];
    const m = D[P[0]];
    if (m < minCommon) return null;
    const cx = x * stride;
    const cy = y * stride;
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let k = 0; k < pa; k++) {
      const u = coef[cx + k];
      sx += u * D[P[k * pb]];
      let row = 0;
      for (let l = 0; l < pb; l++) row += coef[cy + l] * D[P[k * pb + l]];
      sxy += u * row;
      let sq = 0;
      for (let l = 0; l < pa; l++) sq += coef[cx + l] * D[QA[k * pa + l]];
      sxx += u * sq;
    }
    for (let l = 0; l < pb; l++) {
      const v = coef[cy + l];
      sy += v * D[P[l]];
      let sq = 0;
      for (let k = 0; k < pb; k++) sq += coef[cy + k] * D[QB[l * pb + k]];
      syy += v * sq;
    }
    const vx = sxx - (sx * sx) / m;
    const vy = syy - (sy * sy) / m;
    // A residual constant on the common dates has vx = 0 up to rounding of the raw sums.
    if (!(vx > 1e-12 * sxx && vy > 1e-12 * syy)) return null;
    return (sxy - (sx * sy) / m) / Math.sqrt(vx * vy);
  };
}

/**
 * The series route's sum over all pairs, one pair of bases at a time (so each pass reads one
 * combo's prefix sums, which stay in cache), events of each basis in order of their first date.
 */
function seriesRoute(bases: readonly ResidualBasis[], d: Distinct, plan: SeriesPlan, minCommon: number): { sum: number; pairs: number } {
  const evaluate = seriesEvaluator(bases, d, plan, minCommon);
  const nb = plan.nb;
  // Distinct events per basis, already sorted by first date (d is).
  const members: Int32Array[] = [];
  {
    const lists: number[][] = Array.from({ length: nb }, () => []);
    for (let i = 0; i < d.n; i++) lists[d.basis[i]].push(i);
    for (const l of lists) members.push(Int32Array.from(l));
  }
  let longest = 0;
  for (let i = 0; i < d.n; i++) longest = Math.max(longest, d.g1[i] - d.g0[i]);
  const { g0, g1, weight, coef, stride } = d;
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < nb; a++) {
    const A = members[a];
    for (const i of A) {
      // Copies of one event: r = 1 when it qualifies on its own dates.
      const wi = weight[i];
      if (wi > 1) {
        const self = evaluate(i, i);
        if (self !== null) {
          sum += ((wi * (wi - 1)) / 2) * self;
          pairs += (wi * (wi - 1)) / 2;
        }
      }
    }
    for (let b = a; b < nb; b++) {
      if (plan.index[a * nb + b] < 0) continue;
      const B = members[b];
      if (A.length === 0 || B.length === 0) continue;
      // The combo of (a, b), built on first use by the evaluator; the common case (p = 3) is
      // evaluated here directly, without the general evaluator's per-pair lookups.
      evaluate(A[0], B[0]);
      const combo = seriesCombo(plan, a, b);
      const fast = combo !== null && combo.pa === 3 && combo.pb === 3;
      const same = a === b;
      let start = 0;
      for (let p = 0; p < A.length; p++) {
        const i = A[p];
        const wi = weight[i];
        const from = g0[i] - longest + minCommon;
        const limit = g1[i] - minCommon;
        // B's events starting in [from, limit] can share minCommon dates with i.
        while (start < B.length && g0[B[start]] < from) start++;
        for (let q = same ? p + 1 : start; q < B.length; q++) {
          const j = B[q];
          const gj = g0[j];
          if (gj > limit) break;
          let r: number | null;
          if (fast) {
            const c = combo as IndexedCombo;
            let lo = g0[i] > gj ? g0[i] : gj;
            if (c.lo > lo) lo = c.lo;
            let hi = g1[i] < g1[j] ? g1[i] : g1[j];
            if (c.hi < hi) hi = c.hi;
            if (hi - lo < minCommon) continue;
            const r0 = (lo - c.lo) * c.S;
            const r1 = (hi - c.lo) * c.S;
            r = same ? same3(c.sums, r0, r1, coef, i * stride, j * stride, minCommon) : cross3(c.sums, r0, r1, coef, i * stride, j * stride, minCommon);
          } else r = evaluate(i, j);
          if (r === null) continue;
          const w = wi * weight[j];
          sum += w * r;
          pairs += w;
        }
      }
    }
  }
  return { sum, pairs };
}

// ---------------------------------------------------------------- route "dates"

/** An event's residuals on its own global date range, NaN where missing. */
function materialize(bases: readonly ResidualBasis[], d: Distinct, i: number): Float64Array {
  const basis = bases[d.basis[i]];
  const out = new Float64Array(d.g1[i] - d.g0[i]).fill(NaN);
  const cols = basis.columns;
  const c = d.coef.subarray(i * d.stride, (i + 1) * d.stride);
  for (let p = d.from[i]; p < d.to[i]; p++) {
    let e = c[0];
    let ok = true;
    for (let k = 0; k < cols.length; k++) {
      const v = cols[k][p];
      if (!(v - v === 0)) {
        ok = false;
        break;
      }
      e += c[k + 1] * v;
    }
    if (ok) out[basis.dates[p] - d.g0[i]] = e;
  }
  return out;
}

/** Groups of distinct events with identical valid dates; sorted by first date. */
interface DateGroup {
  g0: number;
  g1: number;
  /** 1 where the group has a residual, over [g0, g1). */
  mask: Uint8Array;
  members: number[];
  /** Valid dates. */
  count: number;
}

function groupByDates(bases: readonly ResidualBasis[], d: Distinct): { groups: DateGroup[]; rows: Float64Array[] } {
  const rows: Float64Array[] = [];
  const groups: DateGroup[] = [];
  const byKey = new Map<string, DateGroup[]>();
  for (let i = 0; i < d.n; i++) {
    const row = materialize(bases, d, i);
    rows.push(row);
    const mask = new Uint8Array(row.length);
    let count = 0;
    let hash = 2166136261;
    for (let t = 0; t < row.length; t++) {
      if (row[t] - row[t] === 0) {
        mask[t] = 1;
        count++;
        hash = Math.imul(hash ^ t, 16777619);
      }
    }
    const key = `${d.g0[i]}:${row.length}:${count}:${hash >>> 0}`;
    const list = byKey.get(key) ?? [];
    let group = list.find((g) => g.mask.length === mask.length && g.mask.every((v, t) => v === mask[t]));
    if (!group) {
      group = { g0: d.g0[i], g1: d.g1[i], mask, members: [], count };
      list.push(group);
      byKey.set(key, list);
      groups.push(group);
    }
    group.members.push(i);
  }
  groups.sort((x, y) => x.g0 - y.g0 || x.g1 - y.g1);
  return { groups, rows };
}

/**
 * Rough cost of the dates route: materializing every event, then (n_A + n_B)·overlap for each
 * pair of groups whose ranges overlap. Events with the same date range stand in for groups
 * (identical dates), and half a range for the typical overlap; O(n log n).
 */
function datesRouteCost(bases: readonly ResidualBasis[], d: Distinct, minCommon: number): number {
  let cost = 0;
  let bytes = 0;
  for (let i = 0; i < d.n; i++) {
    cost += (d.g1[i] - d.g0[i]) * (bases[d.basis[i]].columns.length + 2);
    bytes += (d.g1[i] - d.g0[i]) * 9;
  }
  // It holds every distinct event's residuals and mask: not a route for millions of distinct events.
  if (bytes > DATES_MEMORY_BYTES) return Infinity;
  const starts: number[] = [];
  const ends: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < d.n; ) {
    let j = i + 1;
    while (j < d.n && d.g0[j] === d.g0[i] && d.g1[j] === d.g1[i]) j++;
    starts.push(d.g0[i]);
    ends.push(d.g1[i]);
    sizes.push(j - i);
    i = j;
  }
  const G = starts.length;
  const prefix = new Float64Array(G + 1);
  for (let a = 0; a < G; a++) prefix[a + 1] = prefix[a] + sizes[a];
  for (let a = 0; a < G; a++) {
    const limit = ends[a] - minCommon;
    let lo = a + 1;
    let hi = G;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid] <= limit) lo = mid + 1;
      else hi = mid;
    }
    const count = lo - a - 1;
    const partners = prefix[lo] - prefix[a + 1];
    cost += 3 * (sizes[a] * count + partners) * ((ends[a] - starts[a]) / 2) + sizes[a] * (ends[a] - starts[a]) * 3;
  }
  return cost;
}

/** Residuals standardized on a date set: (e − ē)/sqrt(Σ(e − ē)²) at the dates where `mask` is 1, NaN elsewhere; null for zero variance. */
function standardizeOn(row: Float64Array, rowG0: number, lo: number, hi: number, mask: (t: number) => boolean, out: Float64Array): boolean {
  let m = 0;
  let s = 0;
  for (let t = lo; t < hi; t++) {
    if (!mask(t)) continue;
    s += row[t - rowG0];
    m++;
  }
  const mean = s / m;
  let ss = 0;
  for (let t = lo; t < hi; t++) {
    if (!mask(t)) continue;
    const e = row[t - rowG0] - mean;
    ss += e * e;
  }
  if (!(ss > 0)) return false;
  const inv = 1 / Math.sqrt(ss);
  for (let t = lo; t < hi; t++) out[t - lo] = mask(t) ? (row[t - rowG0] - mean) * inv : 0;
  return true;
}

function datesRoute(bases: readonly ResidualBasis[], d: Distinct, minCommon: number): { sum: number; pairs: number } {
  const { groups, rows } = groupByDates(bases, d);
  let sum = 0;
  let pairs = 0;
  let buf = new Float64Array(256);
  let za = new Float64Array(256);
  let zb = new Float64Array(256);
  // Within each group: (Σ_t (Σ_i w_i z_it)² − Σ_i w_i) / 2 over the events with a variance.
  for (const g of groups) {
    if (g.count < minCommon) continue;
    const len = g.g1 - g.g0;
    if (za.length < len) za = new Float64Array(len);
    if (buf.length < len) buf = new Float64Array(len);
    za.fill(0, 0, len);
    let w = 0;
    for (const i of g.members) {
      if (!standardizeOn(rows[i], g.g0, g.g0, g.g1, (t) => g.mask[t - g.g0] === 1, buf)) continue;
      const wi = d.weight[i];
      for (let t = 0; t < len; t++) za[t] += wi * buf[t];
      w += wi;
    }
    let ss = 0;
    for (let t = 0; t < len; t++) ss += za[t] * za[t];
    if (w >= 2) {
      sum += (ss - w) / 2;
      pairs += (w * (w - 1)) / 2;
    }
  }
  // Between groups: Σ_t A_t B_t with each side standardized on the common dates.
  for (let a = 0; a < groups.length; a++) {
    const A = groups[a];
    const limit = A.g1 - minCommon;
    for (let b = a + 1; b < groups.length && groups[b].g0 <= limit; b++) {
      const B = groups[b];
      const lo = Math.max(A.g0, B.g0);
      const hi = Math.min(A.g1, B.g1);
      if (hi - lo < minCommon) continue;
      const both = (t: number) => A.mask[t - A.g0] === 1 && B.mask[t - B.g0] === 1;
      let common = 0;
      for (let t = lo; t < hi; t++) if (both(t)) common++;
      if (common < minCommon) continue;
      const len = hi - lo;
      if (za.length < len) za = new Float64Array(len);
      if (zb.length < len) zb = new Float64Array(len);
      if (buf.length < len) buf = new Float64Array(len);
      const side = (g: DateGroup, acc: Float64Array): number => {
        acc.fill(0, 0, len);
        let w = 0;
        for (const i of g.members) {
          if (!standardizeOn(rows[i], g.g0, lo, hi, both, buf)) continue;
          const wi = d.weight[i];
          for (let t = 0; t < len; t++) acc[t] += wi * buf[t];
          w += wi;
        }
        return w;
      };
      const wa = side(A, za);
      if (wa === 0) continue;
      const wb = side(B, zb);
      if (wb === 0) continue;
      let s = 0;
      for (let t = 0; t < len; t++) s += za[t] * zb[t];
      sum += s;
      pairs += wa * wb;
    }
  }
  return { sum, pairs };
}

// ---------------------------------------------------------------- sampled

/** Correlation of two distinct events on their common dates, from their residual rows (O(overlap)). */
function pairFromRows(x: Float64Array, x0: number, y: Float64Array, y0: number, minCommon: number): number | null {
  const lo = Math.max(x0, y0);
  const hi = Math.min(x0 + x.length, y0 + y.length);
  if (hi - lo < minCommon) return null;
  let m = 0;
  let sx = 0;
  let sy = 0;
  for (let t = lo; t < hi; t++) {
    const a = x[t - x0];
    const b = y[t - y0];
    if (a - a !== 0 || b - b !== 0) continue;
    m++;
    sx += a;
    sy += b;
  }
  if (m < minCommon) return null;
  const mx = sx / m;
  const my = sy / m;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  for (let t = lo; t < hi; t++) {
    const a = x[t - x0];
    const b = y[t - y0];
    if (a - a !== 0 || b - b !== 0) continue;
    const dx = a - mx;
    const dy = b - my;
    sxx += dx * dx;
    syy += dy * dy;
    sxy += dx * dy;
  }
  if (!(sxx > 0 && syy > 0)) return null;
  return sxy / Math.sqrt(sxx * syy);
}

function sampled(
  bases: readonly ResidualBasis[],
  d: Distinct,
  minCommon: number,
  plan: SeriesPlan | null,
  totalPairs: number,
  base: { events: number; distinct: number },
  options: RbarOptions,
): RbarResult {
  const draws = options.samplePairs ?? DEFAULT_SAMPLE_PAIRS;
  if (!(Number.isInteger(draws) && draws >= 1)) throw new InputError(`r̄: samplePairs must be a positive integer, got ${draws}`);
  const seed = options.seed ?? 1;
  const rng = createRng(seed);
  const cumulative = new Float64Array(d.n + 1);
  for (let i = 0; i < d.n; i++) cumulative[i + 1] = cumulative[i] + d.weight[i];
  const W = cumulative[d.n];
  const pick = (u: number): number => {
    // The distinct event holding event number u (0 ≤ u < W).
    let lo = 0;
    let hi = d.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cumulative[mid + 1] <= u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const evaluate = plan ? seriesEvaluator(bases, d, plan, minCommon) : null;
  const rowCache = new Map<number, Float64Array>();
  const rowOf = (i: number): Float64Array => {
    let row = rowCache.get(i);
    if (!row) {
      row = materialize(bases, d, i);
      if (rowCache.size > 20_000) rowCache.clear();
      rowCache.set(i, row);
    }
    return row;
  };
  const values: number[] = [];
  for (let k = 0; k < draws; k++) {
    const u1 = Math.floor(rng.uniform() * W);
    let u2 = Math.floor(rng.uniform() * (W - 1));
    if (u2 >= u1) u2++;
    const i = pick(u1);
    const j = pick(u2);
    let r: number | null;
    if (evaluate) r = evaluate(Math.min(i, j), Math.max(i, j));
    else {
      const x = rowOf(i);
      r = pairFromRows(x, d.g0[i], i === j ? x : rowOf(j), d.g0[j], minCommon);
    }
    if (r !== null) values.push(r);
  }
  const k = values.length;
  const seedNote = `seed ${seed}`;
  if (k === 0) {
    return { rbar: null, se: null, method: 'sampled', route: 'sampled', pairs: 0, skipped: totalPairs, drawn: draws, ...base, note: `r̄: none of ${fmtCount(draws)} sampled event pairs shares ${minCommon} estimation dates (${seedNote})` };
  }
  let mean = 0;
  for (const v of values) mean += v;
  mean = Math.min(1, Math.max(-1, mean / k));
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const se = k > 1 ? Math.sqrt(ss / (k * (k - 1))) : null;
  const qualifying = (totalPairs * k) / draws;
  return {
    rbar: mean,
    se,
    method: 'sampled',
    route: 'sampled',
    pairs: k,
    skipped: totalPairs - qualifying,
    drawn: draws,
    ...base,
    note:
      `r̄ estimated from ${fmtCount(draws)} event pairs drawn at random (${seedNote}; ${fmtCount(k)} share ≥ ${minCommon} estimation dates): ` +
      `${mean.toFixed(4)} ± ${(se ?? 0).toFixed(4)} (standard error); the exact mean over all ${fmtCount(totalPairs)} pairs would cost too much`,
  };
}
