/**
 * The plain-data records that flow between stages (see shared/spec/ARCHITECTURE.md).
 * No classes, no hidden state: every stage takes and returns these.
 */

/** ISO 8601 calendar date, exchange-local: 'YYYY-MM-DD'. */
export type IsoDate = string;

/** Exchanges with a built-in holiday table (src/calendar/holidays.ts), by ISO 10383 MIC. */
export type KnownExchangeCode = 'XNYS' | 'XNAS' | 'XSHG' | 'XSHE' | 'XHKG' | 'XLON' | 'XETR';

/**
 * An exchange code: one of the known MICs (listed for autocomplete), or any other MIC-like code
 * ('XTSE', 'XPAR', 'XTKS'). An exchange without a holiday table gets the sessions its series
 * actually traded as its calendar (see buildCalendar).
 */
export type ExchangeCode = KnownExchangeCode | (string & {});

/** One daily bar in the normalized snapshot schema. Volume in shares (never lots). */
export interface PriceRow {
  date: IsoDate;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  /** Dividend- and split-adjusted close; returns are computed from this. */
  adjClose: number;
  volume: number | null;
  /** A-share turnover, percent of the float traded that day (Eastmoney 换手率); absent elsewhere. */
  turnoverPct?: number | null;
}

/** What kind of instrument a symbol is: matters for price limits and labels. */
export type InstrumentKind = 'stock' | 'etf' | 'index';

/** Static facts about a symbol, from data/manifest.json. */
export interface SymbolInfo {
  /** Yahoo-style symbol: 'NVDA', '^GSPC', '688256.SS'. */
  symbol: string;
  name: string;
  aliases: string[];
  exchange: ExchangeCode;
  currency: string;
  timeZone: string;
  kind: InstrumentKind;
  /**
   * First trading day of the security, when known (from the manifest or the user). Only this
   * marks the first sessions after listing (China A-shares: no price limit); the first row of a
   * series is never taken to be the listing day.
   */
  listingDate?: IsoDate;
}

/** A daily price history of one symbol, sorted by date, no duplicate dates. */
export interface PriceSeries {
  info: SymbolInfo;
  rows: PriceRow[];
  /** Where the rows came from, human readable ('snapshot data/prices/NVDA.csv', 'yahoo (cache)'). */
  source: string;
}

/** Daily returns of one symbol. returns[i] is the return from dates[i-1]'s close to dates[i]'s close. */
export interface ReturnSeries {
  symbol: string;
  dates: IsoDate[];
  returns: Float64Array;
  kind: 'simple' | 'log';
}

/** An announcement: when the news became public. */
export interface Announcement {
  date: IsoDate;
  /** 'HH:MM' local time in `timeZone`; absent when unknown (then the date is treated as before the open). */
  time?: string;
  /** IANA time zone of `date`/`time`, e.g. 'America/New_York', 'Asia/Shanghai'. Defaults to the exchange's. */
  timeZone?: string;
}

/** How an announcement on a non-trading day or after the close moves day 0. */
export type Day0Rule = 'next' | 'previous' | 'skip';

/** A relative-day window [start, end], both inclusive, in trading days relative to day 0. */
export type RelWindow = readonly [number, number];
