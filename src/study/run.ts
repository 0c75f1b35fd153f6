/**
 * runEventStudy: from event specs to per-event and aggregate results.
 *
 * Each event gets its own day 0 on its own exchange calendar; both windows hang off
 * that day 0. Per-event quantities are keyed by event id (one security often has
 * several events). An event that cannot be studied is never dropped silently: it
 * lands in `skipped` with the reason.
 */
import { InputError, IntegrityError, MarketImpactError } from '../errors.ts';
import type { IsoDate, PriceSeries, RelWindow } from '../types.ts';
import { loadSnapshotSeries } from '../data/snapshot.ts';
import { calendarForSeries, resolveDay0, tradingDayIndex, utcToZonedTime, type TradingCalendar } from '../calendar/index.ts';
import { priceLimitFlags } from '../returns/index.ts';
import { fitEventModel, type ModelName } from '../models/index.ts';
import { carStatistics } from '../stats/event.ts';
import { aggregateStudy } from './aggregate.ts';
import { returnsByDate } from './series.ts';
import type { EventResult, EventSpec, SkippedEvent, StudyOptions, StudyResult, TestName, AbnormalReturnRow, CarRow } from './types.ts';
import {
  DEFAULT_CAR_WINDOWS,
  DEFAULT_ESTIMATION_WINDOW,
  DEFAULT_EVENT_WINDOW,
  DEFAULT_MIN_ESTIMATION_RETURNS,
  validateWindows,
  windowLabel,
} from './windows.ts';
import { attachTables, type WithTables } from './tables.ts';
import { eventStudyCall, recordLibraryCall } from './call-log.ts';

/** Every test the engine knows, in the order they are printed. */
export const ALL_TESTS: TestName[] = [
  'crossSectionalT',
  'brownWarnerT',
  'patellZ',
  'adjustedPatellZ',
  'bmpT',
  'adjustedBmpT',
  'skewnessCorrectedT',
  'corradoRank',
  'generalizedSign',
  'sign',
  'wilcoxon',
  'grank',
  'bootstrap',
];

/** Loads a price series by symbol; the default reads the bundled snapshot. */
export type SeriesLoader = (symbol: string) => PriceSeries | Promise<PriceSeries>;

export interface RunEventStudyInput extends StudyOptions {
  events: EventSpec[];
  /** Where prices come from; default: the bundled snapshot. */
  loadSeries?: SeriesLoader;
}

/** The per-event data the aggregate stage needs besides the EventResult. */
export interface EventWork {
  result: EventResult;
  /** Estimation-window residuals by position (NaN = missing day), length of the estimation window. */
  estimationResiduals: Float64Array;
  /** Calendar date of each estimation position. */
  estimationDates: IsoDate[];
  /** Event-window ARs and SARs by position (NaN = missing). */
  eventAr: Float64Array;
  eventSar: Float64Array;
  /** Event-window security and expected returns (for bootstrap BHAR-free CAR nulls). */
  carDays: number[];
}

/**
 * Runs an event study. See StudyOptions for defaults (market model, [-250,-11], [-5,+5]).
 *
 * @example
 * const result = await runEventStudy({
 *   events: [{ symbol: 'NVDA', date: '2025-01-27' }],
 *   benchmark: 'SPY',
 * });
 * result.events[0].car[0]; // { window: '[-1,+1]', car, se, t, df, p, bhar, ... }
 */
export async function runEventStudy(input: RunEventStudyInput): Promise<StudyResult & WithTables> {
  const model: ModelName = input.model ?? 'market';
  const estimationWindow = input.estimationWindow ?? DEFAULT_ESTIMATION_WINDOW;
  const eventWindow = input.eventWindow ?? DEFAULT_EVENT_WINDOW;
  const carWindows = input.carWindows ?? DEFAULT_CAR_WINDOWS;
  const minM = input.minEstimationReturns ?? DEFAULT_MIN_ESTIMATION_RETURNS;
  const day0Rule = input.day0Rule ?? 'next';
  const tests = input.tests ?? ALL_TESTS;
  const bootstrap = input.bootstrap === undefined ? { replications: 9999, seed: 1 } : input.bootstrap;
  validateWindows(estimationWindow, eventWindow, carWindows, minM);
  if (!Array.isArray(input.events) || input.events.length === 0) throw new InputError('no events given');
  if (model === 'factor' && !input.factors) throw new InputError("model 'factor' needs a factor table (--factors file.csv)");

  const loadSeries: SeriesLoader = input.loadSeries ?? ((s) => loadSnapshotSeries(s));
  const seriesCache = new Map<string, Promise<PriceSeries>>();
  const getSeries = (symbol: string) => {
    let p = seriesCache.get(symbol);
    if (!p) {
      p = Promise.resolve().then(() => loadSeries(symbol));
      seriesCache.set(symbol, p);
    }
    return p;
  };
  const symbolCache = new Map<string, SymbolData>();

  const specs = input.events.map(normalizeEventSpec);
  const ids = assignIds(specs);
  const works: EventWork[] = [];
  const skipped: SkippedEvent[] = [];
  const notes: string[] = [];

  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    const id = ids[i];
    try {
      const work = await studyOneEvent(spec, id, {
        model,
        estimationWindow,
        eventWindow,
        carWindows,
        minM,
        day0Rule,
        benchmark: spec.benchmark ?? input.benchmark,
        factors: input.factors,
        dimsonLags: input.dimsonLags,
        getSeries,
        symbolCache,
      });
      if ('reason' in work) skipped.push(work);
      else works.push(work);
    } catch (e) {
      // Data problems specific to one event (unknown benchmark, no data) skip that event with the reason;
      // anything else is a bug and propagates, and so does a corrupt data file (IntegrityError).
      if (e instanceof MarketImpactError && !(e instanceof IntegrityError)) skipped.push({ id, symbol: spec.symbol, date: spec.date, reason: e.message });
      else throw e;
    }
  }

  markOverlaps(works);
  if (works.length === 0) notes.push('no event could be studied; see skipped for the reasons');

  const { aggregate, daily, rbar, notes: aggNotes } = aggregateStudy(works, {
    estimationWindow,
    eventWindow,
    carWindows,
    tests,
    bootstrap,
  });
  notes.push(...aggNotes);

  const result: StudyResult = {
    parameters: {
      model,
      estimationWindow,
      eventWindow,
      carWindows,
      minEstimationReturns: minM,
      day0Rule,
      tests,
      bootstrap,
      factors: input.factors?.name ?? null,
    },
    events: works.map((w) => w.result),
    skipped,
    aggregate,
    daily,
    rbar,
    notes,
  };
  recordLibraryCall(eventStudyCall(input, result)); // the run log: what ran, for the report footer
  return attachTables(result);
}

/** An EventSpec whose announcement is a date (a timestamp has been turned into UTC date + time). */
export type DatedEventSpec = EventSpec & { date: IsoDate };

/** ISO 8601 instant with an explicit zone: a bare '2025-01-27T21:30' would be ambiguous. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/**
 * Checks one event as given and turns a `timestamp` into date + time in UTC (resolveDay0 then
 * converts that to the exchange's zone). Throws InputError naming the event's position.
 * @example normalizeEventSpec({ symbol: 'NVDA', timestamp: '2025-01-27T21:30:00Z' }, 0)
 * // { symbol: 'NVDA', date: '2025-01-27', time: '21:30', timeZone: 'UTC' }
 */
export function normalizeEventSpec(spec: EventSpec, index: number): DatedEventSpec {
  const where = `event ${index + 1}`;
  if (!spec || typeof spec !== 'object') throw new InputError(`${where}: expected an object with a symbol and a date, got ${JSON.stringify(spec)}`);
  if (typeof spec.symbol !== 'string' || spec.symbol.trim() === '') throw new InputError(`${where}: needs a symbol, got ${JSON.stringify(spec)}`);
  if (spec.timestamp === undefined) {
    if (typeof spec.date !== 'string') throw new InputError(`${where} (${spec.symbol}): needs a date (YYYY-MM-DD) or a timestamp`);
    return spec as DatedEventSpec;
  }
  if (spec.date !== undefined || spec.time !== undefined) {
    throw new InputError(`${where} (${spec.symbol}): give either a timestamp or a date (and time), not both`);
  }
  let ms: number;
  if (typeof spec.timestamp === 'number') ms = spec.timestamp;
  else if (typeof spec.timestamp === 'string' && ISO_INSTANT.test(spec.timestamp.trim())) ms = Date.parse(spec.timestamp.trim());
  else ms = NaN;
  if (!Number.isFinite(ms)) {
    throw new InputError(
      `${where} (${spec.symbol}): timestamp ${JSON.stringify(spec.timestamp)} is not an instant; write ISO 8601 with a zone, e.g. '2025-01-27T21:30:00Z' or '2025-01-27T16:30-05:00', or epoch milliseconds`,
    );
  }
  const { timestamp: _timestamp, ...rest } = spec;
  void _timestamp;
  const utc = utcToZonedTime(ms, 'UTC');
  return { ...rest, date: utc.date, time: utc.time, timeZone: 'UTC' };
}

/** Unique event ids: the user's id, else SYMBOL@DATE, with #2, #3 for repeats. */
export function assignIds(events: DatedEventSpec[]): string[] {
  const seen = new Map<string, number>();
  const ids: string[] = [];
  for (const [i, e] of events.entries()) {
    if (!e || typeof e.symbol !== 'string' || typeof e.date !== 'string') {
      throw new InputError(`event ${i + 1}: needs a symbol and a date, got ${JSON.stringify(e)}`);
    }
    const base = e.id ?? `${e.symbol}@${e.date}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    if (n > 1 && e.id) throw new InputError(`event id '${e.id}' is used twice; ids must be unique`);
    ids.push(n === 1 ? base : `${base}#${n}`);
  }
  return ids;
}

interface OneEventContext {
  model: ModelName;
  estimationWindow: RelWindow;
  eventWindow: RelWindow;
  carWindows: RelWindow[];
  minM: number;
  day0Rule: StudyOptions['day0Rule'] & string;
  benchmark: string | undefined;
  factors: StudyOptions['factors'];
  dimsonLags: number | undefined;
  getSeries: (symbol: string) => Promise<PriceSeries>;
  symbolCache: Map<string, SymbolData>;
}

/** What a study derives from one symbol's series: computed once per symbol, shared by its events. */
interface SymbolData {
  calendar: TradingCalendar;
  returns: Map<IsoDate, number>;
  limits: Map<IsoDate, ReturnType<typeof priceLimitFlags>[number]>;
}

/**
 * The calendar (exchange days plus the series' own), one-session returns and price-limit flags of
 * a series, from the study's cache: a security with many events, or a benchmark shared by a whole
 * panel, is processed once. Limit flags are computed on first use.
 */
function symbolData(series: PriceSeries, cache: Map<string, SymbolData>): SymbolData {
  const key = `${series.info.exchange}|${series.info.symbol}`;
  let data = cache.get(key);
  if (!data) {
    const calendar = calendarForSeries(series);
    let limits: SymbolData['limits'] | undefined;
    data = {
      calendar,
      returns: returnsByDate(series, calendar),
      get limits() {
        return (limits ??= new Map(priceLimitFlags(series).map((f) => [f.date, f])));
      },
    };
    cache.set(key, data);
  }
  return data;
}

async function studyOneEvent(spec: DatedEventSpec, id: string, ctx: OneEventContext): Promise<EventWork | SkippedEvent> {
  const skip = (reason: string): SkippedEvent => ({ id, symbol: spec.symbol, date: spec.date, reason });
  const needsBenchmark = ctx.model !== 'mean-adjusted' && ctx.model !== 'factor';
  if (needsBenchmark && !ctx.benchmark) {
    return skip(`model '${ctx.model}' needs a benchmark; give one for the event or the study (e.g. benchmark: 'SPY')`);
  }
  const security = await ctx.getSeries(spec.symbol);
  const benchmark = ctx.benchmark ? await ctx.getSeries(ctx.benchmark) : null;
  const securityData = symbolData(security, ctx.symbolCache);
  const cal = securityData.calendar;

  const resolved = resolveDay0(cal, { date: spec.date, time: spec.time, timeZone: spec.timeZone }, ctx.day0Rule);
  if (!resolved.day0) return skip(resolved.reason);
  const day0 = resolved.day0;
  const day0Index = tradingDayIndex(cal, day0);

  const firstRel = Math.min(ctx.estimationWindow[0], ctx.eventWindow[0]);
  const lastRel = Math.max(ctx.estimationWindow[1], ctx.eventWindow[1]);
  // Dimson and Scholes-Williams need one market day beyond each edge.
  const pad = ctx.model === 'dimson' ? (ctx.dimsonLags ?? 1) : ctx.model === 'scholes-williams' ? 1 : 0;
  const startIndex = day0Index + firstRel - pad;
  const endIndex = day0Index + lastRel + pad;
  if (startIndex < 0 || endIndex >= cal.days.length) {
    return skip(
      `event window or estimation window falls outside the ${cal.exchange} calendar (${cal.days[0]}..${cal.days[cal.days.length - 1]}) for day 0 ${day0}`,
    );
  }
  const dates = cal.days.slice(startIndex, endIndex + 1);
  const firstData = security.rows[0].date;
  const lastData = security.rows[security.rows.length - 1].date;
  const eventFrom = cal.days[day0Index + ctx.eventWindow[0]];
  const eventTo = cal.days[day0Index + ctx.eventWindow[1]];
  if (eventFrom > lastData || eventTo < firstData) {
    return skip(`event window ${eventFrom}..${eventTo} is outside the data for ${security.info.symbol} (${firstData}..${lastData})`);
  }

  const securityReturns = securityData.returns;
  const r = new Float64Array(dates.length);
  for (let i = 0; i < dates.length; i++) r[i] = securityReturns.get(dates[i]) ?? NaN;

  const x: Float64Array[] = [];
  if (benchmark && ctx.model !== 'mean-adjusted') {
    const benchmarkReturns = symbolData(benchmark, ctx.symbolCache).returns;
    const rm = new Float64Array(dates.length);
    let overlap = 0;
    for (let i = 0; i < dates.length; i++) {
      const v = benchmarkReturns.get(dates[i]);
      rm[i] = v ?? NaN;
      if (v !== undefined) overlap++;
    }
    if (overlap === 0) {
      return skip(`benchmark ${benchmark.info.symbol} has no returns on the dates of ${security.info.symbol}'s windows (${dates[0]}..${dates[dates.length - 1]})`);
    }
    x.push(rm);
  }
  if (ctx.model === 'factor' && ctx.factors) {
    const table = ctx.factors;
    const rowOf = new Map(table.dates.map((d, i) => [d, i]));
    for (const [name, column] of Object.entries(table.columns)) {
      const col = new Float64Array(dates.length);
      for (let i = 0; i < dates.length; i++) {
        const k = rowOf.get(dates[i]);
        col[i] = k === undefined ? NaN : column[k];
      }
      if (!col.some((v) => !Number.isNaN(v))) return skip(`factor '${name}' from ${table.name} has no values on the estimation or event dates`);
      x.push(col);
    }
  }

  const estStart = ctx.estimationWindow[0] - firstRel + pad;
  const estEnd = ctx.estimationWindow[1] - firstRel + pad + 1;
  const evtStart = ctx.eventWindow[0] - firstRel + pad;
  const evtEnd = ctx.eventWindow[1] - firstRel + pad + 1;

  let validEst = 0;
  for (let i = estStart; i < estEnd; i++) if (!Number.isNaN(r[i]) && x.every((c) => !Number.isNaN(c[i]))) validEst++;
  if (validEst < ctx.minM) {
    return skip(
      `too few estimation returns: M=${validEst} valid days in ${dates[estStart]}..${dates[estEnd - 1]}, minimum ${ctx.minM} ` +
        `(${security.info.symbol} data ${firstData}..${lastData}${benchmark ? `, ${benchmark.info.symbol} ${benchmark.rows[0].date}..${benchmark.rows[benchmark.rows.length - 1].date}` : ''})`,
    );
  }

  const fit = fitEventModel({
    model: ctx.model,
    r,
    x,
    estimation: [estStart, estEnd],
    event: [evtStart, evtEnd],
    dimsonLags: ctx.dimsonLags,
  });

  const limitByDate = securityData.limits;
  const eventR = r.subarray(evtStart, evtEnd);
  const arRows: AbnormalReturnRow[] = [];
  const missingDays: IsoDate[] = [];
  const limitUpDays: IsoDate[] = [];
  const limitDownDays: IsoDate[] = [];
  for (let j = 0; j < evtEnd - evtStart; j++) {
    const i = evtStart + j;
    const date = dates[i];
    const lim = limitByDate.get(date);
    const limitUp = lim?.limitUp ?? false;
    const limitDown = lim?.limitDown ?? false;
    if (limitUp) limitUpDays.push(date);
    if (limitDown) limitDownDays.push(date);
    const ar = fit.ar[j];
    if (Number.isNaN(ar)) missingDays.push(date);
    arRows.push({
      rel: ctx.eventWindow[0] + j,
      date,
      ret: finiteOrNull(r[i]),
      marketRet: x.length > 0 && ctx.model !== 'factor' ? finiteOrNull(x[0][i]) : null,
      expected: finiteOrNull(fit.expected[j]),
      ar: finiteOrNull(ar),
      sar: finiteOrNull(fit.sar[j]),
      sd: finiteOrNull(Math.sqrt(fit.predictionVariance[j])),
      limitUp,
      limitDown,
    });
  }

  const carRows: CarRow[] = [];
  const carDays: number[] = [];
  for (const w of ctx.carWindows) {
    const from = w[0] - ctx.eventWindow[0];
    const to = w[1] - ctx.eventWindow[0];
    const s = carStatistics(fit, eventR, [from, to]);
    carDays.push(s.days);
    if (s.days === 0) {
      return skip(`no valid returns in CAR window ${windowLabel(w)} (${dates[evtStart + from]}..${dates[evtStart + to]}) for ${security.info.symbol}`);
    }
    carRows.push({
      window: windowLabel(w),
      from: w[0],
      to: w[1],
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

  const estimationDates = dates.slice(estStart, estEnd);
  const result: EventResult = {
    id,
    symbol: security.info.symbol,
    name: security.info.name,
    market: ctx.model === 'factor' ? null : (benchmark?.info.symbol ?? null),
    exchange: security.info.exchange,
    announced: { date: spec.date, time: spec.time ?? null, timeZone: spec.timeZone ?? cal.timeZone },
    day0,
    day0Reason: resolved.reason,
    estimation: { from: estimationDates[0], to: estimationDates[estimationDates.length - 1] },
    model: ctx.model,
    M: fit.M,
    df: fit.df,
    alpha: fit.alpha,
    // Dimson's beta is the sum of its lead/lag betas; a factor model has no single beta.
    beta: ctx.model === 'factor' || fit.betas.length === 0 ? null : fit.betas.reduce((a, b) => a + b, 0),
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
      droppedEstimationDays: estEnd - estStart - fit.M,
    },
  };
  return {
    result,
    estimationResiduals: fit.estimationResiduals,
    estimationDates,
    eventAr: fit.ar,
    eventSar: fit.sar,
    carDays,
  };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/**
 * Flags two kinds of overlap a reader must know about: another event of the same security
 * inside this event's estimation window (it contaminates the benchmark fit), and event
 * windows of different events sharing calendar days (clustering: cross-correlated ARs).
 */
export function markOverlaps(works: EventWork[]): void {
  for (const a of works) {
    const ea = a.result;
    for (const b of works) {
      if (a === b) continue;
      const eb = b.result;
      if (ea.symbol === eb.symbol && eb.day0 >= ea.estimation.from && eb.day0 <= ea.estimation.to) {
        ea.flags.estimationOverlaps.push(eb.id);
      }
      const aFrom = ea.ar[0].date;
      const aTo = ea.ar[ea.ar.length - 1].date;
      const bFrom = eb.ar[0].date;
      const bTo = eb.ar[eb.ar.length - 1].date;
      if (aFrom <= bTo && bFrom <= aTo) ea.flags.eventWindowOverlaps.push(eb.id);
    }
  }
}
