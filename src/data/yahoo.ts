/**
 * Daily prices from Yahoo Finance's v8 chart endpoint through yahoo-finance2 (v3).
 *
 * Network and provider failures become SourceError values with a `kind` the caller can act on
 * (offline / rate-limited -> fall back to the snapshot; not-found -> tell the user). Rows are
 * dated in the EXCHANGE's time zone: Yahoo stamps a daily bar with the UTC instant of the
 * session open (or local midnight for some series), so the UTC calendar date can be a day off.
 */
import { DataError, InputError, SourceError } from '../errors.ts';
import type { ExchangeCode, IsoDate, PriceRow, PriceSeries, SymbolInfo } from '../types.ts';

/** The subset of a Yahoo chart result we use (after yahoo-finance2's validation). */
export interface YahooChartQuote {
  date: Date;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number | null;
  adjclose?: number | null;
  volume: number | null;
}

export interface YahooChartResult {
  meta: {
    symbol: string;
    currency?: string;
    exchangeName?: string;
    fullExchangeName?: string;
    instrumentType?: string;
    exchangeTimezoneName?: string;
    gmtoffset?: number;
    longName?: string;
    shortName?: string;
  };
  quotes: YahooChartQuote[];
}

/** Converted series plus what was dropped or noticed on the way (to print, never hide). */
export interface YahooParseResult {
  series: PriceSeries;
  notices: string[];
}

/** A symbol Yahoo could know: letters, digits, '.', '-', '^', '=' (no slashes, no '..'). */
const YAHOO_SYMBOL = /^[\^]?[A-Za-z0-9][A-Za-z0-9.\-=]{0,19}$/;

/**
 * Reject symbols that could escape a URL path or a cache file name before any request is made.
 * @example assertYahooSymbol('688256.SS') // ok;  assertYahooSymbol('../x') // throws InputError
 */
export function assertYahooSymbol(symbol: string): void {
  if (!YAHOO_SYMBOL.test(symbol) || symbol.includes('..')) {
    throw new InputError(`not a valid symbol: '${symbol}' (expected something like NVDA, ^GSPC or 688256.SS)`);
  }
}

/**
 * The calendar date of an instant in an IANA time zone ('YYYY-MM-DD').
 * Falls back to a fixed UTC offset (seconds) when no zone name is known.
 * @example exchangeLocalDate(Date.parse('2025-08-21T16:00:00Z') / 1000, 'Asia/Shanghai') // '2025-08-22'
 */
export function exchangeLocalDate(epochSeconds: number, timeZone?: string, gmtOffsetSeconds = 0): IsoDate {
  if (timeZone) {
    // en-CA formats as YYYY-MM-DD.
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })
      .format(new Date(epochSeconds * 1000));
  }
  return new Date((epochSeconds + gmtOffsetSeconds) * 1000).toISOString().slice(0, 10);
}

/** Yahoo exchange codes -> MIC. Unknown codes return undefined (the caller says so). */
const YAHOO_EXCHANGE_TO_MIC: Record<string, ExchangeCode> = {
  NMS: 'XNAS', NGM: 'XNAS', NCM: 'XNAS', NAS: 'XNAS', NIM: 'XNAS',
  NYQ: 'XNYS', NYS: 'XNYS', PCX: 'XNYS', ASE: 'XNYS', BTS: 'XNYS',
  SHH: 'XSHG', SHZ: 'XSHE', HKG: 'XHKG',
};

/** Guess the exchange from Yahoo's meta, then from the symbol suffix (.SS, .SZ, .HK). */
export function exchangeFromYahooMeta(symbol: string, exchangeName: string | undefined): ExchangeCode {
  const fromMeta = exchangeName ? YAHOO_EXCHANGE_TO_MIC[exchangeName] : undefined;
  if (fromMeta) return fromMeta;
  if (/\.SS$/i.test(symbol)) return 'XSHG';
  if (/\.SZ$/i.test(symbol)) return 'XSHE';
  if (/\.HK$/i.test(symbol)) return 'XHKG';
  return 'XNYS';
}

const DEFAULT_ZONE: Record<ExchangeCode, string> = {
  XNYS: 'America/New_York', XNAS: 'America/New_York', XSHG: 'Asia/Shanghai', XSHE: 'Asia/Shanghai', XHKG: 'Asia/Hong_Kong',
  XLON: 'Europe/London', XETR: 'Europe/Berlin',
};

/** SymbolInfo from Yahoo's meta, used when the manifest does not know the symbol. */
export function symbolInfoFromYahooMeta(meta: YahooChartResult['meta']): SymbolInfo {
  const exchange = exchangeFromYahooMeta(meta.symbol, meta.exchangeName);
  const kind = meta.instrumentType === 'ETF' ? 'etf' : meta.instrumentType === 'INDEX' ? 'index' : 'stock';
  return {
    symbol: meta.symbol,
    name: meta.longName ?? meta.shortName ?? meta.symbol,
    aliases: [],
    exchange,
    currency: meta.currency ?? 'USD',
    timeZone: meta.exchangeTimezoneName ?? DEFAULT_ZONE[exchange],
    kind,
  };
}

/**
 * Turn a chart result into a PriceSeries dated in the exchange's zone, restricted to [from, to].
 * Rows with a null close are dropped and reported in `notices` (Yahoo emits them for halted or
 * not-yet-settled days); a missing adjclose falls back to close (noticed); a non-positive price
 * is a DataError naming symbol and date; a repeated date keeps the last bar (noticed).
 */
export function chartToPriceSeries(
  chart: YahooChartResult,
  range: { from: IsoDate; to: IsoDate },
  info: SymbolInfo = symbolInfoFromYahooMeta(chart.meta),
): YahooParseResult {
  const notices: string[] = [];
  const symbol = chart.meta.symbol;
  const zone = chart.meta.exchangeTimezoneName;
  const byDate = new Map<IsoDate, PriceRow>();
  const dropped: IsoDate[] = [];
  let adjMissing = 0;
  for (const q of chart.quotes) {
    const date = exchangeLocalDate(q.date.getTime() / 1000, zone, chart.meta.gmtoffset ?? 0);
    if (date < range.from || date > range.to) continue;
    if (q.close == null || !Number.isFinite(q.close)) {
      dropped.push(date);
      continue;
    }
    let adjClose = q.adjclose;
    if (adjClose == null || !Number.isFinite(adjClose)) {
      adjClose = q.close;
      adjMissing++;
    }
    for (const [field, value] of [['close', q.close], ['adjClose', adjClose], ['open', q.open], ['high', q.high], ['low', q.low]] as const) {
      if (value != null && !(value > 0)) {
        throw new DataError(`Yahoo returned a non-positive ${field} (${value}) for ${symbol} on ${date}`);
      }
    }
    if (q.volume != null && q.volume < 0) {
      throw new DataError(`Yahoo returned a negative volume (${q.volume}) for ${symbol} on ${date}`);
    }
    if (byDate.has(date)) notices.push(`Yahoo sent two bars for ${symbol} on ${date}; kept the later one`);
    byDate.set(date, { date, open: q.open, high: q.high, low: q.low, close: q.close, adjClose, volume: q.volume });
  }
  if (dropped.length > 0) {
    notices.push(`dropped ${dropped.length} Yahoo row(s) of ${symbol} with no close: ${dropped.join(', ')}`);
  }
  if (adjMissing > 0) notices.push(`${adjMissing} Yahoo row(s) of ${symbol} had no adjusted close; used the close`);
  const rows = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return { series: { info, rows, source: 'yahoo' }, notices };
}

/** UTC seconds at 00:00Z of an ISO date shifted by `days`. */
function isoToEpoch(date: IsoDate, days: number): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 + days * 86400;
}

/**
 * Wrap a fetch so transport failures and HTTP errors become SourceErrors BEFORE yahoo-finance2
 * sees them (it would otherwise print the URL to stderr and throw a generic HTTPError).
 */
export function guardedFetch(baseFetch: typeof fetch, symbol: string, timeoutMs = 20_000): typeof fetch {
  return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    let response: Response;
    try {
      // A hung connection counts as offline after timeoutMs (then the caller can fall back).
      response = await baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const reason = e instanceof Error ? (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message) : String(e);
      throw new SourceError(`network error: ${reason}`, 'offline');
    }
    if (response.ok) return response;
    const body = (await response.text().catch(() => '')).trim();
    if (response.status === 429) {
      throw new SourceError('HTTP 429 Too Many Requests', 'rate-limited');
    }
    if (response.status === 404) {
      let description = body;
      try {
        description = JSON.parse(body)?.chart?.error?.description ?? body;
      } catch { /* plain-text body */ }
      throw new SourceError(`Yahoo has no data for symbol '${symbol}' (HTTP 404: ${description || 'Not Found'})`, 'not-found');
    }
    if (response.status >= 500) {
      throw new SourceError(`HTTP ${response.status} ${response.statusText || 'server error'}`, 'offline');
    }
    throw new SourceError(`Yahoo answered HTTP ${response.status} for ${symbol}: ${body.slice(0, 120)}`, 'bad-response');
  }) as typeof fetch;
}

/** Map whatever yahoo-finance2 threw into a SourceError. */
function toSourceError(e: unknown, symbol: string): SourceError {
  if (e instanceof SourceError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/no data found|symbol may be delisted|not found/i.test(message)) {
    return new SourceError(`Yahoo has no data for symbol '${symbol}' (${message})`, 'not-found');
  }
  if (/too many requests/i.test(message)) return new SourceError('HTTP 429 Too Many Requests', 'rate-limited');
  const name = e instanceof Error ? e.name : 'error';
  return new SourceError(`Yahoo returned an unusable answer for ${symbol} (${name}: ${message.split('\n')[0]})`, 'bad-response');
}

export interface FetchYahooOptions {
  /** The fetch to use (tests inject a fake); defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** Receives yahoo-finance2's own log lines (runtime warnings etc.) instead of the console. */
  onLog?: (line: string) => void;
}

/**
 * Ask Yahoo for daily bars of `symbol` covering [from, to] (padded by 2 days on each side so a
 * bar stamped at local midnight east of UTC is not cut off; the parser trims to the range).
 */
export async function fetchYahooChart(symbol: string, range: { from: IsoDate; to: IsoDate }, opts: FetchYahooOptions = {}): Promise<YahooChartResult> {
  assertYahooSymbol(symbol);
  // Imported lazily: the library is large and only needed when the network is used.
  const { default: YahooFinance } = await import('yahoo-finance2');
  const log = (...args: unknown[]) => opts.onLog?.(args.map(String).join(' '));
  const yf = new YahooFinance({
    fetch: guardedFetch(opts.fetch ?? globalThis.fetch, symbol),
    suppressNotices: ['yahooSurvey'],
    versionCheck: false,
    validation: { logErrors: false, logOptionsErrors: false },
    logger: { info: log, warn: log, error: log, debug: () => {}, dir: () => {} },
  });
  try {
    const result = await yf.chart(symbol, {
      period1: isoToEpoch(range.from, -2),
      period2: isoToEpoch(range.to, 3),
      interval: '1d',
      events: '',
    });
    return { meta: result.meta as YahooChartResult['meta'], quotes: result.quotes as YahooChartQuote[] };
  } catch (e) {
    throw toSourceError(e, symbol);
  }
}
