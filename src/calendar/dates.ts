/**
 * Calendar-date helpers on 'YYYY-MM-DD' strings. No time zones here: an IsoDate is a local
 * exchange date, and all arithmetic is done on whole days since 1970-01-01 (UTC), which is
 * exact for the proleptic Gregorian calendar.
 */
import { InputError } from '../errors.ts';
import type { IsoDate } from '../types.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/** Days in `month` (1-12) of `year`, leap years included. */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True when `s` is a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string') return false;
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * Validates a date string strictly: exactly 'YYYY-MM-DD' and a real calendar date
 * ('2025-02-29' and '2025-1-5' are rejected). Returns the string unchanged.
 * `label` names where the value came from, for the error message.
 * @example parseIsoDate('2025-01-27') // '2025-01-27'
 * @example parseIsoDate('2025-02-30') // throws InputError: invalid date '2025-02-30' ...
 */
export function parseIsoDate(s: unknown, label = 'date'): IsoDate {
  if (isIsoDate(s)) return s;
  const shown = typeof s === 'string' ? `'${s}'` : String(s);
  throw new InputError(`invalid ${label} ${shown}: expected a real calendar date written YYYY-MM-DD (e.g. 2025-01-27)`);
}

/** Whole days since 1970-01-01 of a valid IsoDate (no validation: use parseIsoDate first). */
export function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/**
 * The IsoDate `n` whole days after 1970-01-01, by the civil-from-days arithmetic (Hinnant), which
 * is several times faster than formatting a Date and exact for every year 0000..9999.
 */
export function fromDayNumber(n: number): IsoDate {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** `date` shifted by `days` calendar days (negative = earlier). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** Day of the week, 0 = Sunday .. 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(date: IsoDate): number {
  return (((dayNumber(date) + 4) % 7) + 7) % 7;
}

/** True on Saturdays and Sundays (no supported exchange trades on weekends). */
export function isWeekend(date: IsoDate): boolean {
  const w = weekday(date);
  return w === 0 || w === 6;
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** English weekday name of `date`: 'Monday'. */
export function weekdayName(date: IsoDate): string {
  return WEEKDAY_NAMES[weekday(date)];
}

/** Calendar days from `a` to `b` (positive when b is later). */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return dayNumber(b) - dayNumber(a);
}
