/**
 * Full-day exchange closures on weekdays, 2024-2026, written as data. Weekend days are never
 * listed: no supported exchange trades on Saturdays or Sundays, including the Chinese
 * "make-up working days" (调休上班日), on which offices work but the exchanges stay shut.
 *
 * To extend a year: add its rows here and widen HOLIDAY_COVERAGE; the tests check the
 * per-year trading-day counts against the published totals.
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

/** The span of dates for which the holiday lists below are complete. */
export const HOLIDAY_COVERAGE: { from: IsoDate; to: IsoDate } = { from: '2024-01-01', to: '2026-12-31' };

/**
 * NYSE and Nasdaq share one holiday calendar.
 * Source: NYSE "Holidays & Trading Hours" page (nyse.com/markets/hours-calendars), 2024-2026
 * schedules; 2025-01-09 from the NYSE notice closing the markets for the National Day of
 * Mourning for former President Jimmy Carter (Nasdaq closed as well).
 */
export const US_HOLIDAYS: Holiday[] = [
  { date: '2024-01-01', name: "New Year's Day" },
  { date: '2024-01-15', name: 'Martin Luther King Jr. Day' },
  { date: '2024-02-19', name: "Washington's Birthday" },
  { date: '2024-03-29', name: 'Good Friday' },
  { date: '2024-05-27', name: 'Memorial Day' },
  { date: '2024-06-19', name: 'Juneteenth National Independence Day' },
  { date: '2024-07-04', name: 'Independence Day' },
  { date: '2024-09-02', name: 'Labor Day' },
  { date: '2024-11-28', name: 'Thanksgiving Day' },
  { date: '2024-12-25', name: 'Christmas Day' },

  { date: '2025-01-01', name: "New Year's Day" },
  { date: '2025-01-09', name: 'National Day of Mourning for President Jimmy Carter' },
  { date: '2025-01-20', name: 'Martin Luther King Jr. Day' },
  { date: '2025-02-17', name: "Washington's Birthday" },
  { date: '2025-04-18', name: 'Good Friday' },
  { date: '2025-05-26', name: 'Memorial Day' },
  { date: '2025-06-19', name: 'Juneteenth National Independence Day' },
  { date: '2025-07-04', name: 'Independence Day' },
  { date: '2025-09-01', name: 'Labor Day' },
  { date: '2025-11-27', name: 'Thanksgiving Day' },
  { date: '2025-12-25', name: 'Christmas Day' },

  { date: '2026-01-01', name: "New Year's Day" },
  { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
  { date: '2026-02-16', name: "Washington's Birthday" },
  { date: '2026-04-03', name: 'Good Friday' },
  { date: '2026-05-25', name: 'Memorial Day' },
  { date: '2026-06-19', name: 'Juneteenth National Independence Day' },
  { date: '2026-07-03', name: 'Independence Day (observed)' },
  { date: '2026-09-07', name: 'Labor Day' },
  { date: '2026-11-26', name: 'Thanksgiving Day' },
  { date: '2026-12-25', name: 'Christmas Day' },
];

/** NYSE/Nasdaq 13:00 early closes (same source). */
export const US_EARLY_CLOSES: EarlyClose[] = [
  { date: '2024-07-03', close: '13:00', name: 'Day before Independence Day' },
  { date: '2024-11-29', close: '13:00', name: 'Day after Thanksgiving' },
  { date: '2024-12-24', close: '13:00', name: 'Christmas Eve' },
  { date: '2025-07-03', close: '13:00', name: 'Day before Independence Day' },
  { date: '2025-11-28', close: '13:00', name: 'Day after Thanksgiving' },
  { date: '2025-12-24', close: '13:00', name: 'Christmas Eve' },
  { date: '2026-11-27', close: '13:00', name: 'Day after Thanksgiving' },
  { date: '2026-12-24', close: '13:00', name: 'Christmas Eve' },
];

/**
 * Shanghai and Shenzhen (same closures). Source: the SSE/SZSE annual market-closure notices
 * (关于X年部分节假日休市安排的通知), which follow the State Council General Office holiday
 * notices (国务院办公厅关于X年部分节假日安排的通知). Only weekday closures are listed; the
 * weekend make-up working days are not trading days.
 * 2026: from the State Council notice for 2026 (published Nov 2025: New Year Jan 1-3,
 * Spring Festival Feb 15-23, Qingming Apr 4-6, Labour Day May 1-5, Dragon Boat Jun 19-21,
 * Mid-Autumn Sep 25-27, National Day Oct 1-7). UNCERTAIN until checked against the SSE 2026
 * closure notice; the weekday closures derived from it are below.
 */
export const CN_HOLIDAYS: Holiday[] = [
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

/**
 * Hong Kong (HKEX securities market). Source: HKEX "Trading Calendar and Holiday Schedule",
 * which follows the HKSAR general holidays gazetted each year. A general holiday falling on a
 * Saturday has no weekday substitute (e.g. Tuen Ng 2025-05-31); one falling on a Sunday moves
 * to the next weekday. Since 2024-09-23 HKEX trades through typhoon and black-rainstorm
 * warnings, so weather closures no longer occur (use `missingDays` for any other closure).
 * 2026 rows derived from the 2026 gazetted general holidays (uncertain until checked against
 * the HKEX 2026 schedule).
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
