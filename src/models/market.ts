/**
 * Market model (Sharpe 1963; MacKinlay 1997 §4.2), OLS of R_t = α + βR_mt + ε over the M valid
 * estimation days, in closed form:
 *
 *   β = Σ(R_m - R̄_m)(R - R̄) / S_xx,  S_xx = Σ(R_m - R̄_m)²,  α = R̄ - βR̄_m,
 *   s² = SSR / (M - 2),
 *   S_t² = s²[1 + 1/M + (R_mt - R̄_m)² / S_xx]                         (MacKinlay 1997),
 *   Cov(AR_t, AR_u) = s²[δ_tu + 1/M + (R_mt - R̄_m)(R_mu - R̄_m) / S_xx].
 *
 * Written out rather than routed through the general factor code so that the two can check each
 * other (the factor model with the market as its only factor must give the same numbers).
 */
import { InputError } from '../errors.ts';
import { isZeroVariance } from './ols.ts';
import { marketSample, modelContext, validateModelInput } from './linear.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/** Fits the market model (see module doc). */
export function fitMarketModel(input: EventModelInput): EventModelFit {
  validateModelInput(input);
  const ctx = modelContext(input);
  const { r, estimation, event } = input;
  const [es, ee] = estimation;
  const { rm, ok, M, mx, my } = marketSample(input, ctx);
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let t = es; t < ee; t++) {
    if (!ok(t)) continue;
    const dx = rm[t] - mx;
    const dy = r[t] - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  if (isZeroVariance(sxx, M, mx)) throw new InputError(`${ctx}benchmark has zero variance over the estimation window`);
  const beta = sxy / sxx;
  const alpha = my - beta * mx;

  const estimationResiduals = new Float64Array(ee - es);
  let ssr = 0;
  for (let t = es; t < ee; t++) {
    if (!ok(t)) {
      estimationResiduals[t - es] = NaN;
      continue;
    }
    // The same arithmetic as E[R_t] below (and as linearModelOutputs), so a residual recomputed
    // from coef by the engine is bit-identical.
    const e = r[t] - (alpha + beta * rm[t]);
    estimationResiduals[t - es] = e;
    ssr += e * e;
  }
  const s2 = ssr / (M - 2);

  const [vs, ve] = event;
  const L = ve - vs;
  const expected = new Float64Array(L);
  const ar = new Float64Array(L);
  const predictionVariance = new Float64Array(L);
  const sar = new Float64Array(L);
  const dev = new Float64Array(L); // R_mt - R̄_m
  for (let i = 0; i < L; i++) {
    const t = vs + i;
    if (!Number.isFinite(rm[t])) {
      expected[i] = ar[i] = predictionVariance[i] = sar[i] = dev[i] = NaN;
      continue;
    }
    dev[i] = rm[t] - mx;
    expected[i] = alpha + beta * rm[t];
    predictionVariance[i] = s2 * (1 + 1 / M + (dev[i] * dev[i]) / sxx);
    ar[i] = Number.isFinite(r[t]) ? r[t] - expected[i] : NaN;
    sar[i] = ar[i] / Math.sqrt(predictionVariance[i]);
  }
  const arCovariance = new Float64Array(L * L);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      arCovariance[i * L + j] = s2 * ((i === j ? 1 : 0) + 1 / M + (dev[i] * dev[j]) / sxx);
    }
  }
  return {
    model: 'market',
    M,
    k: 1,
    df: M - 2,
    alpha,
    coef: [alpha, beta],
    betas: [beta],
    s2,
    sigma: Math.sqrt(s2),
    r2: syy > 0 ? 1 - ssr / syy : 0,
    estimationResiduals,
    expected,
    ar,
    predictionVariance,
    sar,
    arCovariance,
  };
}
