import { describe, expect, it } from 'vitest';
import {
  buildCalendar,
  closeTimeOn,
  convertWallClock,
  getExchange,
  isTradingDay,
  nextTradingDay,
  parseIsoDate,
  previousTradingDay,
  resolveDay0,
  shiftTradingDays,
  timeZoneOffsetMinutes,
  tradingDayIndex,
  tradingDayOnOrAfter,
  tradingDayOnOrBefore,
  tradingDaysBetween,
  tradingDaysInRange,
  utcToZonedTime,
  zonedTimeToUtc,
  type TradingCalendar,
} from '../src/calendar/index.ts';
import { CalendarError, InputError } from '../src/errors.ts';
import { dayNumber, fromDayNumber } from '../src/calendar/dates.ts';

const us = buildCalendar('XNYS');
const nasdaq = buildCalendar('XNAS');
const sh = buildCalendar('XSHG');
const sz = buildCalendar('XSHE');
const hk = buildCalendar('XHKG');

const year = (cal: TradingCalendar, y: string) => cal.days.filter((d) => d.startsWith(y));

/** Every date from a to b inclusive, by plain Date arithmetic (independent of src/calendar/dates.ts). */
function eachDate(a: string, b: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${a}T00:00:00Z`); t <= Date.parse(`${b}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}
const dow = (d: string) => new Date(`${d}T00:00:00Z`).getUTCDay();

// --- An independent rule-based NYSE holiday generator, to check the data tables. ---
function nthWeekday(y: number, month: number, weekday: number, n: number): string {
  const first = new Date(Date.UTC(y, month - 1, 1)).getUTCDay();
  const day = 1 + ((weekday - first + 7) % 7) + (n - 1) * 7;
  return new Date(Date.UTC(y, month - 1, day)).toISOString().slice(0, 10);
}
function lastWeekday(y: number, month: number, weekday: number): string {
  const last = new Date(Date.UTC(y, month, 0));
  const back = (last.getUTCDay() - weekday + 7) % 7;
  return new Date(Date.UTC(y, month - 1, last.getUTCDate() - back)).toISOString().slice(0, 10);
}
/** Gregorian Easter Sunday (anonymous/Meeus algorithm). */
function easter(y: number): string {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return new Date(Date.UTC(y, month - 1, day)).toISOString().slice(0, 10);
}
function observed(d: string): string {
  const w = dow(d);
  const t = Date.parse(`${d}T00:00:00Z`);
  return w === 6 ? new Date(t - 86_400_000).toISOString().slice(0, 10) : w === 0 ? new Date(t + 86_400_000).toISOString().slice(0, 10) : d;
}
function nyseRuleHolidays(y: number): string[] {
  const goodFriday = new Date(Date.parse(`${easter(y)}T00:00:00Z`) - 2 * 86_400_000).toISOString().slice(0, 10);
  const newYear = `${y}-01-01`;
  const list = [
    ...(dow(newYear) === 6 ? [] : [observed(newYear)]), // a Saturday New Year is not moved back by NYSE
    nthWeekday(y, 1, 1, 3),
    nthWeekday(y, 2, 1, 3),
    goodFriday,
    lastWeekday(y, 5, 1),
    ...(y >= 2022 ? [observed(`${y}-06-19`)] : []),
    observed(`${y}-07-04`),
    nthWeekday(y, 9, 1, 1),
    nthWeekday(y, 11, 4, 4),
    observed(`${y}-12-25`),
  ];
  return list.sort();
}

describe('parseIsoDate', () => {
  it('accepts real dates and rejects everything else with an InputError naming the input', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2025-02-29', '2025-13-01', '2025-1-05', '2025-01-5', '20250105', '2025-04-31', ' 2025-01-05', '', 'yesterday']) {
      expect(() => parseIsoDate(bad)).toThrow(InputError);
    }
    expect(() => parseIsoDate('2025-02-30', 'event date')).toThrow(/event date '2025-02-30'/);
    expect(() => parseIsoDate(20250105 as unknown)).toThrow(InputError);
  });
});

describe('exchanges', () => {
  it('has the time zones and sessions of each exchange', () => {
    expect(getExchange('XNYS')).toMatchObject({ timeZone: 'America/New_York', open: '09:30', close: '16:00' });
    expect(getExchange('XNAS')).toMatchObject({ timeZone: 'America/New_York', open: '09:30', close: '16:00' });
    expect(getExchange('XSHG')).toMatchObject({ timeZone: 'Asia/Shanghai', open: '09:30', close: '15:00', lunchBreak: { start: '11:30', end: '13:00' } });
    expect(getExchange('XSHE').timeZone).toBe('Asia/Shanghai');
    expect(getExchange('XHKG')).toMatchObject({ timeZone: 'Asia/Hong_Kong', open: '09:30', close: '16:00' });
    expect(getExchange('XLON')).toMatchObject({ timeZone: 'Europe/London', open: '08:00', close: '16:30' });
    expect(getExchange('XETR')).toMatchObject({ timeZone: 'Europe/Berlin', open: '09:00', close: '17:30' });
    expect(() => getExchange('XTSE')).toThrow(/no holiday table for exchange 'XTSE'/);
  });

  it('lists only weekday holidays, sorted and unique, inside the covered years', () => {
    for (const code of ['XNYS', 'XSHG', 'XHKG', 'XLON', 'XETR'] as const) {
      const ex = getExchange(code);
      const cal = buildCalendar(code);
      for (const e of ex.earlyCloses) expect(isTradingDay(cal, e.date)).toBe(true); // a half day is a session
      const h = ex.holidays.map((x) => x.date);
      expect([...h].sort()).toEqual(h);
      expect(new Set(h).size).toBe(h.length);
      for (const d of h) {
        expect(parseIsoDate(d)).toBe(d);
        expect([0, 6]).not.toContain(dow(d));
      }
    }
  });
});

describe('US calendar (NYSE/Nasdaq)', () => {
  it('2025 holidays are exactly the published list, including the Carter day of mourning', () => {
    const closedWeekdays = eachDate('2025-01-01', '2025-12-31').filter((d) => dow(d) !== 0 && dow(d) !== 6 && !isTradingDay(us, d));
    expect(closedWeekdays).toEqual([
      '2025-01-01', '2025-01-09', '2025-01-20', '2025-02-17', '2025-04-18', '2025-05-26',
      '2025-06-19', '2025-07-04', '2025-09-01', '2025-11-27', '2025-12-25',
    ]);
  });

  it('matches an independent rule-based holiday generator for 2024-2026 (Carter day aside)', () => {
    for (const y of [2024, 2025, 2026]) {
      const closed = eachDate(`${y}-01-01`, `${y}-12-31`).filter((d) => dow(d) !== 0 && dow(d) !== 6 && !isTradingDay(us, d) && d !== '2025-01-09');
      expect(closed).toEqual(nyseRuleHolidays(y));
    }
    expect(nyseRuleHolidays(2024)).toEqual(['2024-01-01', '2024-01-15', '2024-02-19', '2024-03-29', '2024-05-27', '2024-06-19', '2024-07-04', '2024-09-02', '2024-11-28', '2024-12-25']);
    expect(nyseRuleHolidays(2026)).toEqual(['2026-01-01', '2026-01-19', '2026-02-16', '2026-04-03', '2026-05-25', '2026-06-19', '2026-07-03', '2026-09-07', '2026-11-26', '2026-12-25']);
  });

  it('matches the independent generator in every year 2000-2026, apart from the listed special closures', () => {
    const special = ['2001-09-11', '2001-09-12', '2001-09-13', '2001-09-14', '2004-06-11', '2007-01-02', '2012-10-29', '2012-10-30', '2018-12-05', '2025-01-09'];
    for (let y = 2000; y <= 2026; y++) {
      const closed = eachDate(`${y}-01-01`, `${y}-12-31`).filter((d) => dow(d) !== 0 && dow(d) !== 6 && !isTradingDay(us, d));
      expect(closed.filter((d) => !special.includes(d))).toEqual(nyseRuleHolidays(y));
      expect(closed.filter((d) => special.includes(d))).toEqual(special.filter((d) => d.startsWith(String(y))));
    }
  });

  it('has the published number of sessions per year (252, 250, 251) and NYSE = Nasdaq', () => {
    expect(year(us, '2024')).toHaveLength(252);
    expect(year(us, '2025')).toHaveLength(250);
    expect(year(us, '2026')).toHaveLength(251);
    expect(nasdaq.days).toEqual(us.days);
  });

  it('is closed 2025-01-09 and 2025-01-20 and trades through the Chinese New Year', () => {
    expect(isTradingDay(us, '2025-01-09')).toBe(false);
    expect(isTradingDay(us, '2025-01-20')).toBe(false);
    for (const d of ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31']) expect(isTradingDay(us, d)).toBe(true);
  });

  it('knows the 13:00 early closes (still full trading days)', () => {
    expect(isTradingDay(us, '2025-12-24')).toBe(true);
    expect(closeTimeOn(us, '2025-12-24')).toBe('13:00');
    expect(closeTimeOn(us, '2025-12-23')).toBe('16:00');
  });
});

describe('China A-share calendar (Shanghai/Shenzhen)', () => {
  it('Spring Festival 2025: shut 2025-01-28..02-04, reopening 02-05', () => {
    for (const d of ['2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04']) expect(isTradingDay(sh, d)).toBe(false);
    expect(isTradingDay(sh, '2025-01-27')).toBe(true);
    expect(isTradingDay(sh, '2025-02-05')).toBe(true);
    expect(shiftTradingDays(sh, '2025-01-27', 1)).toBe('2025-02-05');
    expect(shiftTradingDays(sh, '2025-02-05', -1)).toBe('2025-01-27');
  });

  it('make-up working days on weekends are not trading days', () => {
    // 2025-01-26 (Sun) and 2025-02-08 (Sat) were official working days; the exchanges stayed shut.
    expect(isTradingDay(sh, '2025-01-26')).toBe(false);
    expect(isTradingDay(sh, '2025-02-08')).toBe(false);
    expect(isTradingDay(sh, '2025-09-28')).toBe(false);
  });

  it('2025 closures are exactly the exchange notice', () => {
    const closed = eachDate('2025-01-01', '2025-12-31').filter((d) => dow(d) !== 0 && dow(d) !== 6 && !isTradingDay(sh, d));
    expect(closed).toEqual([
      '2025-01-01', '2025-01-28', '2025-01-29', '2025-01-30', '2025-01-31', '2025-02-03', '2025-02-04',
      '2025-04-04', '2025-05-01', '2025-05-02', '2025-05-05', '2025-06-02',
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08',
    ]);
    expect(isTradingDay(sh, '2025-04-07')).toBe(true);
    expect(isTradingDay(sh, '2025-10-09')).toBe(true);
  });

  it('2024 closures: Jan 1, Feb 9-17, Apr 4-5, May 1-3, Jun 10, Sep 16-17, Oct 1-7', () => {
    const closed = eachDate('2024-01-01', '2024-12-31').filter((d) => dow(d) !== 0 && dow(d) !== 6 && !isTradingDay(sh, d));
    expect(closed).toEqual([
      '2024-01-01', '2024-02-09', '2024-02-12', '2024-02-13', '2024-02-14', '2024-02-15', '2024-02-16',
      '2024-04-04', '2024-04-05', '2024-05-01', '2024-05-02', '2024-05-03', '2024-06-10',
      '2024-09-16', '2024-09-17', '2024-10-01', '2024-10-02', '2024-10-03', '2024-10-04', '2024-10-07',
    ]);
  });

  it('has the published session counts (242 in 2024, 243 in 2025) and Shenzhen = Shanghai', () => {
    expect(year(sh, '2024')).toHaveLength(242);
    expect(year(sh, '2025')).toHaveLength(243);
    expect(sz.days).toEqual(sh.days);
  });

  it('2026 follows the State Council notice (Spring Festival Feb 15-23, etc.)', () => {
    for (const d of ['2026-01-01', '2026-01-02', '2026-02-16', '2026-02-20', '2026-02-23', '2026-04-06', '2026-05-01', '2026-05-05', '2026-06-19', '2026-09-25', '2026-10-01', '2026-10-07']) {
      expect(isTradingDay(sh, d)).toBe(false);
    }
    for (const d of ['2026-01-05', '2026-02-13', '2026-02-24', '2026-04-07', '2026-05-06', '2026-10-08']) expect(isTradingDay(sh, d)).toBe(true);
  });
});

describe('Hong Kong calendar', () => {
  it('closes for Lunar New Year and Easter; a Saturday holiday gets no weekday substitute', () => {
    for (const d of ['2025-01-29', '2025-01-30', '2025-01-31', '2025-04-18', '2025-04-21', '2025-10-07']) expect(isTradingDay(hk, d)).toBe(false);
    expect(isTradingDay(hk, '2025-01-28')).toBe(true); // half day
    expect(closeTimeOn(hk, '2025-01-28')).toBe('12:00');
    expect(isTradingDay(hk, '2025-06-02')).toBe(true); // Tuen Ng fell on Sat 2025-05-31: no substitute
  });
});

describe('trading-day arithmetic', () => {
  /** Naive twin: walk day by day. */
  function naiveShift(cal: TradingCalendar, date: string, n: number): string {
    const set = new Set(cal.days);
    let t = Date.parse(`${date}T00:00:00Z`);
    let left = Math.abs(n);
    while (left > 0) {
      t += Math.sign(n) * 86_400_000;
      if (set.has(new Date(t).toISOString().slice(0, 10))) left--;
    }
    return new Date(t).toISOString().slice(0, 10);
  }

  it('shiftTradingDays agrees with a day-by-day walk', () => {
    for (const [d, n] of [['2025-01-02', 30], ['2025-06-30', -45], ['2024-12-31', 3], ['2025-01-27', 7], ['2026-03-02', -100]] as const) {
      expect(shiftTradingDays(us, d, n)).toBe(naiveShift(us, d, n));
      if (isTradingDay(sh, d)) expect(shiftTradingDays(sh, d, n)).toBe(naiveShift(sh, d, n));
    }
    expect(shiftTradingDays(us, '2025-01-08', 1)).toBe('2025-01-10');
  });

  it('refuses a non-trading start day and names the range when leaving the calendar', () => {
    expect(() => shiftTradingDays(sh, '2025-01-28', 1)).toThrow(CalendarError);
    expect(() => shiftTradingDays(sh, '2025-01-28', 1)).toThrow(/Spring Festival/);
    expect(() => shiftTradingDays(us, '2026-12-30', 5)).toThrow(CalendarError);
    expect(() => shiftTradingDays(us, '2026-12-30', 5)).toThrow(/2000-01-03\.\.2026-12-31/);
    expect(() => shiftTradingDays(us, '2000-01-04', -2)).toThrow(CalendarError);
    expect(() => isTradingDay(us, '1999-06-01')).toThrow(/outside the XNYS calendar \(2000-01-01\.\.2026-12-31\)/);
  });

  it('next/previous are strict; on-or-after/before keep trading days', () => {
    expect(nextTradingDay(us, '2025-01-17')).toBe('2025-01-21');
    expect(nextTradingDay(us, '2025-01-18')).toBe('2025-01-21');
    expect(previousTradingDay(us, '2025-01-21')).toBe('2025-01-17');
    expect(tradingDayOnOrAfter(us, '2025-01-21')).toBe('2025-01-21');
    expect(tradingDayOnOrAfter(us, '2025-01-20')).toBe('2025-01-21');
    expect(tradingDayOnOrBefore(sh, '2025-02-03')).toBe('2025-01-27');
    expect(() => nextTradingDay(us, '2026-12-31')).toThrow(CalendarError);
  });

  it('tradingDayIndex is a binary search returning -1 off the calendar', () => {
    for (const i of [0, 1, 100, us.days.length - 1]) expect(tradingDayIndex(us, us.days[i])).toBe(i);
    expect(tradingDayIndex(us, '2025-01-20')).toBe(-1);
    expect(tradingDayIndex(us, '1999-12-31')).toBe(-1);
  });

  it('tradingDaysBetween counts sessions in (a, b]', () => {
    expect(tradingDaysBetween(us, '2025-01-17', '2025-01-21')).toBe(1);
    expect(tradingDaysBetween(us, '2025-01-21', '2025-01-17')).toBe(-1);
    expect(tradingDaysBetween(sh, '2025-01-27', '2025-02-05')).toBe(1);
    expect(tradingDaysBetween(sh, '2025-01-01', '2025-12-31')).toBe(243);
    expect(tradingDaysInRange(sh, '2025-01-25', '2025-02-06')).toEqual(['2025-01-27', '2025-02-05', '2025-02-06']);
  });
});

describe('buildCalendar options', () => {
  it('extends back with data days, ignores data rows on holidays, removes missing days', () => {
    const dataDays = ['2019-07-22', '2019-07-23', '2019-07-24', '2025-01-29', '2025-02-05', '2025-02-08'];
    const cal = buildCalendar('XSHG', { extraTradingDays: dataDays, missingDays: ['2025-03-03'] });
    expect(cal.from).toBe('2019-07-22');
    expect(cal.to).toBe('2026-12-31');
    expect(cal.days.slice(0, 4)).toEqual(['2019-07-22', '2019-07-23', '2019-07-24', '2020-01-02']);
    expect(isTradingDay(cal, '2025-01-29')).toBe(false); // Spring Festival row from a vendor: ignored
    expect(cal.ignoredDataDays).toEqual(['2025-01-29', '2025-02-08']);
    expect(isTradingDay(cal, '2025-03-03')).toBe(false);
    expect(cal.extraClosures).toEqual(['2025-03-03']);
    expect(shiftTradingDays(cal, '2019-07-24', 1)).toBe('2020-01-02');
  });

  it('clips to from/to and validates them', () => {
    const cal = buildCalendar('XNYS', { from: '2025-01-01', to: '2025-01-31' });
    expect(cal.days[0]).toBe('2025-01-02');
    expect(cal.days[cal.days.length - 1]).toBe('2025-01-31');
    expect(cal.days).toHaveLength(20); // 23 weekdays - Jan 1, 9, 20
    expect(() => buildCalendar('XNYS', { from: '2025-02-01', to: '2025-01-01' })).toThrow(InputError);
    expect(() => buildCalendar('XNYS', { from: '1999-01-01', to: '1999-12-31' })).toThrow(CalendarError);
    expect(() => buildCalendar('XNYS', { extraTradingDays: ['2025-13-01'] })).toThrow(/trading day in the price data '2025-13-01'/);
  });
});

describe('time zones (Intl only)', () => {
  it('converts wall clocks to instants across DST, checked against explicit offsets', () => {
    expect(zonedTimeToUtc('2025-02-26', '16:20', 'America/New_York')).toBe(Date.parse('2025-02-26T16:20:00-05:00'));
    expect(zonedTimeToUtc('2025-03-10', '16:20', 'America/New_York')).toBe(Date.parse('2025-03-10T16:20:00-04:00'));
    expect(zonedTimeToUtc('2025-11-03', '09:30', 'America/New_York')).toBe(Date.parse('2025-11-03T09:30:00-05:00'));
    expect(zonedTimeToUtc('2025-08-21', '20:00', 'Asia/Shanghai')).toBe(Date.parse('2025-08-21T20:00:00+08:00'));
    // Skipped hour (spring forward): 02:30 does not exist, read as 03:30 EDT.
    expect(zonedTimeToUtc('2025-03-09', '02:30', 'America/New_York')).toBe(Date.parse('2025-03-09T03:30:00-04:00'));
    // Repeated hour (fall back): 01:30 happens twice, the earlier (EDT) is taken.
    expect(zonedTimeToUtc('2025-11-02', '01:30', 'America/New_York')).toBe(Date.parse('2025-11-02T01:30:00-04:00'));
    expect(timeZoneOffsetMinutes(Date.parse('2025-03-09T06:59:00Z'), 'America/New_York')).toBe(-300);
    expect(timeZoneOffsetMinutes(Date.parse('2025-03-09T07:00:00Z'), 'America/New_York')).toBe(-240);
    expect(utcToZonedTime(Date.parse('2025-11-02T06:00:00Z'), 'America/New_York')).toEqual({ date: '2025-11-02', time: '01:00' });
  });

  it('Beijing 21:30 is 08:30 New York in winter, 09:30 in summer', () => {
    expect(convertWallClock('2025-01-27', '21:30', 'Asia/Shanghai', 'America/New_York')).toEqual({ date: '2025-01-27', time: '08:30' });
    expect(convertWallClock('2025-07-01', '21:30', 'Asia/Shanghai', 'America/New_York')).toEqual({ date: '2025-07-01', time: '09:30' });
    expect(convertWallClock('2025-01-27', '08:00', 'Asia/Shanghai', 'America/New_York')).toEqual({ date: '2025-01-26', time: '19:00' });
  });

  it('rejects bad times and zones', () => {
    expect(() => zonedTimeToUtc('2025-01-01', '24:00', 'UTC')).toThrow(InputError);
    expect(() => zonedTimeToUtc('2025-01-01', '9:30', 'UTC')).toThrow(InputError);
    expect(() => zonedTimeToUtc('2025-01-01', '09:30', 'Mars/Olympus')).toThrow(/unknown time zone 'Mars\/Olympus'/);
  });
});

describe('resolveDay0', () => {
  it('moves a Sunday or a holiday to the next session, with a readable reason', () => {
    const sunday = resolveDay0(us, { date: '2025-01-26' });
    expect(sunday).toMatchObject({ day0: '2025-01-27', shifted: true });
    expect(sunday.reason).toMatch(/2025-01-26 is a Sunday; day 0 moved to the next session 2025-01-27/);
    const mlk = resolveDay0(us, { date: '2025-01-20' });
    expect(mlk.day0).toBe('2025-01-21');
    expect(mlk.reason).toMatch(/^2025-01-20 is a US market holiday \(Martin Luther King Jr\. Day\); day 0 moved to the next session 2025-01-21/);
    expect(mlk.reason).toMatch(/time unknown/);
  });

  it('a trading day with unknown time is day 0 itself', () => {
    expect(resolveDay0(us, { date: '2025-01-27' })).toMatchObject({ day0: '2025-01-27', shifted: false, localDateTime: '2025-01-27 (time unknown)' });
  });

  it('after-close announcements move to the next session (NVDA earnings, Beijing evening)', () => {
    const nvda = resolveDay0(nasdaq, { date: '2025-02-26', time: '16:20', timeZone: 'America/New_York' });
    expect(nvda).toMatchObject({ day0: '2025-02-27', shifted: true, localDateTime: '2025-02-26 16:20 America/New_York' });
    expect(nvda.reason).toMatch(/after the 16:00 close/);
    expect(resolveDay0(sh, { date: '2025-08-21', time: '20:00' }).day0).toBe('2025-08-22');
    expect(resolveDay0(sh, { date: '2025-08-21', time: '14:59' }).day0).toBe('2025-08-21');
    expect(resolveDay0(sh, { date: '2025-08-21', time: '15:00' }).day0).toBe('2025-08-22');
    expect(resolveDay0(sh, { date: '2025-08-21', time: '12:00' }).day0).toBe('2025-08-21'); // lunch break
  });

  it('converts zones: Beijing 2025-01-27 21:30 = 08:30 ET, before the US open', () => {
    const r = resolveDay0(us, { date: '2025-01-27', time: '21:30', timeZone: 'Asia/Shanghai' });
    expect(r).toMatchObject({ day0: '2025-01-27', shifted: false, localDateTime: '2025-01-27 08:30 America/New_York' });
    expect(r.reason).toMatch(/before the 09:30 open/);
    // Beijing Monday morning 08:00 is Sunday 19:00 in New York -> Monday's session.
    expect(resolveDay0(us, { date: '2025-01-27', time: '08:00', timeZone: 'Asia/Shanghai' }).day0).toBe('2025-01-27');
  });

  it('gets DST boundaries right (2025-03-09 and 2025-11-02)', () => {
    // Beijing 04:30 Tue 2025-03-11 = 20:30Z Mon = 16:30 EDT (after close); in EST it would be 15:30.
    expect(resolveDay0(us, { date: '2025-03-11', time: '04:30', timeZone: 'Asia/Shanghai' })).toMatchObject({
      day0: '2025-03-11',
      localDateTime: '2025-03-10 16:30 America/New_York',
    });
    // Beijing 04:30 Fri 2025-03-07 = 15:30 EST Thu (before close).
    expect(resolveDay0(us, { date: '2025-03-07', time: '04:30', timeZone: 'Asia/Shanghai' }).day0).toBe('2025-03-06');
    // Beijing 04:30 Tue 2025-11-04 = 20:30Z Mon = 15:30 EST (before close); in EDT it would be 16:30.
    expect(resolveDay0(us, { date: '2025-11-04', time: '04:30', timeZone: 'Asia/Shanghai' })).toMatchObject({
      day0: '2025-11-03',
      localDateTime: '2025-11-03 15:30 America/New_York',
    });
    // Beijing 04:30 Fri 2025-10-31 = 16:30 EDT Thu (after close).
    expect(resolveDay0(us, { date: '2025-10-31', time: '04:30', timeZone: 'Asia/Shanghai' }).day0).toBe('2025-10-31');
  });

  it('respects early closes', () => {
    expect(resolveDay0(us, { date: '2025-12-24', time: '13:30' }).day0).toBe('2025-12-26');
    expect(resolveDay0(us, { date: '2025-12-24', time: '12:59' }).day0).toBe('2025-12-24');
  });

  it("rule 'previous' and 'skip'", () => {
    expect(resolveDay0(sh, { date: '2025-01-29' }, 'previous')).toMatchObject({ day0: '2025-01-27', shifted: true });
    expect(resolveDay0(us, { date: '2025-02-26', time: '16:20' }, 'previous')).toMatchObject({ day0: '2025-02-26', shifted: false });
    const skipped = resolveDay0(sh, { date: '2025-01-29' }, 'skip');
    expect(skipped.day0).toBeNull();
    expect(skipped.reason).toMatch(/Spring Festival.*skipped/);
    expect(resolveDay0(us, { date: '2025-02-26', time: '16:20' }, 'skip').day0).toBeNull();
    expect(resolveDay0(us, { date: '2025-02-26', time: '10:00' }, 'skip').day0).toBe('2025-02-26');
  });

  it('reports out-of-range and malformed input', () => {
    expect(() => resolveDay0(us, { date: '2027-03-01' })).toThrow(CalendarError);
    expect(() => resolveDay0(us, { date: '2026-12-31', time: '17:00' })).toThrow(CalendarError);
    expect(() => resolveDay0(us, { date: '2025-02-30' })).toThrow(/announcement date '2025-02-30'/);
    expect(() => resolveDay0(us, { date: '2025-02-03', time: '4pm' })).toThrow(InputError);
    expect(() => resolveDay0(us, { date: '2025-02-03' }, 'nearest' as never)).toThrow(InputError);
  });
});

describe('day numbers', () => {
  it('fromDayNumber agrees with Date formatting over 0000..9999 and inverts dayNumber', () => {
    const viaDate = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10);
    // 0000-01-01 is day -719528, 9999-12-31 is day 2932896.
    for (let n = -719528; n <= 2932896; n += 37) expect(fromDayNumber(n)).toBe(viaDate(n));
    for (let n = -1000; n <= 30000; n++) {
      const d = fromDayNumber(n);
      expect(d).toBe(viaDate(n));
      expect(dayNumber(d)).toBe(n);
    }
  });
});
