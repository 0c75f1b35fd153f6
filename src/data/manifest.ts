/**
 * data/manifest.json: what the bundled snapshot holds and where every number came from.
 * Written by scripts/import-data.ts; read and verified here (`impact data verify`, the tests).
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../errors.ts';
import type { IsoDate, SymbolInfo } from '../types.ts';
import { symbolFileName } from './symbols.ts';

/** One raw file the importer read: enough to fetch the same bytes again and check them. */
export interface RawFileUse {
  /** Path under ../shared/data/raw, e.g. 'us/NVDA__dane-anderson__equity-signal-engine.csv'. */
  file: string;
  /** Public origin, from the raw folder's PROVENANCE.md. */
  repo: string | null;
  path: string | null;
  commit: string | null;
  sha256: string;
}

/** A raw row the importer left out, with the reason (partial last row, duplicated date...). */
export interface DroppedRow {
  date: IsoDate;
  reason: string;
}

/** A second raw file of the same symbol, compared with the primary on daily returns. */
/** Two series of one symbol compared on their common one-session returns (importer, SOURCES.md). */
export interface ReturnComparison {
  overlapDays: number;
  first: IsoDate | null;
  last: IsoDate | null;
  /** Largest |return difference| in percentage points, and the day it happened. */
  maxAbsDiffPp: number | null;
  maxDiffDate: IsoDate | null;
  /** Days whose returns differ by more than 0.05 pp (dividend dates, feed differences). */
  daysOver005Pp: number;
}

export interface SourceComparison extends ReturnComparison {
  file: string;
  /** What the compared file's prices are (adjusted or raw), which explains dividend-day gaps. */
  basis: string;
}

/**
 * Where a data-folder series came from, when it was not imported from the shared raw files:
 * a user's own price file (`impact import`) or a pinned Yahoo response (`impact fetch`, `--source yahoo`).
 */
export type SeriesOrigin =
  | {
      kind: 'user-file';
      /** The file's name as given (no directories). */
      file: string;
      /** sha256 of the file's bytes. */
      sha256: string;
      /** When it was first imported, UTC ISO; kept on re-import of the same bytes. */
      importedAt: string;
      /** The date format detected ('YYYY-MM-DD', 'DD/MM/YYYY', ...) and the delimiter. */
      dateFormat: string;
      delimiter: string;
      /** False when the file had no adjusted-close column (then adjClose = close: unadjusted). */
      adjusted?: boolean;
      /** The file's header names that were used, and the field each one filled. */
      columns?: Record<string, string>;
    }
  | {
      kind: 'yahoo';
      /** What was asked: chart() of `symbol`, daily, over [from, to]. */
      request: { endpoint: 'chart'; symbol: string; from: IsoDate; to: IsoDate; interval: '1d' };
      /** When the response was received, UTC ISO. */
      retrievedAt: string;
      /** Yahoo's raw response, relative to the data folder ('raw/yahoo/AAPL-2020-08-31-2020-11-07.json'). */
      rawFile: string;
      rawSha256: string;
    };

/**
 * One series of a data folder: the symbol's facts (SymbolInfo: names, exchange, currency, zone,
 * kind, the listing date when a public source states it), its file with hash and range, and where
 * its numbers come from.
 */
export interface ManifestSymbol extends SymbolInfo {
  /** The page stating the listing date (the listing announcement), or the user's word (`impact import --listing-date`). */
  listingSource?: string;
  /** The normalized file, relative to the data folder: 'prices/NVDA.csv'. */
  file: string;
  first: IsoDate;
  last: IsoDate;
  rows: number;
  sha256: string;
  /** How the close and adjClose columns are adjusted, in words. */
  adjustment: string;
  /** Bundled snapshot only: the raw files the importer read. */
  raw?: RawFileUse[];
  dropped?: DroppedRow[];
  comparisons?: SourceComparison[];
  /** Known gaps (suspensions) and caveats a reader must know. */
  notes: string[];
  /** Data folders only: a user file or a pinned Yahoo response. */
  origin?: SeriesOrigin;
}

/** A non-price data file (FX rates, share counts) with its hash and origins. */
export interface ManifestAuxFile {
  file: string;
  rows: number;
  first: IsoDate;
  last: IsoDate;
  sha256: string;
  raw: RawFileUse[];
  notes: string[];
}

export interface SnapshotManifest {
  schema: 'market-impact/snapshot@1';
  generatedBy: string;
  /** Columns of every file under prices/. */
  priceColumns: string[];
  symbols: Record<string, ManifestSymbol>;
  aux: Record<string, ManifestAuxFile>;
  /**
   * Bundled snapshot only: every raw file the importer read (primaries, compared files, FX and
   * share sources) with its sha256, in the order read. The importer refuses raw files that differ.
   */
  rawFiles?: Record<string, string>;
}

export const PRICE_COLUMNS = ['date', 'open', 'high', 'low', 'close', 'adjClose', 'volume', 'turnoverPct'];

/** The project's bundled data folder (holding manifest.json, prices/, fx/, shares/). */
export function defaultDataDir(): string {
  return fileURLToPath(new URL('../../data', import.meta.url));
}

/** SHA-256 of bytes, hex. */
export function sha256OfBytes(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const SHA256 = /^[0-9a-f]{64}$/;
/** A file a manifest may name: one folder level, a plain file name, no '..' (never outside the folder). */
const SAFE_REL = /^[A-Za-z0-9_-]+\/[A-Za-z0-9_][A-Za-z0-9._-]*\.csv$/;
/** An aux file may also be a JSON document at the top of the folder (the events catalogue), never the manifest itself. */
const SAFE_AUX_JSON = /^(?!manifest\.json$)[A-Za-z0-9_][A-Za-z0-9_-]*\.json$/;

/**
 * Checks the fields every reader relies on: each entry names a file inside the folder (price files
 * at prices/<symbolFileName>), a sha256 of 64 hex digits, a row count and ISO first/last dates.
 * @throws DataError naming the manifest and the entry
 */
export function validateManifest(m: SnapshotManifest, path: string): void {
  const bad = (what: string, why: string): never => {
    throw new DataError(`${path}: ${what}: ${why}`);
  };
  const common = (what: string, e: { file?: unknown; sha256?: unknown; rows?: unknown; first?: unknown; last?: unknown }, json = false) => {
    const plain = typeof e.file === 'string' && (SAFE_REL.test(e.file) || (json && SAFE_AUX_JSON.test(e.file))) && !e.file.includes('..');
    if (!plain) bad(what, `file ${JSON.stringify(e.file)} is not a plain path inside the data folder`);
    if (typeof e.sha256 !== 'string' || !SHA256.test(e.sha256)) bad(what, `sha256 ${JSON.stringify(e.sha256)} is not 64 hex digits`);
    if (typeof e.rows !== 'number' || !Number.isInteger(e.rows) || e.rows < 0) bad(what, `rows ${JSON.stringify(e.rows)} is not a count`);
    for (const k of ['first', 'last'] as const) if (typeof e[k] !== 'string' || !ISO_DATE.test(e[k] as string)) bad(what, `${k} ${JSON.stringify(e[k])} is not a YYYY-MM-DD date`);
  };
  for (const [key, e] of Object.entries(m.symbols)) {
    if (e === null || typeof e !== 'object') bad(`symbol ${key}`, 'not an object');
    if (e.symbol !== key) bad(`symbol ${key}`, `its entry says symbol ${JSON.stringify(e.symbol)}`);
    common(`symbol ${key}`, e);
    let expected: string;
    try {
      expected = `prices/${symbolFileName(key)}`;
    } catch {
      return bad(`symbol ${JSON.stringify(key)}`, 'not a valid symbol');
    }
    if (e.file !== expected) bad(`symbol ${key}`, `file ${e.file} should be ${expected}`);
    if (typeof e.exchange !== 'string' || typeof e.currency !== 'string' || typeof e.timeZone !== 'string') bad(`symbol ${key}`, 'exchange, currency and timeZone must be strings');
  }
  for (const [key, a] of Object.entries(m.aux ?? {})) {
    if (a === null || typeof a !== 'object') bad(`aux ${key}`, 'not an object');
    common(`aux ${key}`, a, true);
  }
}

/** Reads, shape-checks and validates a data folder's manifest.json (see validateManifest). */
export function readManifest(dataDir: string): SnapshotManifest {
  const path = join(dataDir, 'manifest.json');
  if (!existsSync(path)) throw new DataError(`${path} is missing; run npm run data:import`);
  return parseManifest(readFileSync(path, 'utf8'), path);
}

/** Parses and validates the text of a manifest.json (`path` is named in errors). */
export function parseManifest(text: string, path: string): SnapshotManifest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const m = parsed as Partial<SnapshotManifest> | null;
  if (!m || m.schema !== 'market-impact/snapshot@1' || typeof m.symbols !== 'object' || m.symbols === null || Array.isArray(m.symbols)) {
    throw new DataError(`${path}: not a market-impact snapshot manifest (schema market-impact/snapshot@1)`);
  }
  const manifest = { ...m, aux: m.aux ?? {} } as SnapshotManifest;
  validateManifest(manifest, path);
  return manifest;
}

/** First date, last date and row count of a normalized CSV text (header line excluded). */
export function csvCoverage(text: string): { rows: number; first: IsoDate; last: IsoDate } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const data = lines.slice(1);
  return { rows: data.length, first: data[0]?.slice(0, 10) ?? '', last: data[data.length - 1]?.slice(0, 10) ?? '' };
}
