/**
 * Records shared by the expected-return models. Conventions (STATISTICS.md): one event's returns
 * sit on one aligned sample indexed by relative trading day; NaN marks a missing day; index
 * ranges are half-open [start, end) into that sample.
 */

/**
 * The expected-return models. The MODELS table (models/index.ts) is typed
 * `satisfies Record<ModelName, ModelSpec>`, so the compiler holds its rows to exactly these names;
 * every list of names (MODEL_NAMES, CLI help, validation) is read off that table.
 */
export type ModelName = 'mean-adjusted' | 'market-adjusted' | 'market' | 'factor' | 'scholes-williams' | 'dimson' | 'garch';

/** One event's data for {@link fitEventModel}. */
export interface EventModelInput {
  model: ModelName;
  /** Security returns on the aligned sample (NaN = missing day). */
  r: Float64Array;
  /**
   * Regressors aligned with r: [rm] for the market-based models (market-adjusted, market,
   * scholes-williams, dimson), the factor columns for 'factor', [] for mean-adjusted.
   */
  x: Float64Array[];
  /** Estimation window as an index range [start, end) into r. */
  estimation: [number, number];
  /** Event window as an index range [start, end) into r. */
  event: [number, number];
  /** Dimson's K (leads and lags of the market), default 1. */
  dimsonLags?: number;
  /** Names the event in error messages, e.g. 'NVDA 2025-01-27'. */
  label?: string;
}

/** A fitted model and the abnormal returns it implies over the event window. */
export interface EventModelFit {
  model: ModelName;
  /** Valid estimation days (security and every regressor it needs finite). */
  M: number;
  /** Number of slope parameters estimated (0 for mean-/market-adjusted, 1 market/SW, 2K+1 Dimson). */
  k: number;
  /** Residual degrees of freedom: M - k - 1; M - 1 for mean-/market-adjusted. */
  df: number;
  alpha: number;
  /**
   * The fitted linear predictor: E[R_t] = coef[0] + Σ_k coef[k]·design_k(t), with the design columns
   * of the model's MODELS entry (`design`): [α, β] on R_m for market, market-adjusted ([0, 1]) and
   * Scholes-Williams, [α, β₋K..β₊K] on the shifted R_m for Dimson, [α, b_1..b_k] on the factors,
   * [R̄] for mean-adjusted. The residual on any day is R_t − E[R_t] with these numbers.
   */
  coef: number[];
  /** Slopes: [β] for market-type models (Σβ_k for Dimson, β_SW for Scholes-Williams), one per factor for 'factor', [] for mean-adjusted. */
  betas: number[];
  /** Per-lag slopes: Scholes-Williams [β₋₁, β₀, β₊₁]; Dimson [β₋K..β₊K]. */
  lagBetas?: number[];
  /** Scholes-Williams: first-order autocorrelation ρ_m of the market over the estimation window. */
  marketAutocorrelation?: number;
  /** Residual variance s². */
  s2: number;
  sigma: number;
  /** R² of the estimation regression; null where no regression is run. */
  r2: number | null;
  /** Abnormal returns over the estimation window (length of the estimation range, NaN where missing). */
  estimationResiduals: Float64Array;
  /** E[R_t] on each event day (NaN where a regressor is missing). */
  expected: Float64Array;
  /** AR_t = R_t - E[R_t] (NaN where the day is missing). */
  ar: Float64Array;
  /** S_t², the variance of AR_t under the null including estimation error. */
  predictionVariance: Float64Array;
  /** SAR_t = AR_t / S_t. */
  sar: Float64Array;
  /** L×L row-major covariance of the event-window AR vector under the null, incl. estimation error (NaN rows/columns for days without E[R]). */
  arCovariance: Float64Array;
  /**
   * Set when the model asked for could not be used and `model` names the one fitted instead
   * (GARCH → OLS market model), with the reason; absent or null otherwise.
   */
  fallbackReason?: string | null;
}
