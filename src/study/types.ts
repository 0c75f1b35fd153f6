/**
 * The records an event study takes and returns. Plain data only: a StudyResult
 * survives JSON.stringify / JSON.parse unchanged (the DataFrame view is a
 * non-enumerable helper added at the edge).
 */
import type { Announcement, Day0Rule, IsoDate, RelWindow } from '../types.ts';
import type { ModelName } from '../models/index.ts';
import type { TestResult } from '../stats/types.ts';
import type { TestName } from '../stats/battery.ts';
import type { Measure, VolumeBasis } from './measures.ts';

export type { TestName } from '../stats/battery.ts';

/** User-supplied factor columns (e.g. Fama-French), one row per date. */
export interface FactorTable {
  /** Where the factors came from (file path or label), named in errors. */
  name: string;
  dates: IsoDate[];
  /** Column name -> values aligned with `dates`. Finite numbers only. */
  columns: Record<string, Float64Array>;
}

/** One event as the user states it. Per-event quantities are keyed by `id`, never by symbol. */
export interface EventSpec {
  /** Unique id; defaults to `${symbol}@${date}` (with a #n suffix if repeated). */
  id?: string;
  symbol: string;
  /** Benchmark symbol (market index); defaults to the study's `benchmark` option. */
  benchmark?: string;
  /** Announcement date (exchange-local unless timeZone says otherwise). Give this or `timestamp`. */
  date?: IsoDate;
  /**
   * Announcement instant instead of date/time: ISO 8601 with an explicit zone
   * ('2025-01-27T21:30:00Z', '2025-08-21T20:05+08:00') or epoch milliseconds. It is read as a
   * UTC date and time; day 0 then follows on the security's exchange as for `date` + `time`.
   */
  timestamp?: string | number;
  /** 'HH:MM' local time of the announcement, when known. */
  time?: string;
  /** IANA time zone of date/time. */
  timeZone?: string;
  /** Free text shown in tables and reports. */
  label?: string;
  /**
   * Event characteristics (an events file's extra columns, e.g. size or sector), carried through
   * to the EventResult unchanged for cross-sectional regressions of CARs.
   */
  characteristics?: Record<string, string>;
}

export interface StudyOptions {
  /** Default benchmark for events that name none. */
  benchmark?: string;
  /** The model (default: the measure's, i.e. 'market' for returns and volatility, 'mean-adjusted' for volume). */
  model?: ModelName;
  /**
   * What is abnormal (src/study/measures.ts): 'return' (default), 'volume' (log volume) or
   * 'volatility' (squared standardized ARs of the return model).
   */
  measure?: Measure;
  /** Volume measure: ln(1 + shares traded) ('shares', default) or log turnover in percent of shares outstanding ('turnover'). */
  volumeBasis?: VolumeBasis;
  /** Estimation window in trading days relative to day 0, default [-250, -11]. */
  estimationWindow?: RelWindow;
  /** Event window, default [-5, +5]. */
  eventWindow?: RelWindow;
  /** CAR windows inside the event window, default [-1,+1], [0,0], [0,+1], [-5,+5]. */
  carWindows?: RelWindow[];
  /** Which multi-event tests to run; default every test of the battery made for the model (all closed-form tests plus bootstrap; Savickas only with the garch model). */
  tests?: TestName[];
  /** Minimum valid estimation returns (M_i), default 120. */
  minEstimationReturns?: number;
  /** Day-0 rule for announcements on non-trading days or after the close. */
  day0Rule?: Day0Rule;
  /** Bootstrap replications and seed; `false` switches the bootstrap off. */
  bootstrap?: { replications: number; seed: number } | false;
  /** Factor table for model 'factor'. */
  factors?: FactorTable;
  /** Leads/lags K for the Dimson model (default 1). */
  dimsonLags?: number;
  /**
   * How r̄ (Kolari–Pynnönen) is computed: above `maxExactCost` (≈ multiply-adds, default 4e9) it
   * is estimated from `samplePairs` (200,000) seeded random event pairs (`seed` 1), with its
   * standard error in `rbarSe` (see src/stats/rbar.ts).
   */
  rbar?: { maxExactCost?: number; samplePairs?: number; seed?: number };
}

/** One day of an event window. */
export interface AbnormalReturnRow {
  rel: number;
  date: IsoDate;
  /** Security return, null when the security has no return that day. */
  ret: number | null;
  /** Benchmark return, null when missing. */
  marketRet: number | null;
  expected: number | null;
  ar: number | null;
  sar: number | null;
  /** Standard deviation of the prediction error S_t. */
  sd: number | null;
  limitUp: boolean;
  limitDown: boolean;
}

/** CAR over one window for one event. */
export interface CarRow {
  window: string;
  from: number;
  to: number;
  car: number;
  se: number;
  t: number;
  df: number;
  p: number;
  bhar: number;
  scar: number;
  /** Valid days inside the window (less than to-from+1 when days are missing). */
  days: number;
}

export interface EventFlags {
  limitUpDays: IsoDate[];
  limitDownDays: IsoDate[];
  /** Event-window days with no security or benchmark return. */
  missingDays: IsoDate[];
  /**
   * Ids of other events of the same security whose day 0 falls in this estimation window: the
   * first {@link OVERLAP_ID_CAP} (in date order); the count of all is estimationOverlapCount.
   */
  estimationOverlaps: string[];
  /** Ids of other events (any security) whose event window overlaps this one in calendar time (first OVERLAP_ID_CAP). */
  eventWindowOverlaps: string[];
  /** How many events of the same security have day 0 in this estimation window. */
  estimationOverlapCount: number;
  /** How many other events' event windows overlap this one (clustering in calendar time). */
  eventWindowOverlapCount: number;
  /** Estimation-window days dropped for a missing security or benchmark return. */
  droppedEstimationDays: number;
  /**
   * Why the study's model was not used for this event (a GARCH fit that did not converge or hit a
   * bound), the event's `model` then naming the model fitted instead; null when it was used.
   */
  modelFallback: string | null;
  /**
   * Volume measure only: event-window sessions without trading (no price row on an exchange
   * session, i.e. a suspension, or a volume of 0), which have no abnormal volume (never a zero volume).
   */
  noTradeDays?: IsoDate[];
  /** Volume measure only: A-share event-window sessions locked at the daily limit (close at the limit, high = low; the volume is censored). */
  limitLockedDays?: IsoDate[];
}

export interface EventResult {
  id: string;
  symbol: string;
  name: string;
  market: string | null;
  exchange: string;
  /**
   * The trading calendar day 0 and the windows were counted on: the exchange, where its days come
   * from ('table': the holiday table; 'table+series' / 'series': partly or wholly the security's
   * own trading days, where a weekday without a price counts as a closure) and the sentence that
   * says so (null for 'table'). See src/calendar/calendar.ts TradingCalendar.
   */
  calendar: { exchange: string; basis: 'table' | 'table+series' | 'series'; note: string | null };
  announced: { date: IsoDate; time: string | null; timeZone: string };
  day0: IsoDate;
  day0Reason: string;
  estimation: { from: IsoDate; to: IsoDate };
  /** The model fitted for this event: the study's, or the fallback named in `flags.modelFallback`. */
  model: ModelName;
  M: number;
  df: number;
  alpha: number;
  beta: number | null;
  betas: number[];
  sigma: number;
  r2: number | null;
  ar: AbnormalReturnRow[];
  car: CarRow[];
  flags: EventFlags;
  /** The event's label, when given. */
  label?: string;
  /** The event's characteristics (EventSpec.characteristics), when given. */
  characteristics?: Record<string, string>;
}

export interface SkippedEvent {
  id: string;
  symbol: string;
  date: IsoDate;
  reason: string;
}

export interface AggregateRow {
  window: string;
  from: number;
  to: number;
  N: number;
  caar: number;
  tests: Record<string, TestResult>;
}

export interface DailyAggregateRow {
  rel: number;
  N: number;
  aar: number;
  caar: number;
  tests: Record<string, TestResult>;
}

export interface StudyResult {
  parameters: {
    model: ModelName;
    /** What was measured ('return', 'volume', 'volatility'); set by every study run (absent in results made by hand: 'return'). */
    measure?: Measure;
    /** Volume measure only: 'shares' or 'turnover'. */
    volumeBasis?: VolumeBasis;
    estimationWindow: RelWindow;
    eventWindow: RelWindow;
    carWindows: RelWindow[];
    minEstimationReturns: number;
    day0Rule: Day0Rule;
    tests: TestName[];
    bootstrap: { replications: number; seed: number } | false;
    factors: string | null;
  };
  events: EventResult[];
  skipped: SkippedEvent[];
  aggregate: AggregateRow[];
  daily: DailyAggregateRow[];
  /** Mean pairwise residual correlation on calendar dates (Kolari & Pynnönen 2010), null for N < 2. */
  rbar: number | null;
  /** Standard error of r̄ when it was estimated from sampled pairs; 0 when exact; null without r̄. */
  rbarSe: number | null;
  /** 'exact', or 'sampled' (see StudyOptions.rbar). */
  rbarMethod: 'exact' | 'sampled';
  /** Event pairs whose correlation entered r̄ (sampled: qualifying pairs drawn). */
  rbarPairs: number;
  notes: string[];
}

/** Ids listed per overlap flag; the counts are always complete. */
export const OVERLAP_ID_CAP = 20;

/** Announcement of an EventSpec as the calendar stage wants it. */
export function announcementOf(spec: EventSpec & { date: IsoDate }): Announcement {
  return { date: spec.date, time: spec.time, timeZone: spec.timeZone };
}
