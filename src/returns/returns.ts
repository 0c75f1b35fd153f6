/**
 * Simple and log returns from a price series, with multi-day returns flagged.
 */
import { CalendarError, DataError, InputError } from '../errors.ts';
import type { IsoDate, PriceSeries } from '../types.ts';
import { closureReason, tradingDayIndex, type TradingCalendar } from '../calendar/calendar.ts';
import type { DailyReturns, PriceField } from './types.ts';

export interface ReturnOptions {
  /** Price column (default 'adjClose': dividends and splits included, as STATISTICS.md requires). */
  price?: PriceField;
  /**
   * The security's exchange calendar. When given, each return gets its span in trading days
   * (`spanDays`) so returns bridging a suspension or data gap can be excluded or marked.
   */
  calendar?: TradingCalendar;
  /**
   * What to do with a price row on a date that is not a trading day of `calendar` (e.g. a vendor
   * placeholder on a holiday): 'error' (default) raises DataError naming the row; 'drop' skips it,
   * so the next return runs from the last real session.
   */
  offCalendar?: 'error' | 'drop';
}

function buildReturns(series: PriceSeries, opts: ReturnOptions, kind: 'simple' | 'log'): DailyReturns {
  const price = opts.price ?? 'adjClose';
  if (price !== 'adjClose' && price !== 'close') throw new InputError(`unknown price column '${price}': expected 'adjClose' or 'close'`);
  const symbol = series.info.symbol;
  const cal = opts.calendar;
  const where = (i: number) => `${symbol} (${series.source}) row ${i + 1} (${series.rows[i].date})`;

  // Validate and pick the rows to use.
  const used: number[] = [];
  const calIndex: number[] = [];
  let previousDate = '';
  series.rows.forEach((row, i) => {
    if (row.date <= previousDate) throw new DataError(`${where(i)}: date is not after the previous row's ${previousDate} (rows must be sorted and unique)`);
    previousDate = row.date;
    const p = row[price];
    if (typeof p !== 'number' || !Number.isFinite(p) || p <= 0) throw new DataError(`${where(i)}: ${price} is ${p}; prices must be positive numbers`);
    if (cal) {
      if (row.date < cal.from || row.date > cal.to) {
        throw new CalendarError(
          `${where(i)} is outside the ${cal.exchange} calendar (${cal.from}..${cal.to}), which was built without this series' dates`,
        );
      }
      const k = tradingDayIndex(cal, row.date);
      if (k < 0) {
        if (opts.offCalendar === 'drop') return;
        throw new DataError(`${where(i)}: ${row.date} is ${closureReason(cal, row.date)}, yet the data has a price on it (remove the row, or check the series' exchange)`);
      }
      calIndex.push(k);
    }
    used.push(i);
  });

  const n = Math.max(0, used.length - 1);
  const dates: IsoDate[] = new Array(n);
  const returns = new Float64Array(n);
  const spanDays = cal ? new Int32Array(n) : null;
  for (let j = 1; j < used.length; j++) {
    const prev = series.rows[used[j - 1]][price];
    const cur = series.rows[used[j]][price];
    dates[j - 1] = series.rows[used[j]].date;
    returns[j - 1] = kind === 'simple' ? cur / prev - 1 : Math.log(cur / prev);
    if (spanDays) spanDays[j - 1] = calIndex[j] - calIndex[j - 1];
  }
  return { symbol, dates, returns, kind, price, spanDays };
}

/**
 * Simple returns R_t = P_t / P_{t-1} - 1 between consecutive rows (STATISTICS.md: from the
 * adjusted close). The first row has no return and is not included, so dates[i] is the date
 * of row i + 1. With `calendar`, spanDays marks multi-day returns.
 * @example simpleReturns(series).returns[0] // rows[1].adjClose / rows[0].adjClose - 1
 */
export function simpleReturns(series: PriceSeries, opts: ReturnOptions = {}): DailyReturns {
  return buildReturns(series, opts, 'simple');
}

/** Log returns r_t = ln(P_t / P_{t-1}); otherwise as simpleReturns. */
export function logReturns(series: PriceSeries, opts: ReturnOptions = {}): DailyReturns {
  return buildReturns(series, opts, 'log');
}

/** The dates (and spans) of returns spanning more than one trading day. Empty when spans are unknown. */
export function multiDayReturns(rs: DailyReturns): { date: IsoDate; spanDays: number }[] {
  const out: { date: IsoDate; spanDays: number }[] = [];
  if (!rs.spanDays) return out;
  for (let i = 0; i < rs.dates.length; i++) if (rs.spanDays[i] > 1) out.push({ date: rs.dates[i], spanDays: rs.spanDays[i] });
  return out;
}

/**
 * The same returns without the multi-day ones (spanDays > 1), so that a return accumulated over
 * a suspension is treated as missing rather than as one day's move. Requires spans.
 */
export function withoutMultiDayReturns(rs: DailyReturns): DailyReturns {
  if (!rs.spanDays) throw new InputError(`returns of ${rs.symbol} have no trading-day spans: they were computed without an exchange calendar`);
  const keep: number[] = [];
  for (let i = 0; i < rs.dates.length; i++) if (rs.spanDays[i] <= 1) keep.push(i);
  return {
    ...rs,
    dates: keep.map((i) => rs.dates[i]),
    returns: Float64Array.from(keep, (i) => rs.returns[i]),
    spanDays: Int32Array.from(keep, (i) => rs.spanDays![i]),
  };
}
