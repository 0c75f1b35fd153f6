/**
 * The data layer's one door. A DataStore reads prices, share counts and FX rates from the bundled
 * snapshot and, when given, a user data folder that overlays it (its symbols are found first; the
 * bundled ones stay available, e.g. as benchmarks). Every file is checked against its manifest's
 * sha256 and row rules before use (verified.ts; the check is cached by file version), and every
 * read is recorded, so a report can say exactly which bytes it used.
 *
 * The user folder defaults to the environment variable IMPACT_DATA_DIR (how `impact report
 * --data-dir DIR` hands the folder to a study running in its own process); unset or empty = none.
 *
 * @example
 * const store = openDataStore({ dataDir: 'my-data' });
 * store.loadSeries('MYCO');           // from my-data/prices/MYCO.csv, hash-checked
 * store.loadSeries('SPY');            // from the bundled snapshot
 * store.reads();                      // [{ symbol: 'MYCO', folder: 'user', sha256, ... }, ...]
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, InputError } from '../errors.ts';
import type { IsoDate, PriceRow, PriceSeries, SymbolInfo } from '../types.ts';
import { FX_FILE, SHARES_FILE, auxEntry, shareCountOn, shareCountsIn, usdCnyIn, usdCnyOn, type AuxReadContext } from './fundamentals.ts';
import { defaultDataDir, type ManifestSymbol, type SnapshotManifest } from './manifest.ts';
import { parseSnapshotCsv } from './price-file.ts';
import { closestMatches } from './suggest.ts';
import { assertSafeSymbol, resolveSymbol as resolveBundledSymbol, suggestSymbols } from './symbols.ts';
import { manifestSha256, readManifestCached, readVerified, recordProcessRead, shownPath, type DataRead } from './verified.ts';

export { fileSha256, processDataReads, shownPath, type DataRead } from './verified.ts';

/** The environment variable naming the user data folder that overlays the bundled snapshot. */
export const DATA_DIR_ENV = 'IMPACT_DATA_DIR';

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
  /** Every symbol the store can load: the user folder's first, then the bundled ones it does not shadow. */
  symbols(): { info: SymbolInfo; folder: 'bundled' | 'user'; entry: ManifestSymbol }[];
}

export interface DataStoreOptions {
  /**
   * A user data folder (manifest.json + prices/) overlaying the bundled snapshot. Default: the
   * IMPACT_DATA_DIR environment variable; null = none, whatever the environment says.
   */
  dataDir?: string | null;
  /** The bundled snapshot folder (default: the project's data/). */
  bundledDir?: string;
}

/** The user folder named by IMPACT_DATA_DIR, or null. */
export function dataDirFromEnv(): string | null {
  const v = process.env[DATA_DIR_ENV];
  return v === undefined || v.trim() === '' ? null : v;
}

interface Folder {
  dir: string;
  folder: 'bundled' | 'user';
  manifest: () => SnapshotManifest;
}

/** Where a series' numbers come from, in one line, from its manifest entry. */
export function describeSource(entry: ManifestSymbol): string {
  const o = entry.origin;
  if (o?.kind === 'user-file') return `user file ${o.file} (sha256 ${o.sha256.slice(0, 12)}…, imported ${o.importedAt})`;
  if (o?.kind === 'yahoo') return `Yahoo chart() ${o.request.symbol} ${o.request.from}..${o.request.to}, retrieved ${o.retrievedAt}`;
  const raw = entry.raw?.[0];
  if (raw) return `${raw.repo ?? raw.file}${raw.path ? ` ${raw.path}` : ''}${raw.commit ? ` @ ${raw.commit.slice(0, 10)}` : ''}`;
  return entry.adjustment ?? 'unknown source';
}

function infoOf(e: ManifestSymbol): SymbolInfo {
  return { symbol: e.symbol, name: e.name, aliases: e.aliases ?? [], exchange: e.exchange, currency: e.currency, timeZone: e.timeZone, kind: e.kind, ...(e.listingDate ? { listingDate: e.listingDate } : {}) };
}

function sameDir(a: string, b: string): boolean {
  try {
    return realpathSync(a) === realpathSync(b);
  } catch {
    return resolve(a) === resolve(b);
  }
}

function coverageOf(rows: readonly PriceRow[]) {
  return { rows: rows.length, first: rows[0]?.date ?? '', last: rows[rows.length - 1]?.date ?? '' };
}

/**
 * The verified rows of one price file of a folder, recorded in the process-wide record and
 * handed to `onRead`. Callers get a copy they may change.
 * @throws IntegrityError when the file is missing, changed, or breaks a row rule (naming file and line)
 */
export function loadFolderSeries(dir: string, entry: ManifestSymbol, folder: 'bundled' | 'user', onRead?: (r: DataRead) => void): PriceSeries {
  const { value, sha256, path } = readVerified(dir, entry, parseSnapshotCsv, coverageOf);
  const read: DataRead = {
    symbol: entry.symbol,
    kind: 'prices',
    folder,
    file: shownPath(path),
    sha256,
    rows: value.length,
    first: value[0]?.date ?? '',
    last: value[value.length - 1]?.date ?? '',
    source: describeSource(entry),
    manifest: shownPath(join(dir, 'manifest.json')),
    manifestSha256: manifestSha256(dir),
  };
  recordProcessRead(read);
  onRead?.(read);
  return { info: infoOf(entry), rows: value.map((r) => ({ ...r })), source: `${folder === 'bundled' ? 'snapshot' : 'data folder'} ${shownPath(path)}` };
}

/**
 * Opens a store. Nothing is read until asked for; a user folder must exist and hold a manifest.json.
 * @throws InputError when `dataDir` does not exist or is not a folder
 */
export function openDataStore(opts: DataStoreOptions = {}): DataStore {
  const bundledDir = opts.bundledDir ?? defaultDataDir();
  let dataDir = opts.dataDir === undefined ? dataDirFromEnv() : opts.dataDir;
  if (dataDir !== null) {
    const how = opts.dataDir === undefined ? ` (from ${DATA_DIR_ENV})` : '';
    if (!existsSync(dataDir)) throw new InputError(`data folder ${dataDir}${how} does not exist`);
    if (!statSync(dataDir).isDirectory()) throw new InputError(`data folder ${dataDir}${how} is not a folder`);
    if (!existsSync(join(dataDir, 'manifest.json'))) {
      throw new InputError(`data folder ${dataDir}${how} has no manifest.json (create one with impact import or impact fetch)`);
    }
    // The bundled snapshot named as a data folder overlays nothing.
    if (sameDir(dataDir, bundledDir)) dataDir = null;
  }
  const bundled: Folder = { dir: bundledDir, folder: 'bundled', manifest: () => readManifestCached(bundledDir) };
  const user: Folder | null = dataDir === null ? null : { dir: dataDir, folder: 'user', manifest: () => readManifestCached(dataDir!) };
  const reads = new Map<string, DataRead>();
  const onRead = (r: DataRead) => {
    const key = `${r.file}\0${r.sha256}`;
    if (!reads.has(key)) reads.set(key, { ...r });
  };

  const findIn = (f: Folder | null, query: string): ManifestSymbol | undefined => {
    if (!f) return undefined;
    const q = query.trim().toLowerCase();
    return Object.values(f.manifest().symbols).find((s) => s.symbol.toLowerCase() === q || (s.aliases ?? []).some((a) => a.toLowerCase() === q));
  };

  const unknownSymbol = (query: string): InputError => {
    const userKeys = user ? Object.values(user.manifest().symbols).flatMap((s) => [s.symbol, ...(s.aliases ?? [])]) : [];
    const userNear = closestMatches(query, userKeys).map((k) => findIn(user, k)!.symbol);
    const near = [...new Set([...userNear, ...suggestSymbols(query)])].slice(0, 4);
    const where = `not in ${shownPath(join(user!.dir, 'manifest.json'))} nor the bundled snapshot`;
    return new InputError(`unknown symbol '${query}' (${where})${near.length > 0 ? `; did you mean ${near.join(', ')}?` : ''}`);
  };

  const locate = (query: string): { f: Folder; entry: ManifestSymbol } => {
    assertSafeSymbol(query);
    const inUser = findIn(user, query);
    if (user && inUser) return { f: user, entry: inUser };
    let info: SymbolInfo;
    try {
      info = resolveBundledSymbol(query);
    } catch (e) {
      if (e instanceof InputError && user) throw unknownSymbol(query);
      throw e;
    }
    const entry = bundled.manifest().symbols[info.symbol];
    if (!entry) throw new DataError(`${info.symbol} is not in ${shownPath(join(bundled.dir, 'manifest.json'))}`);
    return { f: bundled, entry };
  };

  /** The folder whose aux file `rel` to use: the user folder's when its manifest lists one. */
  const auxFolder = (rel: string): Folder => (user && auxEntry(user.dir, rel) ? user : bundled);
  const ctx = (f: Folder): AuxReadContext => ({ folder: f.folder, onRead });

  return {
    bundledDir,
    dataDir,
    resolveSymbol(query) {
      const { f, entry } = locate(query);
      // The bundled symbol table knows the names and aliases; the manifest adds the listing date.
      return f === bundled ? { ...resolveBundledSymbol(query), ...(entry.listingDate ? { listingDate: entry.listingDate } : {}) } : infoOf(entry);
    },
    loadSeries(symbol) {
      const { f, entry } = locate(symbol);
      return loadFolderSeries(f.dir, entry, f.folder, onRead);
    },
    sharesOutstanding(symbol, date) {
      // The user folder's counts (e.g. pinned from Yahoo) answer for the symbols they hold; the
      // bundled counts answer for the rest, so pinning one count never hides the others.
      const fromUser = user && auxEntry(user.dir, SHARES_FILE) ? shareCountOn(shareCountsIn(user.dir, ctx(user)), symbol, date) : null;
      const hit = fromUser ?? shareCountOn(shareCountsIn(bundled.dir, ctx(bundled)), symbol, date);
      if (!hit) return null;
      if (hit.kind === 'yahoo') {
        // A Yahoo count is the count on its retrieval date (validTo): label the answer with that date.
        return { shares: hit.totalShares, floatShares: hit.floatShares, asOf: hit.validTo ?? date, source: `Yahoo Finance share count as of ${hit.validTo}: ${hit.source}` };
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
      const f = auxFolder(FX_FILE);
      return usdCnyOn(usdCnyIn(f.dir, ctx(f)), date);
    },
    reads() {
      return [...reads.values()].map((r) => ({ ...r }));
    },
    symbols() {
      const out: ReturnType<DataStore['symbols']> = [];
      const seen = new Set<string>();
      for (const f of user ? [user, bundled] : [bundled]) {
        for (const entry of Object.values(f.manifest().symbols)) {
          if (seen.has(entry.symbol)) continue;
          seen.add(entry.symbol);
          out.push({ info: infoOf(entry), folder: f.folder, entry });
        }
      }
      return out;
    },
  };
}

const defaultStores = new Map<string, DataStore>();

/**
 * The store of this process for a folder pair: one per (bundled folder, user folder), so repeated
 * library calls (loadSnapshotSeries, checkClaim's default data, runEventStudy's default loader)
 * share one record of what was read. Default: the bundled snapshot overlaid by IMPACT_DATA_DIR.
 */
export function defaultDataStore(opts: DataStoreOptions = {}): DataStore {
  const bundledDir = resolve(opts.bundledDir ?? defaultDataDir());
  const dataDir = opts.dataDir === undefined ? dataDirFromEnv() : opts.dataDir;
  const key = `${bundledDir}\0${dataDir === null ? '' : resolve(dataDir)}`;
  let store = defaultStores.get(key);
  if (!store) {
    store = openDataStore({ bundledDir, dataDir });
    defaultStores.set(key, store);
  }
  return store;
}

