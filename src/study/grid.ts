/**
 * The event grid: the ONLY place where relative windows (estimation, event, CAR windows, a model's
 * padding) become index ranges, and where prices become the arrays the engine reads.
 *
 * Per symbol, once per study ({@link seriesGrid}): its trading calendar (the exchange's days plus
 * its own data days), its one-session simple returns as a Float64Array aligned to the calendar
 * index (a return bridging a suspension or data gap is left out: it is not a daily return), its
 * A-share limit flags on first use, and a cache of resolved days 0. Per (security, benchmark or
 * factors) pair, once ({@link pairGrid}): the regressors aligned onto the security's calendar and
 * the model's design columns. Per event: day 0 by binary search, then fixed offsets from the
 * study's {@link WindowPlan}; the engine reads subarrays, never dates.
 */
import { CalendarError, DataError, InputError } from '../errors.ts';
import type { IsoDate, PriceSeries, RelWindow } from '../types.ts';
import { calendarForSeries, resolveDay0, tradingDayIndex, type Day0Resolution, type TradingCalendar } from '../calendar/index.ts';
import { priceLimitFlags, simpleReturns, withoutMultiDayReturns } from '../returns/index.ts';
import type { ModelOptions, ModelSpec } from '../models/index.ts';
import type { Announcement, Day0Rule } from '../types.ts';
import type { FactorTable } from './types.ts';
import { MEASURES, TURNOVER_LOG_CONSTANT, type Measure, type VolumeBasis } from './measures.ts';

/**
 * A symbol's volume on its calendar, for the volume measure (src/study/measures.ts).
 * `logVolume[k]` = ln(1 + V_k) (basis 'shares') or ln(100·V_k/S_k + 0.000255) (basis 'turnover':
 * the snapshot's A-share turnoverPct where a row has it, else the shares outstanding S_k on that
 * date), NaN on a session without trading or without the data.
 */
export interface VolumeColumns {
  basis: VolumeBasis;
  logVolume: Float64Array;
  /** 1 on a session of the calendar without trading: no price row (a suspension or data gap), or a volume of 0. */
  noTrade: Uint8Array;
  /** 1 on an A-share limit-locked session: close at the daily limit with high = low (one price all day; the volume is censored). */
  locked: Uint8Array;
}

/** Shares outstanding of a symbol on a date (the data store's count), null when unknown. */
export type SharesLookup = (symbol: string, date: IsoDate) => number | null;

/** One symbol on its own calendar. */
export interface SeriesGrid {
  series: PriceSeries;
  calendar: TradingCalendar;
  /** One-session simple return at each calendar index (adjusted close; NaN where none). */
  returns: Float64Array;
  /** Calendar index of the first and last price row. */
  firstData: number;
  lastData: number;
  /** Limit-up / limit-down close at each calendar index (A-shares; all 0 elsewhere), computed on first use. */
  limits(): { up: Uint8Array; down: Uint8Array };
  /** Day 0 of an announcement on this calendar, cached per (date, time, zone, rule). */
  day0(announcement: Announcement, rule: Day0Rule): Day0Resolution & { index: number };
  /** Log volume, no-trade and limit-locked sessions on the calendar (see VolumeColumns), computed on first use per basis. */
  volume(basis?: VolumeBasis, shares?: SharesLookup): VolumeColumns;
}

/**
 * A symbol's calendar, aligned returns and flags (see module doc). `offCalendar: 'drop'` skips a
 * price row on a day the exchange was closed (a vendor's placeholder) instead of refusing it.
 * @throws DataError for a series without two prices (no return at all)
 */
export function seriesGrid(series: PriceSeries, options: { offCalendar?: 'error' | 'drop' } = {}): SeriesGrid {
  const { rows } = series;
  if (rows.length < 2) {
    throw new DataError(`${series.info.symbol}: ${series.source} has ${rows.length === 0 ? 'no price rows' : 'one price row'}; a study needs at least two prices`);
  }
  const calendar = calendarForSeries(series);
  const daily = withoutMultiDayReturns(simpleReturns(series, { calendar, offCalendar: options.offCalendar }));
  const returns = new Float64Array(calendar.days.length).fill(NaN);
  placeOnCalendar(calendar.days, daily.dates, (i, k) => (returns[k] = daily.returns[i]));
  let flags: { up: Uint8Array; down: Uint8Array } | undefined;
  const day0Cache = new Map<string, Day0Resolution & { index: number }>();
  const volumes = new Map<VolumeBasis, VolumeColumns>();
  const grid: SeriesGrid = {
    series,
    calendar,
    returns,
    firstData: firstOnCalendar(calendar, rows.map((r) => r.date)),
    lastData: firstOnCalendar(calendar, rows.map((r) => r.date).reverse()),
    volume(basis = 'shares', shares) {
      let v = volumes.get(basis);
      if (!v) volumes.set(basis, (v = volumeColumns(grid, basis, shares)));
      return v;
    },
    limits() {
      if (!flags) {
        const up = new Uint8Array(calendar.days.length);
        const down = new Uint8Array(calendar.days.length);
        const list = priceLimitFlags(series);
        placeOnCalendar(
          calendar.days,
          list.map((f) => f.date),
          (i, k) => {
            up[k] = list[i].limitUp ? 1 : 0;
            down[k] = list[i].limitDown ? 1 : 0;
          },
        );
        flags = { up, down };
      }
      return flags;
    },
    day0(announcement, rule) {
      // Most announcements are a bare date under one rule: keyed by the date itself.
      const key =
        announcement.time === undefined && announcement.timeZone === undefined && rule === 'next'
          ? announcement.date
          : `${announcement.date}|${announcement.time ?? ''}|${announcement.timeZone ?? ''}|${rule}`;
      let hit = day0Cache.get(key);
      if (!hit) {
        const r = resolveDay0(calendar, announcement, rule);
        hit = { ...r, index: r.day0 === null ? -1 : tradingDayIndex(calendar, r.day0) };
        day0Cache.set(key, hit);
      }
      return hit;
    },
  };
  return grid;
}

/**
 * The volume columns of a grid (see VolumeColumns). A session of the calendar inside the data's
 * range without a price row is a day without trading (the exchange was open, the security was not
 * traded: suspended), as is a row with volume 0; neither is a zero volume.
 */
function volumeColumns(grid: SeriesGrid, basis: VolumeBasis, shares?: SharesLookup): VolumeColumns {
  const { calendar, series } = grid;
  const days = calendar.days;
  const logVolume = new Float64Array(days.length).fill(NaN);
  const noTrade = new Uint8Array(days.length);
  const locked = new Uint8Array(days.length);
  for (let k = Math.max(0, grid.firstData); k <= grid.lastData; k++) noTrade[k] = 1;
  const aShare = series.info.exchange === 'XSHG' || series.info.exchange === 'XSHE';
  const limits = aShare ? grid.limits() : null;
  const symbol = series.info.symbol;
  placeOnCalendar(
    days,
    series.rows.map((r) => r.date),
    (i, k) => {
      const row = series.rows[i];
      const v = row.volume;
      if (v === null || v === undefined || !(v > 0) || !Number.isFinite(v)) {
        // A row without a volume says nothing about trading (a file with closes only); a 0 is no trade.
        if (v !== 0) noTrade[k] = 0;
        return;
      }
      noTrade[k] = 0;
      if (limits && (limits.up[k] === 1 || limits.down[k] === 1) && row.high !== null && row.low !== null && row.high === row.low) locked[k] = 1;
      if (basis === 'shares') {
        logVolume[k] = Math.log1p(v);
        return;
      }
      let pct = row.turnoverPct ?? null;
      if (pct === null) {
        const s = shares ? shares(symbol, row.date) : null;
        pct = s !== null && s > 0 ? (100 * v) / s : null;
      }
      if (pct !== null && Number.isFinite(pct) && pct >= 0) logVolume[k] = Math.log(pct + TURNOVER_LOG_CONSTANT);
    },
  );
  return { basis, logVolume, noTrade, locked };
}

/** Calendar index of the first of `dates` that is a session. */
function firstOnCalendar(calendar: TradingCalendar, dates: IsoDate[]): number {
  for (const d of dates) {
    const k = tradingDayIndex(calendar, d);
    if (k >= 0) return k;
  }
  return -1;
}

/**
 * A grid made from returns already on a calendar (simulations): no price file, no limits.
 * `returns[k]` is the return on calendar day k (NaN where none).
 */
export function gridFromReturns(info: PriceSeries['info'], calendar: TradingCalendar, returns: Float64Array, logVolume?: Float64Array): SeriesGrid {
  if (returns.length !== calendar.days.length) throw new InputError(`${info.symbol}: ${returns.length} returns for ${calendar.days.length} calendar days`);
  let first = 0;
  while (first < returns.length && returns[first] !== returns[first]) first++;
  let last = returns.length - 1;
  while (last > 0 && returns[last] !== returns[last]) last--;
  const none = new Uint8Array(calendar.days.length);
  return {
    series: { info, rows: [], source: `simulated ${info.symbol}` },
    calendar,
    returns,
    firstData: Math.max(0, first - 1),
    lastData: last,
    limits: () => ({ up: none, down: none }),
    day0(announcement, rule) {
      const r = resolveDay0(calendar, announcement, rule);
      return { ...r, index: r.day0 === null ? -1 : tradingDayIndex(calendar, r.day0) };
    },
    // Simulations give the log volume directly (basis as asked, no flags).
    volume: (basis = 'shares') => ({ basis, logVolume: logVolume ?? new Float64Array(calendar.days.length).fill(NaN), noTrade: none, locked: none }),
  };
}

/**
 * Calls place(i, k) for each date dates[i] found at calendar index k (both sorted ascending;
 * dates not on the calendar are passed over). One merge pass, no per-date search.
 */
function placeOnCalendar(days: readonly IsoDate[], dates: readonly IsoDate[], place: (i: number, k: number) => void): void {
  let k = 0;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    while (k < days.length && days[k] < d) k++;
    if (k === days.length) return;
    if (days[k] === d) place(i, k);
  }
}

/**
 * Values of another series (`dates`/`values`, sorted by date) on a calendar's days, NaN where it
 * has none: the benchmark's returns on the security's sessions, or a factor column.
 */
export function alignOnto(days: readonly IsoDate[], dates: readonly IsoDate[], values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(days.length).fill(NaN);
  let i = 0;
  for (let k = 0; k < days.length; k++) {
    const d = days[k];
    while (i < dates.length && dates[i] < d) i++;
    if (i === dates.length) break;
    if (dates[i] === d) out[k] = values[i];
  }
  return out;
}

/** A security with what its model regresses on, on the security's calendar. */
export interface PairGrid {
  /** Position in the study's list of pairs. */
  id: number;
  security: SeriesGrid;
  /** The benchmark, when the event has one (never for the factor model; the mean-adjusted model names it but does not use it). */
  benchmark: SeriesGrid | null;
  /** The series the model is fitted to, on the security's calendar: its returns, or its log volume (the study's measure). */
  y: Float64Array;
  /** The study's measure, and for 'volume' the security's volume columns (flags). */
  measure: Measure;
  volume: VolumeColumns | null;
  /** Regressors on the security's calendar: [benchmark returns (or log volume)], the factor columns, or []. */
  x: Float64Array[];
  /** The model's design columns on the security's calendar (fit.coef[1..] multiplies them). */
  design: Float64Array[];
}

/** What a pair models: the measure (default 'return') and, for volume, its basis and share counts. */
export interface MeasureOptions {
  measure?: Measure;
  volumeBasis?: VolumeBasis;
  sharesOutstanding?: SharesLookup;
}

/**
 * Aligns a security's regressors once: the benchmark's one-session returns (computed on the
 * benchmark's own calendar, so a benchmark return spanning several of its sessions is dropped
 * too) by date onto the security's calendar, or the factor columns. For the volume measure the
 * security's series and the benchmark's regressor are their log volumes (MEASURES[m].series).
 */
export function pairGrid(id: number, security: SeriesGrid, benchmark: SeriesGrid | null, spec: ModelSpec, modelOptions: ModelOptions, factors?: FactorTable, measureOptions: MeasureOptions = {}): PairGrid {
  const days = security.calendar.days;
  const measure = measureOptions.measure ?? 'return';
  const onVolume = MEASURES[measure].series === 'logVolume';
  const volume = onVolume ? security.volume(measureOptions.volumeBasis ?? 'shares', measureOptions.sharesOutstanding) : null;
  const x: Float64Array[] = [];
  if (spec.needsBenchmark) {
    if (!benchmark) throw new InputError('a benchmark model needs a benchmark');
    const bDays = benchmark.calendar.days;
    // The benchmark's log volume in shares traded whatever the security's basis (an index or ETF has no share count).
    const source = onVolume ? benchmark.volume('shares').logVolume : benchmark.returns;
    const dates: IsoDate[] = [];
    const values: number[] = [];
    for (let k = 0; k < bDays.length; k++) {
      if (source[k] === source[k]) {
        dates.push(bDays[k]);
        values.push(source[k]);
      }
    }
    x.push(alignOnto(days, dates, values));
  }
  if (spec.needsFactors) {
    if (!factors) throw new InputError('internal: a factor model without a factor table');
    for (const column of Object.values(factors.columns)) x.push(alignOnto(days, factors.dates, column));
  }
  return { id, security, benchmark, y: volume ? volume.logVolume : security.returns, measure, volume, x, design: spec.design(x, modelOptions) };
}

/**
 * The study's windows as offsets from day 0, once per study. An event's sample is the calendar
 * range [day0 + first, day0 + last]; inside it the estimation and event windows are the index
 * ranges [estimation[0], estimation[1]) and [event[0], event[1]); each CAR window is an inclusive
 * position range inside the event window.
 */
export interface WindowPlan {
  estimationWindow: RelWindow;
  eventWindow: RelWindow;
  carWindows: RelWindow[];
  /** Sessions read beyond the window edges (the model's padding). */
  pad: number;
  /** Offsets from day 0 of the sample's first and last session. */
  first: number;
  last: number;
  length: number;
  estimation: [number, number];
  event: [number, number];
  carPositions: [number, number][];
}

/** Turns the relative windows into offsets (see WindowPlan). Windows are validated by the caller. */
export function planWindows(estimationWindow: RelWindow, eventWindow: RelWindow, carWindows: readonly RelWindow[], pad: number): WindowPlan {
  const firstRel = Math.min(estimationWindow[0], eventWindow[0]);
  const lastRel = Math.max(estimationWindow[1], eventWindow[1]);
  const first = firstRel - pad;
  const last = lastRel + pad;
  const at = (rel: number) => rel - first;
  return {
    estimationWindow,
    eventWindow,
    carWindows: [...carWindows],
    pad,
    first,
    last,
    length: last - first + 1,
    estimation: [at(estimationWindow[0]), at(estimationWindow[1]) + 1],
    event: [at(eventWindow[0]), at(eventWindow[1]) + 1],
    carPositions: carWindows.map((w) => [w[0] - eventWindow[0], w[1] - eventWindow[0]]),
  };
}

/**
 * Calendar index of an event's first sample session, or the reason the windows do not fit on the
 * calendar.
 */
export function sampleStart(grid: SeriesGrid, day0Index: number, plan: WindowPlan): number | string {
  const cal = grid.calendar;
  const start = day0Index + plan.first;
  const end = day0Index + plan.last;
  if (start < 0 || end >= cal.days.length) {
    return `event window or estimation window falls outside the ${cal.exchange} calendar (${cal.days[0]}..${cal.days[cal.days.length - 1]}) for day 0 ${cal.days[day0Index]}`;
  }
  return start;
}

/** Guards a calendar lookup that must succeed (a data day is a calendar day by construction). */
export function calendarIndexOf(cal: TradingCalendar, date: IsoDate): number {
  const k = tradingDayIndex(cal, date);
  if (k < 0) throw new CalendarError(`${date} is not a session of the ${cal.exchange} calendar`);
  return k;
}
