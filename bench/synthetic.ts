/**
 * The seeded synthetic panel of the benchmark, built like /work/shared/bench/numpy_event_study.py:
 * n events × 261 days in event time (250 estimation days, then the event window [-5, +5]),
 * a per-event market path R_m ~ N(0.0004, 0.01²), α ~ N(0, 0.0005²), β ~ N(1, 0.3²),
 * σ ~ U(0.01, 0.03), R = α + βR_m + σε, and +0.002 on day 0 so the tests have something to find.
 * The RNG is the project's sfc32 (src/stats/random.ts), so the numbers differ from numpy's PCG64
 * draws but the distribution is the same.
 */
import { createRng, fillNormal } from '../src/stats/random.ts';

/** Days per event. */
export const DAYS = 261;
/** Estimation days (columns 0..249). */
export const ESTIMATION_DAYS = 250;
/** Event-window days (columns 250..260, relative days -5..+5). */
export const EVENT_DAYS = DAYS - ESTIMATION_DAYS;
/** Position of day 0 inside the event window. */
export const DAY0 = 5;
/** Day-0 abnormal return added to every event. */
export const DAY0_EFFECT = 0.002;

/** Returns of n events in event time, row-major n×261 Float64Arrays. */
export interface SyntheticPanel {
  n: number;
  t: number;
  /** Security returns R_it. */
  r: Float64Array;
  /** Each event's own market returns R_mt. */
  rm: Float64Array;
}

/**
 * Seeded synthetic market-model panel (see the file comment for the distributions).
 * `effect` is added to every event's day-0 return (0 gives a null panel).
 * @example const p = syntheticPanel(10_000, 12345); p.r[i * p.t + 255] // event i's day-0 return
 */
export function syntheticPanel(n: number, seed: number, effect = DAY0_EFFECT): SyntheticPanel {
  const rng = createRng(seed);
  const t = DAYS;
  const rm = fillNormal(rng, new Float64Array(n * t), 0.0004, 0.01);
  const alpha = fillNormal(rng, new Float64Array(n), 0, 0.0005);
  const beta = fillNormal(rng, new Float64Array(n), 1, 0.3);
  const sigma = new Float64Array(n);
  for (let i = 0; i < n; i++) sigma[i] = 0.01 + 0.02 * rng.uniform();
  const r = fillNormal(rng, new Float64Array(n * t)); // ε, then R in place
  for (let i = 0; i < n; i++) {
    const o = i * t;
    for (let d = 0; d < t; d++) r[o + d] = alpha[i] + beta[i] * rm[o + d] + sigma[i] * r[o + d];
    r[o + ESTIMATION_DAYS + DAY0] += effect;
  }
  return { n, t, r, rm };
}
