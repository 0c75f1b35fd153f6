/**
 * Expected-return models: one entry point, {@link fitEventModel}, dispatching on the model name.
 * See STATISTICS.md "Expected-return models" and each model's module for formulas and papers.
 */
import { fitMeanAdjusted } from './mean-adjusted.ts';
import { fitMarketAdjusted } from './market-adjusted.ts';
import { fitMarketModel } from './market.ts';
import { fitFactorModel } from './factor.ts';
import { fitScholesWilliams } from './scholes-williams.ts';
import { fitDimson } from './dimson.ts';
import { InputError } from '../errors.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

export type { ModelName, EventModelInput, EventModelFit } from './types.ts';
export { MODEL_NAMES } from './types.ts';
export { olsFit, type OlsFit } from './ols.ts';

/**
 * Fits `input.model` on the estimation range and returns the event-window abnormal returns,
 * their prediction variances and covariance (null hypothesis, estimation error included).
 *
 * @example
 * const fit = fitEventModel({ model: 'market', r, x: [rm], estimation: [0, 240], event: [245, 256] });
 * fit.betas[0]; fit.ar; fit.arCovariance
 */
export function fitEventModel(input: EventModelInput): EventModelFit {
  switch (input.model) {
    case 'mean-adjusted':
      return fitMeanAdjusted(input);
    case 'market-adjusted':
      return fitMarketAdjusted(input);
    case 'market':
      return fitMarketModel(input);
    case 'factor':
      return fitFactorModel(input);
    case 'scholes-williams':
      return fitScholesWilliams(input);
    case 'dimson':
      return fitDimson(input);
    default:
      throw new InputError(
        `unknown model '${String((input as { model: unknown }).model)}'; expected one of mean-adjusted, market-adjusted, market, factor, scholes-williams, dimson`,
      );
  }
}
