/**
 * Mean-adjusted returns (Brown & Warner 1980; MacKinlay 1997 §4.1 "constant mean return model").
 *
 *   E[R_t] = R̄ (mean over the M valid estimation days),  s² = Σ(R - R̄)² / (M - 1),
 *   S_t² = s²(1 + 1/M),  Cov(AR) = s²(I + 11'/M).
 *
 * It is OLS on an intercept alone, so it runs through the same solver and output code as the
 * other linear models.
 */
import { olsFit } from './ols.ts';
import { linearModelOutputs, validateModelInput } from './linear.ts';
import { withModelContext } from './context.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/** Fits the constant-mean model over `input.estimation` (see module doc). */
export function fitMeanAdjusted(input: EventModelInput): EventModelFit {
  validateModelInput(input);
  return withModelContext(input, () => {
    const [es, ee] = input.estimation;
    const ols = olsFit(input.r.subarray(es, ee), []);
    const out = linearModelOutputs({
      r: input.r,
      columns: [],
      coef: ols.coef,
      xtxInv: ols.xtxInv,
      s2: ols.s2,
      estimation: input.estimation,
      event: input.event,
    });
    return {
      model: 'mean-adjusted',
      M: ols.n,
      k: 0,
      df: ols.n - 1,
      alpha: ols.coef[0],
      coef: Array.from(ols.coef),
      betas: [],
      s2: ols.s2,
      sigma: Math.sqrt(ols.s2),
      r2: null,
      ...out,
    };
  });
}
