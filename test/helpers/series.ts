/** Synthetic price series on the real XNYS calendar, for engine tests with known answers. */
import { buildCalendar } from '../../src/calendar/index.ts';
import type { PriceSeries, SymbolInfo } from '../../src/types.ts';

export const XNYS = buildCalendar('XNYS');
/** XNYS sessions of 2024-2025. */
export const DAYS = XNYS.days.filter((d) => d >= '2024-01-02' && d <= '2025-12-31');

/** SymbolInfo of a synthetic NYSE stock. */
export function info(symbol: string): SymbolInfo {
  return { symbol, name: symbol, aliases: [], exchange: 'XNYS', currency: 'USD', timeZone: 'America/New_York', kind: 'stock' };
}

/** A price series whose simple return on dates[i + 1] is exactly returns[i] (first day has none). */
export function seriesFromReturns(symbol: string, returns: number[], dates = DAYS): PriceSeries {
  let p = 100;
  const rows = dates.slice(0, returns.length + 1).map((date, i) => {
    if (i > 0) p *= 1 + returns[i - 1];
    return { date, open: null, high: null, low: null, close: p, adjClose: p, volume: null };
  });
  return { info: info(symbol), rows, source: `synthetic ${symbol}` };
}
