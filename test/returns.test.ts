import { describe, expect, it } from 'vitest';
import { buildCalendar } from '../src/calendar/index.ts';
import { alignOnCalendar, alignReturns, logReturns, multiDayReturns, simpleReturns, withoutMultiDayReturns } from '../src/returns/index.ts';
import { CalendarError, DataError, InputError } from '../src/errors.ts';
import type { PriceSeries, ReturnSeries, SymbolInfo } from '../src/types.ts';

function series(symbol: string, exchange: SymbolInfo['exchange'], rows: [string, number, number?][]): PriceSeries {
  return {
    info: { symbol, name: symbol, aliases: [], exchange, currency: 'USD', timeZone: 'America/New_York', kind: 'stock' },
    rows: rows.map(([date, adjClose, close]) => ({ date, open: null, high: null, low: null, close: close ?? adjClose, adjClose, volume: null })),
    source: 'inline test sample',
  };
}

const us = buildCalendar('XNAS');
// Made-up prices on real US sessions around MLK day 2025 (2025-01-20 closed).
const stock = series('TEST', 'XNAS', [
  ['2025-01-15', 100],
  ['2025-01-16', 102, 104],
  ['2025-01-17', 99.96, 101.92],
  ['2025-01-21', 104.958, 107],
  ['2025-01-22', 104.958, 107],
]);

describe('simpleReturns / logReturns', () => {
  it('P_t / P_{t-1} - 1 from adjClose, first row dropped', () => {
    const r = simpleReturns(stock);
    expect(r.kind).toBe('simple');
    expect(r.dates).toEqual(['2025-01-16', '2025-01-17', '2025-01-21', '2025-01-22']);
    expect(r.returns[0]).toBeCloseTo(0.02, 14);
    expect(r.returns[1]).toBeCloseTo(-0.02, 14);
    expect(r.returns[2]).toBeCloseTo(0.05, 14);
    expect(r.returns[3]).toBe(0);
    expect(r.spanDays).toBeNull();
  });

  it('can use the close column', () => {
    const r = simpleReturns(stock, { price: 'close' });
    expect(r.price).toBe('close');
    expect(r.returns[0]).toBeCloseTo(0.04, 14);
    expect(r.returns[1]).toBeCloseTo(101.92 / 104 - 1, 14);
  });

  it('log returns are ln(P_t/P_{t-1}) and sum to ln(P_T/P_0)', () => {
    const l = logReturns(stock);
    expect(l.kind).toBe('log');
    expect(l.returns[0]).toBeCloseTo(Math.log(1.02), 14);
    const total = l.returns.reduce((a, b) => a + b, 0);
    expect(total).toBeCloseTo(Math.log(104.958 / 100), 12);
  });

  it('a one-row or empty series has no returns', () => {
    expect(simpleReturns(series('ONE', 'XNAS', [['2025-01-15', 10]])).returns).toHaveLength(0);
    expect(simpleReturns(series('NONE', 'XNAS', [])).dates).toEqual([]);
  });

  it('rejects bad prices and unsorted rows with a DataError naming symbol, row and date', () => {
    expect(() => simpleReturns(series('BAD', 'XNAS', [['2025-01-15', 10], ['2025-01-16', 0]]))).toThrow(DataError);
    expect(() => simpleReturns(series('BAD', 'XNAS', [['2025-01-15', 10], ['2025-01-16', 0]]))).toThrow(/BAD .*row 2 \(2025-01-16\): adjClose is 0/);
    expect(() => simpleReturns(series('BAD', 'XNAS', [['2025-01-15', 10], ['2025-01-16', NaN]]))).toThrow(DataError);
    expect(() => simpleReturns(series('BAD', 'XNAS', [['2025-01-16', 10], ['2025-01-15', 11]]))).toThrow(/not after/);
    expect(() => simpleReturns(stock, { price: 'open' as never })).toThrow(InputError);
  });
});

describe('multi-day returns (gaps)', () => {
  it('spanDays is 1 across a holiday and counts the sessions bridged by a suspension', () => {
    const r = simpleReturns(stock, { calendar: us });
    expect(Array.from(r.spanDays!)).toEqual([1, 1, 1, 1]); // 01-17 -> 01-21 spans MLK day: still 1 session

    // A-share suspended 2025-03-03..03-14 (10 sessions missing): resumption return spans 11 sessions.
    const sh = buildCalendar('XSHG');
    const suspended = series('600000.SS', 'XSHG', [['2025-02-27', 10], ['2025-02-28', 10.5], ['2025-03-17', 12], ['2025-03-18', 12.6]]);
    const s = simpleReturns(suspended, { calendar: sh });
    expect(Array.from(s.spanDays!)).toEqual([1, 11, 1]);
    expect(multiDayReturns(s)).toEqual([{ date: '2025-03-17', spanDays: 11 }]);
    const clean = withoutMultiDayReturns(s);
    expect(clean.dates).toEqual(['2025-02-28', '2025-03-18']);
    expect(clean.returns[1]).toBeCloseTo(0.05, 14);
    expect(() => withoutMultiDayReturns(simpleReturns(suspended))).toThrow(/calendar/);
  });

  it('a price row on a holiday is an error unless dropped', () => {
    const sh = buildCalendar('XSHG');
    const withHoliday = series('600000.SS', 'XSHG', [['2025-01-27', 10], ['2025-01-29', 10], ['2025-02-05', 11]]);
    expect(() => simpleReturns(withHoliday, { calendar: sh })).toThrow(/2025-01-29 is a China A-share market holiday \(Spring Festival\)/);
    const r = simpleReturns(withHoliday, { calendar: sh, offCalendar: 'drop' });
    expect(r.dates).toEqual(['2025-02-05']);
    expect(r.returns[0]).toBeCloseTo(0.1, 14);
    expect(r.spanDays![0]).toBe(1);
  });

  it('rows outside the calendar are a CalendarError', () => {
    const old = series('OLD', 'XNAS', [['1999-12-30', 10], ['1999-12-31', 11]]); // before the XNAS table (2000-2026)
    expect(() => simpleReturns(old, { calendar: us })).toThrow(CalendarError);
    const extended = buildCalendar('XNAS', { extraTradingDays: old.rows.map((r) => r.date) });
    expect(simpleReturns(old, { calendar: extended }).spanDays![0]).toBe(1);
  });
});

const rs = (symbol: string, pairs: [string, number][]): ReturnSeries => ({
  symbol,
  dates: pairs.map((p) => p[0]),
  returns: Float64Array.from(pairs.map((p) => p[1])),
  kind: 'simple',
});

describe('alignReturns', () => {
  it('keeps common dates and lists every dropped day with the series that lacks it', () => {
    // Naive twin: intersect via Maps.
    const a = rs('A', [['2025-01-02', 0.01], ['2025-01-03', 0.02], ['2025-01-06', NaN], ['2025-01-07', 0.03], ['2025-01-10', 0.04]]);
    const b = rs('M', [['2025-01-03', -0.01], ['2025-01-06', 0.005], ['2025-01-07', 0.001], ['2025-01-08', 0.002], ['2025-01-10', 0.003]]);
    const out = alignReturns(a, b, { policy: 'drop' });
    const ma = new Map(a.dates.map((d, i) => [d, a.returns[i]]));
    const mb = new Map(b.dates.map((d, i) => [d, b.returns[i]]));
    const common = [...ma.keys()].filter((d) => mb.has(d) && !Number.isNaN(ma.get(d)!) && !Number.isNaN(mb.get(d)!)).sort();
    expect(out.dates).toEqual(common);
    expect(Array.from(out.r)).toEqual(common.map((d) => ma.get(d)));
    expect(Array.from(out.rm)).toEqual(common.map((d) => mb.get(d)));
    expect(out.missing).toEqual([
      { date: '2025-01-02', which: 'benchmark' },
      { date: '2025-01-06', which: 'security' },
      { date: '2025-01-08', which: 'security' },
    ]);
  });

  it('rejects unsorted input and unknown policies', () => {
    expect(() => alignReturns(rs('A', [['2025-01-03', 0], ['2025-01-02', 0]]), rs('M', []))).toThrow(DataError);
    expect(() => alignReturns(rs('A', []), rs('M', []), { policy: 'fill' as never })).toThrow(InputError);
  });
});

describe('alignOnCalendar', () => {
  it('puts each series on the calendar days, NaN where it has no return', () => {
    const days = ['2025-01-16', '2025-01-17', '2025-01-21'];
    const a = rs('A', [['2025-01-16', 0.01], ['2025-01-21', 0.03], ['2025-01-22', 0.09]]);
    const m = rs('M', [['2025-01-15', 0.5], ['2025-01-16', 0.001], ['2025-01-17', 0.002], ['2025-01-21', 0.003]]);
    const [ra, rm] = alignOnCalendar(us, days, a, m);
    expect(Array.from(ra)).toEqual([0.01, NaN, 0.03]);
    expect(Array.from(rm)).toEqual([0.001, 0.002, 0.003]);
    expect(() => alignOnCalendar(us, ['2025-01-20'], a)).toThrow(CalendarError);
  });
});
