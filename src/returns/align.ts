/**
 * Putting return series side by side, with an explicit missing-day policy.
 *
 * NaN is the internal "missing" marker in aligned Float64Arrays (a day on which a series has no
 * return). It never reaches printed output: formatters must print such cells as empty / 'n/a'.
 */
import { CalendarError, DataError, InputError } from '../errors.ts';
import type { IsoDate, ReturnSeries } from '../types.ts';
import { tradingDayIndex, type TradingCalendar } from '../calendar/calendar.ts';
import type { AlignedReturns, MissingReturn } from './types.ts';

export interface AlignOptions {
  /** 'drop' (the only policy so far): days where either return is missing are dropped and listed. */
  policy: 'drop';
}

function assertSorted(rs: ReturnSeries): void {
  if (rs.dates.length !== rs.returns.length) throw new DataError(`returns of ${rs.symbol}: ${rs.dates.length} dates but ${rs.returns.length} values`);
  for (let i = 1; i < rs.dates.length; i++) {
    if (rs.dates[i] <= rs.dates[i - 1]) throw new DataError(`returns of ${rs.symbol}: date ${rs.dates[i]} is not after ${rs.dates[i - 1]} (dates must be sorted and unique)`);
  }
}

/**
 * Aligns a security's returns with its benchmark's on common dates (merge join of the two
 * sorted date lists). A date where either has no return (absent or NaN) is dropped and listed
 * in `missing` with the series that lacks it; STATISTICS.md drops such days from estimation.
 * @example alignReturns(stock, index).missing // [{ date: '2025-01-09', which: 'benchmark' }, ...]
 */
export function alignReturns(security: ReturnSeries, benchmark: ReturnSeries, opts: AlignOptions = { policy: 'drop' }): AlignedReturns {
  if (opts.policy !== 'drop') throw new InputError(`unknown missing-day policy '${String(opts.policy)}': expected 'drop'`);
  assertSorted(security);
  assertSorted(benchmark);
  const dates: IsoDate[] = [];
  const r: number[] = [];
  const rm: number[] = [];
  const missing: MissingReturn[] = [];
  const a = security;
  const b = benchmark;
  let i = 0;
  let j = 0;
  while (i < a.dates.length || j < b.dates.length) {
    const da = i < a.dates.length ? a.dates[i] : undefined;
    const db = j < b.dates.length ? b.dates[j] : undefined;
    if (da !== undefined && (db === undefined || da < db)) {
      missing.push({ date: da, which: 'benchmark' });
      i++;
    } else if (db !== undefined && (da === undefined || db < da)) {
      missing.push({ date: db, which: 'security' });
      j++;
    } else {
      const x = a.returns[i];
      const y = b.returns[j];
      if (Number.isNaN(x)) missing.push({ date: da!, which: 'security' });
      if (Number.isNaN(y)) missing.push({ date: da!, which: 'benchmark' });
      if (!Number.isNaN(x) && !Number.isNaN(y)) {
        dates.push(da!);
        r.push(x);
        rm.push(y);
      }
      i++;
      j++;
    }
  }
  return { dates, r: Float64Array.from(r), rm: Float64Array.from(rm), missing };
}

/**
 * Places each series on the given calendar days: out[k][i] is series k's return on dates[i], or
 * NaN (the internal missing marker) when it has none. Every date must be a trading day of `cal`;
 * returns on other dates are ignored.
 * @example const [r, rm] = alignOnCalendar(cal, cal.days.slice(i0, i1), stock, index)
 */
export function alignOnCalendar(cal: TradingCalendar, dates: readonly IsoDate[], ...series: ReturnSeries[]): Float64Array[] {
  for (const d of dates) {
    if (tradingDayIndex(cal, d) < 0) throw new CalendarError(`${d} is not a ${cal.exchange} trading day (${cal.from}..${cal.to}); align only on calendar days`);
  }
  return series.map((rs) => {
    if (rs.dates.length !== rs.returns.length) throw new DataError(`returns of ${rs.symbol}: ${rs.dates.length} dates but ${rs.returns.length} values`);
    const byDate = new Map<IsoDate, number>();
    rs.dates.forEach((d, i) => byDate.set(d, rs.returns[i]));
    return Float64Array.from(dates, (d) => byDate.get(d) ?? NaN);
  });
}
