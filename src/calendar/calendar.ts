/**
 * Trading calendars as plain data: a sorted list of trading days plus the session facts, and
 * small functions doing trading-day arithmetic on it (binary search, no hidden state).
 */
import { CalendarError, InputError } from '../errors.ts';
import type { ExchangeCode, IsoDate, PriceSeries } from '../types.ts';
import { addCalendarDays, dayNumber, fromDayNumber, isWeekend, parseIsoDate, weekdayName } from './dates.ts';
import { findExchange, parseExchangeCode } from './exchanges.ts';
import type { Coverage } from './holidays.ts';
import { assertTimeZone } from './timezone.ts';

/**
 * Where a calendar's trading days come from:
 * - 'table': the exchange's holiday table (weekdays minus published holidays) throughout;
 * - 'table+series': the table within its coverage, the security's own trading days outside it;
 * - 'series': only the security's own trading days (an exchange without a table, or dates the
 *   table does not cover), so a weekday without data counts as a closure.
 */
export type CalendarBasis = 'table' | 'table+series' | 'series';

export interface TradingCalendar {
  exchange: ExchangeCode;
  /** IANA time zone of the exchange. */
  timeZone: string;
  /** Regular session open/close, local 'HH:MM'; null when unknown (an exchange without a table). */
  open: string | null;
  close: string | null;
  /** Trading days, sorted ascending, unique. */
  days: IsoDate[];
  /**
   * The span the calendar speaks for: inside the holiday table's coverage days come from the
   * exchange's rules, outside it only from the security's price data, so any date in
   * [from, to] that is not in `days` is taken to be a closure.
   */
  from: IsoDate;
  to: IsoDate;
  /** Where the days come from (see CalendarBasis). */
  basis: CalendarBasis;
  /** The span the exchange's holiday table covers, or null when it has none. */
  tableCoverage: Coverage | null;
  /**
   * One sentence for reports when any day comes from the price data rather than a holiday table
   * (basis 'table+series' or 'series'); null when the table alone made the calendar.
   */
  note: string | null;
  /** Closures given by the caller (`missingDays`), beyond the published holidays. */
  extraClosures: IsoDate[];
  /**
   * Data days that were NOT added because the rules say the exchange was closed (a weekend or a
   * listed holiday), e.g. a placeholder row a data vendor emits on a holiday.
   */
  ignoredDataDays: IsoDate[];
}

export interface BuildCalendarOptions {
  /** First date of the calendar (default: the table's first date, or the first data day if earlier). */
  from?: IsoDate;
  /** Last date (default: the table's last date, or the last data day if later). */
  to?: IsoDate;
  /**
   * Days known to have traded, typically every date of a price series. Outside the holiday
   * table's coverage (or for an exchange without a table) they are the calendar; inside it they
   * are checked against the rules and conflicting days are ignored and listed in `ignoredDataDays`.
   */
  extraTradingDays?: readonly IsoDate[];
  /** Extra closures to remove (unscheduled closures, e.g. a typhoon or a day of mourning not listed). */
  missingDays?: readonly IsoDate[];
  /**
   * IANA time zone of an exchange without a holiday table (the security's own zone); required
   * for such an exchange, ignored for the others.
   */
  timeZone?: string;
}

function dayBefore(d: IsoDate): IsoDate {
  return addCalendarDays(d, -1);
}

/** The note for a calendar partly or wholly built from price data (see TradingCalendar.note). */
function basisNote(code: ExchangeCode, basis: CalendarBasis, coverage: Coverage | null, dataSpans: string[], first: IsoDate, last: IsoDate): string | null {
  if (basis === 'table') return null;
  const inferred = 'a weekday without a price is taken as a closure';
  if (coverage === null) {
    return `no holiday table for ${code}: its trading days are the days the security traded (${first}..${last}); ${inferred}`;
  }
  if (basis === 'series') {
    return `the ${code} holiday table covers ${coverage.from}..${coverage.to} only: the trading days ${first}..${last} are the days the security traded; ${inferred}`;
  }
  return `${code} trading days come from its holiday table within ${coverage.from}..${coverage.to} and from the security's own trading days outside it (${dataSpans.join(', ')}), where ${inferred}`;
}

/**
 * An exchange's sessions by its holiday table over the table's whole coverage (weekdays minus
 * published holidays), sorted, with a set for lookups. Computed once per exchange: the tables are
 * static, and walking ~10,000 dates for every series a study loads dominated its start.
 */
const TABLE_DAYS = new Map<string, { days: readonly IsoDate[]; set: ReadonlySet<IsoDate> }>();
function tableTradingDays(ex: NonNullable<ReturnType<typeof findExchange>>): { days: readonly IsoDate[]; set: ReadonlySet<IsoDate> } {
  let hit = TABLE_DAYS.get(ex.code);
  if (!hit) {
    const holidays = new Set(ex.holidays.map((h) => h.date));
    const days: IsoDate[] = [];
    const last = dayNumber(ex.coverage.to);
    for (let n = dayNumber(ex.coverage.from); n <= last; n++) {
      const weekday = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
      if (weekday === 0 || weekday === 6) continue;
      const d = fromDayNumber(n);
      if (!holidays.has(d)) days.push(d);
    }
    hit = { days, set: new Set(days) };
    TABLE_DAYS.set(ex.code, hit);
  }
  return hit;
}

/**
 * Builds an exchange's trading calendar: weekdays minus published holidays within the holiday
 * table's coverage, union the given data days outside it, minus `missingDays`, clipped to
 * [from, to]. An exchange without a table (any MIC-like code) gets the data days alone, in the
 * time zone given; the result's `basis` and `note` say where the days came from.
 * @example buildCalendar('XSHG').days.includes('2025-01-28') // false (Spring Festival)
 * @example buildCalendar('XTSE', { extraTradingDays: ['2024-07-02', '2024-07-03'], timeZone: 'America/Toronto' }).basis // 'series'
 */
export function buildCalendar(code: ExchangeCode, opts: BuildCalendarOptions = {}): TradingCalendar {
  const ex = findExchange(code);
  if (!ex) parseExchangeCode(code);
  const reqFrom = opts.from === undefined ? undefined : parseIsoDate(opts.from, 'calendar start');
  const reqTo = opts.to === undefined ? undefined : parseIsoDate(opts.to, 'calendar end');
  if (reqFrom && reqTo && reqFrom > reqTo) throw new InputError(`calendar start ${reqFrom} is after its end ${reqTo}`);
  let timeZone: string;
  if (ex) timeZone = ex.timeZone;
  else if (opts.timeZone === undefined) {
    throw new InputError(`exchange '${code}' has no holiday table: its time zone is needed to build a calendar from the security's trading days (e.g. 'America/Toronto')`);
  } else timeZone = assertTimeZone(opts.timeZone);
  const lo = reqFrom ?? '0000-01-01';
  const hi = reqTo ?? '9999-12-31';

  const coverage = ex ? ex.coverage : null;
  const table = ex ? tableTradingDays(ex) : null;
  const closures = new Set((opts.missingDays ?? []).map((d) => parseIsoDate(d, 'missing day')));
  const inCoverage = (d: IsoDate) => coverage !== null && d >= coverage.from && d <= coverage.to;

  // The table's sessions within [lo, hi], minus the caller's closures.
  let ruleDays: IsoDate[] = [];
  if (table) {
    const inRange = table.days.slice(lowerBound(table.days, lo), upperBound(table.days, hi));
    ruleDays = closures.size > 0 ? inRange.filter((d) => !closures.has(d)) : inRange;
  }

  const ignored = new Set<IsoDate>();
  const before = new Set<IsoDate>(); // data days used before the table's coverage (or all, without a table)
  const after = new Set<IsoDate>();
  for (const raw of opts.extraTradingDays ?? []) {
    const d = parseIsoDate(raw, 'trading day in the price data');
    if (d < lo || d > hi || closures.has(d)) continue;
    if (inCoverage(d)) {
      // The table already decides; a data day it does not list falls on a weekend or a holiday.
      if (!table!.set.has(d)) ignored.add(d);
      continue;
    }
    // A known exchange never trades on weekends: a weekend row is a vendor placeholder. Without
    // a table the data is all there is (some markets trade on Sundays).
    if (ex && isWeekend(d)) {
      ignored.add(d);
      continue;
    }
    (coverage && d > coverage.to ? after : before).add(d);
  }

  // Data days before the coverage, the table's days, data days after it: already in order.
  const beforeDays = [...before].sort();
  const afterDays = [...after].sort();
  const days = beforeDays.length === 0 && afterDays.length === 0 ? ruleDays : [...beforeDays, ...ruleDays, ...afterDays];
  const sorted = days === ruleDays ? ruleDays.slice() : days;
  if (sorted.length === 0) {
    const span = `${reqFrom ?? '(start)'}..${reqTo ?? '(end)'}`;
    throw new CalendarError(
      coverage
        ? `no ${code} trading days in ${span}: the ${code} holiday table covers ${coverage.from}..${coverage.to} and no price data was given for other dates`
        : `no ${code} trading days in ${span}: ${code} has no holiday table and no price data was given for these dates`,
    );
  }
  const dataDays = beforeDays.length + afterDays.length;
  const basis: CalendarBasis = dataDays === 0 ? 'table' : ruleDays.length === 0 ? 'series' : 'table+series';
  const spans: string[] = [];
  if (beforeDays.length > 0) {
    spans.push(`${beforeDays[0]}..${coverage ? dayBefore(coverage.from) : beforeDays[beforeDays.length - 1]}`);
  }
  if (afterDays.length > 0 && coverage) {
    spans.push(`${addCalendarDays(coverage.to, 1)}..${afterDays[afterDays.length - 1]}`);
  }
  // The span the calendar can vouch for: the table's coverage plus the data days, within the request.
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  const knownFrom = coverage && ruleDays.length > 0 && coverage.from < first ? coverage.from : first;
  const knownTo = coverage && ruleDays.length > 0 && coverage.to > last ? coverage.to : last;
  return {
    exchange: code,
    timeZone,
    open: ex ? ex.open : null,
    close: ex ? ex.close : null,
    days: sorted,
    from: lo > knownFrom ? lo : knownFrom,
    to: hi < knownTo ? hi : knownTo,
    basis,
    tableCoverage: coverage ? { ...coverage } : null,
    note: basisNote(code, basis, coverage, spans, first, last),
    extraClosures: [...closures].sort(),
    ignoredDataDays: [...ignored].sort(),
  };
}

/**
 * The calendar of a price series' exchange: its holiday table where there is one, the dates the
 * series traded elsewhere (see buildCalendar; `basis` and `note` say which). Within the table's
 * coverage it also spans days before or after the series (exchange sessions without data).
 * @example calendarForSeries(aapl2020).basis // 'table' (the XNAS table covers 2000-2026)
 * @example calendarForSeries(torontoSeries).basis // 'series' (no XTSE table)
 */
export function calendarForSeries(series: PriceSeries, opts: Omit<BuildCalendarOptions, 'extraTradingDays' | 'timeZone'> = {}): TradingCalendar {
  return buildCalendar(series.info.exchange, { ...opts, extraTradingDays: series.rows.map((r) => r.date), timeZone: series.info.timeZone });
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

/** Index of the first day > date in sorted ISO dates (days.length if none). */
export function upperBound(days: readonly IsoDate[], date: IsoDate): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function rangeText(cal: TradingCalendar): string {
  return `${cal.exchange} calendar (${cal.from}..${cal.to})`;
}

/** What the calendar's span is made of, for messages. */
function spanText(cal: TradingCalendar): string {
  if (cal.basis === 'table') return `the ${cal.exchange} holiday table`;
  if (cal.basis === 'series') return "the security's price data";
  return `the ${cal.exchange} holiday table (${cal.tableCoverage!.from}..${cal.tableCoverage!.to}) and the security's price data`;
}

function assertInRange(cal: TradingCalendar, date: IsoDate): void {
  if (date < cal.from || date > cal.to) {
    throw new CalendarError(`${date} is outside the ${rangeText(cal)}, which covers ${spanText(cal)}`);
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

/** True when `date` lies in the span of `cal`'s holiday table. */
function inTable(cal: TradingCalendar, date: IsoDate): boolean {
  return cal.tableCoverage !== null && date >= cal.tableCoverage.from && date <= cal.tableCoverage.to;
}

/**
 * Why the exchange does not trade on `date` ('a Sunday', 'a US market holiday (Good Friday)'),
 * or null when it is a trading day. A closure that only the price data shows (outside the
 * holiday table, or an exchange without one) says that it was inferred from the data. Dates
 * outside the range give CalendarError.
 */
export function closureReason(cal: TradingCalendar, date: IsoDate): string | null {
  if (isTradingDay(cal, date)) return null;
  const ex = findExchange(cal.exchange);
  if (ex && isWeekend(date)) return `a ${weekdayName(date)}`;
  if (inTable(cal, date)) {
    const holiday = ex?.holidays.find((h) => h.date === date);
    if (holiday) return `a ${ex!.holidayLabel} (${holiday.name})`;
  }
  if (cal.extraClosures.includes(date)) return `an extra ${cal.exchange} closure (given as a missing day)`;
  const why = ex
    ? `the ${cal.exchange} holiday table covers ${cal.tableCoverage!.from}..${cal.tableCoverage!.to} only`
    : `${cal.exchange} has no holiday table`;
  return `a ${weekdayName(date)} without trading in the security's price data (${why}: the closure is inferred from the data)`;
}

/** Name of the published holiday on `date` for `exchange`, or null (also for exchanges without a table). */
export function holidayName(exchange: ExchangeCode, date: IsoDate): string | null {
  return findExchange(exchange)?.holidays.find((h) => h.date === date)?.name ?? null;
}

/**
 * Local closing time of the session on `date`: the early close on half days, else the regular
 * close; null when the exchange's session hours are unknown (no table).
 */
export function closeTimeOn(cal: TradingCalendar, date: IsoDate): string | null {
  return findExchange(cal.exchange)?.earlyCloses.find((e) => e.date === date)?.close ?? cal.close;
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
