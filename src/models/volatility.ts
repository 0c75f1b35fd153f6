/**
 * Abnormal volatility from a fitted return model (the 'volatility' measure of
 * src/study/measures.ts): the squared standardized abnormal return U_t = AR_t²/s² of Beaver
 * (1968), whose expectation under the null is 1, and its excess AV_t = U_t − 1.
 *
 * With s² the return model's estimation residual variance and e_t its estimation residuals:
 *
 *   estimation:  u_t = e_t²/s² − 1,       ū = mean, s_v² = Σ_t (u_t − ū)² / (M − 1)
 *   event:       AV_t = AR_t²/s² − 1,     Var(AV_t) = s_v² (days independent under the null)
 *   window:      CAV = Σ_t AV_t,          t = CAV / √(L·s_v²) ~ Student t(M − 1)
 *
 * The variance is the time-series variance of the event's own u over its estimation window (as
 * Brown & Warner 1985 do for returns), so fat tails, which make Var(U) larger than the normal
 * theory's 2, are allowed for. Parameter estimation error of the return model is not added.
 *
 * References: Beaver, W. H. (1968) "The information content of annual earnings announcements",
 * Journal of Accounting Research 6 (Supplement), 67–92 (U = AR²/s²); Landsman, W. R. & Maydew,
 * E. L. (2002) Journal of Accounting Research 40(3), 797–808 (abnormal return variance around
 * announcements); Brown, S. J. & Warner, J. B. (1985) Journal of Financial Economics 14, 3–31.
 */
import type { EventModelFit } from './types.ts';

/**
 * The volatility fit of a return-model fit (see module doc). The result is an EventModelFit whose
 * `ar` are the AV_t, `expected` 1, `predictionVariance` s_v² on every day with an AR,
 * `estimationResiduals` the u_t, df M − 1, and `coef` the return model's followed by s², so the
 * engine can replay u_t from the pair's columns: u_t = (y_t − coef·design)²/s² − 1.
 *
 * @example
 * // e = [0.01, −0.02, 0.01, 0] with s² = 2e-4: u = [−0.5, 1, −0.5, −1]; day-0 AR 0.03 → AV = 3.5
 * volatilityFit(fit).ar[5]
 */
export function volatilityFit(fit: EventModelFit): EventModelFit {
  const s2 = fit.s2;
  const u = Float64Array.from(fit.estimationResiduals, (e) => (e * e) / s2 - 1);
  let n = 0;
  let mean = 0;
  for (const v of u) {
    if (v - v !== 0) continue;
    n++;
    mean += v;
  }
  mean /= n;
  let ss = 0;
  for (const v of u) if (v - v === 0) ss += (v - mean) * (v - mean);
  const sv2 = ss / (n - 1);
  const L = fit.ar.length;
  const ar = Float64Array.from(fit.ar, (a) => (a * a) / s2 - 1);
  const expected = Float64Array.from(ar, (a) => (a === a ? 1 : NaN));
  const predictionVariance = Float64Array.from(ar, (a) => (a === a ? sv2 : NaN));
  const sd = Math.sqrt(sv2);
  const sar = Float64Array.from(ar, (a) => a / sd);
  const arCovariance = new Float64Array(L * L);
  for (let i = 0; i < L; i++) arCovariance[i * L + i] = predictionVariance[i];
  return {
    model: fit.model,
    M: n,
    k: fit.k,
    df: n - 1,
    alpha: fit.alpha,
    coef: [...fit.coef, s2],
    betas: fit.betas,
    ...(fit.lagBetas ? { lagBetas: fit.lagBetas } : {}),
    ...(fit.marketAutocorrelation !== undefined ? { marketAutocorrelation: fit.marketAutocorrelation } : {}),
    s2: sv2,
    sigma: sd,
    r2: fit.r2,
    estimationResiduals: u,
    expected,
    ar,
    predictionVariance,
    sar,
    arCovariance,
    fallbackReason: fit.fallbackReason ?? null,
  };
}
