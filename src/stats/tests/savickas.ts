/**
 * Savickas (2003) test: abnormal returns standardized by their GARCH conditional variance.
 */
import { InputError } from '../../errors.ts';
import type { TestResult } from '../types.ts';
import { momentsFrom, type Moments, type Values } from './common.ts';
import { meanOverStandardError } from './parametric.ts';

/**
 * Savickas (2003) t: with S_i = AR_i/√ĥ_i, each event's abnormal return over its GARCH(1,1)
 * conditional standard deviation (for a window, S_i = CAR_i / √Σ_t ĥ_it),
 *
 *   t = S̄ / √( Σ_i (S_i − S̄)² / (N(N − 1)) ),   Student t with N − 1 df,
 *
 * the cross-sectional standardized test of Boehmer, Musumeci & Poulsen (1991) applied to
 * GARCH-standardized returns, so event-induced and time-varying volatility do not inflate the
 * rejection rate. Savickas estimates the event effect with an event dummy in the GARCH mean
 * equation; here ĥ is the forecast from the estimation-window fit (src/models/garch.ts
 * forecastGarch), so event-day returns do not enter their own variance.
 *
 * Reference: Savickas, R. (2003) "Event-induced volatility and tests for abnormal performance",
 * Journal of Financial Research 26(2), 165–178.
 *
 * `standardized` may be the values or their moments (count, mean, Σ(S − S̄)²), as a streaming
 * study gathers them per event day.
 * @example savickasT([1, 2, 3]).stat // 2 / (1/√3) = 3.4641, df 2
 */
export function savickasT(standardized: Values | Moments): TestResult {
  return meanOverStandardError(SAVICKAS_ID, SAVICKAS_LABEL, momentsFrom(standardized, 'savickasT standardized ARs'), 'the standardized ARs');
}

/** Machine id and label of {@link savickasT} (also of its "not computed" results). */
export const SAVICKAS_ID = 'savickas-t';
export const SAVICKAS_LABEL = 'Savickas (2003) GARCH-standardized t';

/**
 * One event's GARCH-standardized CAR over a window: Σ_t AR_t / √(Σ_t h_t), the days where both
 * are finite (ARs on different days are uncorrelated given the conditional variances).
 * @example garchStandardizedCar([0.01, 0.02], [1e-4, 3e-4]) // 0.03 / 0.02 = 1.5
 */
export function garchStandardizedCar(ar: Values, variance: Values): number {
  if (ar.length !== variance.length) throw new InputError(`garchStandardizedCar: ${ar.length} ARs but ${variance.length} variances`);
  let car = 0;
  let h = 0;
  for (let t = 0; t < ar.length; t++) {
    if (!Number.isFinite(ar[t]) || !Number.isFinite(variance[t])) continue;
    car += ar[t];
    h += variance[t];
  }
  if (!(h > 0)) throw new InputError('garchStandardizedCar: no day with a finite AR and a positive variance');
  return car / Math.sqrt(h);
}
