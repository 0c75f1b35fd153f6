/**
 * The GARCH(1,1) market model as an event-study model: the adapter the engine's MODELS table
 * calls for `--model garch` (see src/models/garch.ts for the estimator).
 *
 * On the estimation range: R_t = α + βR_mt + ε_t, h_t = ω + aε²_{t−1} + bh_{t−1} by Gaussian QML.
 * After it, h_t follows forecastGarch: realised ε² feed h up to the day before the event window;
 * inside the window h_t is the multi-step forecast, so event-day ARs never enter their own
 * variance. Outputs in EventModelFit terms:
 *   expected_t = α + βR_mt,  AR_t = R_t − expected_t,  predictionVariance_t = h_t,
 *   SAR_t = AR_t/√h_t (Savickas 2003), arCovariance = diag(h_t) (ARs are conditionally
 *   uncorrelated; parameter estimation error is not added, as in Savickas 2003),
 *   s² = ω/(1 − a − b) (the unconditional variance), df = M − 2, r2 = null.
 * When the fit does not converge, hits a bound, or cannot be run (too few days), the market model
 * (OLS) is fitted instead and `fallbackReason` says why, for the event's flags.
 */
import { MarketImpactError } from '../errors.ts';
import { fitGarch, forecastGarch, type GarchFit } from './garch.ts';
import { fitMarketModel } from './market.ts';
import { validateModelInput } from './linear.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/** An EventModelFit from the GARCH market model, or from OLS with the reason GARCH was not used. */
export type GarchEventFit = EventModelFit & {
  /** The GARCH estimate (also when it did not converge; null when it could not be run). */
  garch: GarchFit | null;
  /** Why the market model (OLS) was used instead; null when the GARCH fit is used. */
  fallbackReason: string | null;
};

/**
 * Fits the GARCH(1,1) market model on `input.estimation` with `input.x[0]` as the market and
 * returns the event-window ARs standardized by the conditional variance; falls back to OLS with a
 * reason (see module doc). `input.model` is not read (the engine may pass 'garch').
 * @example
 * const fit = fitGarchMarketModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] });
 * fit.fallbackReason ?? fit.sar
 */
export function fitGarchMarketModel(input: EventModelInput): GarchEventFit {
  validateModelInput({ ...input, model: 'market' });
  const [es, ee] = input.estimation;
  const [vs, ve] = input.event;
  const rm = input.x[0];
  let garch: GarchFit | null = null;
  let reason: string | null = null;
  try {
    garch = fitGarch(input.r.subarray(es, ee), { x: rm.subarray(es, ee) });
    if (!garch.converged) reason = garch.reason;
  } catch (e) {
    if (!(e instanceof MarketImpactError)) throw e;
    reason = e.message;
  }
  if (reason !== null || garch === null) {
    const ols = fitMarketModel({ ...input, model: 'market' });
    return { ...ols, garch, fallbackReason: `GARCH(1,1) not used (${reason}); market model (OLS) instead` };
  }
  const forecast = forecastGarch(garch, { y: input.r.subarray(ee, ve), x: rm.subarray(ee, ve), eventStart: vs - ee });
  const L = ve - vs;
  const from = vs - ee;
  const expected = forecast.expected.slice(from, from + L);
  const ar = forecast.ar.slice(from, from + L);
  const predictionVariance = forecast.variance.slice(from, from + L);
  const sar = forecast.sar.slice(from, from + L);
  for (let i = 0; i < L; i++) {
    if (!Number.isFinite(expected[i])) expected[i] = ar[i] = predictionVariance[i] = sar[i] = NaN;
  }
  const arCovariance = new Float64Array(L * L);
  for (let i = 0; i < L; i++) arCovariance[i * L + i] = predictionVariance[i];
  const s2 = garch.omega / (1 - garch.alpha1 - garch.beta1);
  return {
    model: 'garch',
    M: garch.n,
    k: 1,
    df: garch.n - 2,
    alpha: garch.mu,
    betas: [garch.betas[0]],
    // The mean equation is linear: residual = R - (coef[0] + coef[1] R_m), as the engine recomputes it.
    coef: [garch.mu, garch.betas[0]],
    s2,
    sigma: Math.sqrt(s2),
    r2: null,
    estimationResiduals: garch.residuals,
    expected,
    ar,
    predictionVariance,
    sar,
    arCovariance,
    garch,
    fallbackReason: null,
  };
}
