/**
 * China A-share daily price limits (涨跌幅限制), STATISTICS.md "Price limits".
 *
 * A close at the limit-up price means demand exceeded supply at the cap: the observed return is
 * censored, and reports must say so next to any abnormal return on that day.
 */
import { DataError, InputError } from '../errors.ts';
import type { InstrumentKind, IsoDate, PriceSeries } from '../types.ts';
import { buildCalendar, lowerBound, type TradingCalendar } from '../calendar/calendar.ts';
import { addCalendarDays, isWeekend, parseIsoDate } from '../calendar/dates.ts';

/** Board of an A-share code; decides the limit. */
export type AShareBoard = 'main' | 'star' | 'chinext' | 'b-share' | 'bse';

/** ChiNext moved to the registration system and ±20% limits on this date. */
export const CHINEXT_20PCT_FROM: IsoDate = '2020-08-24';
/** Main-board IPOs from this date (registration system) have no limit in their first five sessions. */
export const MAIN_BOARD_REGISTRATION_FROM: IsoDate = '2023-04-10';
/**
 * SSE/SZSE main-board risk-warning (ST, *ST) stocks: limit widened from 5% to 10% on this date
 * (exchange rule revision announced 2025-06-27). Before it, ST main-board limits were 5%.
 */
export const MAIN_BOARD_ST_10PCT_FROM: IsoDate = '2025-07-07';

/**
 * The board of an A-share stock from its symbol ('688256.SS', '300750.SZ', '600519.SH', or a bare
 * 6-digit code), or null for anything that is not an A/B-share stock (US symbols, indices such as
 * 000001.SS / 399001.SZ, funds and ETFs).
 */
export function aShareBoard(symbol: string): AShareBoard | null {
  const m = /^(\d{6})(?:\.(SS|SH|SZ|BJ))?$/i.exec(symbol.trim());
  if (!m) return null;
  const code = m[1];
  const market = m[2]?.toUpperCase() ?? (code.startsWith('6') || code.startsWith('9') ? 'SS' : /^[48]/.test(code) ? 'BJ' : 'SZ');
  if (market === 'SS' || market === 'SH') {
    if (/^60[0-5]/.test(code)) return 'main';
    if (/^68[89]/.test(code)) return 'star';
    if (code.startsWith('900')) return 'b-share';
    return null; // 000xxx.SS are SSE indices, 5xxxxx funds/ETFs
  }
  if (market === 'SZ') {
    if (/^00[0-4]/.test(code)) return 'main';
    if (/^30[0-2]/.test(code)) return 'chinext';
    if (code.startsWith('200')) return 'b-share';
    return null; // 399xxx indices, 15/16/18xxxx funds and ETFs
  }
  return /^(4[3]|8[3-8]|92)/.test(code) ? 'bse' : null;
}

export interface PriceLimitOptions {
  /** Risk-warning (ST / *ST) stock on `date`. */
  st?: boolean;
  /** Instrument kind if known: 'index' and 'etf' have no limit here. */
  kind?: InstrumentKind;
  /** 1-based session number of `date` since listing (1 = listing day), when known. */
  sessionNumber?: number;
  /** Listing date; with a calendar covering it, gives sessionNumber. */
  listingDate?: IsoDate;
  /** Calendar used to count sessions from listingDate (default: the exchange's built calendar). */
  calendar?: TradingCalendar;
}


/**
 * Sessions in [listing, date] (1 = the listing day) on `cal`, exact while it matters (up to 6;
 * larger counts may be capped). Before the calendar's range weekdays are counted instead: an
 * upper bound (older holidays unknown), which can only matter for a listing a few days before
 * the calendar starts.
 */
function sessionsSinceListing(cal: TradingCalendar, listing: IsoDate, date: IsoDate): number {
  let n = lowerBound(cal.days, addCalendarDays(date, 1)) - lowerBound(cal.days, listing < cal.from ? cal.from : listing);
  for (let d = listing; d < cal.from && d <= date && n <= 6; d = addCalendarDays(d, 1)) if (!isWeekend(d)) n++;
  return Math.max(1, n);
}

function exchangeCalendarFor(symbol: string, extraTradingDays: readonly IsoDate[] = []): TradingCalendar {
  const shenzhen = /\.SZ$/i.test(symbol) || /^[023]\d{5}$/.test(symbol);
  return buildCalendar(shenzhen ? 'XSHE' : 'XSHG', { extraTradingDays });
}

function sessionSinceListing(symbol: string, date: IsoDate, listingDate: IsoDate, cal: TradingCalendar | undefined): number {
  const listing = parseIsoDate(listingDate, 'listing date');
  if (date < listing) throw new InputError(`${symbol}: ${date} is before its listing date ${listing}`);
  return sessionsSinceListing(cal ?? exchangeCalendarFor(symbol), listing, date);
}

/**
 * The daily limit fraction for `symbol` on `date` (0.1 = ±10%), or null when no limit applies:
 * - main boards (60xxxx Shanghai, 00xxxx Shenzhen) and B shares: 0.10;
 * - STAR (688/689xxx): 0.20; ChiNext (300/301xxx): 0.20 from 2020-08-24, 0.10 before;
 * - Beijing Stock Exchange: 0.30;
 * - ST (opts.st): main board 0.05 (0.10 from 2025-07-07); STAR/ChiNext keep 0.20 (ChiNext 0.05
 *   before 2020-08-24);
 * - null: indices, ETFs/funds, non-A-share symbols, and a stock's first five sessions (STAR
 *   always; ChiNext from 2020-08-24; main board from 2023-04-10; Beijing: listing day only).
 *   Under the old regime a listing day had an asymmetric +44%/-36% cap, which is not a single
 *   fraction: it is reported as null, and sessions 2-5 get the board's normal limit.
 * Note: exchange-traded funds do have limits in practice (±10%, ±20% on STAR/ChiNext index
 * funds), but they depend on the fund's underlying, so they are not modelled (null).
 * @example priceLimitRule('688256.SS', '2025-08-12') // 0.2
 */
export function priceLimitRule(symbol: string, date: IsoDate, opts: PriceLimitOptions = {}): number | null {
  parseIsoDate(date);
  if (opts.kind === 'index' || opts.kind === 'etf') return null;
  const board = aShareBoard(symbol);
  if (board === null) return null;

  const session = opts.sessionNumber ?? (opts.listingDate ? sessionSinceListing(symbol, date, opts.listingDate, opts.calendar) : undefined);
  if (session !== undefined) {
    if (!Number.isInteger(session) || session < 1) throw new InputError(`${symbol}: session number since listing must be a whole number >= 1, got ${session}`);
    const registration =
      board === 'star' || (board === 'chinext' && date >= CHINEXT_20PCT_FROM) || (board === 'main' && date >= MAIN_BOARD_REGISTRATION_FROM);
    if (registration && session <= 5) return null;
    if (session === 1) return null;
  }

  const chinext20 = date >= CHINEXT_20PCT_FROM;
  switch (board) {
    case 'star':
      return 0.2;
    case 'chinext':
      return chinext20 ? 0.2 : opts.st ? 0.05 : 0.1;
    case 'bse':
      return 0.3;
    case 'main':
    case 'b-share':
      return opts.st ? (date >= MAIN_BOARD_ST_10PCT_FROM ? 0.1 : 0.05) : 0.1;
  }
}

/**
 * Limit price = prevClose × (1 ± limit), rounded half-up to 0.01 yuan (exchange rule).
 * Computed in integer cents and basis points, so there is no binary floating-point error:
 * 10.05 × 1.1 = 11.055 -> 11.06 exactly. A previous close that is not a whole number of cents
 * (e.g. a back-adjusted price) is rounded half-up in floating point with a 1e-9 guard.
 * @example limitPrice(707.4, 0.2, 'up') // 848.88
 */
export function limitPrice(prevClose: number, limit: number, direction: 'up' | 'down'): number {
  if (!Number.isFinite(prevClose) || prevClose <= 0) throw new InputError(`previous close must be a positive number, got ${prevClose}`);
  if (!Number.isFinite(limit) || limit <= 0 || limit >= 1) throw new InputError(`price limit must be a fraction between 0 and 1, got ${limit}`);
  if (direction !== 'up' && direction !== 'down') throw new InputError(`limit direction must be 'up' or 'down', got '${String(direction)}'`);
  const factorBp = 10_000 + (direction === 'up' ? 1 : -1) * Math.round(limit * 10_000);
  const cents = Math.round(prevClose * 100);
  if (Math.abs(prevClose * 100 - cents) < 1e-6 && Math.abs(limit * 10_000 - Math.round(limit * 10_000)) < 1e-9) {
    // cents × factorBp is an exact integer (< 2^53 for any real price); half-up = floor(x + 1/2).
    return Math.floor((cents * factorBp + 5_000) / 10_000) / 100;
  }
  const x = prevClose * (1 + (direction === 'up' ? limit : -limit)) * 100;
  return Math.floor(x + 0.5 + 1e-9) / 100;
}

export interface PriceLimitFlag {
  date: IsoDate;
  prevClose: number;
  /** Limit fraction in force, or null (no limit that day). */
  limit: number | null;
  limitUpPrice: number | null;
  limitDownPrice: number | null;
  /** Closed at the limit-up price: the return is censored from above. */
  limitUp: boolean;
  /** Closed at the limit-down price: censored from below. */
  limitDown: boolean;
  /** The day's high reached the limit-up price (intraday touch, close may be lower). */
  touchedUp: boolean;
  /** The day's low reached the limit-down price. */
  touchedDown: boolean;
}

export interface PriceLimitFlagOptions {
  /** ST status: a constant, or per date. */
  st?: boolean | ((date: IsoDate) => boolean);
  /**
   * Listing date. When absent, the series is assumed to start at listing, so its first five rows
   * are the no-limit listing sessions (a wrong guess only leaves five early days unflagged).
   */
  listingDate?: IsoDate;
  /** Price tolerance in yuan for "at the limit" (default 0.005: half a tick). */
  tolerance?: number;
}

/**
 * Limit-up / limit-down flags for each row after the first, from the `close` column (the traded
 * price; limits apply to traded prices, not to dividend-adjusted ones). A close within
 * `tolerance` (0.005 yuan) of a limit price counts as at the limit. Caveats, both rare on event
 * days: in forward-adjusted (qfq) data, `close` equals the traded price only when no dividend or
 * bonus issue came later, and rounding of adjusted prices can shift the limit by a tick; and on
 * an ex-dividend day the exchange's reference price is the ex-rights price, not the raw previous
 * close. Series that are not A-share stocks get limit null and all flags false.
 * @example priceLimitFlags(cambricon).find(f => f.date === '2025-08-12')?.limitUp // true
 */
export function priceLimitFlags(series: PriceSeries, opts: PriceLimitFlagOptions = {}): PriceLimitFlag[] {
  const tolerance = opts.tolerance ?? 0.005;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new InputError(`price-limit tolerance must be a non-negative number of yuan, got ${tolerance}`);
  const { symbol, kind } = series.info;
  const listing = opts.listingDate === undefined ? undefined : parseIsoDate(opts.listingDate, 'listing date');
  const out: PriceLimitFlag[] = [];
  // Session number of each row since listing: the row count when the series is assumed to start
  // at listing; otherwise counted on the exchange calendar (holiday tables + the series' dates).
  const cal = listing === undefined ? undefined : exchangeCalendarFor(symbol, series.rows.map((r) => r.date));
  for (let i = 1; i < series.rows.length; i++) {
    const row = series.rows[i];
    const prev = series.rows[i - 1];
    for (const [k, r] of [[i - 1, prev], [i, row]] as const) {
      if (!(r.close > 0) || !Number.isFinite(r.close)) throw new DataError(`${symbol} (${series.source}) row ${k + 1} (${r.date}): close is ${r.close}; prices must be positive numbers`);
    }
    const session = listing === undefined ? i + 1 : row.date < listing ? undefined : sessionsSinceListing(cal!, listing, row.date);
    const st = typeof opts.st === 'function' ? opts.st(row.date) : (opts.st ?? false);
    const limit = priceLimitRule(symbol, row.date, { st, kind, sessionNumber: session });
    if (limit === null) {
      out.push({ date: row.date, prevClose: prev.close, limit, limitUpPrice: null, limitDownPrice: null, limitUp: false, limitDown: false, touchedUp: false, touchedDown: false });
      continue;
    }
    const up = limitPrice(prev.close, limit, 'up');
    const down = limitPrice(prev.close, limit, 'down');
    const eps = tolerance + 1e-9;
    out.push({
      date: row.date,
      prevClose: prev.close,
      limit,
      limitUpPrice: up,
      limitDownPrice: down,
      limitUp: Math.abs(row.close - up) <= eps,
      limitDown: Math.abs(row.close - down) <= eps,
      touchedUp: row.high !== null && row.high >= up - eps,
      touchedDown: row.low !== null && row.low <= down + eps,
    });
  }
  return out;
}
