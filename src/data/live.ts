/**
 * Live prices, pinned. A Yahoo Finance answer is pulled once, kept byte for byte beside its
 * normalized series in a data folder (prices/<symbol>.csv + raw/yahoo/…json, manifest entry with
 * `origin: { kind: 'yahoo', request, retrievedAt, rawFile, rawSha256 }`), and every later run
 * reads the pinned files through `openDataStore({ dataDir })`, hash-checked, so a report re-runs to
 * the same bytes. `refresh` pulls again.
 *
 * Offline or failing Yahoo: each request is bounded (20 s, headers and body), the first
 * unreachable answer stops all further requests, and a symbol falls back only to a series that
 * already covers the requested range (pinned in the folder, or bundled) — said in one notice. A
 * symbol nothing covers ends the run with ONE SourceError line naming Yahoo and the reason.
 *
 * @example
 * const { dataDir } = await ensureLive({ symbols: ['AAPL', 'SPY'], from: '2019-08-01', to: '2020-10-31', onNotice: console.error });
 * openDataStore({ dataDir }).loadSeries('AAPL'); // the pinned Yahoo series, hash-checked
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, InputError, SourceError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { writeFileAtomic } from './atomic.ts';
import { emptyManifest, writeFolderSeries } from './folder.ts';
import { formatSnapshotCsv } from './importer.ts';
import { defaultDataDir, readManifest, sha256OfBytes, type ManifestSymbol, type RawFileUse } from './manifest.ts';
import { writePinnedShareCount, yahooRawBase } from './pinned-shares.ts';
import { resolveSymbol as resolveBundledSymbol } from './symbols.ts';
import {
  assertYahooSymbol,
  chartToPriceSeries,
  fetchYahooChart,
  fetchYahooSummary,
  shareCountFromSummary,
  type RawYahooResponse,
  type YahooParseResult,
} from './yahoo.ts';

/** Project root (two levels above src/data). */
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The default folder for pinned Yahoo data: `.cache/live` under the project root (gitignored).
 * Pass `dataDir` (`--data-dir DIR`) to pin somewhere you keep.
 */
export function defaultLiveDir(): string {
  return join(PROJECT_ROOT, '.cache', 'live');
}

const min = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const max = (a: IsoDate, b: IsoDate) => (a > b ? a : b);

/** Path as shown to people: relative to the working directory when inside it. */
function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

export interface PullOptions {
  /** The fetch to use (tests inject a replay of recorded answers); default globalThis.fetch. */
  fetch?: typeof fetch;
  /** Per-request limit, headers and body, in ms (default 20 000). */
  timeoutMs?: number;
  /** Clock for retrievedAt when an answer has no Date header. */
  now?: () => Date;
  /** Pull quoteSummary share counts for stocks the bundled snapshot has none for (default true). */
  shares?: boolean;
  /** Receives one-line notices (dropped rows, missing share counts, fallbacks). */
  onNotice?: (line: string) => void;
}

export interface PinOptions extends PullOptions {
  symbol: string;
  from: IsoDate;
  to: IsoDate;
  dataDir: string;
}

/** What ensureLive did for one symbol. */
export interface PinnedSeries {
  /** The symbol as the data folder lists it (Yahoo's own spelling after a pull). */
  symbol: string;
  /** pulled: fetched now and pinned; pinned: read from an earlier pin; fallback: Yahoo unreachable, served by a series already covering the range. */
  how: 'pulled' | 'pinned' | 'fallback';
  /** Which folder serves it: the live data folder or the bundled snapshot. */
  folder: 'user' | 'bundled';
  /** The normalized file (absolute path). */
  file: string;
  /** Yahoo's raw answer beside it (absolute path), null for a bundled or imported series. */
  rawFile: string | null;
  rows: number;
  first: IsoDate;
  last: IsoDate;
  /** When the Yahoo answer was produced (its Date header), null when not from Yahoo. */
  retrievedAt: string | null;
  /** The pinned share count's date, when one was pinned with this series. */
  sharesAsOf: IsoDate | null;
}

/** The response's Date header as ISO, else the clock. */
function retrievedAt(raw: RawYahooResponse, now: () => Date): string {
  const t = raw.date === null ? NaN : Date.parse(raw.date);
  return (Number.isFinite(t) ? new Date(t) : now()).toISOString();
}

/** The manifest notes of a pulled series: splits, dividends, unit conversion, exchange, parse notices. */
function seriesNotes(parsed: YahooParseResult, currency: string): string[] {
  const notes: string[] = [];
  for (const s of parsed.splits) notes.push(`split ${s.numerator}:${s.denominator} on ${s.date} (Yahoo event; ${s.check})`);
  for (const d of parsed.dividends) {
    const implied = d.impliedByAdjClose === null ? 'the day before is outside the range' : `the adjusted close implies ${d.impliedByAdjClose.toFixed(4)}`;
    notes.push(`dividend ${d.amount} ${currency} ex ${d.date} (Yahoo event; ${implied})`);
  }
  for (const u of parsed.unlistedAdjustments) {
    notes.push(`the adjusted close implies a distribution of ${u.implied.toFixed(4)} ${currency} on ${u.date} that Yahoo's events do not list`);
  }
  if (parsed.splits.length === 0 && parsed.dividends.length === 0 && parsed.unlistedAdjustments.length === 0) {
    notes.push('no splits or dividends in the range (Yahoo events and adjusted close agree)');
  }
  if (parsed.unit) {
    notes.push(`Yahoo quotes ${parsed.series.info.symbol} in ${parsed.unit.quoted} (minor unit); open/high/low/close/adjClose and dividends divided by ${parsed.unit.divisor} into ${parsed.unit.currency}`);
  }
  if (!parsed.exchangeMapped) {
    notes.push(`exchange: '${parsed.series.info.exchange}' is Yahoo's exchange code ('${parsed.yahooExchange ?? 'none'}'), not a MIC: no holiday table, so its calendar comes from the series' own trading days`);
  }
  return [...notes, ...parsed.notices];
}

/** The bundled snapshot's share counts name this symbol (then Yahoo's are not needed). */
async function bundledHasShares(symbol: string): Promise<boolean> {
  const { loadShareCounts } = await import('./fundamentals.ts');
  return loadShareCounts().some((s) => s.symbol.toUpperCase() === symbol.toUpperCase());
}

/**
 * Pulls daily bars of `symbol` over [from, to] with `chart()` (dividend and split events) and
 * pins them into `dataDir` (a pin of another range of the symbol is widened to cover both): Yahoo's raw body under raw/yahoo/, the normalized series under
 * prices/, the manifest entry last (through writeFolderSeries). For a stock the bundled snapshot
 * has no share count for, quoteSummary's count is pinned too (a failure there is a notice, not an
 * error; `sharesError` carries it so the caller can stop asking an unreachable Yahoo).
 * @throws SourceError (offline, rate-limited, not-found, bad-response); InputError when Yahoo has no
 *   bar in the range or the folder holds the symbol from another origin; DataError for bad prices
 */
export async function pinYahooSeries(opts: PinOptions): Promise<PinnedSeries & { sharesError: SourceError | null }> {
  const now = opts.now ?? (() => new Date());
  const notice = opts.onNotice ?? (() => {});
  assertYahooSymbol(opts.symbol);
  if (opts.from > opts.to) throw new InputError(`--from ${opts.from} is after --to ${opts.to}`);
  const refuseOther = (e: ManifestSymbol | undefined) => {
    if (e && e.origin?.kind !== 'yahoo') {
      throw new InputError(`${shown(join(opts.dataDir, e.file))} holds ${e.symbol} from ${describeOrigin(e)}; not replacing it with Yahoo prices (use another --data-dir)`);
    }
  };
  const before = findEntry(opts.dataDir, opts.symbol);
  refuseOther(before);
  // A pin of another range is widened, not replaced: what earlier runs read stays covered.
  const range =
    before?.origin?.kind === 'yahoo'
      ? { from: min(opts.from, before.origin.request.from), to: max(opts.to, before.origin.request.to) }
      : { from: opts.from, to: opts.to };
  const { chart, raw } = await fetchYahooChart(opts.symbol, range, { fetch: opts.fetch, timeoutMs: opts.timeoutMs });
  const parsed = chartToPriceSeries(chart, range);
  const { info, rows } = parsed.series;
  if (rows.length === 0) throw new InputError(`Yahoo Finance has no ${opts.symbol} bars between ${range.from} and ${range.to}`);
  const existing = findEntry(opts.dataDir, info.symbol);
  refuseOther(existing);
  const at = retrievedAt(raw, now);
  const rawFile = `${yahooRawBase(info.symbol)}.chart.${range.from}_${range.to}.json`;
  const rawSha256 = sha256OfBytes(raw.body);
  const adjustment =
    `close and open/high/low as Yahoo Finance serves them (split-adjusted, not dividend-adjusted); adjClose = Yahoo's split- and dividend-adjusted close as of ${at.slice(0, 10)}` +
    (parsed.unit ? `; converted from ${parsed.unit.quoted} to ${parsed.unit.currency} (÷${parsed.unit.divisor})` : '');
  const aliases = info.symbol.toUpperCase() === opts.symbol.toUpperCase() ? [] : [opts.symbol];
  const csv = formatSnapshotCsv(rows.map((r) => ({ ...r, turnoverPct: null })));
  const entry = writeFolderSeries(
    opts.dataDir,
    {
      ...info,
      aliases,
      adjustment,
      notes: seriesNotes(parsed, info.currency),
      origin: { kind: 'yahoo', request: { endpoint: 'chart', symbol: opts.symbol, from: range.from, to: range.to, interval: '1d' }, retrievedAt: at, rawFile, rawSha256 },
    },
    csv,
    [{ rel: rawFile, bytes: raw.body }],
  );
  // The previous pin's raw answer is no longer referenced by the manifest.
  if (existing?.origin?.kind === 'yahoo' && existing.origin.rawFile !== rawFile) rmSync(join(opts.dataDir, existing.origin.rawFile), { force: true });
  parsed.notices.forEach(notice);
  if (aliases.length > 0) notice(`Yahoo Finance answered ${opts.symbol} with ${info.symbol}'s prices; pinned as ${info.symbol} (alias ${opts.symbol})`);

  let sharesAsOf: IsoDate | null = null;
  let sharesError: SourceError | null = null;
  if ((opts.shares ?? true) && chart.meta.instrumentType === 'EQUITY' && !(await bundledHasShares(info.symbol))) {
    try {
      sharesAsOf = await pinYahooShares(info.symbol, opts);
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      sharesError = e;
      notice(`no share count for ${info.symbol} from Yahoo Finance (${e.message}); market-cap checks will have none`);
    }
  }
  return {
    symbol: entry.symbol,
    how: 'pulled',
    folder: 'user',
    file: join(opts.dataDir, entry.file),
    rawFile: join(opts.dataDir, rawFile),
    rows: entry.rows,
    first: entry.first,
    last: entry.last,
    retrievedAt: at,
    sharesAsOf,
    sharesError,
  };
}

/**
 * quoteSummary (defaultKeyStatistics, then price) of `symbol`, pinned as raw answers plus one row
 * of shares/shares.csv dated with the retrieval date. Returns that date, or null (with a notice)
 * when Yahoo states no count.
 */
async function pinYahooShares(symbol: string, opts: PinOptions): Promise<IsoDate | null> {
  const now = opts.now ?? (() => new Date());
  const pull = { fetch: opts.fetch, timeoutMs: opts.timeoutMs };
  const keyStats = await fetchYahooSummary(symbol, 'defaultKeyStatistics', pull);
  const price = await fetchYahooSummary(symbol, 'price', pull);
  const count = shareCountFromSummary(keyStats.value, price.value);
  if (!count) {
    opts.onNotice?.(`Yahoo Finance states no share count for ${symbol}; market-cap checks will have none`);
    return null;
  }
  const at = retrievedAt(keyStats.raw, now);
  const raw: RawFileUse[] = [];
  const extra: { rel: string; bytes: string }[] = [];
  for (const m of [keyStats, price]) {
    const rel = `${yahooRawBase(symbol)}.quoteSummary-${m.module}.json`;
    extra.push({ rel, bytes: m.raw.body });
    raw.push({ file: rel, repo: null, path: new URL(m.raw.url).pathname + `?modules=${m.module}`, commit: null, sha256: sha256OfBytes(m.raw.body) });
  }
  for (const f of extra) writeFileAtomic(join(opts.dataDir, f.rel), f.bytes);
  const source = [`Yahoo Finance quoteSummary ${count.field}`, `retrieved ${at}`, ...count.notes].join('; ').replace(/,/g, ';');
  writePinnedShareCount(opts.dataDir, { symbol, asOf: at.slice(0, 10), shares: count.shares, floatShares: count.floatShares, source, raw });
  return at.slice(0, 10);
}

/** The folder's manifest entry for `symbol` (case-insensitive, aliases too), or undefined. */
function findEntry(dataDir: string, symbol: string): ManifestSymbol | undefined {
  if (!existsSync(join(dataDir, 'manifest.json'))) return undefined;
  const q = symbol.toUpperCase();
  return Object.values(readManifest(dataDir).symbols).find((s) => s.symbol.toUpperCase() === q || (s.aliases ?? []).some((a) => a.toUpperCase() === q));
}

function describeOrigin(e: ManifestSymbol): string {
  if (e.origin?.kind === 'user-file') return `your file ${e.origin.file}`;
  if (e.origin?.kind === 'yahoo') return `Yahoo Finance (retrieved ${e.origin.retrievedAt})`;
  return 'another source';
}

/** A file of a pinned entry must still hold the bytes the manifest names (else a one-line DataError). */
function assertPinnedBytes(dataDir: string, rel: string, sha256: string, symbol: string): void {
  const path = join(dataDir, rel);
  if (!existsSync(path)) throw new DataError(`${shown(path)} is missing (pinned ${symbol}); pull again with --refresh`);
  const actual = sha256OfBytes(readFileSync(path));
  if (actual !== sha256) {
    throw new DataError(`${shown(path)}: sha256 ${actual.slice(0, 12)}… does not match its manifest's ${sha256.slice(0, 12)}… (pinned ${symbol} changed); pull again with --refresh`);
  }
}

/**
 * The pinned Yahoo series of `symbol` in `dataDir` whose request covered [from, to], with its
 * normalized and raw files hash-checked; undefined when there is none.
 */
export function findPinnedYahoo(dataDir: string, symbol: string, from: IsoDate, to: IsoDate): ManifestSymbol | undefined {
  const e = findEntry(dataDir, symbol);
  if (!e || e.origin?.kind !== 'yahoo') return undefined;
  if (e.origin.request.from > from || e.origin.request.to < to) return undefined;
  assertPinnedBytes(dataDir, e.file, e.sha256, e.symbol);
  assertPinnedBytes(dataDir, e.origin.rawFile, e.origin.rawSha256, e.symbol);
  return e;
}

function pinnedResult(dataDir: string, e: ManifestSymbol, how: PinnedSeries['how']): PinnedSeries {
  return {
    symbol: e.symbol,
    how,
    folder: 'user',
    file: join(dataDir, e.file),
    rawFile: e.origin?.kind === 'yahoo' ? join(dataDir, e.origin.rawFile) : null,
    rows: e.rows,
    first: e.first,
    last: e.last,
    retrievedAt: e.origin?.kind === 'yahoo' ? e.origin.retrievedAt : null,
    sharesAsOf: null,
  };
}

/**
 * A series already on disk that covers [from, to] for `symbol`: the live folder's (a pinned Yahoo
 * request that covered the range, or an imported file whose rows span it), else the bundled
 * snapshot's (rows spanning it). Never a series that covers only part of the range.
 */
function coveringSeries(dataDir: string, symbol: string, from: IsoDate, to: IsoDate): PinnedSeries | undefined {
  const e = findEntry(dataDir, symbol);
  if (e) {
    const [lo, hi] = e.origin?.kind === 'yahoo' ? [e.origin.request.from, e.origin.request.to] : [e.first, e.last];
    if (lo <= from && to <= hi) {
      assertPinnedBytes(dataDir, e.file, e.sha256, e.symbol);
      if (e.origin?.kind === 'yahoo') assertPinnedBytes(dataDir, e.origin.rawFile, e.origin.rawSha256, e.symbol);
      return pinnedResult(dataDir, e, 'fallback');
    }
  }
  let bundledSymbol: string;
  try {
    bundledSymbol = resolveBundledSymbol(symbol).symbol;
  } catch {
    return undefined;
  }
  const bundledDir = defaultDataDir();
  const b = readManifest(bundledDir).symbols[bundledSymbol];
  if (!b || b.first > from || b.last < to) return undefined;
  return { symbol: b.symbol, how: 'fallback', folder: 'bundled', file: join(bundledDir, b.file), rawFile: null, rows: b.rows, first: b.first, last: b.last, retrievedAt: null, sharesAsOf: null };
}

export interface EnsureLiveOptions extends PullOptions {
  /** Yahoo symbols (or bundled aliases such as 'nvidia'); duplicates are asked once. */
  symbols: string[];
  /** The range every symbol must cover (exchange-local dates, inclusive). */
  from: IsoDate;
  to: IsoDate;
  /** Where pins go and are read from; default defaultLiveDir() (`.cache/live`). */
  dataDir?: string;
  /** Pull again even when a pin covers the range. */
  refresh?: boolean;
}

export interface EnsureLiveResult {
  /** The data folder to open: `openDataStore({ dataDir })`. */
  dataDir: string;
  pinned: PinnedSeries[];
}

/** Kinds of SourceError that mean "Yahoo cannot answer now" (fall back) rather than "the request is wrong". */
const UNREACHABLE = new Set<SourceError['kind']>(['offline', 'rate-limited']);

/** A bundled alias ('nvidia') becomes its symbol; anything else is asked as typed. */
function yahooSymbolOf(query: string): string {
  try {
    return resolveBundledSymbol(query).symbol;
  } catch {
    assertYahooSymbol(query);
    return query;
  }
}

/**
 * Makes every symbol's daily prices over [from, to] available in a data folder, for `--source
 * yahoo` on `impact event`, `check`, `report`, `prices` and `fetch`:
 * - a pin covering the range is reused (hash-checked; no request) unless `refresh`;
 * - otherwise the symbol is pulled and pinned (pinYahooSeries);
 * - when Yahoo is unreachable (offline, timeout, stalled body, HTTP 5xx, HTTP 429), no further
 *   request is made; each remaining symbol is served by a series already covering the whole
 *   range (the folder's, else the bundled snapshot's), with a notice saying which;
 * - a symbol nothing covers ends the run with one SourceError line: Yahoo's reason and which
 *   symbols and range are missing. Yahoo's "no such symbol" is never hidden by a fallback.
 * Afterwards read through `openDataStore({ dataDir })`: the folder overlays the bundled snapshot.
 */
export async function ensureLive(opts: EnsureLiveOptions): Promise<EnsureLiveResult> {
  const dataDir = opts.dataDir ?? defaultLiveDir();
  const notice = opts.onNotice ?? (() => {});
  if (opts.from > opts.to) throw new InputError(`--from ${opts.from} is after --to ${opts.to}`);
  if (opts.symbols.length === 0) throw new InputError('no symbol to fetch');
  const symbols: string[] = [];
  for (const q of opts.symbols) {
    const s = yahooSymbolOf(q.trim());
    if (!symbols.some((x) => x.toUpperCase() === s.toUpperCase())) symbols.push(s);
  }
  const pinned: PinnedSeries[] = [];
  const missing: string[] = [];
  let unreachable: SourceError | null = null;
  const fallBack = (symbol: string, why: SourceError) => {
    const hit = coveringSeries(dataDir, symbol, opts.from, opts.to);
    if (!hit) {
      missing.push(symbol);
      return;
    }
    const where = hit.folder === 'bundled' ? `the bundled snapshot ${shown(hit.file)}` : `${shown(hit.file)}${hit.retrievedAt ? ` (pinned ${hit.retrievedAt})` : ''}`;
    notice(`${why.message}; ${hit.symbol} ${opts.from}..${opts.to} from ${where}`);
    pinned.push(hit);
  };
  for (const symbol of symbols) {
    if (!opts.refresh) {
      const p = findPinnedYahoo(dataDir, symbol, opts.from, opts.to);
      if (p) {
        pinned.push(pinnedResult(dataDir, p, 'pinned'));
        continue;
      }
    }
    if (unreachable) {
      fallBack(symbol, unreachable);
      continue;
    }
    try {
      const { sharesError, ...result } = await pinYahooSeries({ ...opts, symbol, dataDir });
      pinned.push(result);
      if (sharesError && UNREACHABLE.has(sharesError.kind)) unreachable = sharesError;
    } catch (e) {
      if (!(e instanceof SourceError) || !UNREACHABLE.has(e.kind)) throw e;
      unreachable = e;
      fallBack(symbol, e);
    }
  }
  if (missing.length > 0 && unreachable) {
    throw new SourceError(`${unreachable.message}; no pinned or bundled prices of ${missing.join(', ')} cover ${opts.from}..${opts.to}`, unreachable.kind);
  }
  // Every symbol may have come from the bundled snapshot: the folder must still open as a data folder.
  if (!existsSync(join(dataDir, 'manifest.json'))) {
    writeFileAtomic(join(dataDir, 'manifest.json'), `${JSON.stringify(emptyManifest('market-impact data folder (impact fetch / --source yahoo)'), null, 2)}\n`);
  }
  return { dataDir, pinned };
}

/**
 * A calendar-day range around announcement dates wide enough for `before` trading days before
 * the earliest and `after` after the latest (7 calendar days per 5 trading days, plus 15 days for
 * holidays), for ensureLive before an event study.
 * @example liveRange(['2020-10-01'], 250, 5) // { from: '2019-10-02', to: '2020-10-23' }
 */
export function liveRange(dates: IsoDate[], before: number, after: number): { from: IsoDate; to: IsoDate } {
  if (dates.length === 0) throw new InputError('no event date to fetch prices around');
  const sorted = [...dates].sort();
  const shift = (d: IsoDate, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const pad = (n: number) => Math.ceil((Math.max(0, n) * 7) / 5) + 15;
  return { from: shift(sorted[0], -pad(before)), to: shift(sorted[sorted.length - 1], pad(after)) };
}
