/**
 * Expected-return models: the MODELS table, one entry per model, and {@link fitEventModel}, which
 * dispatches through it. See STATISTICS.md "Expected-return models" and each model's module for
 * formulas and papers.
 *
 * A new model is one module with its fit function plus one entry here: what it regresses on
 * (nothing, the benchmark's returns or the user's factor table), how many sessions it reads
 * beyond the window edges, its design columns and its fit, and its name in the ModelName union
 * (the table is typed `satisfies Record<ModelName, ModelSpec>`, so the two cannot drift).
 * Everything else (the event grid, the CLI's --model list, the engine's checks) reads the table.
 */
import { fitMeanAdjusted } from './mean-adjusted.ts';
import { fitMarketAdjusted } from './market-adjusted.ts';
import { fitMarketModel } from './market.ts';
import { fitFactorModel } from './factor.ts';
import { fitScholesWilliams } from './scholes-williams.ts';
import { fitDimson, shiftedColumn } from './dimson.ts';
import { fitGarchMarketModel } from './garch-event.ts';
import { InputError } from '../errors.ts';
import type { EventModelFit, EventModelInput, ModelName } from './types.ts';

export type { ModelName, EventModelInput, EventModelFit } from './types.ts';
export { olsFit, type OlsFit } from './ols.ts';

/** Model options that change what a model reads (today only Dimson's K). */
export interface ModelOptions {
  /** Dimson's K, leads and lags of the market (default 1). */
  dimsonLags?: number;
}

/** One row of the MODELS table. */
export interface ModelSpec {
  /** One line for help text and reports. */
  summary: string;
  /** The model regresses on (or subtracts) the benchmark's returns: events need a benchmark. */
  needsBenchmark: boolean;
  /** The model regresses on the user's factor table (StudyOptions.factors). */
  needsFactors: boolean;
  /** Sessions the model reads beyond each edge of the estimation and event windows (Dimson K, Scholes-Williams 1). */
  padding(opts: ModelOptions): number;
  /**
   * The design columns whose coefficients `fit.coef[1..]` are, on the same days as the regressors
   * `x` (the benchmark's returns, or the factor columns): E[R_t] = coef[0] + Σ coef[k]·design[k−1][t].
   */
  design(x: readonly Float64Array[], opts: ModelOptions): Float64Array[];
  fit(input: EventModelInput): EventModelFit;
}

const asIs = (x: readonly Float64Array[]): Float64Array[] => [...x];
const noPadding = (_opts: ModelOptions): number => 0;
const oneSession = (_opts: ModelOptions): number => 1;

/** Every model the engine knows, in documentation order. */
export const MODELS = {
  'mean-adjusted': {
    summary: 'constant mean return over the estimation window',
    needsBenchmark: false,
    needsFactors: false,
    padding: noPadding,
    design: () => [],
    fit: fitMeanAdjusted,
  },
  'market-adjusted': {
    summary: 'the benchmark return is the expected return',
    needsBenchmark: true,
    needsFactors: false,
    padding: noPadding,
    design: asIs,
    fit: fitMarketAdjusted,
  },
  market: {
    summary: 'OLS market model R = α + βR_m (default)',
    needsBenchmark: true,
    needsFactors: false,
    padding: noPadding,
    design: asIs,
    fit: fitMarketModel,
  },
  factor: {
    summary: 'OLS on the columns of a factor file (e.g. Fama-French)',
    needsBenchmark: false,
    needsFactors: true,
    padding: noPadding,
    design: asIs,
    fit: fitFactorModel,
  },
  'scholes-williams': {
    summary: 'Scholes-Williams (1977) beta for nonsynchronous trading',
    needsBenchmark: true,
    needsFactors: false,
    padding: oneSession,
    design: asIs,
    fit: fitScholesWilliams,
  },
  dimson: {
    summary: 'Dimson (1979) beta from K leads and lags of the market',
    needsBenchmark: true,
    needsFactors: false,
    padding: (opts) => opts.dimsonLags ?? 1,
    design: (x, opts) => {
      const K = opts.dimsonLags ?? 1;
      const out: Float64Array[] = [];
      for (let lag = -K; lag <= K; lag++) out.push(shiftedColumn(x[0], lag));
      return out;
    },
    fit: fitDimson,
  },
  garch: {
    summary: 'GARCH(1,1) market model by Gaussian QML (Bollerslev 1986); ARs standardized by the forecast conditional variance (Savickas 2003); OLS market model when the fit fails',
    needsBenchmark: true,
    needsFactors: false,
    padding: noPadding,
    // The mean equation is linear in the benchmark (coef = [μ, β]), so residuals replay as for 'market'.
    design: asIs,
    fit: fitGarchMarketModel,
  },
} satisfies Record<ModelName, ModelSpec>;

/** Every model name, in documentation order (CLI validation and help). */
export const MODEL_NAMES = Object.keys(MODELS) as ModelName[];

/** The MODELS entry of a name, or an InputError listing the known models. */
export function modelSpec(name: string): ModelSpec {
  const spec = Object.hasOwn(MODELS, name) ? (MODELS as Record<string, ModelSpec>)[name] : undefined;
  if (!spec) throw new InputError(`unknown model '${String(name)}'; expected one of ${MODEL_NAMES.join(', ')}`);
  return spec;
}

/**
 * Fits `input.model` on the estimation range and returns the event-window abnormal returns,
 * their prediction variances and covariance (null hypothesis, estimation error included).
 *
 * @example
 * const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] });
 * fit.betas[0]; fit.ar; fit.arCovariance
 */
export function fitEventModel(input: EventModelInput): EventModelFit {
  return modelSpec((input as { model: unknown }).model as string).fit(input);
}
