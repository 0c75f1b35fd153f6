/**
 * Wall-clock <-> instant conversion in IANA time zones with nothing but Intl.DateTimeFormat.
 * The offset of a zone at an instant is read off by formatting the instant in that zone and
 * comparing the wall clock with UTC; DST transitions fall out of the tz database Node ships.
 */
import { InputError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { parseIsoDate } from './dates.ts';

/** A local date and 'HH:MM' time in some zone. */
export interface WallClock {
  date: IsoDate;
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      throw new InputError(`unknown time zone '${timeZone}': expected an IANA name such as 'America/New_York' or 'Asia/Shanghai'`);
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws InputError unless `timeZone` is an IANA zone this Node knows. */
export function assertTimeZone(timeZone: string): string {
  formatterFor(timeZone);
  return timeZone;
}

/** Wall-clock fields of instant `ms` in `timeZone`, as a UTC timestamp of the same fields. */
function wallClockAsUtc(ms: number, timeZone: string): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
}

/**
 * Offset of `timeZone` from UTC at instant `ms`, in whole minutes (New York in winter: -300).
 * The instant is truncated to whole seconds because the formatter shows no milliseconds; the
 * offset is rounded to minutes (only pre-1900 local-mean-time offsets have seconds).
 */
export function timeZoneOffsetMinutes(ms: number, timeZone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return Math.round((wallClockAsUtc(whole, timeZone) - whole) / 60_000);
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Validates a 'HH:MM' 24-hour time (00:00-23:59); returns it unchanged. */
export function parseTime(s: unknown, label = 'time'): string {
  if (typeof s === 'string' && HH_MM.test(s)) return s;
  throw new InputError(`invalid ${label} ${typeof s === 'string' ? `'${s}'` : String(s)}: expected 24-hour HH:MM, e.g. 16:20`);
}

/**
 * The instant (ms since epoch) of wall-clock `date` `time` in `timeZone`.
 * Like Temporal's 'compatible' disambiguation: a time repeated when clocks fall back takes the
 * earlier instant (the pre-transition offset); a time skipped when clocks spring forward is
 * read with the pre-transition offset, i.e. lands after the gap (02:30 -> 03:30 EDT).
 * @example zonedTimeToUtc('2025-02-26', '16:20', 'America/New_York') // Date.parse('2025-02-26T21:20:00Z')
 */
export function zonedTimeToUtc(date: IsoDate, time: string, timeZone: string): number {
  parseIsoDate(date);
  parseTime(time);
  const wall = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), Number(time.slice(0, 2)), Number(time.slice(3, 5)));
  // Offsets a day either side bracket any transition near this wall time (zones change offset
  // at most once a day).
  const before = timeZoneOffsetMinutes(wall - 86_400_000, timeZone);
  const after = timeZoneOffsetMinutes(wall + 86_400_000, timeZone);
  const valid: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const t = wall - offset * 60_000;
    if (timeZoneOffsetMinutes(t, timeZone) === offset) valid.push(t);
  }
  if (valid.length > 0) return Math.min(...valid);
  return wall - before * 60_000; // skipped wall time: read with the offset in force before the gap
}

/** Wall clock ('YYYY-MM-DD', 'HH:MM') of instant `ms` in `timeZone`. */
export function utcToZonedTime(ms: number, timeZone: string): WallClock {
  const iso = new Date(wallClockAsUtc(Math.floor(ms / 1000) * 1000, timeZone)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * Converts a wall-clock time from one zone to another.
 * @example convertWallClock('2025-01-27', '21:30', 'Asia/Shanghai', 'America/New_York') // { date: '2025-01-27', time: '08:30' }
 */
export function convertWallClock(date: IsoDate, time: string, fromZone: string, toZone: string): WallClock {
  return utcToZonedTime(zonedTimeToUtc(date, time, fromZone), toZone);
}
