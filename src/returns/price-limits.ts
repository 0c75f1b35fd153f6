/**
 * China A-share daily price limits (涨跌幅限制), STATISTICS.md "Price limits", by board, code and
 * date.
 *
 * A close at the limit-up price means demand exceeded supply at the cap: the observed return is
 * censored, and reports must say so next to any abnormal return on that day.
 *
 * Sources for the dated rules below:
 * - STAR Market (since 2019-07-22): ±20%, no limit in the first five sessions (SSE STAR Market
 *   trading rules).
 * - ChiNext registration reform, effective 2020-08-24: ±20% (ST included), no limit in the first
 *   five sessions of stocks listed under it; ±10% (ST ±5%) before (SZSE ChiNext trading rules).
 * - Main-board registration system: IPOs listed from 2023-04-10 have no limit in their first
 *   five sessions (SSE/SZSE trading rules revised for the full registration system).
 * - Before the registration system, a main-board (and pre-reform ChiNext) listing day was capped
 *   at 144% and floored at 64% of the IPO price in continuous trading (SSE "Notice of Relevant
 *   Issues of Regulation on Trading at Preliminary Stage of New Shares Listing", 13 June 2014,
 *   keeping the 144%/64% bounds of the December 2013 notice for the IPO restart of January 2014);
 *   the days after it had the normal limit.
 * - Beijing Stock Exchange (opened 2021-11-15): ±30%, no limit on the listing day.
 * - Main-board risk-warning (ST, *ST) stocks: ±5% until the SSE/SZSE trading-rule revisions
 *   effective 2026-07-06 raised it to ±10% (SSE draft of April 2026 folding in the June 2025
 *   consultation on "调整主板风险警示股票价格涨跌幅限制比例"; HKEX China Connect circular of
 *   15 June 2026: "Increasing the daily price limit for risk alert stocks on the Main Board of SSE
 *   and SZSE from 5% to 10%", effective 6 July 2026). The June 2025 notice was a consultation
 *   only; the limit stayed at 5% in between.
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
/** Listing days from this date (IPO restart of January 2014) carry the +44% / -36% band of the IPO price. */
export const LISTING_DAY_BAND_FROM: IsoDate = '2014-01-01';
/**
 * SSE/SZSE main-board risk-warning (ST, *ST) stocks: limit widened from 5% to 10% on this date
 * (trading-rule revisions effective 2026-07-06, see the sources above).
 */
export const MAIN_BOARD_ST_10PCT_FROM: IsoDate = '2026-07-06';

/**
 * The board of an A-share stock from its symbol ('688256.SS', '300750.SZ', '600519.SH',
 * '830799.BJ', or a bare 6-digit code), or null for anything that is not an A/B-share stock (US
 * symbols, indices such as 000001.SS / 399001.SZ, funds and ETFs).
 * Codes: Shanghai main board 600/601/603/605, STAR 688/689, B shares 900; Shenzhen main board
 * 000/001/002/003, ChiNext 300/301/302, B shares 200; Beijing 43/83/87/88/92.
 * @example aShareBoard('301269.SZ') // 'chinext'
 */
export function aShareBoard(symbol: string): AShareBoard | null {
  const m = /^(\d{6})(?:\.(SS|SH|SZ|BJ))?$/i.exec(symbol.trim());
  if (!m) return null;
  const code = m[1];
  const market = m[2]?.toUpperCase() ?? (code.startsWith('92') || /^[48]/.test(code) ? 'BJ' : /^[69]/.test(code) ? 'SS' : 'SZ');
  if (market === 'SS' || market === 'SH') {
    if (/^60[0135]/.test(code)) return 'main';
    if (/^68[89]/.test(code)) return 'star';
    if (code.startsWith('900')) return 'b-share';
    return null; // 000xxx.SS are SSE indices, 5xxxxx funds/ETFs
  }
  if (market === 'SZ') {
    if (/^00[0-3]/.test(code)) return 'main';
    if (/^30[0-2]/.test(code)) return 'chinext';
    if (code.startsWith('200')) return 'b-share';
    return null; // 399xxx indices, 15/16/18xxxx funds and ETFs
  }
  return /^(43|83|87|88|92)/.test(code) ? 'bse' : null;
}

/**
 * True when a security name marks a risk-warning stock: 'ST' or '*ST' (also 'SST', 'S*ST') as a
 * word of its own, the way exchanges prefix the short name ('*ST康美', 'ST Kangmei').
 * 'STAR 50' or 'Mastercard' do not count.
 * @example isRiskWarningName('*ST康美') // true
 */
export function isRiskWarningName(name: string): boolean {
  return /(?:^|[\s(（])(?:S?\*?)ST(?=$|[\s(（)）]|[\u3400-\u9fff])/u.test(name);
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

/** The price band in force on a day: fractions up and down of its reference price. */
export interface PriceLimitBand {
  up: number;
  down: number;
  /** The price the fractions apply to: the previous close, or the IPO price on a listing day. */
  reference: 'previous close' | 'IPO price';
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
  // Shenzhen codes start 0/2/3; Shanghai 6/9; Beijing stocks are counted on the Shanghai table
  // (the Beijing exchange closes on the same national holidays), with their own days outside it.
  const shenzhen = /\.SZ$/i.test(symbol) || /^[023]\d{5}$/.test(symbol);
  return buildCalendar(shenzhen ? 'XSHE' : 'XSHG', { extraTradingDays });
}

function sessionSinceListing(symbol: string, date: IsoDate, listingDate: IsoDate, cal: TradingCalendar | undefined): number {
  const listing = parseIsoDate(listingDate, 'listing date');
  if (date < listing) throw new InputError(`${symbol}: ${date} is before its listing date ${listing}`);
  return sessionsSinceListing(cal ?? exchangeCalendarFor(symbol), listing, date);
}

/**
 * The price band for `symbol` on `date`, or null when no limit applies (see the module comment
 * for the sources):
 * - main boards and B shares ±10%, ST ±5% (±10% from 2026-07-06);
 * - STAR ±20%; ChiNext ±20% from 2020-08-24 (ST too), ±10% (ST ±5%) before;
 * - Beijing ±30%;
 * - first sessions after listing, when the session number (or listing date) is known: no limit
 *   in the first five for STAR, for ChiNext listed from 2020-08-24 and for the main board listed
 *   from 2023-04-10; no limit on a Beijing listing day; earlier main-board and ChiNext listing
 *   days (from 2014) have +44% / -36% of the IPO price, and their sessions 2-5 the normal limit;
 * - null for indices, ETFs/funds and non-A-share symbols. (Exchange-traded funds do have limits
 *   in practice, ±10% or ±20% depending on the underlying, which are not modelled.)
 * Without a session number the listing rules are not applied: the board's limit is returned.
 * @example priceLimitBand('600000.SS', '2022-03-01', { sessionNumber: 1, listingDate: '2022-03-01' }) // { up: 0.44, down: 0.36, reference: 'IPO price' }
 */
export function priceLimitBand(symbol: string, date: IsoDate, opts: PriceLimitOptions = {}): PriceLimitBand | null {
  parseIsoDate(date);
  if (opts.kind === 'index' || opts.kind === 'etf') return null;
  const board = aShareBoard(symbol);
  if (board === null) return null;

  const session = opts.sessionNumber ?? (opts.listingDate ? sessionSinceListing(symbol, date, opts.listingDate, opts.calendar) : undefined);
  if (session !== undefined) {
    if (!Number.isInteger(session) || session < 1) throw new InputError(`${symbol}: the session number since listing must be a whole number >= 1, got ${session}`);
    // The regime a stock lists under is fixed at listing: the listing date when known, else the
    // date itself (sessions 1-5 lie within days of it).
    const listedOn = opts.listingDate ?? date;
    const registration =
      board === 'star' || (board === 'chinext' && listedOn >= CHINEXT_20PCT_FROM) || (board === 'main' && listedOn >= MAIN_BOARD_REGISTRATION_FROM);
    if (registration && session <= 5) return null;
    if (session === 1) {
      if ((board === 'main' || board === 'chinext') && listedOn >= LISTING_DAY_BAND_FROM) return { up: 0.44, down: 0.36, reference: 'IPO price' };
      return null; // Beijing and B-share listing days, and listings before 2014: no band modelled
    }
  }

  const limit = boardLimit(board, date, opts.st ?? false);
  return { up: limit, down: limit, reference: 'previous close' };
}

function boardLimit(board: AShareBoard, date: IsoDate, st: boolean): number {
  switch (board) {
    case 'star':
      return 0.2;
    case 'chinext':
      return date >= CHINEXT_20PCT_FROM ? 0.2 : st ? 0.05 : 0.1;
    case 'bse':
      return 0.3;
    case 'main':
    case 'b-share':
      return st && date < MAIN_BOARD_ST_10PCT_FROM ? 0.05 : 0.1;
  }
}

/**
 * The daily limit fraction for `symbol` on `date` (0.1 = ±10%) relative to the previous close,
 * or null when no symmetric limit applies (no limit, or a listing day's band relative to the IPO
 * price: see priceLimitBand for the rules).
 * @example priceLimitRule('688256.SS', '2025-08-12') // 0.2
 */
export function priceLimitRule(symbol: string, date: IsoDate, opts: PriceLimitOptions = {}): number | null {
  const band = priceLimitBand(symbol, date, opts);
  return band && band.reference === 'previous close' ? band.up : null;
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
  /** The reference price: the previous close, or the IPO price on a listing day with a band. */
  prevClose: number;
  /** Symmetric limit fraction in force, or null (no limit that day, or a listing-day band: see `band`). */
  limit: number | null;
  /** The band in force (fractions up and down of `prevClose`), or null when there is no limit. */
  band: PriceLimitBand | null;
  /** Risk-warning (ST) status used for the day. */
  st: boolean;
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
  /**
   * ST status: a constant, or per date. Default: from the series' name ('ST' or '*ST' as a word
   * of its own, see isRiskWarningName), applied to every row, since a name is a snapshot of one
   * moment; give the per-date form when the status changed over the series.
   */
  st?: boolean | ((date: IsoDate) => boolean);
  /**
   * Listing date. Default: the series' `info.listingDate` (from the manifest). When neither is
   * known the first row is NOT taken to be the listing day: every row gets its board's normal
   * limit, and the no-limit listing sessions are not recognised.
   */
  listingDate?: IsoDate;
  /** The IPO price, to flag a pre-registration listing day against its +44% / -36% band. */
  ipoPrice?: number;
  /** Price tolerance in yuan for "at the limit" (default 0.005: half a tick). */
  tolerance?: number;
}

/**
 * Limit-up / limit-down flags for each row after the first (and for the listing day itself when
 * it is the first row and `ipoPrice` is given), from the `close` column (the traded price; limits
 * apply to traded prices, not to dividend-adjusted ones). A close within `tolerance` (0.005 yuan)
 * of a limit price counts as at the limit. Rules by board, code and date: priceLimitBand.
 * Listing sessions are recognised only from a known listing date (option or manifest). Caveats,
 * both rare on event days: in forward-adjusted (qfq) data, `close` equals the traded price only
 * when no dividend or bonus issue came later, and rounding of adjusted prices can shift the limit
 * by a tick; and on an ex-dividend day the exchange's reference price is the ex-rights price, not
 * the raw previous close. Series that are not A-share stocks get limit null and all flags false.
 * @example priceLimitFlags(cambricon).find(f => f.date === '2025-08-12')?.limitUp // true
 */
export function priceLimitFlags(series: PriceSeries, opts: PriceLimitFlagOptions = {}): PriceLimitFlag[] {
  const tolerance = opts.tolerance ?? 0.005;
  if (!Number.isFinite(tolerance) || tolerance < 0) throw new InputError(`price-limit tolerance must be a non-negative number of yuan, got ${tolerance}`);
  if (opts.ipoPrice !== undefined && !(Number.isFinite(opts.ipoPrice) && opts.ipoPrice > 0)) {
    throw new InputError(`${series.info.symbol}: the IPO price must be a positive number, got ${opts.ipoPrice}`);
  }
  const { symbol, kind, name } = series.info;
  const listingRaw = opts.listingDate ?? series.info.listingDate;
  const listing = listingRaw === undefined ? undefined : parseIsoDate(listingRaw, 'listing date');
  const stFromName = isRiskWarningName(name);
  const stOn = (date: IsoDate) => (typeof opts.st === 'function' ? opts.st(date) : (opts.st ?? stFromName));
  const out: PriceLimitFlag[] = [];
  // Session number of each row since listing, counted on the exchange calendar (holiday table +
  // the series' own dates); unknown without a listing date.
  const cal = listing === undefined ? undefined : exchangeCalendarFor(symbol, series.rows.map((r) => r.date));
  const checkClose = (k: number) => {
    const r = series.rows[k];
    if (!(r.close > 0) || !Number.isFinite(r.close)) throw new DataError(`${symbol} (${series.source}) row ${k + 1} (${r.date}): close is ${r.close}; prices must be positive numbers`);
  };
  const flag = (k: number, reference: number) => {
    const row = series.rows[k];
    const session = listing === undefined || row.date < listing ? undefined : sessionsSinceListing(cal!, listing, row.date);
    const st = stOn(row.date);
    const band = priceLimitBand(symbol, row.date, { st, kind, sessionNumber: session, listingDate: listing });
    const limit = band && band.reference === 'previous close' ? band.up : null;
    if (band === null || (band.reference === 'IPO price' && k > 0)) {
      out.push({ date: row.date, prevClose: reference, limit: null, band: null, st, limitUpPrice: null, limitDownPrice: null, limitUp: false, limitDown: false, touchedUp: false, touchedDown: false });
      return;
    }
    const up = limitPrice(reference, band.up, 'up');
    const down = limitPrice(reference, band.down, 'down');
    const eps = tolerance + 1e-9;
    out.push({
      date: row.date,
      prevClose: reference,
      limit,
      band,
      st,
      limitUpPrice: up,
      limitDownPrice: down,
      limitUp: Math.abs(row.close - up) <= eps,
      limitDown: Math.abs(row.close - down) <= eps,
      touchedUp: row.high !== null && row.high >= up - eps,
      touchedDown: row.low !== null && row.low <= down + eps,
    });
  };
  if (series.rows.length > 0 && opts.ipoPrice !== undefined && listing === series.rows[0].date) {
    checkClose(0);
    flag(0, opts.ipoPrice);
  }
  for (let i = 1; i < series.rows.length; i++) {
    checkClose(i - 1);
    checkClose(i);
    flag(i, series.rows[i - 1].close);
  }
  return out;
}
