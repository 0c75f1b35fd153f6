/**
 * What every linear expected-return model shares once its coefficients are known: estimation
 * residuals, event-window expected and abnormal returns, prediction variances and the AR
 * covariance. Models differ only in how they get (coef, (X'X)⁻¹, s²) and which columns form x_t.
 */
import { InputError } from '../errors.ts';
import type { EventModelFit, EventModelInput } from './types.ts';

/** The coefficients of a linear model E[R_t] = coef · (1, x_1t..x_kt) and their sampling variance factor. */
export interface LinearModelSpec {
  /** Security returns on the aligned sample. */
  r: Float64Array;
  /** Regressor columns on the aligned sample (already shifted for leads/lags). */
  columns: Float64Array[];
  /** [intercept, slopes...], length columns.length + 1. */
  coef: ArrayLike<number>;
  /** (X'X)⁻¹ of the estimation design, (k+1)² row-major; null when no parameter is estimated. */
  xtxInv: Float64Array | null;
  s2: number;
  estimation: [number, number];
  event: [number, number];
}

type LinearOutputs = Pick<
  EventModelFit,
  'estimationResiduals' | 'expected' | 'ar' | 'predictionVariance' | 'sar' | 'arCovariance'
>;

/**
 * Abnormal returns and their null covariance for a linear model:
 * AR_t = R_t - x_t'b, S_t² = s²(1 + x_t'(X'X)⁻¹x_t), Cov(AR_t, AR_u) = s²(δ_tu + x_t'(X'X)⁻¹x_u)
 * (MacKinlay 1997, eq. for the prediction-error covariance V = s²(I + X*(X'X)⁻¹X*')).
 */
export function linearModelOutputs(spec: LinearModelSpec): LinearOutputs {
  const { r, columns, coef, xtxInv, s2, estimation, event } = spec;
  const k = columns.length;
  const m = k + 1;
  const row = new Float64Array(m);
  /** Fills `row` with x_t = (1, x_1t..x_kt); false when a regressor is missing. */
  const design = (t: number): boolean => {
    row[0] = 1;
    for (let j = 0; j < k; j++) {
      const v = columns[j][t];
      if (!Number.isFinite(v)) return false;
      row[j + 1] = v;
    }
    return true;
  };
  const fitted = (): number => {
    let s = 0;
    for (let j = 0; j < m; j++) s += coef[j] * row[j];
    return s;
  };

  const [es, ee] = estimation;
  const estimationResiduals = new Float64Array(ee - es);
  for (let t = es; t < ee; t++) {
    estimationResiduals[t - es] = Number.isFinite(r[t]) && design(t) ? r[t] - fitted() : NaN;
  }

  const [vs, ve] = event;
  const L = ve - vs;
  const expected = new Float64Array(L);
  const ar = new Float64Array(L);
  const predictionVariance = new Float64Array(L);
  const sar = new Float64Array(L);
  const xs = new Float64Array(L * m); // x_t per event day
  const cxs = new Float64Array(L * m); // (X'X)⁻¹ x_t per event day
  const has = new Uint8Array(L);
  for (let i = 0; i < L; i++) {
    const t = vs + i;
    if (!design(t)) {
      expected[i] = ar[i] = predictionVariance[i] = sar[i] = NaN;
      continue;
    }
    has[i] = 1;
    xs.set(row, i * m);
    let q = 0;
    if (xtxInv) {
      for (let a = 0; a < m; a++) {
        let s = 0;
        for (let b = 0; b < m; b++) s += xtxInv[a * m + b] * row[b];
        cxs[i * m + a] = s;
        q += row[a] * s;
      }
    }
    expected[i] = fitted();
    predictionVariance[i] = s2 * (1 + q);
    ar[i] = Number.isFinite(r[t]) ? r[t] - expected[i] : NaN;
    sar[i] = ar[i] / Math.sqrt(predictionVariance[i]);
  }

  const arCovariance = new Float64Array(L * L);
  for (let i = 0; i < L; i++) {
    for (let j = 0; j < L; j++) {
      if (!has[i] || !has[j]) {
        arCovariance[i * L + j] = NaN;
        continue;
      }
      let q = 0;
      if (xtxInv) for (let a = 0; a < m; a++) q += xs[i * m + a] * cxs[j * m + a];
      arCovariance[i * L + j] = s2 * ((i === j ? 1 : 0) + q);
    }
  }
  return { estimationResiduals, expected, ar, predictionVariance, sar, arCovariance };
}

/** Prefix for error messages: 'market model (NVDA 2025-01-27): '. */
export function modelContext(input: EventModelInput): string {
  return `${input.model} model${input.label ? ` (${input.label})` : ''}: `;
}

/**
 * Checks the shapes of an {@link EventModelInput}: integer ranges inside the sample, start < end,
 * regressors the length of r, and the number of regressor columns the model needs.
 */
export function validateModelInput(input: EventModelInput): void {
  const ctx = modelContext(input);
  const n = input.r.length;
  for (const [name, range] of [
    ['estimation', input.estimation],
    ['event', input.event],
  ] as const) {
    const [a, b] = range ?? [];
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > n || a >= b) {
      throw new InputError(`${ctx}${name} range [${a}, ${b}) is not a non-empty index range inside the ${n}-day sample`);
    }
  }
  input.x.forEach((col, j) => {
    if (col.length !== n) throw new InputError(`${ctx}regressor ${j + 1} has ${col.length} days, returns have ${n}`);
  });
  const want = input.model === 'mean-adjusted' ? '0' : input.model === 'factor' ? '1+' : '1';
  const got = input.x.length;
  if ((want === '0' && got !== 0) || (want === '1' && got !== 1) || (want === '1+' && got < 1)) {
    const need = want === '0' ? 'no regressors' : want === '1' ? 'exactly one regressor (the benchmark return)' : 'at least one factor column';
    throw new InputError(`${ctx}needs ${need}, got ${got}`);
  }
}

/** The estimation-window sample of a one-benchmark model: valid days and the two means. */
export interface MarketSample {
  rm: Float64Array;
  /** True where both the security and the benchmark have a return. */
  ok: (t: number) => boolean;
  M: number;
  mx: number;
  my: number;
}

/**
 * Valid estimation days (security and benchmark both present) and the means of R_m and R over
 * them, shared by the market and Scholes-Williams models.
 * @throws InputError (prefixed with the model context) when fewer than 3 days are valid
 */
export function marketSample(input: EventModelInput, ctx: string): MarketSample {
  const { r } = input;
  const rm = input.x[0];
  const [es, ee] = input.estimation;
  const ok = (t: number): boolean => Number.isFinite(r[t]) && Number.isFinite(rm[t]);
  let M = 0;
  let mx = 0;
  let my = 0;
  for (let t = es; t < ee; t++) {
    if (!ok(t)) continue;
    M++;
    mx += rm[t];
    my += r[t];
  }
  if (M < 3) throw new InputError(`${ctx}${M} valid estimation day(s); need at least 3`);
  return { rm, ok, M, mx: mx / M, my: my / M };
}
