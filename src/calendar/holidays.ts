/**
 * Full-day exchange closures on weekdays and shortened sessions, written as data (or, for the
 * rule-based NYSE calendar, computed from the published rules), each table with the span it is
 * complete for (`*_COVERAGE`) and the public sources it was taken from. Weekend days are never
 * listed: no exchange with a table trades on Saturdays or Sundays, including the Chinese
 * "make-up working days" (调休上班日), on which offices work but the exchanges stay shut.
 *
 * Outside a table's coverage (and for exchanges without a table) a calendar is built from the
 * days the security actually traded (buildCalendar, basis 'table+series' or 'series').
 *
 * To extend a year: add its rows with their source and widen the coverage; the tests check
 * the per-year trading-day counts against the published totals and the bundled price data.
 */
import type { IsoDate } from '../types.ts';

/** A weekday on which the exchange is closed all day. */
export interface Holiday {
  date: IsoDate;
  name: string;
}

/** A trading day with a shortened session (a full trading day for daily data). */
export interface EarlyClose {
  date: IsoDate;
  /** Local closing time 'HH:MM'. */
  close: string;
  name: string;
}

/** The span of dates for which a holiday table is complete. */
export interface Coverage {
  from: IsoDate;
  to: IsoDate;
}

// --- NYSE / Nasdaq: rule-based --------------------------------------------------------------

/** Years the NYSE rules below (with the listed special closures) are complete for. */
export const US_COVERAGE: Coverage = { from: '2000-01-01', to: '2026-12-31' };

const iso = (y: number, m: number, d: number): IsoDate => new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10);
const dayOfWeek = (y: number, m: number, d: number): number => new Date(Date.UTC(y, m - 1, d)).getUTCDay();

/** The n-th `weekday` (0 = Sunday) of a month, or the last one for n = -1. */
function nthWeekdayOf(y: number, m: number, weekday: number, n: number): IsoDate {
  if (n === -1) {
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return iso(y, m, last - ((dayOfWeek(y, m, last) - weekday + 7) % 7));
  }
  return iso(y, m, 1 + ((weekday - dayOfWeek(y, m, 1) + 7) % 7) + (n - 1) * 7);
}

/** Gregorian Easter Sunday (Meeus/Jones/Butcher algorithm) as [month, day]. */
export function easterSunday(y: number): [number, number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c = y % 100;
  const h = (19 * a + b - Math.floor(b / 4) - Math.floor((b - Math.floor((b + 8) / 25) + 1) / 3) + 15) % 30;
  const l = (32 + 2 * (b % 4) + 2 * Math.floor(c / 4) - h - (c % 4)) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  return [Math.floor((h + l - 7 * m + 114) / 31), ((h + l - 7 * m + 114) % 31) + 1];
}

/** A fixed-date holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. */
function observedUs(y: number, m: number, d: number): IsoDate {
  const w = dayOfWeek(y, m, d);
  return w === 6 ? iso(y, m, d - 1) : w === 0 ? iso(y, m, d + 1) : iso(y, m, d);
}

/**
 * Unscheduled NYSE/Nasdaq closures since 2000. Sources: the NYSE notices summarised on the NYSE
 * "Holidays & Trading Hours" page and in press reports, e.g. tradinghours.com "11 Events that
 * Caused the NYSE to Close" (2012-10-29/30 Hurricane Sandy, 2018-12-05 George H. W. Bush),
 * Reuters/MSN 2012-10-29 (Sandy, both days), the NYSE notice for the National Day of Mourning
 * for Jimmy Carter (2025-01-09); cross-checked with the special closures of the `holidays`
 * Python package (vacanza/holidays 0.105, holidays/financial/ny_stock_exchange.py).
 */
const US_SPECIAL_CLOSURES: readonly Holiday[] = [
  { date: '2001-09-11', name: 'Closed after the September 11 attacks' },
  { date: '2001-09-12', name: 'Closed after the September 11 attacks' },
  { date: '2001-09-13', name: 'Closed after the September 11 attacks' },
  { date: '2001-09-14', name: 'Closed after the September 11 attacks' },
  { date: '2004-06-11', name: 'National Day of Mourning for President Ronald Reagan' },
  { date: '2007-01-02', name: 'National Day of Mourning for President Gerald R. Ford' },
  { date: '2012-10-29', name: 'Hurricane Sandy' },
  { date: '2012-10-30', name: 'Hurricane Sandy' },
  { date: '2018-12-05', name: 'National Day of Mourning for President George H. W. Bush' },
  { date: '2025-01-09', name: 'National Day of Mourning for President Jimmy Carter' },
];

/**
 * NYSE holidays of one year from NYSE Rule 7.2 (Nasdaq follows the same schedule): New Year's
 * Day, Martin Luther King Jr. Day (3rd Monday of January), Washington's Birthday (3rd Monday of
 * February), Good Friday, Memorial Day (last Monday of May), Juneteenth (from 2022),
 * Independence Day, Labor Day (1st Monday of September), Thanksgiving (4th Thursday of
 * November) and Christmas. A holiday on a Sunday is observed on Monday; on a Saturday on the
 * Friday before, except New Year's Day (the Friday before ends the accounting year, so
 * 2021-12-31 and 2010-12-31 were trading days).
 * Source: NYSE Rules (Rule 7.2 "Holidays"), NYSE "Holidays & Trading Hours" page.
 */
function nyseRuleHolidays(y: number): Holiday[] {
  const [em, ed] = easterSunday(y);
  const list: Holiday[] = [];
  if (dayOfWeek(y, 1, 1) !== 6) list.push({ date: observedUs(y, 1, 1), name: "New Year's Day" });
  list.push({ date: nthWeekdayOf(y, 1, 1, 3), name: 'Martin Luther King Jr. Day' });
  list.push({ date: nthWeekdayOf(y, 2, 1, 3), name: "Washington's Birthday" });
  list.push({ date: iso(y, em, ed - 2), name: 'Good Friday' });
  list.push({ date: nthWeekdayOf(y, 5, 1, -1), name: 'Memorial Day' });
  if (y >= 2022) list.push({ date: observedUs(y, 6, 19), name: 'Juneteenth National Independence Day' });
  list.push({ date: observedUs(y, 7, 4), name: 'Independence Day' });
  list.push({ date: nthWeekdayOf(y, 9, 1, 1), name: 'Labor Day' });
  list.push({ date: nthWeekdayOf(y, 11, 4, 4), name: 'Thanksgiving Day' });
  list.push({ date: observedUs(y, 12, 25), name: 'Christmas Day' });
  return list;
}

/**
 * NYSE 13:00 early closes of one year: the day before Independence Day when July 4 falls on
 * Tuesday to Friday (2002: the Friday after instead), the day after Thanksgiving, and Christmas
 * Eve when Christmas falls on Tuesday to Friday (2003: also Friday 26 December).
 * Sources: NYSE "Holidays & Trading Hours" (2024-2026 schedules); earlier years as in the
 * `holidays` package (vacanza/holidays 0.105, ny_stock_exchange.py, half-day rules).
 */
function nyseRuleEarlyCloses(y: number): EarlyClose[] {
  const out: EarlyClose[] = [];
  const jul4 = dayOfWeek(y, 7, 4);
  if (y === 2002) out.push({ date: '2002-07-05', close: '13:00', name: 'Day after Independence Day' });
  else if (jul4 >= 2 && jul4 <= 5) out.push({ date: iso(y, 7, 3), close: '13:00', name: 'Day before Independence Day' });
  const thanksgiving = nthWeekdayOf(y, 11, 4, 4);
  out.push({ date: iso(y, 11, Number(thanksgiving.slice(8)) + 1), close: '13:00', name: 'Day after Thanksgiving' });
  const dec25 = dayOfWeek(y, 12, 25);
  if (dec25 >= 2 && dec25 <= 5) out.push({ date: iso(y, 12, 24), close: '13:00', name: 'Christmas Eve' });
  if (y === 2003) out.push({ date: '2003-12-26', close: '13:00', name: 'Friday after Christmas' });
  return out;
}

function yearsOf(c: Coverage): number[] {
  const out: number[] = [];
  for (let y = Number(c.from.slice(0, 4)); y <= Number(c.to.slice(0, 4)); y++) out.push(y);
  return out;
}

/**
 * NYSE and Nasdaq closures (one calendar), 2000-2026: the rules above plus the special closures.
 * The 2024-2026 rows agree with the NYSE "Holidays & Trading Hours" schedules; 2020-2026 agree
 * with every bundled US price series day for day (tested).
 */
export const US_HOLIDAYS: Holiday[] = [...yearsOf(US_COVERAGE).flatMap(nyseRuleHolidays), ...US_SPECIAL_CLOSURES].sort((a, b) =>
  a.date < b.date ? -1 : a.date > b.date ? 1 : 0,
);

/** NYSE/Nasdaq 13:00 early closes, 2000-2026 (rules above). */
export const US_EARLY_CLOSES: EarlyClose[] = yearsOf(US_COVERAGE).flatMap(nyseRuleEarlyCloses);

// --- Shanghai / Shenzhen ----------------------------------------------------------------------

/** Years the A-share closure list below is complete for. */
export const CN_COVERAGE: Coverage = { from: '2020-01-01', to: '2026-12-31' };

/**
 * Shanghai and Shenzhen (same closures), 2020-2026. Source: the SSE/SZSE annual market-closure notices
 * (关于X年部分节假日休市安排的通知), which follow the State Council General Office holiday
 * notices (国务院办公厅关于X年部分节假日安排的通知). Only weekday closures are listed; the
 * weekend make-up working days are not trading days.
 * 2026: from the State Council notice for 2026 (published Nov 2025: New Year Jan 1-3,
 * Spring Festival Feb 15-23, Qingming Apr 4-6, Labour Day May 1-5, Dragon Boat Jun 19-21,
 * Mid-Autumn Sep 25-27, National Day Oct 1-7); the weekday closures derived from it agree
 * with the SZSE 2026 closure notice (szse.cn/disclosure/notice/t20251222_618087.html) as listed
 * by the `holidays` Python package (vacanza/holidays 0.105, shenzhen_stock_exchange.py).
 * Every year 2020-2026 agrees day for day with the bundled SSE index series (tested).
 */
export const CN_HOLIDAYS: Holiday[] = [
  // 2020: SSE notice of 2019-12-20 on the 2020 closures (sse.com.cn, disclosure/announcement/
  // general/c/c_20191220_4969627.shtml), and the notice of 2020-01-27 extending the Spring
  // Festival closure to 2020-01-31 for the epidemic (c_20200127_4991583.shtml).
  { date: '2020-01-01', name: "New Year's Day" },
  { date: '2020-01-24', name: 'Spring Festival' },
  { date: '2020-01-27', name: 'Spring Festival' },
  { date: '2020-01-28', name: 'Spring Festival' },
  { date: '2020-01-29', name: 'Spring Festival' },
  { date: '2020-01-30', name: 'Spring Festival' },
  { date: '2020-01-31', name: 'Spring Festival (extended)' },
  { date: '2020-04-06', name: 'Qingming Festival' },
  { date: '2020-05-01', name: 'Labour Day' },
  { date: '2020-05-04', name: 'Labour Day' },
  { date: '2020-05-05', name: 'Labour Day' },
  { date: '2020-06-25', name: 'Dragon Boat Festival' },
  { date: '2020-06-26', name: 'Dragon Boat Festival' },
  { date: '2020-10-01', name: 'National Day' },
  { date: '2020-10-02', name: 'National Day' },
  { date: '2020-10-05', name: 'National Day' },
  { date: '2020-10-06', name: 'Mid-Autumn Festival' },
  { date: '2020-10-07', name: 'National Day' },
  { date: '2020-10-08', name: 'National Day' },

  // 2021: SSE notice of 2020-12-24 (c_20201224_5286949.shtml).
  { date: '2021-01-01', name: "New Year's Day" },
  { date: '2021-02-11', name: 'Spring Festival' },
  { date: '2021-02-12', name: 'Spring Festival' },
  { date: '2021-02-15', name: 'Spring Festival' },
  { date: '2021-02-16', name: 'Spring Festival' },
  { date: '2021-02-17', name: 'Spring Festival' },
  { date: '2021-04-05', name: 'Qingming Festival' },
  { date: '2021-05-03', name: 'Labour Day' },
  { date: '2021-05-04', name: 'Labour Day' },
  { date: '2021-05-05', name: 'Labour Day' },
  { date: '2021-06-14', name: 'Dragon Boat Festival' },
  { date: '2021-09-20', name: 'Mid-Autumn Festival' },
  { date: '2021-09-21', name: 'Mid-Autumn Festival' },
  { date: '2021-10-01', name: 'National Day' },
  { date: '2021-10-04', name: 'National Day' },
  { date: '2021-10-05', name: 'National Day' },
  { date: '2021-10-06', name: 'National Day' },
  { date: '2021-10-07', name: 'National Day' },

  // 2022: SSE notice of 2021-12-20 (c_20211220_5662606.shtml).
  { date: '2022-01-03', name: "New Year's Day" },
  { date: '2022-01-31', name: 'Spring Festival' },
  { date: '2022-02-01', name: 'Spring Festival' },
  { date: '2022-02-02', name: 'Spring Festival' },
  { date: '2022-02-03', name: 'Spring Festival' },
  { date: '2022-02-04', name: 'Spring Festival' },
  { date: '2022-04-04', name: 'Qingming Festival' },
  { date: '2022-04-05', name: 'Qingming Festival' },
  { date: '2022-05-02', name: 'Labour Day' },
  { date: '2022-05-03', name: 'Labour Day' },
  { date: '2022-05-04', name: 'Labour Day' },
  { date: '2022-06-03', name: 'Dragon Boat Festival' },
  { date: '2022-09-12', name: 'Mid-Autumn Festival' },
  { date: '2022-10-03', name: 'National Day' },
  { date: '2022-10-04', name: 'National Day' },
  { date: '2022-10-05', name: 'National Day' },
  { date: '2022-10-06', name: 'National Day' },
  { date: '2022-10-07', name: 'National Day' },

  // 2023: SSE notice of 2022-12-27 (c_20221227_5714458.shtml).
  { date: '2023-01-02', name: "New Year's Day" },
  { date: '2023-01-23', name: 'Spring Festival' },
  { date: '2023-01-24', name: 'Spring Festival' },
  { date: '2023-01-25', name: 'Spring Festival' },
  { date: '2023-01-26', name: 'Spring Festival' },
  { date: '2023-01-27', name: 'Spring Festival' },
  { date: '2023-04-05', name: 'Qingming Festival' },
  { date: '2023-05-01', name: 'Labour Day' },
  { date: '2023-05-02', name: 'Labour Day' },
  { date: '2023-05-03', name: 'Labour Day' },
  { date: '2023-06-22', name: 'Dragon Boat Festival' },
  { date: '2023-06-23', name: 'Dragon Boat Festival' },
  { date: '2023-09-29', name: 'Mid-Autumn Festival' },
  { date: '2023-10-02', name: 'National Day' },
  { date: '2023-10-03', name: 'National Day' },
  { date: '2023-10-04', name: 'National Day' },
  { date: '2023-10-05', name: 'National Day' },
  { date: '2023-10-06', name: 'National Day' },

  // 2024-2026:
  { date: '2024-01-01', name: "New Year's Day" },
  // Spring Festival: holiday Feb 10-17; the exchanges also closed on New Year's Eve, Fri Feb 9.
  { date: '2024-02-09', name: 'Spring Festival' },
  { date: '2024-02-12', name: 'Spring Festival' },
  { date: '2024-02-13', name: 'Spring Festival' },
  { date: '2024-02-14', name: 'Spring Festival' },
  { date: '2024-02-15', name: 'Spring Festival' },
  { date: '2024-02-16', name: 'Spring Festival' },
  { date: '2024-04-04', name: 'Qingming Festival' },
  { date: '2024-04-05', name: 'Qingming Festival' },
  { date: '2024-05-01', name: 'Labour Day' },
  { date: '2024-05-02', name: 'Labour Day' },
  { date: '2024-05-03', name: 'Labour Day' },
  { date: '2024-06-10', name: 'Dragon Boat Festival' },
  { date: '2024-09-16', name: 'Mid-Autumn Festival' },
  { date: '2024-09-17', name: 'Mid-Autumn Festival' },
  { date: '2024-10-01', name: 'National Day' },
  { date: '2024-10-02', name: 'National Day' },
  { date: '2024-10-03', name: 'National Day' },
  { date: '2024-10-04', name: 'National Day' },
  { date: '2024-10-07', name: 'National Day' },

  { date: '2025-01-01', name: "New Year's Day" },
  // Spring Festival: closed Tue Jan 28 (New Year's Eve) to Tue Feb 4, reopened Wed Feb 5.
  { date: '2025-01-28', name: 'Spring Festival' },
  { date: '2025-01-29', name: 'Spring Festival' },
  { date: '2025-01-30', name: 'Spring Festival' },
  { date: '2025-01-31', name: 'Spring Festival' },
  { date: '2025-02-03', name: 'Spring Festival' },
  { date: '2025-02-04', name: 'Spring Festival' },
  { date: '2025-04-04', name: 'Qingming Festival' },
  { date: '2025-05-01', name: 'Labour Day' },
  { date: '2025-05-02', name: 'Labour Day' },
  { date: '2025-05-05', name: 'Labour Day' },
  { date: '2025-06-02', name: 'Dragon Boat Festival' },
  // National Day and Mid-Autumn Festival combined: Oct 1-8.
  { date: '2025-10-01', name: 'National Day' },
  { date: '2025-10-02', name: 'National Day' },
  { date: '2025-10-03', name: 'National Day' },
  { date: '2025-10-06', name: 'Mid-Autumn Festival' },
  { date: '2025-10-07', name: 'National Day' },
  { date: '2025-10-08', name: 'National Day' },

  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-01-02', name: "New Year's Day" },
  // Spring Festival: holiday Sun Feb 15 - Mon Feb 23 (uncertain, see above).
  { date: '2026-02-16', name: 'Spring Festival' },
  { date: '2026-02-17', name: 'Spring Festival' },
  { date: '2026-02-18', name: 'Spring Festival' },
  { date: '2026-02-19', name: 'Spring Festival' },
  { date: '2026-02-20', name: 'Spring Festival' },
  { date: '2026-02-23', name: 'Spring Festival' },
  { date: '2026-04-06', name: 'Qingming Festival' },
  { date: '2026-05-01', name: 'Labour Day' },
  { date: '2026-05-04', name: 'Labour Day' },
  { date: '2026-05-05', name: 'Labour Day' },
  { date: '2026-06-19', name: 'Dragon Boat Festival' },
  { date: '2026-09-25', name: 'Mid-Autumn Festival' },
  { date: '2026-10-01', name: 'National Day' },
  { date: '2026-10-02', name: 'National Day' },
  { date: '2026-10-05', name: 'National Day' },
  { date: '2026-10-06', name: 'National Day' },
  { date: '2026-10-07', name: 'National Day' },
];

/** Years the Hong Kong list below is complete for (before 2024 weather closures also occurred). */
export const HK_COVERAGE: Coverage = { from: '2024-01-01', to: '2026-12-31' };

/**
 * Hong Kong (HKEX securities market). Source: HKEX "Trading Calendar and Holiday Schedule",
 * which follows the HKSAR general holidays gazetted each year. A general holiday falling on a
 * Saturday has no weekday substitute (e.g. Tuen Ng 2025-05-31); one falling on a Sunday moves
 * to the next weekday. Since 2024-09-23 HKEX trades through typhoon and black-rainstorm
 * warnings, so weather closures no longer occur (use `missingDays` for any other closure).
 * 2026 rows derived from the 2026 gazetted general holidays; they agree with the HKEX 2026
 * holiday circular (CT/075/25) as listed by the `holidays` Python package (vacanza/holidays 0.105,
 * hong_kong_stock_exchange.py).
 */
export const HK_HOLIDAYS: Holiday[] = [
  { date: '2024-01-01', name: 'The first day of January' },
  { date: '2024-02-12', name: 'The third day of Lunar New Year' },
  { date: '2024-02-13', name: 'The fourth day of Lunar New Year' },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-04-01', name: 'Easter Monday' },
  { date: '2024-04-04', name: 'Ching Ming Festival' },
  { date: '2024-05-01', name: 'Labour Day' },
  { date: '2024-05-15', name: 'The Birthday of the Buddha' },
  { date: '2024-06-10', name: 'Tuen Ng Festival' },
  { date: '2024-07-01', name: 'HKSAR Establishment Day' },
  { date: '2024-09-18', name: 'The day following the Chinese Mid-Autumn Festival' },
  { date: '2024-10-01', name: 'National Day' },
  { date: '2024-10-11', name: 'Chung Yeung Festival' },
  { date: '2024-12-25', name: 'Christmas Day' },
  { date: '2024-12-26', name: 'The first weekday after Christmas Day' },

  { date: '2025-01-01', name: 'The first day of January' },
  { date: '2025-01-29', name: 'Lunar New Year’s Day' },
  { date: '2025-01-30', name: 'The second day of Lunar New Year' },
  { date: '2025-01-31', name: 'The third day of Lunar New Year' },
  { date: '2025-04-04', name: 'Ching Ming Festival' },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-01', name: 'Labour Day' },
  { date: '2025-05-05', name: 'The Birthday of the Buddha' },
  { date: '2025-07-01', name: 'HKSAR Establishment Day' },
  { date: '2025-10-01', name: 'National Day' },
  { date: '2025-10-07', name: 'The day following the Chinese Mid-Autumn Festival' },
  { date: '2025-10-29', name: 'Chung Yeung Festival' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'The first weekday after Christmas Day' },

  { date: '2026-01-01', name: 'The first day of January' },
  { date: '2026-02-17', name: 'Lunar New Year’s Day' },
  { date: '2026-02-18', name: 'The second day of Lunar New Year' },
  { date: '2026-02-19', name: 'The third day of Lunar New Year' },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'The day following Ching Ming Festival' },
  { date: '2026-04-07', name: 'The day following Easter Monday' },
  { date: '2026-05-01', name: 'Labour Day' },
  { date: '2026-05-25', name: 'The day following the Birthday of the Buddha' },
  { date: '2026-06-19', name: 'Tuen Ng Festival' },
  { date: '2026-07-01', name: 'HKSAR Establishment Day' },
  { date: '2026-10-01', name: 'National Day' },
  { date: '2026-10-19', name: 'The day following Chung Yeung Festival' },
  { date: '2026-12-25', name: 'Christmas Day' },
];

/** HKEX half-day sessions (morning only, close 12:00): Lunar New Year's Eve, Christmas Eve, New Year's Eve. */
export const HK_EARLY_CLOSES: EarlyClose[] = [
  { date: '2024-02-09', close: '12:00', name: 'Lunar New Year’s Eve' },
  { date: '2024-12-24', close: '12:00', name: 'Christmas Eve' },
  { date: '2024-12-31', close: '12:00', name: 'New Year’s Eve' },
  { date: '2025-01-28', close: '12:00', name: 'Lunar New Year’s Eve' },
  { date: '2025-12-24', close: '12:00', name: 'Christmas Eve' },
  { date: '2025-12-31', close: '12:00', name: 'New Year’s Eve' },
  { date: '2026-02-16', close: '12:00', name: 'Lunar New Year’s Eve' },
  { date: '2026-12-24', close: '12:00', name: 'Christmas Eve' },
  { date: '2026-12-31', close: '12:00', name: 'New Year’s Eve' },
];

// --- London Stock Exchange ------------------------------------------------------------------

/** Years the LSE list below is complete for. */
export const LSE_COVERAGE: Coverage = { from: '2018-01-01', to: '2026-12-31' };

/**
 * London Stock Exchange (XLON). The exchange "recognises the Public and Bank Holidays of England
 * and Wales" (LSEG "Business days" page, lseg.com .../london-stock-exchange/equities-markets/
 * trading-services/business-days). Regular rows: New Year's Day, Good Friday, Easter Monday,
 * the early May, spring and summer bank holidays, Christmas and Boxing Day, with weekend
 * substitutes on the next weekdays. Special years: 2020 early May bank holiday moved to Fri 8 May
 * for the 75th VE Day anniversary (UK government announcement of June 2019); 2022 spring bank
 * holiday moved to Thu 2 June and Fri 3 June added for the Platinum Jubilee; 2022-09-19 state
 * funeral of Queen Elizabeth II ("the London Stock Exchange would be closed for trading", LSEG
 * statement reported by The Independent, 2022-09-18); 2023-05-08 coronation of King Charles III.
 * Cross-checked with the XLON calendars of the `holidays` Python package (vacanza/holidays 0.105,
 * london_stock_exchange.py) and of exchange_calendars (exchange_calendar_xlon.py): same dates.
 */
export const LSE_HOLIDAYS: Holiday[] = [
  { date: '2018-01-01', name: "New Year's Day" },
  { date: '2018-03-30', name: 'Good Friday' },
  { date: '2018-04-02', name: 'Easter Monday' },
  { date: '2018-05-07', name: 'Early May bank holiday' },
  { date: '2018-05-28', name: 'Spring bank holiday' },
  { date: '2018-08-27', name: 'Summer bank holiday' },
  { date: '2018-12-25', name: 'Christmas Day' },
  { date: '2018-12-26', name: 'Boxing Day' },

  { date: '2019-01-01', name: "New Year's Day" },
  { date: '2019-04-19', name: 'Good Friday' },
  { date: '2019-04-22', name: 'Easter Monday' },
  { date: '2019-05-06', name: 'Early May bank holiday' },
  { date: '2019-05-27', name: 'Spring bank holiday' },
  { date: '2019-08-26', name: 'Summer bank holiday' },
  { date: '2019-12-25', name: 'Christmas Day' },
  { date: '2019-12-26', name: 'Boxing Day' },

  { date: '2020-01-01', name: "New Year's Day" },
  { date: '2020-04-10', name: 'Good Friday' },
  { date: '2020-04-13', name: 'Easter Monday' },
  { date: '2020-05-08', name: 'Early May bank holiday (VE Day)' },
  { date: '2020-05-25', name: 'Spring bank holiday' },
  { date: '2020-08-31', name: 'Summer bank holiday' },
  { date: '2020-12-25', name: 'Christmas Day' },
  { date: '2020-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2021-01-01', name: "New Year's Day" },
  { date: '2021-04-02', name: 'Good Friday' },
  { date: '2021-04-05', name: 'Easter Monday' },
  { date: '2021-05-03', name: 'Early May bank holiday' },
  { date: '2021-05-31', name: 'Spring bank holiday' },
  { date: '2021-08-30', name: 'Summer bank holiday' },
  { date: '2021-12-27', name: 'Christmas Day (substitute day)' },
  { date: '2021-12-28', name: 'Boxing Day (substitute day)' },

  { date: '2022-01-03', name: "New Year's Day (substitute day)" },
  { date: '2022-04-15', name: 'Good Friday' },
  { date: '2022-04-18', name: 'Easter Monday' },
  { date: '2022-05-02', name: 'Early May bank holiday' },
  { date: '2022-06-02', name: 'Spring bank holiday' },
  { date: '2022-06-03', name: 'Platinum Jubilee bank holiday' },
  { date: '2022-08-29', name: 'Summer bank holiday' },
  { date: '2022-09-19', name: 'State Funeral of Queen Elizabeth II' },
  { date: '2022-12-26', name: 'Boxing Day' },
  { date: '2022-12-27', name: 'Christmas Day (substitute day)' },

  { date: '2023-01-02', name: "New Year's Day (substitute day)" },
  { date: '2023-04-07', name: 'Good Friday' },
  { date: '2023-04-10', name: 'Easter Monday' },
  { date: '2023-05-01', name: 'Early May bank holiday' },
  { date: '2023-05-08', name: 'Coronation of King Charles III' },
  { date: '2023-05-29', name: 'Spring bank holiday' },
  { date: '2023-08-28', name: 'Summer bank holiday' },
  { date: '2023-12-25', name: 'Christmas Day' },
  { date: '2023-12-26', name: 'Boxing Day' },

  { date: '2024-01-01', name: "New Year's Day" },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-04-01', name: 'Easter Monday' },
  { date: '2024-05-06', name: 'Early May bank holiday' },
  { date: '2024-05-27', name: 'Spring bank holiday' },
  { date: '2024-08-26', name: 'Summer bank holiday' },
  { date: '2024-12-25', name: 'Christmas Day' },
  { date: '2024-12-26', name: 'Boxing Day' },

  { date: '2025-01-01', name: "New Year's Day" },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-05', name: 'Early May bank holiday' },
  { date: '2025-05-26', name: 'Spring bank holiday' },
  { date: '2025-08-25', name: 'Summer bank holiday' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'Boxing Day' },

  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-04', name: 'Early May bank holiday' },
  { date: '2026-05-25', name: 'Spring bank holiday' },
  { date: '2026-08-31', name: 'Summer bank holiday' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-28', name: 'Boxing Day (substitute day)' },
];

/**
 * LSE half days: the market closing process starts at 12:30 London time on Christmas Eve and New
 * Year's Eve, or on the Friday before when either falls on a weekend (LSEG business-days page:
 * "Markets closing process commences from 12:30 London time"; the LSE Christmas and New Year
 * service notices, e.g. 22 and 29 December 2023). Same dates in the two packages cited above.
 */
export const LSE_EARLY_CLOSES: EarlyClose[] = [
  { date: '2018-12-24', close: '12:30', name: 'Christmas Eve' },
  { date: '2018-12-31', close: '12:30', name: "New Year's Eve" },
  { date: '2019-12-24', close: '12:30', name: 'Christmas Eve' },
  { date: '2019-12-31', close: '12:30', name: "New Year's Eve" },
  { date: '2020-12-24', close: '12:30', name: 'Christmas Eve' },
  { date: '2020-12-31', close: '12:30', name: "New Year's Eve" },
  { date: '2021-12-24', close: '12:30', name: 'Christmas Eve' },
  { date: '2021-12-31', close: '12:30', name: "New Year's Eve" },
  { date: '2022-12-23', close: '12:30', name: 'Christmas Eve (on the Friday before)' },
  { date: '2022-12-30', close: '12:30', name: "New Year's Eve (on the Friday before)" },
  { date: '2023-12-22', close: '12:30', name: 'Christmas Eve (on the Friday before)' },
  { date: '2023-12-29', close: '12:30', name: "New Year's Eve (on the Friday before)" },
  { date: '2024-12-24', close: '12:30', name: 'Christmas Eve' },
  { date: '2024-12-31', close: '12:30', name: "New Year's Eve" },
  { date: '2025-12-24', close: '12:30', name: 'Christmas Eve' },
  { date: '2025-12-31', close: '12:30', name: "New Year's Eve" },
  { date: '2026-12-24', close: '12:30', name: 'Christmas Eve' },
  { date: '2026-12-31', close: '12:30', name: "New Year's Eve" },
];

// --- Xetra (Deutsche Börse cash market) -------------------------------------------------------

/** Years the Xetra list below is complete for. */
export const XETRA_COVERAGE: Coverage = { from: '2018-01-01', to: '2026-12-31' };

/**
 * Xetra (XETR) non-trading days of the Frankfurt Stock Exchange (FWB). Sources: Deutsche Börse
 * Cash Market "Trading calendar" (deutsche-boerse-cash-market.com/dbcm-en/newsroom/
 * trading-calendar; 2024-2029: New Year's Day, Good Friday, Easter Monday, Labour Day, Christmas
 * Eve, Christmas Day, Boxing Day, New Year's Eve, with regular trading on Ascension, Whit Monday,
 * Corpus Christi and German Unity Day); Börse Frankfurt "Trading calendar 2020" (non-trading days
 * 1 Jan, 10 and 13 Apr, 1 May, 1 Jun (Whit Monday), 24, 25 and 31 Dec); boerse.net 2021 list (1
 * Jan, 2 and 5 Apr, 24 May, 24 and 31 Dec); Eurex circular 055/2018 (no trading at FWB on 3 Oct
 * 2018); Börse Frankfurt Zertifikate circular 003/2022 (trading on Whit Monday 6 June and German
 * Unity Day 3 October 2022). Whit Monday and German Unity Day were non-trading days up to 2021
 * and trading days from 2022, as in the XETR calendars of the `holidays` package (vacanza/holidays
 * 0.105, germany_exchange.py) and of exchange_calendars (exchange_calendar_xetr.py), which also
 * give the 2018, 2019 and 2023 rows.
 */
export const XETRA_HOLIDAYS: Holiday[] = [
  { date: '2018-01-01', name: "New Year's Day" },
  { date: '2018-03-30', name: 'Good Friday' },
  { date: '2018-04-02', name: 'Easter Monday' },
  { date: '2018-05-01', name: 'Labour Day' },
  { date: '2018-05-21', name: 'Whit Monday' },
  { date: '2018-10-03', name: 'German Unity Day' },
  { date: '2018-12-24', name: 'Christmas Eve' },
  { date: '2018-12-25', name: 'Christmas Day' },
  { date: '2018-12-26', name: 'Boxing Day' },
  { date: '2018-12-31', name: "New Year's Eve" },

  { date: '2019-01-01', name: "New Year's Day" },
  { date: '2019-04-19', name: 'Good Friday' },
  { date: '2019-04-22', name: 'Easter Monday' },
  { date: '2019-05-01', name: 'Labour Day' },
  { date: '2019-06-10', name: 'Whit Monday' },
  { date: '2019-10-03', name: 'German Unity Day' },
  { date: '2019-12-24', name: 'Christmas Eve' },
  { date: '2019-12-25', name: 'Christmas Day' },
  { date: '2019-12-26', name: 'Boxing Day' },
  { date: '2019-12-31', name: "New Year's Eve" },

  { date: '2020-01-01', name: "New Year's Day" },
  { date: '2020-04-10', name: 'Good Friday' },
  { date: '2020-04-13', name: 'Easter Monday' },
  { date: '2020-05-01', name: 'Labour Day' },
  { date: '2020-06-01', name: 'Whit Monday' },
  { date: '2020-12-24', name: 'Christmas Eve' },
  { date: '2020-12-25', name: 'Christmas Day' },
  { date: '2020-12-31', name: "New Year's Eve" },

  { date: '2021-01-01', name: "New Year's Day" },
  { date: '2021-04-02', name: 'Good Friday' },
  { date: '2021-04-05', name: 'Easter Monday' },
  { date: '2021-05-24', name: 'Whit Monday' },
  { date: '2021-12-24', name: 'Christmas Eve' },
  { date: '2021-12-31', name: "New Year's Eve" },

  { date: '2022-04-15', name: 'Good Friday' },
  { date: '2022-04-18', name: 'Easter Monday' },
  { date: '2022-12-26', name: 'Boxing Day' },

  { date: '2023-04-07', name: 'Good Friday' },
  { date: '2023-04-10', name: 'Easter Monday' },
  { date: '2023-05-01', name: 'Labour Day' },
  { date: '2023-12-25', name: 'Christmas Day' },
  { date: '2023-12-26', name: 'Boxing Day' },

  { date: '2024-01-01', name: "New Year's Day" },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-04-01', name: 'Easter Monday' },
  { date: '2024-05-01', name: 'Labour Day' },
  { date: '2024-12-24', name: 'Christmas Eve' },
  { date: '2024-12-25', name: 'Christmas Day' },
  { date: '2024-12-26', name: 'Boxing Day' },
  { date: '2024-12-31', name: "New Year's Eve" },

  { date: '2025-01-01', name: "New Year's Day" },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-04-21', name: 'Easter Monday' },
  { date: '2025-05-01', name: 'Labour Day' },
  { date: '2025-12-24', name: 'Christmas Eve' },
  { date: '2025-12-25', name: 'Christmas Day' },
  { date: '2025-12-26', name: 'Boxing Day' },
  { date: '2025-12-31', name: "New Year's Eve" },

  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-04-06', name: 'Easter Monday' },
  { date: '2026-05-01', name: 'Labour Day' },
  { date: '2026-12-24', name: 'Christmas Eve' },
  { date: '2026-12-25', name: 'Christmas Day' },
  { date: '2026-12-31', name: "New Year's Eve" },
];

/**
 * Xetra's year-end session ("Jahresschlussbörse"): on the last trading day of the year Xetra
 * trading ends at 14:00 instead of 17:30. Confirmed for 2012 (Börse Frankfurt, 28 Dec 2012:
 * closing auction from 14:00), 2020 (30 Dec 2020: "XETRA - Handelsschluss: 14:00 Uhr", VR Bank
 * notice) and 2025 (30 Dec 2025: "verkürzter Börsentag, Handelsschluss um 14:00 Uhr", ariva.de);
 * the other years follow the same rule, as in exchange_calendars' XETR calendar (the last
 * weekday before 31 December closes at 14:00). Deutsche Börse decides it each December.
 */
export const XETRA_EARLY_CLOSES: EarlyClose[] = [
  { date: '2018-12-28', close: '14:00', name: 'Last trading day of the year' },
  { date: '2019-12-30', close: '14:00', name: 'Last trading day of the year' },
  { date: '2020-12-30', close: '14:00', name: 'Last trading day of the year' },
  { date: '2021-12-30', close: '14:00', name: 'Last trading day of the year' },
  { date: '2022-12-30', close: '14:00', name: 'Last trading day of the year' },
  { date: '2023-12-29', close: '14:00', name: 'Last trading day of the year' },
  { date: '2024-12-30', close: '14:00', name: 'Last trading day of the year' },
  { date: '2025-12-30', close: '14:00', name: 'Last trading day of the year' },
  { date: '2026-12-30', close: '14:00', name: 'Last trading day of the year' },
];
