/**
 * Trading calendars as plain data: a sorted list of trading days plus the session facts, and
 * small functions doing trading-day arithmetic on it (binary search, no hidden state).
 */
import { CalendarError, InputError } from '../errors.ts';
import type { ExchangeCode, IsoDate } from '../types.ts';
import { addCalendarDays, isWeekend, parseIsoDate, weekdayName } from './dates.ts';
import { getExchange } from './exchanges.ts';

export interface TradingCalendar {
  exchange: ExchangeCode;
  /** IANA time zone of the exchange. */
  timeZone: string;
  /** Regular session open/close, local 'HH:MM'. */
  open: string;
  close: string;
  /** Trading days, sorted ascending, unique. */
  days: IsoDate[];
  /**
   * The span the calendar speaks for. Inside the holiday-data years (2024-2026) days come from
   * the exchange's rules; outside them only from `extraTradingDays` (real data), so any date in
   * [from, to] that is not in `days` is taken to be a closure.
   */
  from: IsoDate;
  to: IsoDate;
  /** Closures given by the caller (`missingDays`), beyond the published holidays. */
  extraClosures: IsoDate[];
  /**
   * Data days that were NOT added because the rules say the exchange was closed (a weekend or a
   * listed holiday), e.g. a placeholder row a data vendor emits on a holiday.
   */
  ignoredDataDays: IsoDate[];
}

export interface BuildCalendarOptions {
  /** First date of the calendar (default: 2024-01-01, or the first extra trading day if earlier). */
  from?: IsoDate;
  /** Last date (default: 2026-12-31, or the last extra trading day if later). */
  to?: IsoDate;
  /**
   * Days known to have traded, typically every date of a price series. Outside the holiday-data
   * years they extend the calendar (so a 2020 history gets a 2020 calendar); inside them they are
   * checked against the rules and conflicting days are ignored and listed in `ignoredDataDays`.
   */
  extraTradingDays?: readonly IsoDate[];
  /** Extra closures to remove (unscheduled closures, e.g. a typhoon or a day of mourning not listed). */
  missingDays?: readonly IsoDate[];
}

/**
 * Builds an exchange's trading calendar: weekdays minus published holidays within the
 * holiday-data years, union the given data days, minus `missingDays`, clipped to [from, to].
 * @example buildCalendar('XSHG').days.includes('2025-01-28') // false (Spring Festival)
 */
export function buildCalendar(code: ExchangeCode, opts: BuildCalendarOptions = {}): TradingCalendar {
  const ex = getExchange(code);
  const reqFrom = opts.from === undefined ? undefined : parseIsoDate(opts.from, 'calendar start');
  const reqTo = opts.to === undefined ? undefined : parseIsoDate(opts.to, 'calendar end');
  if (reqFrom && reqTo && reqFrom > reqTo) throw new InputError(`calendar start ${reqFrom} is after its end ${reqTo}`);
  const lo = reqFrom ?? '0000-01-01';
  const hi = reqTo ?? '9999-12-31';

  const holidays = new Set(ex.holidays.map((h) => h.date));
  const closures = new Set((opts.missingDays ?? []).map((d) => parseIsoDate(d, 'missing day')));
  const inCoverage = (d: IsoDate) => d >= ex.coverage.from && d <= ex.coverage.to;

  const days = new Set<IsoDate>();
  const ruleFrom = lo > ex.coverage.from ? lo : ex.coverage.from;
  const ruleTo = hi < ex.coverage.to ? hi : ex.coverage.to;
  for (let d = ruleFrom; d <= ruleTo; d = addCalendarDays(d, 1)) {
    if (!isWeekend(d) && !holidays.has(d) && !closures.has(d)) days.add(d);
  }

  const ignored = new Set<IsoDate>();
  let firstExtra: IsoDate | undefined;
  let lastExtra: IsoDate | undefined;
  for (const raw of opts.extraTradingDays ?? []) {
    const d = parseIsoDate(raw, 'extra trading day');
    if (d < lo || d > hi || closures.has(d)) continue;
    if (isWeekend(d) || (inCoverage(d) && holidays.has(d))) {
      ignored.add(d);
      continue;
    }
    days.add(d);
    if (!firstExtra || d < firstExtra) firstExtra = d;
    if (!lastExtra || d > lastExtra) lastExtra = d;
  }

  const sorted = [...days].sort();
  if (sorted.length === 0) {
    throw new CalendarError(
      `no ${code} trading days in ${reqFrom ?? '(start)'}..${reqTo ?? '(end)'}: holiday data covers ${ex.coverage.from}..${ex.coverage.to}; ` +
        'pass extraTradingDays (dates seen in price data) for other years',
    );
  }
  // The span the calendar can vouch for: the rule years plus the data days, within the request.
  const knownFrom = firstExtra && firstExtra < ex.coverage.from ? firstExtra : ex.coverage.from;
  const knownTo = lastExtra && lastExtra > ex.coverage.to ? lastExtra : ex.coverage.to;
  return {
    exchange: code,
    timeZone: ex.timeZone,
    open: ex.open,
    close: ex.close,
    days: sorted,
    from: lo > knownFrom ? lo : knownFrom,
    to: hi < knownTo ? hi : knownTo,
    extraClosures: [...closures].sort(),
    ignoredDataDays: [...ignored].sort(),
  };
}

/** Index of the first day >= date in sorted ISO dates (days.length if none). */
export function lowerBound(days: readonly IsoDate[], date: IsoDate): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rangeText(cal: TradingCalendar): string {
  return `${cal.exchange} calendar (${cal.from}..${cal.to})`;
}

function assertInRange(cal: TradingCalendar, date: IsoDate): void {
  if (date < cal.from || date > cal.to) {
    throw new CalendarError(
      `${date} is outside the ${rangeText(cal)}; build the calendar with extraTradingDays from the price data to cover it`,
    );
  }
}

/**
 * Position of `date` in `cal.days` by binary search, or -1 when it is not a trading day
 * (including dates outside the calendar's range).
 */
export function tradingDayIndex(cal: TradingCalendar, date: IsoDate): number {
  const i = lowerBound(cal.days, date);
  return i < cal.days.length && cal.days[i] === date ? i : -1;
}

/** True when the exchange trades on `date`. CalendarError if `date` is outside [cal.from, cal.to]. */
export function isTradingDay(cal: TradingCalendar, date: IsoDate): boolean {
  parseIsoDate(date);
  assertInRange(cal, date);
  return tradingDayIndex(cal, date) >= 0;
}

/**
 * Why the exchange does not trade on `date` ('a Sunday', 'a US market holiday (Good Friday)'),
 * or null when it is a trading day. Dates outside the range give CalendarError.
 */
export function closureReason(cal: TradingCalendar, date: IsoDate): string | null {
  if (isTradingDay(cal, date)) return null;
  if (isWeekend(date)) return `a ${weekdayName(date)}`;
  const ex = getExchange(cal.exchange);
  const holiday = ex.holidays.find((h) => h.date === date);
  if (holiday) return `a ${ex.holidayLabel} (${holiday.name})`;
  if (cal.extraClosures.includes(date)) return `an extra ${cal.exchange} closure (given as a missing day)`;
  return `not a ${cal.exchange} trading day (no trading in the price data used to build the calendar)`;
}

/** Name of the published holiday on `date` for `exchange`, or null. */
export function holidayName(exchange: ExchangeCode, date: IsoDate): string | null {
  return getExchange(exchange).holidays.find((h) => h.date === date)?.name ?? null;
}

/** Local closing time of the session on `date`: the early close on half days, else the regular close. */
export function closeTimeOn(cal: TradingCalendar, date: IsoDate): string {
  return getExchange(cal.exchange).earlyCloses.find((e) => e.date === date)?.close ?? cal.close;
}

/**
 * The trading day `n` sessions after (n > 0) or before (n < 0) `date`, which must itself be a
 * trading day. CalendarError when it is not, or when the result leaves the calendar.
 * @example shiftTradingDays(buildCalendar('XSHG'), '2025-01-27', 1) // '2025-02-05'
 */
export function shiftTradingDays(cal: TradingCalendar, date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new InputError(`trading-day shift must be a whole number, got ${n}`);
  if (!isTradingDay(cal, date)) throw new CalendarError(`${date} is not a ${cal.exchange} trading day: it is ${closureReason(cal, date)}`);
  const target = tradingDayIndex(cal, date) + n;
  if (target < 0 || target >= cal.days.length) {
    throw new CalendarError(
      `shifting ${date} by ${n} trading days leaves the ${cal.exchange} calendar (trading days ${cal.days[0]}..${cal.days[cal.days.length - 1]})`,
    );
  }
  return cal.days[target];
}

function noDay(cal: TradingCalendar, what: string, date: IsoDate): never {
  throw new CalendarError(`no ${cal.exchange} trading day ${what} ${date} within the ${rangeText(cal)}`);
}

/** The first trading day strictly after `date` (date itself need not be a trading day). */
export function nextTradingDay(cal: TradingCalendar, date: IsoDate): IsoDate {
  parseIsoDate(date);
  assertInRange(cal, date);
  const i = lowerBound(cal.days, addCalendarDays(date, 1));
  return i < cal.days.length ? cal.days[i] : noDay(cal, 'after', date);
}

/** The last trading day strictly before `date`. */
export function previousTradingDay(cal: TradingCalendar, date: IsoDate): IsoDate {
  parseIsoDate(date);
  assertInRange(cal, date);
  const i = lowerBound(cal.days, date) - 1;
  return i >= 0 ? cal.days[i] : noDay(cal, 'before', date);
}

/** `date` if it is a trading day, else the next one (on-or-after variant of nextTradingDay). */
export function tradingDayOnOrAfter(cal: TradingCalendar, date: IsoDate): IsoDate {
  return isTradingDay(cal, date) ? date : nextTradingDay(cal, date);
}

/** `date` if it is a trading day, else the previous one (on-or-before variant of previousTradingDay). */
export function tradingDayOnOrBefore(cal: TradingCalendar, date: IsoDate): IsoDate {
  return isTradingDay(cal, date) ? date : previousTradingDay(cal, date);
}

/**
 * Signed count of trading days t with a < t <= b (for b >= a; negated when b < a): the number
 * of sessions from a's close to b's close. Consecutive trading days give 1, a date and itself 0,
 * Friday to the next Monday 1. Neither date needs to be a trading day.
 */
export function tradingDaysBetween(cal: TradingCalendar, a: IsoDate, b: IsoDate): number {
  parseIsoDate(a);
  parseIsoDate(b);
  assertInRange(cal, a);
  assertInRange(cal, b);
  if (b < a) return -tradingDaysBetween(cal, b, a);
  // days <= b minus days <= a
  return lowerBound(cal.days, addCalendarDays(b, 1)) - lowerBound(cal.days, addCalendarDays(a, 1));
}

/** Trading days in [from, to], both inclusive. */
export function tradingDaysInRange(cal: TradingCalendar, from: IsoDate, to: IsoDate): IsoDate[] {
  parseIsoDate(from);
  parseIsoDate(to);
  assertInRange(cal, from);
  assertInRange(cal, to);
  return cal.days.slice(lowerBound(cal.days, from), lowerBound(cal.days, addCalendarDays(to, 1)));
}
