/**
 * Factor model (e.g. Fama & French 1993 three factors, Carhart 1997 four): OLS of R_t on an
 * intercept and user-supplied factor columns F_1..F_k over the M valid estimation days.
 *
 *   s² = SSR / (M - k - 1),  S_t² = s²(1 + x_t'(X'X)⁻¹x_t),  x_t = (1, F_1t..F_kt),
 *   Cov(AR) = s²(I + X*(X'X)⁻¹X*')                                   (MacKinlay 1997).
 *
 * With the market as the only factor this is the market model, number for number.
 */
import { olsFit } from './ols.ts';
import { linearModelOutputs, validateModelInput } from './linear.ts';
import { withModelContext } from './context.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/** Fits a factor model on the columns of `input.x` (see module doc). */
export function fitFactorModel(input: EventModelInput): EventModelFit {
  validateModelInput(input);
  return withModelContext(input, () => {
    const [es, ee] = input.estimation;
    const ols = olsFit(
      input.r.subarray(es, ee),
      input.x.map((c) => c.subarray(es, ee)),
    );
    const out = linearModelOutputs({
      r: input.r,
      columns: input.x,
      coef: ols.coef,
      xtxInv: ols.xtxInv,
      s2: ols.s2,
      estimation: input.estimation,
      event: input.event,
    });
    return {
      model: 'factor',
      M: ols.n,
      k: input.x.length,
      df: ols.df,
      alpha: ols.coef[0],
      coef: Array.from(ols.coef),
      betas: Array.from(ols.coef.subarray(1)),
      s2: ols.s2,
      sigma: Math.sqrt(ols.s2),
      r2: ols.r2,
      ...out,
    };
  });
}
