/**
 * Daily prices and share counts from Yahoo Finance through yahoo-finance2 (v3): `chart()` (v8 chart
 * endpoint, with dividend and split events) and `quoteSummary()` (defaultKeyStatistics, price).
 *
 * Network and provider failures become SourceError values with a `kind` the caller can act on
 * (offline / rate-limited -> fall back to pinned or bundled data; not-found -> tell the user), and
 * every message names Yahoo Finance. Every request (headers AND body) must finish within
 * `timeoutMs` (default 20 s), so a silent server or a stalled body fails well inside 30 s.
 *
 * Rows are dated in the EXCHANGE's time zone: Yahoo stamps a daily bar with the UTC instant of the
 * session open (or local midnight for some series), so the UTC calendar date can be a day off.
 * The raw body of each answer is handed back byte for byte, so callers can pin it (see live.ts).
 */
import { DataError, InputError, SourceError } from '../errors.ts';
import type { ExchangeCode, IsoDate, PriceRow, PriceSeries, SymbolInfo } from '../types.ts';

/** The subset of a Yahoo chart quote we use (after yahoo-finance2's validation). */
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
    currency?: string | null;
    exchangeName?: string;
    fullExchangeName?: string;
    instrumentType?: string;
    exchangeTimezoneName?: string;
    gmtoffset?: number;
    longName?: string;
    shortName?: string;
    /** Yahoo's close of the session before the first bar (on the same adjustment basis as `close`). */
    chartPreviousClose?: number;
  };
  quotes: YahooChartQuote[];
  /** Present when the request asked for events ('div|split'). */
  events?: {
    dividends?: { amount: number; date: Date }[];
    splits?: { date: Date; numerator: number; denominator: number; splitRatio?: string }[];
  };
}

/** A split from the response's events, dated on the exchange's calendar. */
export interface YahooSplit {
  date: IsoDate;
  numerator: number;
  denominator: number;
  /** What the adjusted close and the close show on that day, in words (see describeSplit). */
  check: string;
}

/** A cash dividend from the response's events (ex-date), in the series' currency after unit conversion. */
export interface YahooDividend {
  date: IsoDate;
  amount: number;
  /** The dividend implied by the adjusted close across the ex-date; null when the day before is not in the range. */
  impliedByAdjClose: number | null;
}

/** Yahoo quotes some markets in minor units; prices are converted to the major currency. */
export interface MinorUnit {
  /** Yahoo's currency code ('GBp'). */
  quoted: string;
  /** The currency the series is stored in ('GBP'). */
  currency: string;
  /** Stored price = Yahoo price / divisor. */
  divisor: number;
}

/** Converted series plus what was found or noticed on the way (to print and pin, never hide). */
export interface YahooParseResult {
  series: PriceSeries;
  notices: string[];
  splits: YahooSplit[];
  dividends: YahooDividend[];
  /** Distributions the adjusted close implies on days the events do not list. */
  unlistedAdjustments: { date: IsoDate; implied: number }[];
  unit: MinorUnit | null;
  /** Yahoo's exchange code and whether it mapped to a MIC. */
  yahooExchange: string | null;
  exchangeMapped: boolean;
}

/** A symbol Yahoo could know: letters, digits, '.', '-', '^', '=' (no slashes, no '..'). */
const YAHOO_SYMBOL = /^[\^]?[A-Za-z0-9][A-Za-z0-9.\-=]{0,19}$/;

/**
 * Reject symbols that could escape a URL path or a file name before any request is made.
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

/**
 * Yahoo exchange codes -> MIC. LSE and GER (XETRA) are the codes the recorded responses show for
 * OCDO.L and WSU.DE. Codes not listed keep Yahoo's code (see exchangeFromYahooMeta).
 */
const YAHOO_EXCHANGE_TO_MIC: Record<string, string> = {
  NMS: 'XNAS', NGM: 'XNAS', NCM: 'XNAS', NAS: 'XNAS', NIM: 'XNAS',
  NYQ: 'XNYS', NYS: 'XNYS', PCX: 'XNYS', ASE: 'XNYS', BTS: 'XNYS',
  SHH: 'XSHG', SHZ: 'XSHE', HKG: 'XHKG',
  LSE: 'XLON', GER: 'XETR',
};

/** Symbol suffixes Yahoo uses for those exchanges, when the meta names none. */
const SUFFIX_TO_MIC: [RegExp, string][] = [[/\.SS$/i, 'XSHG'], [/\.SZ$/i, 'XSHE'], [/\.HK$/i, 'XHKG'], [/\.L$/i, 'XLON'], [/\.DE$/i, 'XETR']];

/**
 * The exchange of a Yahoo answer: a MIC from Yahoo's exchange code, else from the symbol suffix,
 * else Yahoo's own code as stated (the calendar then comes from the series itself; the manifest
 * notes say the code is Yahoo's, not a MIC).
 * @example exchangeFromYahooMeta('OCDO.L', 'LSE') // { exchange: 'XLON', mapped: true }
 * @example exchangeFromYahooMeta('7203.T', 'JPX') // { exchange: 'JPX', mapped: false }
 */
export function exchangeFromYahooMeta(symbol: string, exchangeName: string | undefined): { exchange: ExchangeCode; mapped: boolean } {
  const fromMeta = exchangeName ? YAHOO_EXCHANGE_TO_MIC[exchangeName] : undefined;
  const fromSuffix = SUFFIX_TO_MIC.find(([re]) => re.test(symbol))?.[1];
  const mic = fromMeta ?? fromSuffix;
  if (mic) return { exchange: mic, mapped: true };
  // The calendar accepts any short upper-case code (a series-built calendar); Yahoo's codes are such.
  const stated = (exchangeName ?? '').toUpperCase();
  return { exchange: /^[A-Z0-9]{2,12}$/.test(stated) ? stated : 'UNKNOWN', mapped: false };
}

/**
 * Yahoo's minor-unit currency codes: prices in pence (GBp, GBX), South African cents (ZAc) and
 * Israeli agorot (ILA) are divided by 100 into the major currency.
 */
const MINOR_UNITS: Record<string, { currency: string; divisor: number }> = {
  GBp: { currency: 'GBP', divisor: 100 },
  GBX: { currency: 'GBP', divisor: 100 },
  ZAc: { currency: 'ZAR', divisor: 100 },
  ILA: { currency: 'ILS', divisor: 100 },
};

/**
 * The minor unit a Yahoo currency code denotes, or null for a major currency.
 * @example minorUnit('GBp') // { quoted: 'GBp', currency: 'GBP', divisor: 100 }
 */
export function minorUnit(currency: string): MinorUnit | null {
  const m = MINOR_UNITS[currency];
  return m ? { quoted: currency, ...m } : null;
}

/** SymbolInfo from Yahoo's meta: exchange, currency (major unit) and time zone as Yahoo states them. */
export function symbolInfoFromYahooMeta(meta: YahooChartResult['meta']): SymbolInfo {
  const { exchange } = exchangeFromYahooMeta(meta.symbol, meta.exchangeName);
  const kind = meta.instrumentType === 'ETF' ? 'etf' : meta.instrumentType === 'INDEX' ? 'index' : 'stock';
  if (!meta.currency) throw new DataError(`Yahoo Finance's answer for ${meta.symbol} states no currency`);
  if (!meta.exchangeTimezoneName) throw new DataError(`Yahoo Finance's answer for ${meta.symbol} states no exchange time zone`);
  return {
    symbol: meta.symbol,
    name: meta.longName ?? meta.shortName ?? meta.symbol,
    aliases: [],
    exchange,
    currency: minorUnit(meta.currency)?.currency ?? meta.currency,
    timeZone: meta.exchangeTimezoneName,
    kind,
  };
}

/**
 * Relative size below which a change in adjClose/close is float noise, not a distribution: Yahoo's
 * adjusted closes carry ~7 significant digits (float32), noise ~3e-7; AAPL's 0.205 dividend is 1.7e-3.
 */
const ADJUSTMENT_NOISE = 2e-5;

/**
 * The cash distribution implied by the adjusted close across day t:
 * D = close_{t-1} × (1 − (adj_{t-1}/close_{t-1}) / (adj_t/close_t)) (Yahoo's multiplicative
 * adjustment factor 1 − D/close_{t-1}, CRSP-style).
 * @example impliedDistribution({ close: 119.03, adjClose: 116.066 }, { close: 118.69, adjClose: 115.934 }) // ≈ 0.205
 */
export function impliedDistribution(prev: Pick<PriceRow, 'close' | 'adjClose'>, row: Pick<PriceRow, 'close' | 'adjClose'>): number {
  return prev.close * (1 - prev.adjClose / prev.close / (row.adjClose / row.close));
}

/**
 * What the prices show on a split day: Yahoo back-adjusts `close` for splits, so on the split day
 * close_t / close_{t-1} should match adjClose_t / adjClose_{t-1}, with no drop by the split ratio.
 * Uses the previous row, else Yahoo's chartPreviousClose for the first bar of the range.
 */
function describeSplit(rows: PriceRow[], i: number, ratio: number, previousClose: number | undefined): string {
  const row = rows[i];
  const prevClose = i > 0 ? rows[i - 1].close : previousClose;
  if (prevClose === undefined) return 'no earlier close in the answer to compare';
  const closeMove = row.close / prevClose - 1;
  const asTraded = Math.abs(row.close / prevClose / (1 / ratio) - 1) < Math.abs(closeMove);
  const basis = i > 0 ? 'the previous close' : "Yahoo's chartPreviousClose";
  return asTraded
    ? `close moves ${(closeMove * 100).toFixed(1)}% against ${basis} (as traded; adjClose carries the split)`
    : `close moves ${(closeMove * 100).toFixed(1)}% against ${basis}: Yahoo's close is already split-adjusted`;
}

/**
 * Turn a chart result into a PriceSeries dated in the exchange's zone, restricted to [from, to].
 * Rows with a null close are dropped and reported in `notices` (Yahoo emits them for halted or
 * not-yet-settled days); a missing adjclose falls back to close (noticed); a non-positive price
 * is a DataError naming symbol and date; a repeated date keeps the last bar (noticed). Prices in
 * a minor unit (GBp) are divided into the major currency (GBP). Splits and dividends come from
 * the events, each checked against the adjusted close; distributions the adjusted close implies
 * on days without an event are listed too.
 */
export function chartToPriceSeries(
  chart: YahooChartResult,
  range: { from: IsoDate; to: IsoDate },
  info: SymbolInfo = symbolInfoFromYahooMeta(chart.meta),
): YahooParseResult {
  const notices: string[] = [];
  const symbol = chart.meta.symbol;
  const zone = chart.meta.exchangeTimezoneName;
  const localDate = (d: Date) => exchangeLocalDate(d.getTime() / 1000, zone, chart.meta.gmtoffset ?? 0);
  const unit = chart.meta.currency ? minorUnit(chart.meta.currency) : null;
  const scale = (v: number | null | undefined): number | null => (v == null ? null : unit ? v / unit.divisor : v);
  const byDate = new Map<IsoDate, PriceRow>();
  const dropped: IsoDate[] = [];
  let adjMissing = 0;
  for (const q of chart.quotes) {
    const date = localDate(q.date);
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
        throw new DataError(`Yahoo Finance returned a non-positive ${field} (${value}) for ${symbol} on ${date}`);
      }
    }
    if (q.volume != null && q.volume < 0) {
      throw new DataError(`Yahoo Finance returned a negative volume (${q.volume}) for ${symbol} on ${date}`);
    }
    if (byDate.has(date)) notices.push(`Yahoo Finance sent two bars for ${symbol} on ${date}; kept the later one`);
    byDate.set(date, { date, open: scale(q.open), high: scale(q.high), low: scale(q.low), close: scale(q.close)!, adjClose: scale(adjClose)!, volume: q.volume });
  }
  if (dropped.length > 0) {
    notices.push(`dropped ${dropped.length} Yahoo Finance row(s) of ${symbol} with no close: ${dropped.join(', ')}`);
  }
  if (adjMissing > 0) notices.push(`${adjMissing} Yahoo Finance row(s) of ${symbol} had no adjusted close; used the close`);
  const rows = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const index = new Map(rows.map((r, i) => [r.date, i]));

  const splits: YahooSplit[] = [];
  for (const s of chart.events?.splits ?? []) {
    const date = localDate(s.date);
    if (date < range.from || date > range.to) continue;
    const i = index.get(date);
    const ratio = s.numerator / s.denominator;
    const previous = chart.meta.chartPreviousClose === undefined ? undefined : scale(chart.meta.chartPreviousClose) ?? undefined;
    splits.push({ date, numerator: s.numerator, denominator: s.denominator, check: i === undefined ? 'no bar on that day' : describeSplit(rows, i, ratio, previous) });
  }
  const dividends: YahooDividend[] = [];
  for (const d of chart.events?.dividends ?? []) {
    const date = localDate(d.date);
    if (date < range.from || date > range.to) continue;
    const i = index.get(date);
    dividends.push({ date, amount: scale(d.amount)!, impliedByAdjClose: i !== undefined && i > 0 ? impliedDistribution(rows[i - 1], rows[i]) : null });
  }
  const listed = new Set([...splits.map((s) => s.date), ...dividends.map((d) => d.date)]);
  const unlistedAdjustments: { date: IsoDate; implied: number }[] = [];
  for (let i = 1; i < rows.length; i++) {
    if (listed.has(rows[i].date)) continue;
    const change = (rows[i - 1].adjClose / rows[i - 1].close) / (rows[i].adjClose / rows[i].close) - 1;
    if (Math.abs(change) > ADJUSTMENT_NOISE) unlistedAdjustments.push({ date: rows[i].date, implied: impliedDistribution(rows[i - 1], rows[i]) });
  }
  const exchange = exchangeFromYahooMeta(symbol, chart.meta.exchangeName);
  return {
    series: { info, rows, source: 'yahoo' },
    notices,
    splits,
    dividends,
    unlistedAdjustments,
    unit,
    yahooExchange: chart.meta.exchangeName ?? null,
    exchangeMapped: exchange.mapped,
  };
}

/** UTC seconds at 00:00Z of an ISO date shifted by `days`. */
function isoToEpoch(date: IsoDate, days: number): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 + days * 86400;
}

/** A response body exactly as received, with the request it answered. */
export interface RawYahooResponse {
  url: string;
  status: number;
  /** The body text, byte for byte as Yahoo sent it (UTF-8). */
  body: string;
  /** The response's Date header (when Yahoo produced it), or null. */
  date: string | null;
}

export interface GuardOptions {
  /** Each request, headers and body, must finish within this many ms (default 20 000). */
  timeoutMs?: number;
  /** Receives every completed response (the handshake for a crumb included). */
  onResponse?: (response: RawYahooResponse) => void;
}

/** The default request timeout: well inside the 30 s a user waits for an offline answer. */
export const YAHOO_TIMEOUT_MS = 20_000;

/** The reason of a failed transport in one line: 'fetch failed: getaddrinfo ENOTFOUND host'. */
function transportReason(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message;
}

/**
 * Wrap a fetch so that (1) the whole request, headers and body, is bounded by `timeoutMs` (a
 * silent server and a stalled body both fail), and (2) transport failures and HTTP errors become
 * SourceErrors naming Yahoo BEFORE yahoo-finance2 sees them (it would otherwise print the URL to
 * stderr and throw a generic HTTPError). The body is read here, handed to `onResponse`, and
 * returned to yahoo-finance2 as a fresh Response. Redirects (3xx) pass through: the crumb
 * handshake of quoteSummary uses them.
 */
export function guardedFetch(baseFetch: typeof fetch, symbol: string, opts: GuardOptions = {}): typeof fetch {
  const timeoutMs = opts.timeoutMs ?? YAHOO_TIMEOUT_MS;
  const seconds = `${+(timeoutMs / 1000).toFixed(3)} s`;
  return (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const controller = new AbortController();
    let phase: 'headers' | 'body' = 'headers';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new SourceError(
            phase === 'headers'
              ? `Yahoo Finance did not answer within ${seconds}`
              : `Yahoo Finance's answer stalled: the body did not finish within ${seconds}`,
            'offline',
          ),
        );
      }, timeoutMs);
    });
    expired.catch(() => {}); // settled through the races below; never an unhandled rejection
    let response: Response;
    let body: string;
    try {
      try {
        response = await Promise.race([baseFetch(input, { ...init, signal: controller.signal }), expired]);
      } catch (e) {
        if (e instanceof SourceError) throw e;
        throw new SourceError(`cannot reach Yahoo Finance (${transportReason(e)})`, 'offline');
      }
      phase = 'body';
      try {
        body = await Promise.race([response.text(), expired]);
      } catch (e) {
        if (e instanceof SourceError) {
          response.body?.cancel().catch(() => {});
          throw e;
        }
        throw new SourceError(`Yahoo Finance's answer broke off (${transportReason(e)})`, 'offline');
      }
    } finally {
      clearTimeout(timer);
    }
    if (response.ok || (response.status >= 300 && response.status < 400)) {
      opts.onResponse?.({ url, status: response.status, body, date: response.headers.get('date') });
      return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
    }
    const text = body.trim();
    if (response.status === 429) {
      throw new SourceError('Yahoo Finance is rate-limiting this machine (HTTP 429 Too Many Requests); try again later', 'rate-limited');
    }
    if (response.status === 404) {
      let description = text;
      try {
        const doc = JSON.parse(text);
        description = doc?.chart?.error?.description ?? doc?.quoteSummary?.error?.description ?? text;
      } catch { /* plain-text body */ }
      throw new SourceError(`Yahoo Finance has no data for symbol '${symbol}' (HTTP 404: ${description || 'Not Found'})`, 'not-found');
    }
    if (response.status >= 500) {
      throw new SourceError(`Yahoo Finance failed (HTTP ${response.status} ${response.statusText || 'server error'})`, 'offline');
    }
    throw new SourceError(`Yahoo Finance answered HTTP ${response.status} for ${symbol}: ${text.slice(0, 120).replace(/\s+/g, ' ')}`, 'bad-response');
  }) as typeof fetch;
}

/** Map whatever yahoo-finance2 threw into a SourceError naming Yahoo, in one line. */
function toSourceError(e: unknown, symbol: string): SourceError {
  if (e instanceof SourceError) return e;
  const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  if (/no data found|symbol may be delisted|not found/i.test(message)) {
    return new SourceError(`Yahoo Finance has no data for symbol '${symbol}' (${message})`, 'not-found');
  }
  if (/too many requests/i.test(message)) {
    return new SourceError('Yahoo Finance is rate-limiting this machine (HTTP 429 Too Many Requests); try again later', 'rate-limited');
  }
  const name = e instanceof Error ? e.name : 'error';
  const short = message.length > 160 ? `${message.slice(0, 160)}…` : message;
  return new SourceError(`Yahoo Finance returned an unusable answer for ${symbol} (${name}: ${short})`, 'bad-response');
}

export interface FetchYahooOptions {
  /** The fetch to use (tests inject a fake); defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** Per-request time limit, headers and body (default YAHOO_TIMEOUT_MS). */
  timeoutMs?: number;
  /** Receives yahoo-finance2's own log lines (runtime warnings etc.) instead of the console. */
  onLog?: (line: string) => void;
}

/** A yahoo-finance2 client whose every request goes through guardedFetch; `responses` collects the bodies. */
async function yahooClient(symbol: string, opts: FetchYahooOptions) {
  // Imported lazily: the library is large and only needed when the network is used.
  const { default: YahooFinance } = await import('yahoo-finance2');
  const responses: RawYahooResponse[] = [];
  const log = (...args: unknown[]) => opts.onLog?.(args.map(String).join(' '));
  const yf = new YahooFinance({
    fetch: guardedFetch(opts.fetch ?? globalThis.fetch, symbol, { timeoutMs: opts.timeoutMs, onResponse: (r) => responses.push(r) }),
    suppressNotices: ['yahooSurvey'],
    versionCheck: false,
    validation: { logErrors: false, logOptionsErrors: false },
    logger: { info: log, warn: log, error: log, debug: () => {}, dir: () => {} },
  });
  return { yf, responses };
}

/** The last collected response whose path starts with `prefix`. */
function lastResponse(responses: RawYahooResponse[], prefix: string, symbol: string): RawYahooResponse {
  const hit = responses.filter((r) => new URL(r.url).pathname.startsWith(prefix)).pop();
  if (!hit) throw new SourceError(`Yahoo Finance's answer for ${symbol} was not captured (no ${prefix} response)`, 'bad-response');
  return hit;
}

/**
 * The `chart()` request for [from, to]: daily bars with dividend and split events, padded by 2
 * days before and 3 after so a bar stamped at local midnight east of UTC is not cut off (the
 * parser trims to the range).
 */
export function chartRequest(range: { from: IsoDate; to: IsoDate }): { period1: number; period2: number; interval: '1d'; events: string } {
  return { period1: isoToEpoch(range.from, -2), period2: isoToEpoch(range.to, 3), interval: '1d', events: 'div|split' };
}

/** Ask Yahoo for daily bars and events of `symbol` covering [from, to]; returns the result and Yahoo's raw body. */
export async function fetchYahooChart(
  symbol: string,
  range: { from: IsoDate; to: IsoDate },
  opts: FetchYahooOptions = {},
): Promise<{ chart: YahooChartResult; raw: RawYahooResponse }> {
  assertYahooSymbol(symbol);
  const { yf, responses } = await yahooClient(symbol, opts);
  try {
    const result = await yf.chart(symbol, chartRequest(range));
    const chart: YahooChartResult = { meta: result.meta as YahooChartResult['meta'], quotes: result.quotes as YahooChartQuote[] };
    if (result.events) chart.events = result.events as YahooChartResult['events'];
    return { chart, raw: lastResponse(responses, '/v8/finance/chart/', symbol) };
  } catch (e) {
    throw toSourceError(e, symbol);
  }
}

/** One quoteSummary module's answer and the raw body it was parsed from. */
export interface YahooSummaryModule {
  module: 'defaultKeyStatistics' | 'price';
  value: Record<string, unknown> | null;
  raw: RawYahooResponse;
}

/**
 * Ask quoteSummary for `module` of `symbol` (one request per module, as Yahoo's recorded answers
 * come). yahoo-finance2 first fetches a cookie and crumb (two requests through the same guard).
 */
export async function fetchYahooSummary(symbol: string, module: YahooSummaryModule['module'], opts: FetchYahooOptions = {}): Promise<YahooSummaryModule> {
  assertYahooSymbol(symbol);
  const { yf, responses } = await yahooClient(symbol, opts);
  try {
    const result = (await yf.quoteSummary(symbol, { modules: [module] })) as Record<string, unknown>;
    const value = (result[module] as Record<string, unknown> | undefined) ?? null;
    return { module, value, raw: lastResponse(responses, '/v10/finance/quoteSummary/', symbol) };
  } catch (e) {
    throw toSourceError(e, symbol);
  }
}

/** A share count read from quoteSummary answers. */
export interface YahooShareCount {
  shares: number;
  floatShares: number | null;
  /** Which field gave `shares`, in words. */
  field: string;
  notes: string[];
}

/** A positive finite number or null. */
function positive(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : null;
}

/**
 * Shares outstanding from quoteSummary: defaultKeyStatistics.sharesOutstanding, else
 * price.marketCap / price.regularMarketPrice (stated as derived). When both exist, the implied
 * count and its gap to the stated one are noted. A float count larger than the total is dropped with a
 * note: for BABA Yahoo's floatShares counts ordinary shares (16.9 bn) while sharesOutstanding
 * counts the ADSs the price refers to (2.38 bn = marketCap / price).
 * @example shareCountFromSummary({ sharesOutstanding: 15022100480, floatShares: 14998187904 }, null)?.shares // 15022100480
 */
export function shareCountFromSummary(keyStats: Record<string, unknown> | null, price: Record<string, unknown> | null): YahooShareCount | null {
  const notes: string[] = [];
  const stated = positive(keyStats?.sharesOutstanding);
  const cap = positive(price?.marketCap);
  const last = positive(price?.regularMarketPrice);
  const implied = cap !== null && last !== null ? cap / last : null;
  let shares: number;
  let field: string;
  if (stated !== null) {
    shares = stated;
    field = 'defaultKeyStatistics.sharesOutstanding';
    if (implied !== null) {
      const gap = implied / stated - 1;
      notes.push(`price.marketCap / price.regularMarketPrice = ${Math.round(implied)} (${(gap * 100).toFixed(2)}% from the stated count)`);
    }
  } else if (implied !== null) {
    shares = Math.round(implied);
    field = 'price.marketCap / price.regularMarketPrice (derived; defaultKeyStatistics has no sharesOutstanding)';
  } else {
    return null;
  }
  let floatShares = positive(keyStats?.floatShares);
  if (floatShares !== null && floatShares > shares) {
    notes.push(`floatShares ${floatShares} exceeds the total ${shares} (different share class or unit); float not used`);
    floatShares = null;
  }
  return { shares, floatShares, field, notes };
}
