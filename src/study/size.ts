/**
 * Size check of the test battery: simulated null panels (market-model returns, no event effect)
 * run through the study's own engine and aggregate stage, and the share of tests rejecting at 5%.
 * A well-specified test rejects about 5% of the time.
 */
import { InputError } from '../errors.ts';
import { buildCalendar } from '../calendar/index.ts';
import { createRng, fillNormal, randomNormal, type Rng } from '../stats/random.ts';
import type { SymbolInfo } from '../types.ts';
import type { ModelName } from '../models/types.ts';
import { MEASURES, type Measure } from './measures.ts';
import { createAggregator } from './aggregate.ts';
import { computeEventAt, createEngine } from './engine.ts';
import { gridFromReturns, pairGrid, planWindows } from './grid.ts';
import { resolveStudyOptions } from './options.ts';

export interface SizeOptions {
  /** Number of simulated panels. */
  panels: number;
  /** Events per panel. */
  n: number;
  seed: number;
  /** Estimation days per event, default 250. */
  estimationLength?: number;
  /** CAR window length L2 (centered in an 11-day event window), default 3. */
  windowLength?: number;
  /** Bootstrap replications per panel, default 199 (0 skips the bootstrap). */
  bootstrapB?: number;
  /**
   * What is measured (default 'return'). 'volume' simulates log volumes: the market's
   * m_t = 17 + 0.3·z_t and each security's v_t = a + b(m_t − 17) + ε_t (a ∈ [13, 17],
   * b ∈ [0.5, 1.5], sd(ε) ∈ [0.3, 0.6]); 'volatility' squares the market-model ARs of simulated returns.
   */
  measure?: Measure;
  /** The model (default: the measure's). */
  model?: ModelName;
  /**
   * The errors ε: 'normal' (default); 't5', Student t with 5 df scaled to the same variance (fat
   * tails); 'garch', GARCH(1,1) with ω = σ²(1 − a − b), a = 0.1, b = 0.85 (volatility clustering).
   */
  errors?: 'normal' | 't5' | 'garch';
  /** Also report 'event-t': the share of events whose own CAR t test rejects (its `panels` counts events). */
  eventTest?: boolean;
}

/** One error draw with unit variance of the kind asked for; GARCH keeps its state in `state`. */
function drawErrors(rng: Rng, kind: 'normal' | 't5' | 'garch', out: Float64Array, sd: number): void {
  if (kind === 'normal') {
    fillNormal(rng, out, 0, sd);
    return;
  }
  if (kind === 't5') {
    // t5 = Z / √(χ²₅/5) has variance 5/3: scaled by √(3/5) to unit variance.
    for (let t = 0; t < out.length; t++) {
      let chi = 0;
      for (let k = 0; k < 5; k++) chi += randomNormal(rng) ** 2;
      out[t] = sd * Math.sqrt(3 / 5) * (randomNormal(rng) / Math.sqrt(chi / 5));
    }
    return;
  }
  const a = 0.1;
  const b = 0.85;
  const omega = sd * sd * (1 - a - b);
  let h = sd * sd;
  let e = 0;
  for (let t = -100; t < out.length; t++) {
    h = omega + a * e * e + b * h;
    e = Math.sqrt(h) * randomNormal(rng);
    if (t >= 0) out[t] = e;
  }
}

/** Rejection rate at 5% per test id, plus how many panels gave that test a p-value. */
export type RejectionRates = Record<string, { rate: number; panels: number }>;

const SIMULATED: SymbolInfo = { symbol: 'SIM', name: 'simulated', aliases: [], exchange: 'XNYS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock' };

/**
 * Simulates null panels: per panel a market R_m ~ N(0.03%, 1%²) on a shared calendar twice an
 * event's length; per event its own calendar offset (so estimation windows overlap across events),
 * R_i = α_i + β_i R_m + ε_i with ε ~ N(0, σ_i²), σ_i ∈ [1%, 3%] (or the `errors` asked for). Each
 * event is then studied like a real one — the model fitted on its estimation window, ARs, SARs,
 * CAR and SCAR with MacKinlay's prediction variance — and every multi-event test of the battery
 * (the defaults of the model and measure) is run on the CAR window by the aggregate stage (r̄ on
 * calendar dates included). Residuals are independent across events, so r̄ ≈ 0. The volume and
 * volatility measures run the same way on simulated log volumes or on the squared ARs (see
 * SizeOptions.measure). With `eventTest`, also 'event-t': the share of events whose own CAR t
 * test rejects (its `panels` counts events).
 */
export function simulateNullRejectionRates(options: SizeOptions): RejectionRates {
  const { panels, n, seed } = options;
  const M = options.estimationLength ?? 250;
  const L2 = options.windowLength ?? 3;
  const bootB = options.bootstrapB ?? 199;
  const E = 11;
  if (!(Number.isInteger(panels) && panels >= 1 && Number.isInteger(n) && n >= 3)) {
    throw new InputError(`simulateNullRejectionRates: needs integer panels ≥ 1 and n ≥ 3, got ${panels}, ${n}`);
  }
  if (!(L2 >= 1 && L2 <= E)) throw new InputError(`windowLength must be within 1..${E}, got ${L2}`);
  if (!(Number.isInteger(M) && M >= 30)) throw new InputError(`estimationLength must be an integer ≥ 30, got ${M}`);
  const rng = createRng(seed);
  const days = M + E;
  const span = 2 * days; // shared calendar so estimation windows overlap
  // The last `span` sessions of a real calendar, so day 0 and the windows are ordinary sessions.
  const xnys = buildCalendar('XNYS');
  const calendar = { ...xnys, days: xnys.days.slice(xnys.days.length - span) };
  const a = Math.floor((E - L2) / 2) - 5;
  const measure = options.measure ?? 'return';
  const errors = options.errors ?? 'normal';
  const options_ = resolveStudyOptions({
    measure,
    model: options.model,
    estimationWindow: [-5 - M, -6],
    eventWindow: [-5, 5],
    carWindows: [[a, a + L2 - 1]],
    minEstimationReturns: M,
    bootstrap: bootB > 0 ? { replications: bootB, seed } : false,
  });
  const plan = planWindows(options_.estimationWindow, options_.eventWindow, options_.carWindows, 0);
  const marketByDate = new Float64Array(span);
  const marketVolume = new Float64Array(span);
  const rm = new Float64Array(days);
  const eps = new Float64Array(days);
  const rejected: Record<string, number> = {};
  const counted: Record<string, number> = {};
  const onVolume = MEASURES[measure].series === 'logVolume';
  const measureOptions = { measure };
  for (let panel = 0; panel < panels; panel++) {
    fillNormal(rng, marketByDate, 0.0003, 0.01);
    fillNormal(rng, marketVolume, 17, 0.3);
    const market = gridFromReturns({ ...SIMULATED, symbol: 'MKT' }, calendar, Float64Array.from(marketByDate), Float64Array.from(marketVolume));
    const engine = createEngine({
      model: options_.model,
      modelOptions: {},
      plan,
      minM: M,
      day0Rule: 'next',
      loadSeries: () => {
        throw new InputError('the size simulation loads no series');
      },
      measure: measureOptions,
    });
    const aggregator = createAggregator({
      plan,
      tests: options_.tests,
      bootstrap: bootB > 0 ? { replications: bootB, seed: seed + panel } : false,
      model: options_.model,
      measure,
    });
    const pairs = [];
    for (let i = 0; i < n; i++) {
      const start = rng.int(span - days + 1);
      const returns = new Float64Array(span).fill(NaN);
      let logVolume: Float64Array | undefined;
      if (onVolume) {
        for (let t = 0; t < days; t++) rm[t] = marketVolume[start + t] - 17;
        const level = 13 + 4 * rng.uniform();
        const slope = 0.5 + rng.uniform();
        drawErrors(rng, errors, eps, 0.3 + 0.3 * rng.uniform());
        logVolume = new Float64Array(span).fill(NaN);
        for (let t = 0; t < days; t++) {
          logVolume[start + t] = level + slope * rm[t] + eps[t];
          returns[start + t] = 0; // the grid's data range; the volume measure does not read returns
        }
      } else {
        for (let t = 0; t < days; t++) rm[t] = marketByDate[start + t];
        const sigma = 0.01 + 0.02 * rng.uniform();
        const alpha = 0.0005 * (rng.uniform() - 0.5);
        const beta = 0.5 + rng.uniform();
        drawErrors(rng, errors, eps, sigma);
        for (let t = 0; t < days; t++) returns[start + t] = alpha + beta * rm[t] + eps[t];
      }
      const symbol = `S${i}`;
      const pair = pairGrid(i, gridFromReturns({ ...SIMULATED, symbol }, calendar, returns, logVolume), market, engine.spec, {}, undefined, measureOptions);
      pairs.push(pair);
      const day0Index = start - plan.first;
      const work = computeEventAt(engine, pair, { symbol, date: calendar.days[day0Index] }, symbol, day0Index, 'simulated');
      if ('reason' in work) throw new InputError(`size simulation: event ${symbol} could not be studied: ${work.reason}`);
      aggregator.add(work);
      if (options.eventTest) {
        counted['event-t'] = (counted['event-t'] ?? 0) + 1;
        if (work.car[0].p < 0.05) rejected['event-t'] = (rejected['event-t'] ?? 0) + 1;
      }
    }
    const out = aggregator.finish(pairs);
    for (const r of Object.values(out.aggregate[0].tests)) {
      if (r.p === null) continue;
      counted[r.test] = (counted[r.test] ?? 0) + 1;
      if (r.p < 0.05) rejected[r.test] = (rejected[r.test] ?? 0) + 1;
    }
  }
  const result: RejectionRates = {};
  for (const test of Object.keys(counted)) result[test] = { rate: (rejected[test] ?? 0) / counted[test], panels: counted[test] };
  return result;
}
