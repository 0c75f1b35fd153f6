/**
 * Price sources: where a PriceSeries comes from. A source is a plain object with a name and a
 * `getPrices` function (made by a factory, no classes), so studies and the CLI can swap the
 * bundled snapshot, live Yahoo (cached) or "Yahoo, else the snapshot" without caring which.
 */
import { relative } from 'node:path';
import { InputError, SourceError } from '../errors.ts';
import type { IsoDate, PriceSeries } from '../types.ts';
import { cacheMaxAgeHours, cachePath, defaultCacheDir, readCache, writeCache } from './cache.ts';
import { assertYahooSymbol, chartToPriceSeries, fetchYahooChart } from './yahoo.ts';

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

export interface PriceSource {
  /** Short label used in notices: 'snapshot', 'Yahoo', 'Yahoo+snapshot'. */
  name: string;
  /** Daily rows of `symbol` with from <= date <= to (both inclusive, exchange-local dates). */
  getPrices(symbol: string, range: DateRange): Promise<PriceSeries>;
}

/** Reject a range whose ends are not in order (both are ISO strings, so string order is date order). */
function assertRange(symbol: string, range: DateRange): void {
  if (range.from > range.to) {
    throw new InputError(`--from ${range.from} is after --to ${range.to} (for ${symbol})`);
  }
}

/**
 * The rows of a full series inside [from, to]. The requested range must lie within the series'
 * coverage (else an InputError saying what range exists), and must hold at least one trading day.
 */
export function sliceSeries(series: PriceSeries, range: DateRange, label = series.source): PriceSeries {
  const { rows, info } = series;
  assertRange(info.symbol, range);
  if (rows.length === 0) throw new InputError(`${label} holds no rows for ${info.symbol}`);
  const first = rows[0].date;
  const last = rows[rows.length - 1].date;
  if (range.from < first || range.to > last) {
    throw new InputError(
      `${info.symbol}: ${range.from}..${range.to} is outside the data; ${label} covers ${first}..${last}`,
    );
  }
  const inRange = rows.filter((r) => r.date >= range.from && r.date <= range.to);
  if (inRange.length === 0) {
    throw new InputError(`${info.symbol}: no trading days between ${range.from} and ${range.to}`);
  }
  return { ...series, rows: inRange };
}

export interface SnapshotSourceOptions {
  /**
   * A user data folder (manifest.json + prices/) overlaying the bundled snapshot (default: the
   * IMPACT_DATA_DIR environment variable, else none).
   */
  dataDir?: string;
  /** Kept for compatibility: every read is checked against its manifest. */
  verify?: boolean;
}

/**
 * The whole series of a symbol from the data store (user folder first, then the bundled
 * snapshot), hash-checked, with `source` reading 'snapshot data/prices/NVDA.csv (2021-04-12..2026-04-10)'
 * or 'data folder my-data/prices/MYCO.csv (...)' (the file and its full coverage).
 */
export async function loadLabelledSnapshot(symbol: string, opts: SnapshotSourceOptions = {}): Promise<PriceSeries> {
  // Loaded on use, so the Yahoo path does not depend on the snapshot modules.
  const { defaultDataStore, openDataStore } = await import('./store.ts');
  const store = opts.dataDir === undefined ? defaultDataStore() : openDataStore({ dataDir: opts.dataDir });
  const full = store.loadSeries(symbol);
  const coverage = full.rows.length > 0 ? ` (${full.rows[0].date}..${full.rows[full.rows.length - 1].date})` : '';
  return { ...full, source: `${full.source}${coverage}` };
}

/** The bundled snapshot (data/prices/*.csv), sliced to the requested range (see sliceSeries). */
export function snapshotSource(opts: SnapshotSourceOptions = {}): PriceSource {
  return {
    name: 'snapshot',
    async getPrices(symbol, range) {
      const full = await loadLabelledSnapshot(symbol, opts);
      return sliceSeries(full, range, `the ${full.source.replace(/ \(.*\)$/, '')}`);
    },
  };
}

/** What the Yahoo source stores in the cache: the parsed series (not Yahoo's raw JSON). */
interface CachedSeries {
  info: PriceSeries['info'];
  rows: PriceSeries['rows'];
}

export interface YahooSourceOptions {
  /** Injected fetch (tests serve fixtures); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Cache directory; default `.cache/prices` under the project root; null disables caching. */
  cacheDir?: string | null;
  /** Freshness of cached ranges touching the last 5 days (default 24 h); older ranges never expire. */
  maxAgeHours?: number;
  /** Clock, injectable for tests. */
  now?: () => Date;
  /** Receives notices: dropped rows, corrupt cache entries. */
  onNotice?: (message: string) => void;
}

/**
 * Live daily prices from Yahoo Finance, cached on disk per (symbol, range).
 * Errors are SourceErrors: 'offline', 'rate-limited', 'not-found' or 'bad-response'.
 */
export function yahooSource(opts: YahooSourceOptions = {}): PriceSource {
  const now = opts.now ?? (() => new Date());
  const cacheDir = opts.cacheDir === undefined ? defaultCacheDir() : opts.cacheDir;
  const notice = opts.onNotice ?? (() => {});
  return {
    name: 'Yahoo',
    async getPrices(symbol, range) {
      assertYahooSymbol(symbol);
      assertRange(symbol, range);
      const key = `yahoo-chart-1d/${symbol}/${range.from}..${range.to}`;
      if (cacheDir) {
        const maxAgeHours = cacheMaxAgeHours(range, now(), opts.maxAgeHours ?? 24);
        const hit = readCache<CachedSeries>(cacheDir, key, { maxAgeHours, now, onNotice: notice });
        if (hit) {
          return { ...hit.payload, source: `yahoo (cache ${relative(process.cwd(), cachePath(cacheDir, key))}, fetched ${hit.fetchedAt})` };
        }
      }
      const chart = await fetchYahooChart(symbol, range, { fetch: opts.fetch });
      const { series, notices } = chartToPriceSeries(chart, range);
      notices.forEach(notice);
      if (series.rows.length === 0) {
        throw new InputError(`Yahoo has no ${symbol} bars between ${range.from} and ${range.to}`);
      }
      const fetchedAt = now().toISOString();
      if (cacheDir) writeCache<CachedSeries>(cacheDir, key, { info: series.info, rows: series.rows }, { now });
      return { ...series, source: `yahoo (fetched ${fetchedAt})` };
    },
  };
}

/** Kinds of SourceError that mean "try the other source" rather than "the request is wrong". */
const FALLBACK_KINDS = new Set<SourceError['kind']>(['offline', 'rate-limited']);

/**
 * Try `primary`; if it is offline or rate-limited, say so through `onNotice` and use `fallback`.
 * Any other error (unknown symbol at Yahoo, bad input, bad data) is rethrown: a wrong request
 * must not be silently answered from other data.
 * @example
 * const source = withFallback(yahooSource(), snapshotSource(), (m) => console.error(m));
 * // offline -> 'Yahoo unreachable (network error: ...); using the bundled snapshot data/prices/NVDA.csv (2021-04-12..2026-04-10)'
 */
export function withFallback(primary: PriceSource, fallback: PriceSource, onNotice: (message: string) => void): PriceSource {
  return {
    name: `${primary.name}+${fallback.name}`,
    async getPrices(symbol, range) {
      try {
        return await primary.getPrices(symbol, range);
      } catch (e) {
        if (!(e instanceof SourceError) || !FALLBACK_KINDS.has(e.kind)) throw e;
        const series = await fallback.getPrices(symbol, range);
        const bundled = fallback.name === 'snapshot' ? 'the bundled ' : '';
        onNotice(`${primary.name} unreachable (${e.message}); using ${bundled}${series.source}`);
        return { ...series, source: `${series.source} (fallback: ${primary.name} unreachable, ${e.kind})` };
      }
    },
  };
}
