/**
 * Linear regression for second-stage (cross-sectional) analyses: OLS or WLS with classical,
 * heteroskedasticity-consistent (HC1, HC3) and cluster-robust standard errors.
 *
 * Model y = Xb + u with an intercept column first. WLS with weights w_i (e.g. 1/σ²_CAR,i) is OLS
 * on the transformed data √w_i·y_i, √w_i·x_i, and every formula below then reads with the
 * transformed rows x_i and residuals e_i (as statsmodels does for WLS):
 *
 *   b = (X'X)⁻¹X'y,  e = y − Xb,  n rows, k columns (intercept included), s² = e'e/(n − k);
 *   classical:  V = s²(X'X)⁻¹;
 *   HC1 (Hinkley 1977; MacKinnon & White 1985):  V = n/(n − k) · (X'X)⁻¹ [Σ e_i² x_i x_i'] (X'X)⁻¹;
 *   HC3 (MacKinnon & White 1985; Long & Ervin 2000):  V = (X'X)⁻¹ [Σ e_i²/(1 − h_ii)² x_i x_i'] (X'X)⁻¹,
 *       h_ii = x_i'(X'X)⁻¹x_i (undefined when some h_ii = 1);
 *   clustered (Liang & Zeger 1986; Cameron & Miller 2015), G clusters g with u_g = Σ_{i∈g} x_i e_i:
 *       V = G/(G − 1) · (n − 1)/(n − k) · (X'X)⁻¹ [Σ_g u_g u_g'] (X'X)⁻¹   (Stata's small-sample factor);
 *   Newey & West (1987) HAC, for rows in time order with L lags (Bartlett weights), u_t = x_t e_t:
 *       V = (X'X)⁻¹ [Σ_t u_t u_t' + Σ_{l=1..L} (1 − l/(L + 1)) Σ_{t>l} (u_t u_{t−l}' + u_{t−l} u_t')] (X'X)⁻¹
 *       (no small-sample factor, as in the paper and statsmodels' HAC with use_correction=False).
 *
 * t = b_j/se_j; p from Student t with n − k df (classical, HC1, HC3) and G − 1 df (clustered,
 * as Stata and Cameron & Miller recommend). R² = 1 − Σ w e²/Σ w (y − ȳ_w)², ȳ_w the weighted mean.
 * X'X is inverted after scaling its columns to unit diagonal, so characteristics on very
 * different scales (market cap in dollars beside a return) do not lose precision.
 */
import { InputError } from '../errors.ts';
import { invertMatrix } from '../models/matrix.ts';
import { studentTTwoSidedP } from './distributions.ts';

/** Input of {@link linearRegression}. */
export interface RegressionInput {
  /** Dependent variable, finite values only. */
  y: Float64Array;
  /** Regressor columns (the intercept is added as the first column). */
  columns: Float64Array[];
  /** Names of the columns, same order (the intercept is named '(intercept)'). */
  names: string[];
  /** WLS weights (positive, finite); omitted for OLS. */
  weights?: Float64Array;
  /** Cluster label of each row, for cluster-robust standard errors. */
  clusters?: readonly string[];
  /** Newey–West lags L (rows must be in time order); omitted = no HAC errors. */
  hacLags?: number;
}

/** One kind of standard error for one coefficient; nulls where it is not defined. */
export interface StandardErrorRow {
  se: number | null;
  t: number | null;
  /** Two-sided p-value. */
  p: number | null;
  df: number;
}

/** One coefficient with every standard error. */
export interface CoefficientRow {
  name: string;
  estimate: number;
  classical: StandardErrorRow;
  hc1: StandardErrorRow;
  hc3: StandardErrorRow;
  /** Null when no clusters were given. */
  clustered: StandardErrorRow | null;
  /** Newey–West HAC (n − k df); null when no `hacLags` was given. */
  neweyWest: StandardErrorRow | null;
}

/** The result of {@link linearRegression}. */
export interface RegressionFit {
  method: 'ols' | 'wls';
  n: number;
  /** Columns including the intercept. */
  k: number;
  /** Residual df n − k. */
  df: number;
  r2: number;
  adjustedR2: number;
  /** Residual standard deviation √(e'e/(n − k)) on the (weighted) scale. */
  sigma: number;
  coefficients: CoefficientRow[];
  /** Number of clusters G (null without clusters). */
  clusterCount: number | null;
  /** Newey–West lags used (null without HAC errors). */
  hacLags: number | null;
  /** Caveats (few clusters, leverage 1, ...). */
  notes: string[];
}

function seRow(estimate: number, variance: number, df: number): StandardErrorRow {
  if (!(variance > 0) || !(df > 0)) return { se: null, t: null, p: null, df };
  const se = Math.sqrt(variance);
  const t = estimate / se;
  return { se, t, p: studentTTwoSidedP(t, df), df };
}

/**
 * OLS/WLS with classical, HC1, HC3 and (given `clusters`) cluster-robust standard errors; see
 * the module doc for every formula.
 * @throws InputError for non-finite values, n ≤ k, non-positive weights or collinear columns.
 * @example
 * linearRegression({ y: Float64Array.of(1, 3, 2, 5), columns: [Float64Array.of(0, 1, 2, 3)], names: ['x'] })
 *   .coefficients[1].estimate // 1.1
 */
export function linearRegression(input: RegressionInput): RegressionFit {
  const { y, columns, weights, clusters } = input;
  const n = y.length;
  const k = columns.length + 1;
  const names = ['(intercept)', ...input.names];
  if (input.names.length !== columns.length) throw new InputError(`linearRegression: ${columns.length} columns but ${input.names.length} names`);
  for (const [j, c] of columns.entries()) if (c.length !== n) throw new InputError(`linearRegression: column '${input.names[j]}' has ${c.length} rows, y has ${n}`);
  if (weights && weights.length !== n) throw new InputError(`linearRegression: ${weights.length} weights for ${n} rows`);
  if (clusters && clusters.length !== n) throw new InputError(`linearRegression: ${clusters.length} cluster labels for ${n} rows`);
  if (n <= k) throw new InputError(`linearRegression: ${n} observation(s) for ${k} coefficient(s); need more observations than coefficients`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new InputError(`linearRegression: y at row ${i + 1} is ${y[i]}`);
    for (const [j, c] of columns.entries()) if (!Number.isFinite(c[i])) throw new InputError(`linearRegression: '${input.names[j]}' at row ${i + 1} is ${c[i]}`);
    if (weights && !(weights[i] > 0 && Number.isFinite(weights[i]))) throw new InputError(`linearRegression: weight at row ${i + 1} is ${weights[i]}; weights must be positive and finite`);
  }
  // Transformed design rows x_i = √w_i (1, c_1i, ..., c_(k−1)i) and y_i = √w_i y_i.
  const X = new Float64Array(n * k);
  const yt = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const sw = weights ? Math.sqrt(weights[i]) : 1;
    X[i * k] = sw;
    for (let j = 1; j < k; j++) X[i * k + j] = sw * columns[j - 1][i];
    yt[i] = sw * y[i];
  }
  const xtx = new Float64Array(k * k);
  const xty = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < k; a++) {
      xty[a] += X[i * k + a] * yt[i];
      for (let b = 0; b < k; b++) xtx[a * k + b] += X[i * k + a] * X[i * k + b];
    }
  }
  const scale = Float64Array.from({ length: k }, (_, j) => 1 / Math.sqrt(xtx[j * k + j]));
  const scaled = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) scaled[a * k + b] = xtx[a * k + b] * scale[a] * scale[b];
  const inv = scale.every(Number.isFinite) ? invertMatrix(scaled, k, 1e-10) : null;
  if (!inv) {
    throw new InputError(`linearRegression: the columns ${names.join(', ')} are collinear (singular X'X): drop a column or a dummy`);
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) inv[a * k + b] *= scale[a] * scale[b];
  const coef = new Float64Array(k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) coef[a] += inv[a * k + b] * xty[b];

  const e = new Float64Array(n);
  let ssr = 0;
  for (let i = 0; i < n; i++) {
    let fit = 0;
    for (let j = 0; j < k; j++) fit += X[i * k + j] * coef[j];
    e[i] = yt[i] - fit;
    ssr += e[i] * e[i];
  }
  const df = n - k;
  const s2 = ssr / df;
  let sw = 0;
  let ybarW = 0;
  for (let i = 0; i < n; i++) {
    const w = weights ? weights[i] : 1;
    sw += w;
    ybarW += w * y[i];
  }
  ybarW /= sw;
  let sst = 0;
  for (let i = 0; i < n; i++) sst += (weights ? weights[i] : 1) * (y[i] - ybarW) ** 2;
  const r2 = sst > 0 ? 1 - ssr / sst : 0;

  const notes: string[] = [];
  /** (X'X)⁻¹ M (X'X)⁻¹ for a meat M given as a sum of outer products of vectors. */
  const sandwichOf = (vectors: Float64Array[], factor: number): Float64Array => {
    const meat = new Float64Array(k * k);
    for (const v of vectors) for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += v[a] * v[b];
    const left = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) for (let b = 0; b < k; b++) left[a * k + b] += inv[a * k + c] * meat[c * k + b];
    const out = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) for (let b = 0; b < k; b++) out[a * k + b] += left[a * k + c] * inv[c * k + b];
    for (let j = 0; j < k * k; j++) out[j] *= factor;
    return out;
  };
  const rowVec = (i: number, mult: number) => Float64Array.from({ length: k }, (_, j) => X[i * k + j] * mult);
  const hc1 = sandwichOf(Array.from({ length: n }, (_, i) => rowVec(i, e[i])), n / df);
  let hc3: Float64Array | null = null;
  const hc3Vectors: Float64Array[] = [];
  let leverageOne = false;
  for (let i = 0; i < n; i++) {
    let h = 0;
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) h += X[i * k + a] * inv[a * k + b] * X[i * k + b];
    if (!(1 - h > 1e-10)) leverageOne = true;
    hc3Vectors.push(rowVec(i, e[i] / (1 - h)));
  }
  if (leverageOne) notes.push('HC3 is undefined: an observation has leverage 1 (a dummy with a single member?)');
  else hc3 = sandwichOf(hc3Vectors, 1);

  let clustered: Float64Array | null = null;
  let clusterCount: number | null = null;
  if (clusters) {
    const sums = new Map<string, Float64Array>();
    for (let i = 0; i < n; i++) {
      let u = sums.get(clusters[i]);
      if (!u) sums.set(clusters[i], (u = new Float64Array(k)));
      for (let j = 0; j < k; j++) u[j] += X[i * k + j] * e[i];
    }
    const G = sums.size;
    clusterCount = G;
    if (G < 2) notes.push('clustered standard errors need at least 2 clusters');
    else {
      clustered = sandwichOf([...sums.values()], (G / (G - 1)) * ((n - 1) / df));
      if (G < 20) notes.push(`only ${G} clusters: cluster-robust standard errors are unreliable with few clusters (Cameron & Miller 2015)`);
    }
  }
  let hac: Float64Array | null = null;
  const lags = input.hacLags;
  if (lags !== undefined) {
    if (!(Number.isInteger(lags) && lags >= 0 && lags < n)) throw new InputError(`linearRegression: Newey–West lags must be a whole number in 0..${n - 1}, got ${lags}`);
    const u = Array.from({ length: n }, (_, i) => rowVec(i, e[i]));
    const meat = new Float64Array(k * k);
    for (let t = 0; t < n; t++) for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += u[t][a] * u[t][b];
    for (let l = 1; l <= lags; l++) {
      const w = 1 - l / (lags + 1);
      for (let t = l; t < n; t++) {
        for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) meat[a * k + b] += w * (u[t][a] * u[t - l][b] + u[t - l][a] * u[t][b]);
      }
    }
    // Written as a sandwich of the precomputed meat: (X'X)⁻¹ S (X'X)⁻¹.
    const left = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) for (let b = 0; b < k; b++) left[a * k + b] += inv[a * k + c] * meat[c * k + b];
    hac = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let c = 0; c < k; c++) for (let b = 0; b < k; b++) hac[a * k + b] += left[a * k + c] * inv[c * k + b];
  }
  const coefficients: CoefficientRow[] = names.map((name, j) => ({
    name,
    estimate: coef[j],
    classical: seRow(coef[j], s2 * inv[j * k + j], df),
    hc1: seRow(coef[j], hc1[j * k + j], df),
    hc3: hc3 ? seRow(coef[j], hc3[j * k + j], df) : { se: null, t: null, p: null, df },
    clustered: clusters ? (clustered ? seRow(coef[j], clustered[j * k + j], clusterCount! - 1) : { se: null, t: null, p: null, df: Math.max(0, clusterCount! - 1) }) : null,
    neweyWest: hac ? seRow(coef[j], hac[j * k + j], df) : null,
  }));
  return {
    method: weights ? 'wls' : 'ols',
    n,
    k,
    df,
    r2,
    adjustedR2: 1 - ((1 - r2) * (n - 1)) / df,
    sigma: Math.sqrt(s2),
    coefficients,
    clusterCount,
    hacLags: lags ?? null,
    notes,
  };
}
