/**
 * The per-event engine: one announcement → day 0 on the security's calendar → the model fitted on
 * the estimation window (through the MODELS table) → ARs, SARs and CAR statistics per window.
 * Every caller goes through here: runEventStudy and streamEventStudy, the claim checker's
 * abnormal return of a day or stretch, and the size simulation.
 *
 * Inputs are the grids of src/study/grid.ts (calendar-aligned Float64Arrays); an event reads
 * subarrays at fixed offsets, never a date-keyed map.
 */
import { InputError, IntegrityError, MarketImpactError } from '../errors.ts';
import type { IsoDate, PriceSeries } from '../types.ts';
import { modelSpec, type EventModelFit, type ModelName, type ModelOptions, type ModelSpec } from '../models/index.ts';
import { carStatistics, type CarStatistics } from '../stats/event.ts';
import { aShareBoard } from '../returns/price-limits.ts';
import type { AbnormalReturnRow, CarRow, EventResult, FactorTable, SkippedEvent } from './types.ts';
import { pairGrid, sampleStart, seriesGrid, type MeasureOptions, type PairGrid, type SeriesGrid, type WindowPlan } from './grid.ts';
import { MEASURES } from './measures.ts';
import { volatilityFit } from '../models/volatility.ts';
import { windowLabel } from './windows.ts';
import type { DatedEventSpec } from './specs.ts';

/** What the engine needs besides the events: the model, the windows, where series come from. */
export interface EngineOptions {
  model: ModelName;
  modelOptions: ModelOptions;
  plan: WindowPlan;
  /** Fewest valid estimation returns (M_i). */
  minM: number;
  day0Rule: 'next' | 'previous' | 'skip';
  factors?: FactorTable;
  /** Loads a series by symbol (the data store's loadSeries, or a test's loader). */
  loadSeries(symbol: string): PriceSeries | Promise<PriceSeries>;
  /** What is modelled: returns (default), log volume or volatility (src/study/measures.ts). */
  measure?: MeasureOptions;
}

/** The engine's state for one study: series and pairs already derived. */
export interface Engine {
  options: EngineOptions;
  spec: ModelSpec;
  /** Every (security, benchmark) pair met so far, by id. */
  pairs: PairGrid[];
  /** The grid of a symbol (loaded and derived once). */
  grid(symbol: string): Promise<SeriesGrid>;
  /** The pair of a security and its benchmark (aligned once). */
  pair(security: string, benchmark: string | undefined): Promise<PairGrid>;
  /** Milliseconds spent loading series and building grids and pairs so far. */
  seriesMs(): number;
}

/** One studied event: its plain-data result and the typed arrays the aggregate stage reads. */
export interface EventWork {
  result: EventResult;
  pair: PairGrid;
  /** Calendar index of the first session of the event's sample. */
  start: number;
  fit: EventModelFit;
  /** Per CAR window, in the study's order. */
  car: CarStatistics[];
}

/** Creates the engine of a study. */
export function createEngine(options: EngineOptions): Engine {
  const spec = modelSpec(options.model);
  const grids = new Map<string, Promise<SeriesGrid>>();
  const pairs: PairGrid[] = [];
  const pairIndex = new Map<string, Promise<PairGrid>>();
  let seriesMs = 0;
  const timed = async <T>(f: () => T | Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await f();
    } finally {
      seriesMs += performance.now() - t0;
    }
  };
  const grid = (symbol: string): Promise<SeriesGrid> => {
    let g = grids.get(symbol);
    if (!g) {
      g = timed(async () => checkedGrid(await options.loadSeries(symbol), symbol));
      grids.set(symbol, g);
    }
    return g;
  };
  return {
    options,
    spec,
    pairs,
    grid,
    seriesMs: () => seriesMs,
    pair(security, benchmark) {
      const key = `${security}\u0000${benchmark ?? ''}`;
      let p = pairIndex.get(key);
      if (!p) {
        p = (async () => {
          const s = await grid(security);
          // The benchmark is loaded for every model but the factor model; only those that need it regress on it.
          const b = !spec.needsFactors && benchmark !== undefined ? await benchmarkGrid(grid, benchmark) : null;
          const made = await timed(() => pairGrid(pairs.length, s, b, spec, options.modelOptions, options.factors, options.measure));
          pairs.push(made);
          return made;
        })();
        pairIndex.set(key, p);
      }
      return p;
    },
  };
}

/** A loaded series turned into a grid; a loader returning nothing usable is the data's fault, named. */
function checkedGrid(series: PriceSeries, symbol: string): SeriesGrid {
  if (!series || typeof series !== 'object' || !Array.isArray(series.rows) || !series.info) {
    throw new InputError(`the price loader returned no series for ${symbol}`);
  }
  return seriesGrid(series);
}

/** The benchmark's grid; its failures name it as the benchmark (issue 9.5). */
async function benchmarkGrid(grid: (s: string) => Promise<SeriesGrid>, benchmark: string): Promise<SeriesGrid> {
  try {
    return await grid(benchmark);
  } catch (e) {
    if (e instanceof MarketImpactError && !e.message.includes('benchmark')) {
      const Kind = e.constructor as new (m: string) => MarketImpactError;
      throw new Kind(`benchmark ${benchmark}: ${e.message}`);
    }
    throw e;
  }
}

/**
 * Studies one event: day 0, sample range, model fit, ARs and CARs; or the reason it is skipped.
 * Errors that belong to this event (its data, its fit) become a skip; programming errors propagate.
 */
export async function studyEvent(engine: Engine, spec: DatedEventSpec, id: string, benchmark: string | undefined): Promise<EventWork | SkippedEvent> {
  const skip = (reason: string): SkippedEvent => ({ id, symbol: spec.symbol, date: spec.date, reason });
  const { options: o } = engine;
  if (engine.spec.needsBenchmark && !benchmark) {
    return skip(`model '${o.model}' needs a benchmark; give one for the event or the study (e.g. benchmark: 'SPY')`);
  }
  try {
    const pair = await engine.pair(spec.symbol, benchmark);
    return computeEvent(engine, pair, spec, id) ?? skip('internal: no result');
  } catch (e) {
    // A corrupt or changed data file (IntegrityError) stops the study; it is never one event's problem.
    if (e instanceof MarketImpactError && !(e instanceof IntegrityError)) return skip(e.message);
    throw e;
  }
}

/** The synchronous part of studyEvent, once the pair's grids exist. */
export function computeEvent(engine: Engine, pair: PairGrid, spec: DatedEventSpec, id: string): EventWork | SkippedEvent {
  const sec = pair.security;
  const resolved = sec.day0({ date: spec.date, time: spec.time, timeZone: spec.timeZone }, engine.options.day0Rule);
  if (resolved.day0 === null) return { id, symbol: spec.symbol, date: spec.date, reason: resolved.reason };
  return computeEventAt(engine, pair, spec, id, resolved.index, resolved.reason);
}

/**
 * An event whose day 0 is already placed: calendar index `day0Index` of the security, with the
 * reason shown in results. (The size simulation places days 0 itself.)
 */
export function computeEventAt(engine: Engine, pair: PairGrid, spec: DatedEventSpec, id: string, day0Index: number, day0Reason: string): EventWork | SkippedEvent {
  const skip = (reason: string): SkippedEvent => ({ id, symbol: spec.symbol, date: spec.date, reason });
  const { options: o } = engine;
  const { plan } = o;
  const sec = pair.security;
  const cal = sec.calendar;
  const symbol = sec.series.info.symbol;
  const day0 = cal.days[day0Index];
  const start = sampleStart(sec, day0Index, plan);
  if (typeof start === 'string') return skip(start);
  const eventFrom = start + plan.event[0];
  const eventTo = start + plan.event[1] - 1;
  if (eventFrom > sec.lastData || eventTo < sec.firstData) {
    return skip(`event window ${cal.days[eventFrom]}..${cal.days[eventTo]} is outside the data for ${symbol} (${dataRange(sec)})`);
  }
  const end = start + plan.length;
  const measure = MEASURES[pair.measure];
  const r = pair.y.subarray(start, end);
  const x = pair.x.map((c) => c.subarray(start, end));
  const [es, ee] = plan.estimation;
  const [vs, ve] = plan.event;

  // The regressors must exist somewhere in the sample; a benchmark or factor without data is named (9.5).
  if (engine.spec.needsBenchmark && pair.benchmark && !hasValue(x[0])) {
    return skip(`benchmark ${pair.benchmark.series.info.symbol} has no ${measure.noun} on the dates of ${symbol}'s windows (${cal.days[start]}..${cal.days[end - 1]})`);
  }
  if (engine.spec.needsFactors && o.factors) {
    const names = Object.keys(o.factors.columns);
    for (let k = 0; k < x.length; k++) {
      if (!hasValue(x[k])) return skip(`factor '${names[k]}' from ${o.factors.name} has no values on the estimation or event dates`);
    }
  }
  // Valid estimation days: the security's return and every regressor present.
  let valid = 0;
  let securityDays = 0;
  if (x.length === 1) {
    const x0 = x[0];
    for (let t = es; t < ee; t++) {
      if (r[t] !== r[t]) continue;
      securityDays++;
      if (x0[t] === x0[t]) valid++;
    }
  } else {
    for (let t = es; t < ee; t++) {
      if (r[t] !== r[t]) continue;
      securityDays++;
      let ok = true;
      for (let k = 0; k < x.length; k++) if (x[k][t] !== x[k][t]) ok = false;
      if (ok) valid++;
    }
  }
  if (valid < o.minM) return skip(tooFewReturns(engine, pair, start, valid, securityDays, x));

  let fit: EventModelFit;
  try {
    fit = engine.spec.fit({ model: o.model, r, x, estimation: [es, ee], event: [vs, ve], dimsonLags: o.modelOptions.dimsonLags, label: `${symbol} ${day0}` });
  } catch (e) {
    if (e instanceof InputError) return skip(e.message);
    throw e;
  }
  if (!(fit.s2 > 0)) {
    return skip(`${o.model} model (${symbol} ${day0}): the residuals have zero variance over the estimation window (a constant or exactly fitted ${measure.series === 'returns' ? 'price' : 'volume'}), so no abnormal ${measure.series === 'returns' ? 'return' : 'volume'} can be standardized`);
  }
  // Abnormal volatility: the squared standardized ARs of the return model, AR²/s² − 1.
  if (measure.transform === 'squared-standardized') fit = volatilityFit(fit);

  const eventR = r.subarray(vs, ve);
  const car: CarStatistics[] = [];
  const carRows: CarRow[] = [];
  for (let k = 0; k < plan.carPositions.length; k++) {
    const [a, b] = plan.carPositions[k];
    const s = carStatistics(fit, eventR, plan.carPositions[k]);
    if (!measure.bhar) s.bhar = NaN; // buy-and-hold abnormal returns are returns' alone
    if (s.days === 0) {
      return skip(`no valid returns in CAR window ${windowLabel(plan.carWindows[k])} (${cal.days[start + vs + a]}..${cal.days[start + vs + b]}) for ${symbol}`);
    }
    car.push(s);
    carRows.push({
      window: windowLabel(plan.carWindows[k]),
      from: plan.carWindows[k][0],
      to: plan.carWindows[k][1],
      car: s.car,
      se: s.se,
      t: s.t,
      df: s.df,
      p: s.p,
      bhar: s.bhar,
      scar: s.scar,
      days: s.days,
    });
  }

  const limits = isAShare(sec) ? sec.limits() : null;
  const arRows: AbnormalReturnRow[] = [];
  const missingDays: IsoDate[] = [];
  const limitUpDays: IsoDate[] = [];
  const limitDownDays: IsoDate[] = [];
  // A row shows the modelled series: the return (or log volume) and the benchmark's; for
  // volatility U_t = AR²/s² against its null expectation 1, without a benchmark column.
  const transformed = measure.transform !== 'none';
  const marketColumn = engine.spec.needsBenchmark && !transformed ? x[0] : null;
  const vol = pair.volume;
  const noTradeDays: IsoDate[] = [];
  const limitLockedDays: IsoDate[] = [];
  for (let j = 0; j < ve - vs; j++) {
    const i = vs + j;
    const k = start + i;
    const date = cal.days[k];
    const limitUp = limits !== null && limits.up[k] === 1;
    const limitDown = limits !== null && limits.down[k] === 1;
    if (limitUp) limitUpDays.push(date);
    if (limitDown) limitDownDays.push(date);
    const ar = fit.ar[j];
    if (ar !== ar) missingDays.push(date);
    if (vol) {
      if (vol.noTrade[k] === 1) noTradeDays.push(date);
      if (vol.locked[k] === 1) limitLockedDays.push(date);
    }
    arRows.push({
      rel: plan.eventWindow[0] + j,
      date,
      ret: finiteOrNull(transformed ? fit.expected[j] + ar : r[i]),
      marketRet: marketColumn ? finiteOrNull(marketColumn[i]) : null,
      expected: finiteOrNull(fit.expected[j]),
      ar: finiteOrNull(ar),
      sar: finiteOrNull(fit.sar[j]),
      sd: finiteOrNull(Math.sqrt(fit.predictionVariance[j])),
      limitUp,
      limitDown,
    });
  }

  const info = sec.series.info;
  const result: EventResult = {
    id,
    symbol: info.symbol,
    name: info.name,
    market: o.model === 'factor' ? null : (pair.benchmark?.series.info.symbol ?? null),
    exchange: info.exchange,
    calendar: { exchange: cal.exchange, basis: cal.basis, note: cal.note },
    announced: { date: spec.date, time: spec.time ?? null, timeZone: spec.timeZone ?? cal.timeZone },
    day0,
    day0Reason,
    estimation: { from: cal.days[start + es], to: cal.days[start + ee - 1] },
    model: fit.fallbackReason ? fit.model : o.model,
    M: fit.M,
    df: fit.df,
    alpha: fit.alpha,
    // Dimson's beta is the sum of its lead/lag betas; a factor model has no single beta.
    beta: o.model === 'factor' || fit.betas.length === 0 ? null : fit.betas.reduce((a, b) => a + b, 0),
    betas: fit.betas,
    sigma: fit.sigma,
    r2: fit.r2,
    ar: arRows,
    car: carRows,
    flags: {
      limitUpDays,
      limitDownDays,
      missingDays,
      estimationOverlaps: [],
      eventWindowOverlaps: [],
      estimationOverlapCount: 0,
      eventWindowOverlapCount: 0,
      droppedEstimationDays: ee - es - fit.M,
      modelFallback: fit.fallbackReason ?? null,
      ...(vol ? { noTradeDays, limitLockedDays } : {}),
    },
  };
  if (spec.characteristics) result.characteristics = spec.characteristics;
  if (spec.label !== undefined) result.label = spec.label;
  return { result, pair, start, fit, car };
}

/** A-share stocks of every board (Shanghai, Shenzhen, Beijing) have daily price limits; decided by the code. */
function isAShare(grid: SeriesGrid): boolean {
  return aShareBoard(grid.series.info.symbol) !== null;
}

function hasValue(x: Float64Array): boolean {
  for (let i = 0; i < x.length; i++) if (x[i] === x[i]) return true;
  return false;
}

/** The skip reason for M < minimum, naming the series that is short: the benchmark or a factor when the security has enough (9.5). */
function tooFewReturns(engine: Engine, pair: PairGrid, start: number, valid: number, securityDays: number, x: Float64Array[]): string {
  const o = engine.options;
  const sec = pair.security;
  const cal = sec.calendar;
  const [es, ee] = o.plan.estimation;
  const span = `${cal.days[start + es]}..${cal.days[start + ee - 1]}`;
  const secRange = `${sec.series.info.symbol} data ${dataRange(sec)}`;
  const noun = MEASURES[pair.measure].noun;
  const head = `too few estimation ${noun}: M=${valid} valid days in ${span}, minimum ${o.minM}`;
  if (securityDays >= o.minM) {
    if (engine.spec.needsBenchmark && pair.benchmark) {
      const b = pair.benchmark.series;
      const have = countValues(x[0], es, ee);
      return `${head}: benchmark ${b.info.symbol} has ${noun} on only ${have} of those days (${b.info.symbol} data ${dataRange(pair.benchmark)}; ${secRange})`;
    }
    if (o.factors) {
      const names = Object.keys(o.factors.columns);
      let worst = 0;
      for (let k = 1; k < x.length; k++) if (countValues(x[k], es, ee) < countValues(x[worst], es, ee)) worst = k;
      const f = o.factors;
      return `${head}: factor '${names[worst]}' from ${f.name} has values on only ${countValues(x[worst], es, ee)} of those days (factor file ${f.dates[0]}..${f.dates[f.dates.length - 1]})`;
    }
  }
  return `${head} (${secRange}${pair.benchmark ? `, ${pair.benchmark.series.info.symbol} ${dataRange(pair.benchmark)}` : ''})`;
}

/** 'first..last' date of a series' prices. */
function dataRange(g: SeriesGrid): string {
  return `${g.calendar.days[g.firstData]}..${g.calendar.days[g.lastData]}`;
}

function countValues(x: Float64Array, a: number, b: number): number {
  let n = 0;
  for (let t = a; t < b; t++) if (x[t] === x[t]) n++;
  return n;
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * The estimation residuals of an event recomputed from its pair's columns and the fit's
 * coefficients, into out[0..length): e_t = y_t − (coef[0] + Σ_k coef[k]·design_k(t)), y the
 * pair's modelled series (returns or log volume), NaN where a value is missing. The same
 * arithmetic as the models' own residuals, so the numbers are identical: the aggregate stage
 * replays an event this way instead of keeping its residuals. For the volatility measure the
 * coefficients end with s² and the residual is u_t = e_t²/s² − 1 (src/models/volatility.ts).
 */
export function replayResiduals(pair: PairGrid, from: number, to: number, coef: ArrayLike<number>, out: Float64Array, outOffset = 0): void {
  const r = pair.y;
  const d = pair.design;
  const k = d.length;
  if (MEASURES[pair.measure].transform === 'squared-standardized') {
    replayLinear(r, d, from, to, coef, out, outOffset);
    const s2 = coef[k + 1];
    for (let t = outOffset; t < outOffset + to - from; t++) out[t] = (out[t] * out[t]) / s2 - 1;
    return;
  }
  replayLinear(r, d, from, to, coef, out, outOffset);
}

function replayLinear(r: Float64Array, d: Float64Array[], from: number, to: number, coef: ArrayLike<number>, out: Float64Array, outOffset: number): void {
  const k = d.length;
  for (let t = from; t < to; t++) {
    const y = r[t];
    let ok = y === y;
    let s = 0;
    if (ok) {
      s += coef[0] * 1;
      for (let j = 0; j < k; j++) {
        const v = d[j][t];
        if (!(v - v === 0)) {
          ok = false;
          break;
        }
        s += coef[j + 1] * v;
      }
    }
    out[outOffset + t - from] = ok && Number.isFinite(y) ? y - s : NaN;
  }
}
