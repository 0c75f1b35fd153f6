/**
 * The fast path for many events under the market model: one flat n×t panel in event time, one
 * pass per event for the regression sums, preallocated Float64Array outputs and no allocation in
 * the per-event loop. Numbers are those of fitEventModel({ model: 'market' }) + carStatistics
 * (tested to 1e-12); only the bookkeeping differs.
 */
import { InputError } from '../errors.ts';
import { isZeroVariance } from '../models/ols.ts';

/** A panel of n events on a common event-time grid of t days. */
export interface MarketModelPanelInput {
  /** Number of events (rows). */
  n: number;
  /** Days per event (columns), the aligned relative-day sample. */
  t: number;
  /** Security returns, n×t row-major (NaN = missing day). */
  r: Float64Array;
  /** Benchmark returns: n×t row-major, or length t when every event shares one benchmark path. */
  rm: Float64Array;
  /** Estimation window as a column range [start, end). */
  estimation: [number, number];
  /** Event window as a column range [start, end). */
  event: [number, number];
}

/** Options for {@link marketModelPanel}. */
export interface MarketModelPanelOptions {
  /** Minimum valid estimation days per event (default 3, the least with a residual df; studies pass 120). */
  minEstimationDays?: number;
  /** What to do with an event that cannot be fitted: throw (default) or skip it (NaN row, listed in `skipped`). */
  onBadEvent?: 'throw' | 'skip';
  /**
   * Keep the n×E estimation residuals (default true; the rank and sign tests need them). Writing
   * them dominates the run time for large panels, so a CAR-only caller can turn it off
   * (estimationResiduals is then empty).
   */
  keepEstimationResiduals?: boolean;
}

/** Everything the multi-event tests need, in flat typed arrays. */
export interface PanelResult {
  n: number;
  /** Event-window length L. */
  L: number;
  /** Estimation-window length E (columns of estimationResiduals). */
  E: number;
  alpha: Float64Array;
  beta: Float64Array;
  s2: Float64Array;
  /** Valid estimation days per event. */
  M: Float64Array;
  /** Mean benchmark return R̄_m over the valid estimation days. */
  rmMean: Float64Array;
  /** S_xx = Σ(R_m - R̄_m)² over the valid estimation days. */
  rmSxx: Float64Array;
  /** 1 when the event was fitted, 0 when skipped. */
  fitted: Uint8Array;
  /** Events skipped under onBadEvent: 'skip', with the reason. */
  skipped: { event: number; reason: string }[];
  /** Abnormal returns, n×L (NaN where missing). */
  ar: Float64Array;
  /** Standardized abnormal returns AR_t / S_t, n×L. */
  sar: Float64Array;
  /** Estimation-window residuals, n×E (NaN where missing), for the rank and sign tests; empty when not kept. */
  estimationResiduals: Float64Array;
  /** The CAR windows, positions within the event range, inclusive. */
  windows: [number, number][];
  /** Per window: CAR of each event (length n). */
  car: Float64Array[];
  /** Per window: Var(CAR) = s²[L_v + L_v²/M + (Σ(R_mt - R̄_m))²/S_xx] over the L_v valid days. */
  carVar: Float64Array[];
  /** Per window: SCAR = CAR / sqrt(Var(CAR)). */
  scar: Float64Array[];
  /** Per window: valid days L_v (0 → CAR, variance and SCAR are NaN for that event). */
  carDays: Int32Array[];
}

/**
 * Market-model abnormal returns and CAR statistics for a panel of events.
 *
 * Per event, over the valid estimation days (R and R_m finite): one pass of sums shifted by the
 * first valid day (no cancellation, no division in the loop) for the means and centered
 * co-moments, β = S_xy/S_xx,
 * α = R̄ - βR̄_m, s² = SSR/(M - 2) from a residual pass, then on the event window
 * AR_t = R_t - α - βR_mt, S_t² = s²[1 + 1/M + (R_mt - R̄_m)²/S_xx] (MacKinlay 1997) and for each CAR
 * window Var(CAR) = s²[L_v + L_v²/M + (Σ(R_mt - R̄_m))²/S_xx] over its L_v valid days.
 *
 * @example
 * const res = marketModelPanel({ n, t: 261, r, rm, estimation: [0, 240], event: [250, 261] }, [[4, 6], [0, 10]]);
 * res.car[0][i] // CAR[-1,+1] of event i
 */
export function marketModelPanel(
  panel: MarketModelPanelInput,
  carWindows: [number, number][],
  options: MarketModelPanelOptions = {},
): PanelResult {
  const { n, t: T, r, rm } = panel;
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(T) || T <= 0) {
    throw new InputError(`panel: n = ${n} events and t = ${T} days must be non-negative integers (t > 0)`);
  }
  if (r.length !== n * T) throw new InputError(`panel: r has ${r.length} values, expected n×t = ${n * T}`);
  const shared = rm.length !== n * T;
  if (shared && rm.length !== T) {
    throw new InputError(`panel: rm has ${rm.length} values, expected n×t = ${n * T} or t = ${T} (shared benchmark)`);
  }
  const [es, ee] = panel.estimation;
  const [vs, ve] = panel.event;
  for (const [name, a, b] of [
    ['estimation', es, ee],
    ['event', vs, ve],
  ] as const) {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > T || a >= b) {
      throw new InputError(`panel: ${name} range [${a}, ${b}) is not a non-empty column range inside 0..${T}`);
    }
  }
  const L = ve - vs;
  const E = ee - es;
  for (const [a, b] of carWindows) {
    if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b >= L || a > b) {
      throw new InputError(`panel: CAR window [${a}, ${b}] is not inside the ${L}-day event range (positions 0..${L - 1})`);
    }
  }
  const minM = Math.max(3, options.minEstimationDays ?? 3);
  const onBad = options.onBadEvent ?? 'throw';
  const keepResiduals = options.keepEstimationResiduals ?? true;

  const W = carWindows.length;
  const res: PanelResult = {
    n,
    L,
    E,
    alpha: new Float64Array(n),
    beta: new Float64Array(n),
    s2: new Float64Array(n),
    M: new Float64Array(n),
    rmMean: new Float64Array(n),
    rmSxx: new Float64Array(n),
    fitted: new Uint8Array(n),
    skipped: [],
    ar: new Float64Array(n * L),
    sar: new Float64Array(n * L),
    estimationResiduals: new Float64Array(keepResiduals ? n * E : 0),
    windows: carWindows.map(([a, b]) => [a, b]),
    car: Array.from({ length: W }, () => new Float64Array(n)),
    carVar: Array.from({ length: W }, () => new Float64Array(n)),
    scar: Array.from({ length: W }, () => new Float64Array(n)),
    carDays: Array.from({ length: W }, () => new Int32Array(n)),
  };
  const { alpha: alphaOut, beta: betaOut, s2: s2Out, M: mOut, ar, sar, estimationResiduals } = res;
  const winA = Int32Array.from(carWindows, (w) => w[0]);
  const winB = Int32Array.from(carWindows, (w) => w[1]);
  const dev = new Float64Array(L); // R_mt - R̄_m on the event days of the current event
  const valid = new Uint8Array(L); // 1 where AR_t exists

  const bad = (i: number, reason: string): void => {
    if (onBad === 'throw') throw new InputError(`panel event ${i}: ${reason}`);
    res.skipped.push({ event: i, reason });
    res.fitted[i] = 0;
    alphaOut[i] = betaOut[i] = s2Out[i] = res.rmMean[i] = res.rmSxx[i] = NaN;
    ar.fill(NaN, i * L, (i + 1) * L);
    sar.fill(NaN, i * L, (i + 1) * L);
    if (keepResiduals) estimationResiduals.fill(NaN, i * E, (i + 1) * E);
    for (let w = 0; w < W; w++) {
      res.car[w][i] = res.carVar[w][i] = res.scar[w][i] = NaN;
      res.carDays[w][i] = 0;
    }
  };

  for (let i = 0; i < n; i++) {
    const ro = i * T;
    const mo = shared ? 0 : i * T;

    // Pass 1: shifted sums over the valid estimation days. Shifting by the first valid pair
    // (kx, ky) keeps Σ(x-kx)² - M(x̄-kx)² free of cancellation (the shift is within a few σ
    // of the mean), with no division in the loop. `v - v !== 0` is true exactly for NaN and ±Inf.
    let M = 0;
    let kx = 0;
    let ky = 0;
    for (let d = es; d < ee; d++) {
      const y = r[ro + d];
      const x = rm[mo + d];
      if (y - y === 0 && x - x === 0) {
        kx = x;
        ky = y;
        break;
      }
    }
    let sx = 0;
    let sy = 0;
    let sxxRaw = 0;
    let sxyRaw = 0;
    for (let d = es; d < ee; d++) {
      const y = r[ro + d];
      const x = rm[mo + d];
      if (y - y !== 0 || x - x !== 0) continue;
      M++;
      const dx = x - kx;
      const dy = y - ky;
      sx += dx;
      sy += dy;
      sxxRaw += dx * dx;
      sxyRaw += dx * dy;
    }
    const mx = kx + sx / M;
    const my = ky + sy / M;
    const sxx = sxxRaw - (sx * sx) / M;
    const sxy = sxyRaw - (sx * sy) / M;
    mOut[i] = M;
    if (M < minM) {
      bad(i, `${M} valid estimation day(s); need at least ${minM}`);
      continue;
    }
    if (isZeroVariance(sxx, M, mx)) {
      bad(i, 'benchmark has zero variance over the estimation window');
      continue;
    }
    const beta = sxy / sxx;
    const alpha = my - beta * mx;

    // Pass 2: residuals and SSR; no missing-day test when the window is complete.
    let ssr = 0;
    const eo = i * E;
    if (M === E) {
      if (keepResiduals) {
        for (let d = es; d < ee; d++) {
          const e = r[ro + d] - alpha - beta * rm[mo + d];
          estimationResiduals[eo + d - es] = e;
          ssr += e * e;
        }
      } else {
        for (let d = es; d < ee; d++) {
          const e = r[ro + d] - alpha - beta * rm[mo + d];
          ssr += e * e;
        }
      }
    } else {
      for (let d = es; d < ee; d++) {
        const y = r[ro + d];
        const x = rm[mo + d];
        if (y - y !== 0 || x - x !== 0) {
          if (keepResiduals) estimationResiduals[eo + d - es] = NaN;
          continue;
        }
        const e = y - alpha - beta * x;
        if (keepResiduals) estimationResiduals[eo + d - es] = e;
        ssr += e * e;
      }
    }
    const s2 = ssr / (M - 2);
    const invM = 1 / M;
    alphaOut[i] = alpha;
    betaOut[i] = beta;
    s2Out[i] = s2;
    res.rmMean[i] = mx;
    res.rmSxx[i] = sxx;
    res.fitted[i] = 1;

    // Event window: AR, SAR.
    const ao = i * L;
    for (let d = 0; d < L; d++) {
      const y = r[ro + vs + d];
      const x = rm[mo + vs + d];
      if (y - y !== 0 || x - x !== 0) {
        valid[d] = 0;
        dev[d] = 0;
        ar[ao + d] = NaN;
        sar[ao + d] = NaN;
        continue;
      }
      valid[d] = 1;
      const dx = x - mx;
      dev[d] = dx;
      const a = y - alpha - beta * x;
      ar[ao + d] = a;
      sar[ao + d] = a / Math.sqrt(s2 * (1 + invM + (dx * dx) / sxx));
    }

    // CAR windows over their valid days.
    for (let w = 0; w < W; w++) {
      let car = 0;
      let sd = 0;
      let days = 0;
      for (let d = winA[w]; d <= winB[w]; d++) {
        if (!valid[d]) continue;
        days++;
        car += ar[ao + d];
        sd += dev[d];
      }
      res.carDays[w][i] = days;
      if (days === 0) {
        res.car[w][i] = res.carVar[w][i] = res.scar[w][i] = NaN;
        continue;
      }
      const v = s2 * (days + days * days * invM + (sd * sd) / sxx);
      res.car[w][i] = car;
      res.carVar[w][i] = v;
      res.scar[w][i] = car / Math.sqrt(v);
    }
  }
  return res;
}
