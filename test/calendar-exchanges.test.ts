/**
 * Calendars beyond 2024-2026 and beyond the five original exchanges: the LSE and Xetra tables,
 * the rule-based NYSE years, the A-share years checked against real data, and calendars built
 * from a security's own trading days (exchanges without a table, dates outside a table).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  calendarForSeries,
  closeTimeOn,
  closureReason,
  isTradingDay,
  resolveDay0,
  tradingDaysInRange,
  type TradingCalendar,
} from '../src/calendar/index.ts';
import { CalendarError, InputError } from '../src/errors.ts';
import { loadSnapshotSeries } from '../src/data/snapshot.ts';
import type { PriceSeries } from '../src/types.ts';

/** The recorded Yahoo answers shipped with the tests (byte-for-byte copies, see their PROVENANCE.md). */
const RECORDED = resolve(import.meta.dirname, 'fixtures', 'yahoo-recorded');

/** Every date from a to b inclusive, by plain Date arithmetic (independent of src/calendar). */
function eachDate(a: string, b: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${a}T00:00:00Z`); t <= Date.parse(`${b}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const dow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();
const weekdays = (a: string, b: string) => eachDate(a, b).filter((d) => dow(d) !== 0 && dow(d) !== 6);
const closedWeekdays = (cal: TradingCalendar, y: number) => weekdays(`${y}-01-01`, `${y}-12-31`).filter((d) => !isTradingDay(cal, d));

function series(symbol: string, exchange: string, timeZone: string, dates: string[]): PriceSeries {
  return {
    info: { symbol, name: symbol, aliases: [], exchange, currency: 'XXX', timeZone, kind: 'stock' },
    rows: dates.map((date, i) => ({ date, open: null, high: null, low: null, close: 100 + i, adjClose: 100 + i, volume: null })),
    source: 'inline test sample',
  };
}

/** The exchange-local dates of a recorded Yahoo chart() response. */
function recordedDates(file: string): string[] {
  const body = JSON.parse(readFileSync(resolve(RECORDED, file), 'utf8')).response.bodyJson.chart.result[0];
  const zone: string = body.meta.exchangeTimezoneName;
  const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  return (body.timestamp as number[]).map((t) => fmt.format(new Date(t * 1000)));
}

describe('London Stock Exchange (XLON)', () => {
  const lse = buildCalendar('XLON');

  it('2020: the early May bank holiday moved to Friday 8 May (VE Day 75), Boxing Day substitute on 28 December', () => {
    expect(closedWeekdays(lse, 2020)).toEqual(['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']);
    expect(isTradingDay(lse, '2020-05-04')).toBe(true);
  });

  it('2022: Platinum Jubilee (2-3 June instead of 30 May) and the Queen’s funeral; 2023: the coronation', () => {
    expect(closedWeekdays(lse, 2022)).toEqual([
      '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
    ]);
    expect(isTradingDay(lse, '2022-05-30')).toBe(true);
    expect(closureReason(lse, '2023-05-08')).toBe('a London Stock Exchange holiday (Coronation of King Charles III)');
  });

  it('trades on Scottish-only holidays and on Whit Monday; half days close at 12:30 (the Friday before when 24/31 Dec is a weekend)', () => {
    expect(isTradingDay(lse, '2024-01-02')).toBe(true);
    expect(isTradingDay(lse, '2024-05-20')).toBe(true);
    expect(closeTimeOn(lse, '2024-12-24')).toBe('12:30');
    expect(closeTimeOn(lse, '2023-12-22')).toBe('12:30');
    expect(closeTimeOn(lse, '2023-12-29')).toBe('12:30');
    expect(closeTimeOn(lse, '2023-12-21')).toBe('16:30');
    expect(resolveDay0(lse, { date: '2024-12-24', time: '13:00' }).day0).toBe('2024-12-27');
    expect(resolveDay0(lse, { date: '2024-12-23', time: '13:00' }).day0).toBe('2024-12-23');
  });

  it('has 253 sessions in 2019 and 252 in 2021 (weekdays minus 8 bank holidays), 250 in 2022', () => {
    const n = (y: number) => lse.days.filter((d) => d.startsWith(String(y))).length;
    expect(n(2019)).toBe(261 - 8);
    expect(n(2021)).toBe(261 - 8);
    expect(n(2022)).toBe(260 - 10);
  });
});

describe('Xetra (XETR)', () => {
  const xetra = buildCalendar('XETR');

  it('Whit Monday and German Unity Day were closed up to 2021 and trading days from 2022', () => {
    for (const d of ['2019-06-10', '2019-10-03', '2020-06-01', '2021-05-24', '2018-10-03']) expect(isTradingDay(xetra, d)).toBe(false);
    for (const d of ['2022-06-06', '2022-10-03', '2023-05-29', '2023-10-03', '2024-05-20', '2024-10-03']) expect(isTradingDay(xetra, d)).toBe(true);
  });

  it('closes on Christmas Eve and New Year’s Eve; the year’s last session ends at 14:00', () => {
    expect(closedWeekdays(xetra, 2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-01', '2025-12-24', '2025-12-25', '2025-12-26', '2025-12-31']);
    expect(closedWeekdays(xetra, 2021)).toEqual(['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-24', '2021-12-24', '2021-12-31']);
    expect(closeTimeOn(xetra, '2025-12-30')).toBe('14:00');
    const late = resolveDay0(xetra, { date: '2025-12-30', time: '15:00' });
    expect(late.day0).toBe('2026-01-02');
    expect(late.reason).toMatch(/after the 14:00 close/);
  });
});

describe('NYSE / Nasdaq by rule, 2000-2026', () => {
  const us = buildCalendar('XNYS');

  it('has the published session counts 2018-2023 (251, 252, 253, 252, 251, 250)', () => {
    const n = (y: number) => us.days.filter((d) => d.startsWith(String(y))).length;
    expect([2018, 2019, 2020, 2021, 2022, 2023].map(n)).toEqual([251, 252, 253, 252, 251, 250]);
  });

  it('special closures: 9/11, Reagan, Ford, Sandy, Bush, Carter; a Saturday New Year is not moved to Friday', () => {
    for (const d of ['2001-09-11', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09']) {
      expect(isTradingDay(us, d)).toBe(false);
    }
    expect(closureReason(us, '2012-10-29')).toBe('a US market holiday (Hurricane Sandy)');
    expect(isTradingDay(us, '2021-12-31')).toBe(true);
    expect(isTradingDay(us, '2010-12-31')).toBe(true);
    expect(isTradingDay(us, '2012-01-02')).toBe(false); // New Year on a Sunday -> Monday
    expect(isTradingDay(us, '2022-06-20')).toBe(false); // Juneteenth on a Sunday -> Monday
    expect(isTradingDay(us, '2021-06-18')).toBe(true); // before Juneteenth was an NYSE holiday
    expect(isTradingDay(us, '2020-07-03')).toBe(false); // Independence Day on a Saturday -> Friday
  });

  it('the recorded Yahoo AAPL response (2020-08-31..2020-11-06) trades exactly on the table’s days', () => {
    const dates = recordedDates('chart-AAPL-2020-08-31-to-2020-11-07.json');
    expect(tradingDaysInRange(buildCalendar('XNAS'), '2020-08-31', '2020-11-06')).toEqual(dates);
    expect(dates).not.toContain('2020-09-07'); // Labor Day
  });
});

describe('tables agree day for day with the bundled real price data', () => {
  for (const symbol of ['SPY', 'TSM', '^GSPC', '000001.SS', '000300.SS', '600519.SS']) {
    it(`${symbol}: every table day between its first and last row has a price, and no price falls on a closure`, () => {
      const s = loadSnapshotSeries(symbol);
      const cal = calendarForSeries(s);
      expect(cal.basis).toBe('table');
      const first = s.rows[0].date;
      const last = s.rows[s.rows.length - 1].date;
      expect(tradingDaysInRange(cal, first, last)).toEqual(s.rows.map((r) => r.date));
      expect(cal.ignoredDataDays).toEqual([]);
    });
  }
});

describe('the recorded Yahoo responses of other exchanges', () => {
  it('OCDO.L (LSE, 2020-01-02) and WSU.DE (Xetra, 2023-08-04..08) trade on table days', () => {
    expect(recordedDates('chart-OCDO.L-2020-01-01-to-2020-01-03.json')).toEqual(['2020-01-02']);
    expect(isTradingDay(buildCalendar('XLON'), '2020-01-01')).toBe(false);
    const wsu = recordedDates('chart-WSU.DE-2023-08-04-to-2023-08-09.json');
    expect(tradingDaysInRange(buildCalendar('XETR'), '2023-08-04', '2023-08-08')).toEqual(wsu);
  });
});

describe('a calendar from the security’s own trading days', () => {
  // A Toronto stock (no XTSE table): trades 2024-06-27..2024-07-05; Canada Day (Mon 1 July) has no row.
  const days = ['2024-06-27', '2024-06-28', '2024-07-02', '2024-07-03', '2024-07-04', '2024-07-05'];
  const tsx = calendarForSeries(series('SHOP.TO', 'XTSE', 'America/Toronto', days));

  it('an exchange without a table: the series’ days, basis series, a note that says so', () => {
    expect(tsx).toMatchObject({ exchange: 'XTSE', timeZone: 'America/Toronto', basis: 'series', tableCoverage: null, open: null, close: null, from: '2024-06-27', to: '2024-07-05' });
    expect(tsx.days).toEqual(days);
    expect(tsx.note).toBe(
      "no holiday table for XTSE: its trading days are the days the security traded (2024-06-27..2024-07-05); a weekday without a price is taken as a closure",
    );
  });

  it('day 0 on a day without data says the closure was inferred from the data', () => {
    const r = resolveDay0(tsx, { date: '2024-07-01' });
    expect(r.day0).toBe('2024-07-02');
    expect(r.reason).toMatch(/^2024-07-01 is a Monday without trading in the security's price data \(XTSE has no holiday table: the closure is inferred from the data\); day 0 moved to the next session 2024-07-02/);
    // A clock time cannot be placed against unknown session hours: the local date decides, and the reason says so.
    const timed = resolveDay0(tsx, { date: '2024-07-03', time: '17:00' });
    expect(timed.day0).toBe('2024-07-03');
    expect(timed.reason).toMatch(/XTSE session hours unknown/);
  });

  it('keeps weekend rows for an exchange without a table (some markets trade on Sundays)', () => {
    const tadawul = buildCalendar('XSAU', { extraTradingDays: ['2024-06-30', '2024-07-01'], timeZone: 'Asia/Riyadh' });
    expect(tadawul.days).toEqual(['2024-06-30', '2024-07-01']);
  });

  it('dates outside a table’s coverage: basis table+series, the note names both spans', () => {
    // Christmas and Boxing Day 2017 (Mon 25, Tue 26 December) have no rows.
    const lse2017 = calendarForSeries(series('OCDO.L', 'XLON', 'Europe/London', ['2017-12-21', '2017-12-22', '2017-12-27', '2017-12-28', '2017-12-29', '2018-01-02']));
    expect(lse2017.basis).toBe('table+series');
    expect(lse2017.from).toBe('2017-12-21');
    expect(lse2017.note).toBe(
      "XLON trading days come from its holiday table within 2018-01-01..2026-12-31 and from the security's own trading days outside it (2017-12-21..2017-12-31), where a weekday without a price is taken as a closure",
    );
    expect(resolveDay0(lse2017, { date: '2017-12-26' }).day0).toBe('2017-12-27');
    expect(() => isTradingDay(lse2017, '2017-12-20')).toThrow(/outside the XLON calendar \(2017-12-21\.\.2026-12-31\), which covers the XLON holiday table \(2018-01-01\.\.2026-12-31\) and the security's price data/);
    expect(closureReason(lse2017, '2017-12-26')).toMatch(/the XLON holiday table covers 2018-01-01\.\.2026-12-31 only: the closure is inferred from the data/);
    // Only out-of-table data: basis series.
    const old = buildCalendar('XLON', { extraTradingDays: ['2010-03-01', '2010-03-02'], to: '2010-12-31' });
    expect(old.basis).toBe('series');
    // Within the table: no note.
    expect(buildCalendar('XLON').note).toBeNull();
    expect(buildCalendar('XLON').basis).toBe('table');
  });

  it('refuses what cannot make a calendar, in words a user can act on', () => {
    expect(() => buildCalendar('XTSE', { extraTradingDays: days })).toThrow(/exchange 'XTSE' has no holiday table: its time zone is needed/);
    expect(() => buildCalendar('xtse', { timeZone: 'UTC' })).toThrow(InputError);
    expect(() => buildCalendar('XTSE', { timeZone: 'Mars/Olympus', extraTradingDays: days })).toThrow(/unknown time zone/);
    expect(() => buildCalendar('XTSE', { timeZone: 'America/Toronto' })).toThrow(CalendarError);
    expect(() => buildCalendar('XTSE', { timeZone: 'America/Toronto' })).toThrow(/XTSE has no holiday table and no price data was given/);
  });
});

describe('messages a user sees name no library-internal option', () => {
  // Option and field names of buildCalendar, simpleReturns and priceLimitRule that mean nothing
  // to someone running `impact event` or `impact check` (issue #11 item 6).
  const INTERNAL = /extraTradingDays|missingDays|offCalendar|sessionNumber|listingDate|ignoredDataDays|timeZone:|opts\.|options\./;

  function messageOf(f: () => unknown): string {
    try {
      f();
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  }

  it('calendar, returns and price-limit errors', async () => {
    const { simpleReturns } = await import('../src/returns/returns.ts');
    const { priceLimitRule } = await import('../src/returns/price-limits.ts');
    const { nextTradingDay, previousTradingDay, shiftTradingDays } = await import('../src/calendar/index.ts');
    const us = buildCalendar('XNYS');
    const short = calendarForSeries(series('S', 'XTSE', 'America/Toronto', ['2024-07-02', '2024-07-03']));
    const onHoliday = series('S', 'XNYS', 'America/New_York', ['2025-01-08', '2025-01-09', '2025-01-10']);
    const messages = [
      messageOf(() => buildCalendar('XNYS', { from: '1990-01-01', to: '1990-12-31' })),
      messageOf(() => buildCalendar('XTSE', { timeZone: 'America/Toronto' })),
      messageOf(() => buildCalendar('XTSE', { extraTradingDays: ['2024-07-02'] })),
      messageOf(() => isTradingDay(us, '1999-06-01')),
      messageOf(() => isTradingDay(short, '2024-07-10')),
      messageOf(() => shiftTradingDays(short, '2024-07-02', 5)),
      messageOf(() => nextTradingDay(short, '2024-07-03')),
      messageOf(() => previousTradingDay(short, '2024-07-02')),
      messageOf(() => resolveDay0(us, { date: '2030-01-02' })),
      messageOf(() => simpleReturns(series('S', 'XNYS', 'America/New_York', ['1999-12-30', '1999-12-31']), { calendar: us })),
      messageOf(() => simpleReturns(onHoliday, { calendar: us })),
      messageOf(() => priceLimitRule('600000.SS', '2025-01-02', { listingDate: '2025-03-03' })),
      messageOf(() => priceLimitRule('600000.SS', '2025-01-02', { sessionNumber: 0 })),
    ];
    for (const m of messages) expect(m).not.toMatch(INTERNAL);
    expect(messages[0]).toMatch(/no XNYS trading days in 1990-01-01\.\.1990-12-31: the XNYS holiday table covers 2000-01-01\.\.2026-12-31 and no price data was given for other dates/);
    expect(messages[10]).toMatch(/2025-01-09 is a US market holiday \(National Day of Mourning for President Jimmy Carter\), yet the data has a price on it/);
  });

  it('a study of a series with a row on a holiday reports it without option names', async () => {
    const { runEventStudy } = await import('../src/study/run.ts');
    const us = buildCalendar('XNYS');
    const dates = us.days.filter((d) => d >= '2024-01-02' && d <= '2025-03-31');
    const withCarterRow = [...dates, '2025-01-09'].sort();
    const stock = series('MYCO', 'XNYS', 'America/New_York', withCarterRow);
    const market = series('MKT', 'XNYS', 'America/New_York', dates);
    let message = '';
    try {
      const res = await runEventStudy({ events: [{ symbol: 'MYCO', date: '2025-02-03' }], benchmark: 'MKT', loadSeries: (s: string) => (s === 'MYCO' ? stock : market), bootstrap: false });
      message = res.skipped.map((s) => s.reason).join(' ');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/2025-01-09/);
    expect(message).not.toMatch(INTERNAL);
  });
});

describe('a study on an exchange without a holiday table', () => {
  it('runs on the security’s own days and says so when day 0 falls on a day without data', async () => {
    const { runEventStudy } = await import('../src/study/run.ts');
    // A Toronto stock and its benchmark: XNYS sessions stand in for the Toronto ones, minus Boxing
    // Day 2024-12-26 (a Thursday, Toronto closed), which has no row in either series.
    const days = buildCalendar('XNYS').days.filter((d) => d >= '2023-06-01' && d <= '2025-03-31' && d !== '2024-12-26');
    const mk = (symbol: string, drift: number) => {
      const s = series(symbol, 'XTSE', 'America/Toronto', days);
      let p = 100;
      s.rows = days.map((date, i) => {
        p *= 1 + drift * Math.sin(i * 1.7) + 0.001 * Math.cos(i * 0.3);
        return { date, open: null, high: null, low: null, close: p, adjClose: p, volume: null };
      });
      return s;
    };
    const stock = mk('SHOP.TO', 0.02);
    const market = mk('XIC.TO', 0.01);
    const res = await runEventStudy({
      events: [{ symbol: 'SHOP.TO', date: '2024-12-26' }],
      benchmark: 'XIC.TO',
      loadSeries: (s: string) => (s === 'SHOP.TO' ? stock : market),
      bootstrap: false,
    });
    expect(res.skipped).toEqual([]);
    expect(res.events[0].day0).toBe('2024-12-27');
    expect(res.events[0].day0Reason).toMatch(/without trading in the security's price data \(XTSE has no holiday table: the closure is inferred from the data\)/);
    expect(Number.isFinite(res.events[0].alpha)).toBe(true);
  });
});
