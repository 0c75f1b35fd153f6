/**
 * Daily returns of a price series as the study stage uses them: simple returns from the adjusted
 * close, on the security's own exchange calendar, with returns that bridge more than one session
 * (after a suspension or a data gap) left out — such a return is not a daily return.
 */
import type { TradingCalendar } from '../calendar/index.ts';
import { simpleReturns, withoutMultiDayReturns } from '../returns/index.ts';
import type { IsoDate, PriceSeries } from '../types.ts';

/**
 * Map date -> simple return (adjClose_t / adjClose_{t-1} - 1) for every one-session return.
 * @example returnsByDate(nvda, xnas).get('2025-01-27') // -0.16968...
 */
export function returnsByDate(series: PriceSeries, calendar: TradingCalendar): Map<IsoDate, number> {
  const daily = withoutMultiDayReturns(simpleReturns(series, { calendar }));
  const map = new Map<IsoDate, number>();
  for (let i = 0; i < daily.dates.length; i++) map.set(daily.dates[i], daily.returns[i]);
  return map;
}
