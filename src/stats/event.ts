/**
 * Single-event statistics over a CAR window: CAR, its variance including estimation error, the
 * Student-t test, SCAR and BHAR (STATISTICS.md "Abnormal returns").
 */
import { InputError } from '../errors.ts';
import type { EventModelFit } from '../models/types.ts';
import { studentTTwoSidedP } from './distributions.ts';

/** The single-event statistics of one CAR window. */
export interface CarStatistics {
  /** CAR = Σ AR_t over the valid days of the window. */
  car: number;
  /** Var(CAR) = 1'Σ1 over the valid days, Σ the AR covariance incl. estimation error. */
  variance: number;
  se: number;
  /** t = CAR / se. */
  t: number;
  /** Student-t degrees of freedom (the model's residual df). */
  df: number;
  /** Two-sided p-value of t under Student t(df). */
  p: number;
  /** BHAR = Π(1 + R_t) - Π(1 + E[R_t]) over the same days. */
  bhar: number;
  /** SCAR = CAR / sqrt(Var(CAR)) (equal to t; named separately because the multi-event tests use it). */
  scar: number;
  /**
   * Valid days in the window (both AR and R finite); the CAR and its variance use only these.
   * 0 means the window has no data: every statistic is then NaN and the caller must report the gap.
   */
  days: number;
}

/**
 * CAR, its variance, t-test and BHAR for one event over `window`, positions inside the event range
 * (both inclusive).
 *
 *   CAR = Σ_t AR_t,  Var(CAR) = Σ_t Σ_u Cov(AR_t, AR_u) = 1'Σ1   (MacKinlay 1997),
 *   t = CAR / sqrt(Var(CAR)) ~ Student t(df),  BHAR = Π(1 + R_t) - Π(1 + E[R_t]).
 *
 * For the market model 1'Σ1 = s²[L2 + L2²/M + (Σ_t(R_mt - R̄_m))² / S_xx]. Days missing inside
 * the window are left out of every sum (CAR and variance over the same days, reported as `days`).
 *
 * @param fit the event's model fit (fitEventModel)
 * @param r the event-window security returns (same length as fit.ar), used for BHAR
 * @throws InputError for a window outside the event range or returns of the wrong length.
 * A window without a valid day returns days = 0 and NaN statistics (check `days`).
 * @example
 * carStatistics(fit, r.subarray(245, 256), [4, 6]) // CAR[-1,+1] with event range [-5,+5]
 */
export function carStatistics(fit: EventModelFit, r: Float64Array, window: [number, number]): CarStatistics {
  const L = fit.ar.length;
  const [a, b] = window;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b >= L || a > b) {
    throw new InputError(`CAR window [${a}, ${b}] is not inside the ${L}-day event range (positions 0..${L - 1})`);
  }
  if (r.length !== L) throw new InputError(`event-window returns have ${r.length} days, the fit has ${L}`);

  let car = 0;
  let variance = 0;
  let grossR = 1;
  let grossE = 1;
  let days = 0;
  const valid = (t: number): boolean => Number.isFinite(fit.ar[t]) && Number.isFinite(r[t]);
  for (let t = a; t <= b; t++) {
    if (!valid(t)) continue;
    days++;
    car += fit.ar[t];
    grossR *= 1 + r[t];
    grossE *= 1 + fit.expected[t];
    for (let u = a; u <= b; u++) if (valid(u)) variance += fit.arCovariance[t * L + u];
  }
  if (days === 0) {
    // Nothing to test: say so through `days`, the caller reports the gap (study/run.ts skips the event).
    return { car: NaN, variance: NaN, se: NaN, t: NaN, df: fit.df, p: NaN, bhar: NaN, scar: NaN, days: 0 };
  }
  const se = Math.sqrt(variance);
  const t = car / se;
  return { car, variance, se, t, df: fit.df, p: studentTTwoSidedP(t, fit.df), bhar: grossR - grossE, scar: t, days };
}
