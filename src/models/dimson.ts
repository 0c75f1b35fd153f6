/**
 * Dimson (1979, J. Fin. Econ. 7) aggregated-coefficients beta for thin trading: one OLS
 * regression on K lags, the contemporaneous market and K leads,
 *
 *   R_t = α + Σ_{k=-K..K} β_k R_m,t+k + ε,   β_Dimson = Σ_k β_k   (default K = 1).
 *
 * The leads/lags near the window edges are read from the aligned sample; a day whose R_t or any
 * R_m,t+k is missing is dropped, so M counts days with all 2K + 2 values. s² = SSR/(M - 2K - 2).
 *
 * Abnormal returns use the full regression, AR_t = R_t - α - Σ_k β_k R_m,t+k (the usual Dimson
 * AR; the event window then needs R_m one day beyond each edge), with prediction variance
 * S_t² = s²(1 + x_t'(X'X)⁻¹x_t), x_t = (1, R_m,t-K..R_m,t+K), as for any OLS model.
 */
import { InputError } from '../errors.ts';
import { olsFit } from './ols.ts';
import { linearModelOutputs, modelContext, validateModelInput } from './linear.ts';
import { withModelContext } from './context.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/** Column k of the Dimson design: out[t] = x[t + lag] (NaN outside the sample). */
export function shiftedColumn(x: Float64Array, lag: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let t = 0; t < x.length; t++) {
    const u = t + lag;
    out[t] = u >= 0 && u < x.length ? x[u] : NaN;
  }
  return out;
}

/** Fits the Dimson model (see module doc). */
export function fitDimson(input: EventModelInput): EventModelFit {
  validateModelInput(input);
  const K = input.dimsonLags ?? 1;
  if (!Number.isInteger(K) || K < 0) {
    throw new InputError(`${modelContext(input)}dimsonLags must be a non-negative integer, got ${K}`);
  }
  return withModelContext(input, () => {
    const rm = input.x[0];
    const columns: Float64Array[] = [];
    for (let lag = -K; lag <= K; lag++) columns.push(shiftedColumn(rm, lag));
    const [es, ee] = input.estimation;
    const ols = olsFit(
      input.r.subarray(es, ee),
      columns.map((c) => c.subarray(es, ee)),
    );
    const out = linearModelOutputs({
      r: input.r,
      columns,
      coef: ols.coef,
      xtxInv: ols.xtxInv,
      s2: ols.s2,
      estimation: input.estimation,
      event: input.event,
    });
    const lagBetas = Array.from(ols.coef.subarray(1));
    return {
      model: 'dimson',
      M: ols.n,
      k: 2 * K + 1,
      df: ols.df,
      alpha: ols.coef[0],
      coef: Array.from(ols.coef),
      betas: [lagBetas.reduce((a, b) => a + b, 0)],
      lagBetas,
      s2: ols.s2,
      sigma: Math.sqrt(ols.s2),
      r2: ols.r2,
      ...out,
    };
  });
}
