/**
 * Ordinary least squares for the small designs of event studies (k ≤ ~6 regressors plus an
 * intercept, a few hundred rows). Normal equations on *centered* cross-products, scaled to a
 * correlation matrix and solved by Cholesky: centering removes the intercept's ill-conditioning
 * (daily returns have means ~1e-3 and variances ~1e-4) and the scaling makes the singularity test
 * scale-free.
 */
import { InputError } from '../errors.ts';

/** The result of {@link olsFit}. */
export interface OlsFit {
  /** [intercept, b1..bk]. */
  coef: Float64Array;
  /** (X'X)⁻¹ of the full design with intercept column, (k+1)×(k+1) row-major. */
  xtxInv: Float64Array;
  /** Sum of squared residuals Σe². */
  ssr: number;
  /** Residual variance SSR / (n - k - 1). */
  s2: number;
  /** Residual degrees of freedom n - k - 1. */
  df: number;
  /** Rows used (mask set and y and every regressor finite). */
  n: number;
  /** 1 - SSR/SST (0 when y is constant over the rows used). */
  r2: number;
}

/**
 * True when a centered sum of squares is zero up to rounding: relative standard deviation
 * below 1e-12 of the mean (or exactly zero). Shared by the OLS solver and the panel kernel so
 * both reject the same inputs.
 */
export function isZeroVariance(centeredSumSquares: number, n: number, mean: number): boolean {
  return !(centeredSumSquares > 1e-24 * n * mean * mean);
}

/**
 * In-place inverse of a symmetric positive-definite a (m×m, row-major) by Cholesky a = LL'.
 * Returns false when a pivot falls below `tol` (singular to working precision).
 */
function invertSpd(a: Float64Array, m: number, tol: number): boolean {
  const l = new Float64Array(m * m);
  for (let j = 0; j < m; j++) {
    let d = a[j * m + j];
    for (let p = 0; p < j; p++) d -= l[j * m + p] * l[j * m + p];
    if (!(d > tol)) return false;
    const ljj = Math.sqrt(d);
    l[j * m + j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = a[i * m + j];
      for (let p = 0; p < j; p++) s -= l[i * m + p] * l[j * m + p];
      l[i * m + j] = s / ljj;
    }
  }
  // inv(L) by forward substitution, then a⁻¹ = inv(L)' inv(L).
  const li = new Float64Array(m * m);
  for (let c = 0; c < m; c++) {
    for (let i = c; i < m; i++) {
      let s = i === c ? 1 : 0;
      for (let p = c; p < i; p++) s -= l[i * m + p] * li[p * m + c];
      li[i * m + c] = s / l[i * m + i];
    }
  }
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = 0;
      for (let p = i; p < m; p++) s += li[p * m + i] * li[p * m + j];
      a[i * m + j] = s;
      a[j * m + i] = s;
    }
  }
  return true;
}

/**
 * OLS of y on an intercept and the given regressor columns.
 *
 * b = S_xx⁻¹ S_xy on centered cross-products, a = ȳ - b'x̄, and the full
 * (X'X)⁻¹ = [[1/n + x̄'Cx̄, -(Cx̄)'], [-Cx̄, C]] with C = S_xx⁻¹. Residuals are recomputed in a
 * final pass so SSR does not suffer the cancellation of S_yy - b'S_xy.
 *
 * Rows are used when `mask[i]` is non-zero (if a mask is given) and y and every regressor are
 * finite there. With no regressors this is the sample mean with s² on n - 1 df.
 *
 * @throws InputError for a zero-variance or collinear regressor, or n ≤ k + 1.
 * @example
 * olsFit(Float64Array.of(1, 3, 5, 7.5), [Float64Array.of(0, 1, 2, 3)]).coef // ≈ [0.9, 2.15]
 */
export function olsFit(y: Float64Array, regressors: Float64Array[], mask?: Uint8Array): OlsFit {
  const k = regressors.length;
  const len = y.length;
  for (let j = 0; j < k; j++) {
    if (regressors[j].length !== len) {
      throw new InputError(`OLS: regressor ${j + 1} has ${regressors[j].length} rows, y has ${len}`);
    }
  }
  if (mask && mask.length !== len) throw new InputError(`OLS: mask has ${mask.length} rows, y has ${len}`);
  const used = (i: number): boolean => {
    if (mask && mask[i] === 0) return false;
    if (!Number.isFinite(y[i])) return false;
    for (let j = 0; j < k; j++) if (!Number.isFinite(regressors[j][i])) return false;
    return true;
  };

  // Pass 1: means.
  let n = 0;
  let ybar = 0;
  const xbar = new Float64Array(k);
  const rows = new Uint8Array(len);
  for (let i = 0; i < len; i++) {
    if (!used(i)) continue;
    rows[i] = 1;
    n++;
    ybar += y[i];
    for (let j = 0; j < k; j++) xbar[j] += regressors[j][i];
  }
  if (n <= k + 1) {
    throw new InputError(`OLS: ${n} usable observation(s) for ${k} regressor(s) plus intercept; need at least ${k + 2}`);
  }
  ybar /= n;
  for (let j = 0; j < k; j++) xbar[j] /= n;

  // Pass 2: centered cross-products.
  const sxx = new Float64Array(k * k);
  const sxy = new Float64Array(k);
  let syy = 0;
  const dx = new Float64Array(k);
  for (let i = 0; i < len; i++) {
    if (!rows[i]) continue;
    const dy = y[i] - ybar;
    syy += dy * dy;
    for (let j = 0; j < k; j++) dx[j] = regressors[j][i] - xbar[j];
    for (let a = 0; a < k; a++) {
      sxy[a] += dx[a] * dy;
      for (let b = 0; b <= a; b++) sxx[a * k + b] += dx[a] * dx[b];
    }
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < a; b++) sxx[b * k + a] = sxx[a * k + b];
  for (let j = 0; j < k; j++) {
    if (isZeroVariance(sxx[j * k + j], n, xbar[j])) {
      throw new InputError(
        k === 1
          ? 'benchmark has zero variance over the estimation window'
          : `regressor ${j + 1} has zero variance over the estimation window`,
      );
    }
  }

  // C = S_xx⁻¹ via the correlation matrix D S D (unit diagonal), D = diag(1/sqrt(S_jj)).
  const scale = new Float64Array(k);
  for (let j = 0; j < k; j++) scale[j] = 1 / Math.sqrt(sxx[j * k + j]);
  const c = new Float64Array(k * k);
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) c[a * k + b] = sxx[a * k + b] * scale[a] * scale[b];
  if (!invertSpd(c, k, 1e-12)) {
    throw new InputError('regressors are collinear over the estimation window (singular X\'X)');
  }
  for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) c[a * k + b] *= scale[a] * scale[b];

  const coef = new Float64Array(k + 1);
  let intercept = ybar;
  for (let a = 0; a < k; a++) {
    let b = 0;
    for (let p = 0; p < k; p++) b += c[a * k + p] * sxy[p];
    coef[a + 1] = b;
    intercept -= b * xbar[a];
  }
  coef[0] = intercept;

  // Full (X'X)⁻¹ with the intercept row/column.
  const m = k + 1;
  const xtxInv = new Float64Array(m * m);
  const cx = new Float64Array(k);
  let xcx = 0;
  for (let a = 0; a < k; a++) {
    let s = 0;
    for (let p = 0; p < k; p++) s += c[a * k + p] * xbar[p];
    cx[a] = s;
    xcx += xbar[a] * s;
  }
  xtxInv[0] = 1 / n + xcx;
  for (let a = 0; a < k; a++) {
    xtxInv[a + 1] = -cx[a];
    xtxInv[(a + 1) * m] = -cx[a];
    for (let b = 0; b < k; b++) xtxInv[(a + 1) * m + b + 1] = c[a * k + b];
  }

  // Pass 3: residuals.
  let ssr = 0;
  for (let i = 0; i < len; i++) {
    if (!rows[i]) continue;
    let e = y[i] - intercept;
    for (let j = 0; j < k; j++) e -= coef[j + 1] * regressors[j][i];
    ssr += e * e;
  }
  const df = n - k - 1;
  return { coef, xtxInv, ssr, s2: ssr / df, df, n, r2: syy > 0 ? 1 - ssr / syy : 0 };
}
