/**
 * Records of the returns stage (beyond the shared ReturnSeries in src/types.ts).
 */
import type { IsoDate, ReturnSeries } from '../types.ts';

/** Which price column returns are computed from. */
export type PriceField = 'adjClose' | 'close';

/**
 * Daily returns plus how many trading days each one spans.
 * `spanDays[i]` = trading days from dates[i-1 of the price rows] to dates[i] on the calendar
 * given to simpleReturns/logReturns: 1 for an ordinary daily return, k > 1 for a return that
 * bridges k - 1 missing sessions (a suspension or a data gap), so it is a k-day return.
 * Null when no calendar was given (spans unknown).
 */
export interface DailyReturns extends ReturnSeries {
  price: PriceField;
  spanDays: Int32Array | null;
}

/** A missing return found while aligning two series. */
export interface MissingReturn {
  date: IsoDate;
  /** The series that has no return on `date`. */
  which: 'security' | 'benchmark';
}

/** A security and its benchmark on their common dates. */
export interface AlignedReturns {
  dates: IsoDate[];
  /** Security returns, r[i] on dates[i]. */
  r: Float64Array;
  /** Benchmark returns, rm[i] on dates[i]. */
  rm: Float64Array;
  /** Dates where one of the two had no return, dropped from dates/r/rm (policy 'drop'). */
  missing: MissingReturn[];
}
