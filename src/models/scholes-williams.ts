/**
 * Scholes & Williams (1977, J. Fin. Econ. 5) beta for nonsynchronous trading.
 *
 *   β_SW = (β₋₁ + β₀ + β₊₁) / (1 + 2ρ_m),   α_SW = R̄ - β_SW R̄_m,
 *
 * β_k the slope of the simple regression of R_t on R_m,t+k over the estimation days t where both
 * exist (R_m,t±1 may fall just outside the window: it is read from the aligned sample, and a
 * missing value drops that pair), ρ_m the first-order autocorrelation of R_m over the window,
 * computed as the Pearson correlation of the pairs (R_m,t-1, R_m,t) with both days in the window.
 * R̄, R̄_m are means over the M valid estimation days (R_t and R_mt finite).
 *
 * Residuals e_t = R_t - α_SW - β_SW R_mt, s² = Σe² / (M - 2), df = M - 2.
 *
 * Prediction variance (our choice; Scholes & Williams give none): the OLS market-model formula of
 * MacKinlay (1997) with the SW coefficients plugged in,
 *   S_t² = s²[1 + 1/M + (R_mt - R̄_m)² / S_xx],  Cov(AR) = s²(I + X*(X'X)⁻¹X*'),  X* rows (1, R_mt),
 * which is what event-study packages that offer SW betas use for standardization. It ignores the
 * extra sampling variance of β_SW relative to OLS, so it slightly understates S_t².
 */
import { InputError } from '../errors.ts';
import { isZeroVariance } from './ols.ts';
import { linearModelOutputs, marketSample, modelContext, validateModelInput } from './linear.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/**
 * Slope of the simple regression of y_t on x_{t+lag} over t in [start, end), pairs where both are
 * finite and t+lag is inside the sample. Throws when fewer than 3 pairs or x is constant.
 */
export function laggedSlope(y: Float64Array, x: Float64Array, lag: number, start: number, end: number, ctx = ''): number {
  let n = 0;
  let mx = 0;
  let my = 0;
  const pair = (t: number): boolean => {
    const u = t + lag;
    return u >= 0 && u < x.length && Number.isFinite(y[t]) && Number.isFinite(x[u]);
  };
  for (let t = start; t < end; t++) {
    if (!pair(t)) continue;
    n++;
    mx += x[t + lag];
    my += y[t];
  }
  if (n < 3) throw new InputError(`${ctx}${n} valid pair(s) for the lag ${lag} regression; need at least 3`);
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  for (let t = start; t < end; t++) {
    if (!pair(t)) continue;
    const dx = x[t + lag] - mx;
    sxx += dx * dx;
    sxy += dx * (y[t] - my);
  }
  if (isZeroVariance(sxx, n, mx)) throw new InputError(`${ctx}benchmark has zero variance over the estimation window`);
  return sxy / sxx;
}

/**
 * First-order autocorrelation of x over [start, end): Pearson correlation of the pairs
 * (x_{t-1}, x_t) with both days inside the range and finite.
 */
export function firstOrderAutocorrelation(x: Float64Array, start: number, end: number): number {
  let n = 0;
  let ma = 0;
  let mb = 0;
  for (let t = start + 1; t < end; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(x[t - 1])) continue;
    n++;
    ma += x[t - 1];
    mb += x[t];
  }
  if (n < 3) return NaN;
  ma /= n;
  mb /= n;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  for (let t = start + 1; t < end; t++) {
    if (!Number.isFinite(x[t]) || !Number.isFinite(x[t - 1])) continue;
    const a = x[t - 1] - ma;
    const b = x[t] - mb;
    saa += a * a;
    sbb += b * b;
    sab += a * b;
  }
  return sab / Math.sqrt(saa * sbb);
}

/** Fits the Scholes-Williams market model (see module doc). */
export function fitScholesWilliams(input: EventModelInput): EventModelFit {
  validateModelInput(input);
  const ctx = modelContext(input);
  const { r, estimation, event } = input;
  const [es, ee] = estimation;
  const { rm, ok, M, mx, my } = marketSample(input, ctx);
  let sxx = 0;
  for (let t = es; t < ee; t++) if (ok(t)) sxx += (rm[t] - mx) ** 2;
  if (isZeroVariance(sxx, M, mx)) throw new InputError(`${ctx}benchmark has zero variance over the estimation window`);

  const lagBetas = [-1, 0, 1].map((lag) => laggedSlope(r, rm, lag, es, ee, ctx));
  const rho = firstOrderAutocorrelation(rm, es, ee);
  if (!(1 + 2 * rho > 0)) {
    throw new InputError(`${ctx}market autocorrelation ρ_m = ${rho} makes 1 + 2ρ_m ≤ 0; the Scholes-Williams beta is undefined`);
  }
  const beta = (lagBetas[0] + lagBetas[1] + lagBetas[2]) / (1 + 2 * rho);
  const alpha = my - beta * mx;

  let ssr = 0;
  for (let t = es; t < ee; t++) if (ok(t)) ssr += (r[t] - alpha - beta * rm[t]) ** 2;
  const s2 = ssr / (M - 2);
  // (X'X)⁻¹ of the design (1, R_m) over the valid days, written via centered moments.
  const xtxInv = Float64Array.of(1 / M + (mx * mx) / sxx, -mx / sxx, -mx / sxx, 1 / sxx);
  const out = linearModelOutputs({ r, columns: [rm], coef: [alpha, beta], xtxInv, s2, estimation, event });
  return {
    model: 'scholes-williams',
    M,
    k: 1,
    df: M - 2,
    alpha,
    coef: [alpha, beta],
    betas: [beta],
    lagBetas,
    marketAutocorrelation: rho,
    s2,
    sigma: Math.sqrt(s2),
    r2: null,
    ...out,
  };
}
