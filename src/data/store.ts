/**
 * The data layer's one door. A DataStore reads prices, share counts and FX rates from the bundled
 * snapshot and, when given, a user data folder that overlays it (its symbols are found first; the
 * bundled ones stay available, e.g. as benchmarks). Every file is checked against its manifest's
 * sha256 before use (the hash is cached by size and mtime), and every read is recorded, so a report
 * can say exactly which bytes it used.
 *
 * @example
 * const store = openDataStore({ dataDir: 'my-data' });
 * store.loadSeries('MYCO');           // from my-data/prices/MYCO.csv, hash-checked
 * store.loadSeries('SPY');            // from the bundled snapshot
 * store.reads();                      // [{ symbol: 'MYCO', folder: 'user', sha256, ... }, ...]
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataError, InputError } from '../errors.ts';
import type { IsoDate, PriceRow, PriceSeries, SymbolInfo } from '../types.ts';
import { defaultDataDir, readManifest, sha256OfBytes, type ManifestSymbol, type SnapshotManifest } from './manifest.ts';
import { parseSnapshotCsv } from './snapshot.ts';
import { resolveSymbol as resolveBundledSymbol, suggestSymbols } from './symbols.ts';
import { sharesOutstanding as bundledShares, usdCnyRate as bundledFx } from './fundamentals.ts';
import { pinnedSharesOutstanding } from './pinned-shares.ts';

/** Share count as the claim checker needs it. */
export interface SharesLookup {
  shares: number;
  floatShares: number | null;
  asOf: IsoDate;
  source: string;
}

/** USD/CNY rate: CNY per USD, with its own date (on or before the asked one). */
export interface FxLookup {
  rate: number;
  date: IsoDate;
  source: string;
}

/** One file a store read: what a report footer lists. */
export interface DataRead {
  /** The symbol of a price file; null for FX and share-count files. */
  symbol: string | null;
  kind: 'prices' | 'fx' | 'shares';
  /** Which folder it came from. */
  folder: 'bundled' | 'user';
  /** The file's path as shown to people (relative to the working directory when inside it). */
  file: string;
  /** SHA-256 of the bytes actually read. */
  sha256: string;
  rows: number;
  first: IsoDate;
  last: IsoDate;
  /** Where the numbers come from, from the manifest (raw repository, user file, Yahoo request). */
  source: string;
}

/** Where prices and fundamentals come from: the bundled snapshot, overlaid by a user folder. */
export interface DataStore {
  /** The bundled snapshot folder. */
  readonly bundledDir: string;
  /** The user data folder overlaying it, or null. */
  readonly dataDir: string | null;
  /** A symbol or alias, user folder first: '688256.SS', 'cambricon', 'MYCO'. */
  resolveSymbol(query: string): SymbolInfo;
  /** The whole daily series of a symbol, hash-checked against its manifest. */
  loadSeries(symbol: string): PriceSeries;
  sharesOutstanding(symbol: string, date: IsoDate): SharesLookup | null;
  usdCnyRate(date: IsoDate): FxLookup | null;
  /** Every file read so far, in the order first read (one entry per file). */
  reads(): DataRead[];
}

export interface DataStoreOptions {
  /** A user data folder (manifest.json + prices/) overlaying the bundled snapshot. */
  dataDir?: string;
  /** The bundled snapshot folder (default: the project's data/). */
  bundledDir?: string;
}

/** Path as shown to people: relative to the working directory when inside it. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith('..') ? rel : path;
}

/** sha256 of a file, cached by path, size and mtime (so checking every read stays cheap). */
const hashCache = new Map<string, { key: string; sha256: string }>();
export function fileSha256(path: string): string {
  const st = statSync(path);
  const key = `${st.size}:${st.mtimeMs}`;
  const hit = hashCache.get(path);
  if (hit && hit.key === key) return hit.sha256;
  const sha256 = sha256OfBytes(readFileSync(path));
  hashCache.set(path, { key, sha256 });
  return sha256;
}

interface Folder {
  dir: string;
  folder: 'bundled' | 'user';
  manifest: SnapshotManifest;
}

function describeSource(entry: ManifestSymbol): string {
  const raw = entry.raw?.[0];
  if (raw) return `${raw.repo ?? raw.file}${raw.path ? ` ${raw.path}` : ''}${raw.commit ? ` @ ${raw.commit.slice(0, 10)}` : ''}`;
  return entry.adjustment ?? 'unknown source';
}

/**
 * Opens a store. Nothing is read until asked for; a user folder must hold a manifest.json.
 * @throws DataError when `dataDir` has no readable manifest
 */
export function openDataStore(opts: DataStoreOptions = {}): DataStore {
  const bundledDir = opts.bundledDir ?? defaultDataDir();
  const dataDir = opts.dataDir ?? null;
  if (dataDir !== null && !existsSync(dataDir)) throw new InputError(`data folder ${dataDir} does not exist`);
  let bundled: Folder | undefined;
  let user: Folder | undefined;
  const bundledFolder = (): Folder => (bundled ??= { dir: bundledDir, folder: 'bundled', manifest: readManifest(bundledDir) });
  const userFolder = (): Folder | undefined => {
    if (dataDir === null) return undefined;
    return (user ??= { dir: dataDir, folder: 'user', manifest: readManifest(dataDir) });
  };
  const reads = new Map<string, DataRead>();

  const findIn = (f: Folder | undefined, query: string): ManifestSymbol | undefined => {
    if (!f) return undefined;
    const q = query.trim().toLowerCase();
    return Object.values(f.manifest.symbols).find((s) => s.symbol.toLowerCase() === q || (s.aliases ?? []).some((a) => a.toLowerCase() === q));
  };
  const infoOf = (e: ManifestSymbol): SymbolInfo => ({
    symbol: e.symbol,
    name: e.name,
    aliases: e.aliases ?? [],
    exchange: e.exchange,
    currency: e.currency,
    timeZone: e.timeZone,
    kind: e.kind,
  });

  const locate = (symbol: string): { f: Folder; entry: ManifestSymbol } => {
    const u = userFolder();
    const inUser = findIn(u, symbol);
    if (u && inUser) return { f: u, entry: inUser };
    const b = bundledFolder();
    const info = resolveBundledSymbol(symbol);
    const entry = b.manifest.symbols[info.symbol];
    if (!entry) throw new DataError(`${info.symbol} is not in ${join(b.dir, 'manifest.json')}`);
    return { f: b, entry };
  };

  return {
    bundledDir,
    dataDir,
    resolveSymbol(query) {
      const hit = findIn(userFolder(), query);
      if (hit) return infoOf(hit);
      try {
        return resolveBundledSymbol(query);
      } catch (e) {
        if (dataDir === null || !(e instanceof InputError)) throw e;
        const near = suggestSymbols(query);
        throw new InputError(
          `unknown symbol '${query}': not in ${shownPath(join(dataDir, 'manifest.json'))} nor the bundled snapshot` +
            (near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''),
        );
      }
    },
    loadSeries(symbol) {
      const { f, entry } = locate(symbol);
      const path = join(f.dir, entry.file);
      if (!existsSync(path)) throw new DataError(`${shownPath(path)} is missing (${entry.symbol})`);
      const sha256 = fileSha256(path);
      if (sha256 !== entry.sha256) {
        throw new DataError(`${shownPath(path)}: sha256 ${sha256.slice(0, 12)}… does not match its manifest's ${entry.sha256.slice(0, 12)}… (the file changed after import)`);
      }
      const rows: PriceRow[] = parseSnapshotCsv(readFileSync(path, 'utf8'), shownPath(path));
      if (!reads.has(path)) {
        reads.set(path, {
          symbol: entry.symbol,
          kind: 'prices',
          folder: f.folder,
          file: shownPath(path),
          sha256,
          rows: rows.length,
          first: rows[0]?.date ?? '',
          last: rows[rows.length - 1]?.date ?? '',
          source: describeSource(entry),
        });
      }
      return { info: infoOf(entry), rows, source: `${f.folder === 'bundled' ? 'snapshot' : 'data folder'} ${shownPath(path)}` };
    },
    sharesOutstanding(symbol, date) {
      const hit = bundledShares(symbol, date, { dataDir: bundledDir });
      if (!hit) {
        // The snapshot has none: a share count pinned from Yahoo in the user folder, labelled with its date.
        const pinned = dataDir === null ? null : pinnedSharesOutstanding(dataDir, symbol, date);
        if (pinned && !reads.has(pinned.file)) {
          reads.set(pinned.file, { symbol: null, kind: 'shares', folder: 'user', file: shownPath(pinned.file), sha256: pinned.sha256, rows: pinned.rows, first: '', last: '', source: 'Yahoo Finance quoteSummary (pinned)' });
        }
        return pinned?.lookup ?? null;
      }
      const span =
        hit.validFrom === null && hit.validTo === null
          ? 'for all dates'
          : hit.validFrom === null
            ? `until ${hit.validTo}`
            : hit.validTo === null
              ? `from ${hit.validFrom}`
              : `${hit.validFrom}..${hit.validTo}`;
      return { shares: hit.totalShares, floatShares: hit.floatShares, asOf: hit.asOf, source: `${hit.kind} share count valid ${span}: ${hit.source}` };
    },
    usdCnyRate(date) {
      return bundledFx(date, { dataDir: bundledDir });
    },
    reads() {
      return [...reads.values()].map((r) => ({ ...r }));
    },
  };
}
