/**
 * Market-adjusted returns (Brown & Warner 1980; MacKinlay 1997 §4.3): the benchmark is the
 * expected return, nothing is estimated.
 *
 *   E[R_t] = R_mt,  AR_t = R_t - R_mt,  s² = sample variance (M - 1) of the estimation ARs,
 *   S_t² = s²,  Cov(AR) = s² I.
 */
import { InputError } from '../errors.ts';
import { linearModelOutputs, modelContext, validateModelInput } from './linear.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/** Fits the market-adjusted model (see module doc). */
export function fitMarketAdjusted(input: EventModelInput): EventModelFit {
  validateModelInput(input);
  const { r, x, estimation, event } = input;
  const rm = x[0];
  const [es, ee] = estimation;
  let M = 0;
  let mean = 0;
  for (let t = es; t < ee; t++) {
    if (Number.isFinite(r[t]) && Number.isFinite(rm[t])) {
      M++;
      mean += r[t] - rm[t];
    }
  }
  if (M < 2) throw new InputError(`${modelContext(input)}${M} valid estimation day(s); need at least 2`);
  mean /= M;
  let ss = 0;
  for (let t = es; t < ee; t++) {
    if (Number.isFinite(r[t]) && Number.isFinite(rm[t])) ss += (r[t] - rm[t] - mean) ** 2;
  }
  const s2 = ss / (M - 1);
  const out = linearModelOutputs({ r, columns: [rm], coef: [0, 1], xtxInv: null, s2, estimation, event });
  return {
    model: 'market-adjusted',
    M,
    k: 0,
    df: M - 1,
    alpha: 0,
    coef: [0, 1],
    betas: [1],
    s2,
    sigma: Math.sqrt(s2),
    r2: null,
    ...out,
  };
}
