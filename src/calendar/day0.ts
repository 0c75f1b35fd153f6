/**
 * Day 0: the first session in which the news could be traded (STATISTICS.md, Notation).
 */
import { InputError } from '../errors.ts';
import type { Announcement, Day0Rule, IsoDate } from '../types.ts';
import { closeTimeOn, closureReason, isTradingDay, nextTradingDay, previousTradingDay, type TradingCalendar } from './calendar.ts';
import { parseIsoDate } from './dates.ts';
import { assertTimeZone, convertWallClock, parseTime } from './timezone.ts';

export interface Day0Resolution {
  /** The event's day 0 on the calendar, or null under rule 'skip' when it cannot be placed. */
  day0: IsoDate | null;
  /** True when day 0 differs from the announcement's local date on the exchange. */
  shifted: boolean;
  /** Human-readable account of the decision, for reports. */
  reason: string;
  /** The announcement in the exchange's zone: '2025-02-26 16:20 America/New_York', or '2025-01-26 (time unknown)'. */
  localDateTime: string;
}

const DAY0_RULES: readonly Day0Rule[] = ['next', 'previous', 'skip'];

/**
 * Maps an announcement to day 0 on `cal`.
 *
 * The timestamp (date + optional 'HH:MM' in `announcement.timeZone`, default the exchange's
 * zone) is converted to the exchange's zone. Then:
 * - a trading day, before that day's close (pre-market and lunch break included) -> that day;
 * - at/after the close (early closes respected), or a non-trading day:
 *   'next' (default) -> the next session; 'previous' -> the latest session on or before the
 *   local date (the same day after a close, the prior session on a holiday); 'skip' -> null.
 * Without a time the announcement date itself is used as a local date on the exchange and
 * treated as before the open (the reason says so). On an exchange without a table the session
 * hours are unknown: a timed announcement counts for its local date's session, and a closure
 * the calendar only infers from the price data is reported as such.
 * @example resolveDay0(buildCalendar('XNAS'), { date: '2025-02-26', time: '16:20' }).day0 // '2025-02-27'
 */
export function resolveDay0(cal: TradingCalendar, announcement: Announcement, rule: Day0Rule = 'next'): Day0Resolution {
  if (!DAY0_RULES.includes(rule)) throw new InputError(`unknown day-0 rule '${rule}': expected one of ${DAY0_RULES.join(', ')}`);
  const date = parseIsoDate(announcement.date, 'announcement date');
  // The calendar's own zone was checked when it was built; only a zone the caller names needs checking.
  const sourceZone = announcement.timeZone === undefined ? cal.timeZone : assertTimeZone(announcement.timeZone);
  const time = announcement.time === undefined || announcement.time === '' ? undefined : parseTime(announcement.time, 'announcement time');

  let localDate: IsoDate;
  let localDateTime: string;
  let preamble = '';
  let note = '';
  let afterClose = false;
  if (time === undefined) {
    localDate = date;
    localDateTime = `${date} (time unknown)`;
    note =
      sourceZone === cal.timeZone
        ? ' (time unknown: the date is used as is'
        : ` (time unknown: the ${sourceZone} date is used as the ${cal.exchange} date`;
  } else {
    const local = convertWallClock(date, time, sourceZone, cal.timeZone);
    localDate = local.date;
    localDateTime = `${local.date} ${local.time} ${cal.timeZone}`;
    const converted = sourceZone === cal.timeZone ? '' : ` (= ${date} ${time} ${sourceZone})`;
    preamble = `announced ${localDateTime}${converted}`;
    if (isTradingDay(cal, localDate)) {
      const close = closeTimeOn(cal, localDate);
      if (close === null || cal.open === null) {
        // An exchange without a table: its session hours are unknown, so the time cannot place
        // the news before or after the close; the local date decides (said in the reason).
        preamble += ` (${cal.exchange} session hours unknown: taken as during that day's session)`;
      } else {
        afterClose = local.time >= close;
        preamble += afterClose ? `, at or after the ${close} close` : local.time < cal.open ? `, before the ${cal.open} open` : `, before the ${close} close`;
      }
    }
  }

  if (isTradingDay(cal, localDate) && !afterClose) {
    const why = preamble || `${localDate} is a trading day on ${cal.exchange}`;
    const unknown = note ? `${note}, as if announced before the open)` : '';
    return { day0: localDate, shifted: false, reason: `${why}; day 0 = ${localDate}${unknown}`, localDateTime };
  }

  const closed = `${localDate} is ${closureReason(cal, localDate)}`;
  const why = afterClose ? preamble : preamble ? `${preamble}; ${closed}` : closed;
  if (note) note += ')';
  switch (rule) {
    case 'next': {
      const day0 = nextTradingDay(cal, localDate);
      return { day0, shifted: true, reason: `${why}; day 0 moved to the next session ${day0}${note}`, localDateTime };
    }
    case 'previous': {
      const day0 = afterClose ? localDate : previousTradingDay(cal, localDate);
      const moved = afterClose ? `day 0 kept on that session ${day0} (rule 'previous')` : `day 0 moved to the previous session ${day0}`;
      return { day0, shifted: day0 !== localDate, reason: `${why}; ${moved}${note}`, localDateTime };
    }
    case 'skip':
      return { day0: null, shifted: false, reason: `${why}; event skipped (rule 'skip')${note}`, localDateTime };
  }
}
