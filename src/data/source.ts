/**
 * Price sources: where a PriceSeries comes from. A source is a plain object with a name and a
 * `getPrices` function (made by a factory, no classes), so studies and the CLI can swap the
 * bundled snapshot, live Yahoo (pinned in a data folder) or "Yahoo, else the snapshot" without caring which.
 */
import { DataError, InputError, SourceError } from '../errors.ts';
import type { IsoDate, PriceSeries } from '../types.ts';
import { assertYahooSymbol } from './yahoo.ts';

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

export interface YahooSourceOptions {
  /** Injected fetch (tests replay recorded answers); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** The data folder pins go to and are read from; default `.cache/live` (see live.ts defaultLiveDir). */
  dataDir?: string;
  /** Pull again even when a pin covers the range. */
  refresh?: boolean;
  /** Per-request limit, headers and body, in ms (default 20 000). */
  timeoutMs?: number;
  /** Clock for retrievedAt when Yahoo's answer has no Date header. */
  now?: () => Date;
  /** Also pin quoteSummary share counts (default false for a price source). */
  shares?: boolean;
  /** Receives notices: dropped rows, missing share counts. */
  onNotice?: (message: string) => void;
}

/**
 * Live daily prices from Yahoo Finance, pinned: the first request for a range pulls and pins it
 * into the data folder (live.ts pinYahooSeries); later requests inside a pinned range read the
 * pinned files, hash-checked, with no network. Errors are SourceErrors naming Yahoo: 'offline',
 * 'rate-limited', 'not-found' or 'bad-response' (compose with withFallback to fall back).
 */
export function yahooSource(opts: YahooSourceOptions = {}): PriceSource {
  return {
    name: 'Yahoo',
    async getPrices(symbol, range) {
      assertYahooSymbol(symbol);
      assertRange(symbol, range);
      // Loaded on use: the snapshot path does not depend on the live modules.
      const { defaultLiveDir, findPinnedYahoo, pinYahooSeries } = await import('./live.ts');
      const { openDataStore } = await import('./store.ts');
      const dataDir = opts.dataDir ?? defaultLiveDir();
      let entry = opts.refresh ? undefined : findPinnedYahoo(dataDir, symbol, range.from, range.to);
      if (!entry) {
        await pinYahooSeries({ ...opts, shares: opts.shares ?? false, symbol, from: range.from, to: range.to, dataDir });
        entry = findPinnedYahoo(dataDir, symbol, range.from, range.to);
      }
      if (!entry || entry.origin?.kind !== 'yahoo') throw new DataError(`${symbol}: the pinned Yahoo series in ${dataDir} does not cover ${range.from}..${range.to}`);
      const series = openDataStore({ dataDir }).loadSeries(entry.symbol);
      const rows = series.rows.filter((r) => r.date >= range.from && r.date <= range.to);
      if (rows.length === 0) throw new InputError(`${entry.symbol}: no trading days between ${range.from} and ${range.to}`);
      return { ...series, rows, source: `yahoo (pinned ${series.source.replace(/^data folder /, '')}, retrieved ${entry.origin.retrievedAt})` };
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
 * // offline -> 'cannot reach Yahoo Finance (fetch failed: ...); using the bundled snapshot data/prices/NVDA.csv (2021-04-12..2026-04-10)'
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
        onNotice(`${e.message}; using ${bundled}${series.source}`);
        return { ...series, source: `${series.source} (fallback: ${primary.name} unreachable, ${e.kind})` };
      }
    },
  };
}
