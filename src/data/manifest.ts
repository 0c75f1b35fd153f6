/**
 * data/manifest.json: what the bundled snapshot holds and where every number came from.
 * Written by scripts/import-data.ts; read and verified here (`impact data verify`, the tests).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError } from '../errors.ts';
import type { ExchangeCode, InstrumentKind, IsoDate } from '../types.ts';
import type { ReturnComparison } from './raw-formats.ts';

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

export interface ManifestSymbol {
  symbol: string;
  name: string;
  aliases: string[];
  exchange: ExchangeCode;
  currency: string;
  timeZone: string;
  kind: InstrumentKind;
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

/** Reads and shape-checks data/manifest.json. */
export function readManifest(dataDir: string): SnapshotManifest {
  const path = join(dataDir, 'manifest.json');
  if (!existsSync(path)) throw new DataError(`${path} is missing; run npm run data:import`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DataError(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const m = parsed as Partial<SnapshotManifest> | null;
  if (!m || m.schema !== 'market-impact/snapshot@1' || typeof m.symbols !== 'object' || m.symbols === null) {
    throw new DataError(`${path}: not a market-impact snapshot manifest (schema market-impact/snapshot@1)`);
  }
  return { aux: {}, ...m } as SnapshotManifest;
}

/** First date, last date and row count of a normalized CSV text (header line excluded). */
export function csvCoverage(text: string): { rows: number; first: IsoDate; last: IsoDate } {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const data = lines.slice(1);
  return { rows: data.length, first: data[0]?.slice(0, 10) ?? '', last: data[data.length - 1]?.slice(0, 10) ?? '' };
}

export interface VerifiedFile {
  symbol: string;
  file: string;
  rows: number;
  first: IsoDate;
  last: IsoDate;
  ok: boolean;
}

export interface VerifyReport {
  ok: boolean;
  problems: string[];
  symbols: VerifiedFile[];
  aux: VerifiedFile[];
}

/**
 * Checks every file of the snapshot against the manifest: it exists, its SHA-256 matches, its
 * row count and date range match; and no file under prices/ is missing from the manifest.
 * Never throws for a bad file: each problem is one line naming the file.
 */
export function verifySnapshot(opts: { dataDir?: string } = {}): VerifyReport {
  const dataDir = opts.dataDir ?? defaultDataDir();
  const manifest = readManifest(dataDir);
  const problems: string[] = [];
  const check = (name: string, entry: { file: string; sha256: string; rows: number; first: string; last: string }): VerifiedFile => {
    const path = join(dataDir, entry.file);
    const line: VerifiedFile = { symbol: name, file: entry.file, rows: entry.rows, first: entry.first, last: entry.last, ok: false };
    if (!existsSync(path)) {
      problems.push(`${entry.file} (${name}) is missing`);
      return line;
    }
    const bytes = readFileSync(path);
    const hash = sha256OfBytes(bytes);
    if (hash !== entry.sha256) {
      problems.push(`${entry.file} (${name}): sha256 ${hash.slice(0, 12)}… does not match the manifest's ${entry.sha256.slice(0, 12)}… (file changed since import)`);
      return line;
    }
    const cov = csvCoverage(bytes.toString('utf8'));
    if (cov.rows !== entry.rows || cov.first !== entry.first || cov.last !== entry.last) {
      problems.push(`${entry.file} (${name}): holds ${cov.rows} rows ${cov.first}..${cov.last}, the manifest says ${entry.rows} rows ${entry.first}..${entry.last}`);
      return line;
    }
    line.ok = true;
    return line;
  };
  const symbols = Object.values(manifest.symbols).map((s) => check(s.symbol, s));
  const aux = Object.entries(manifest.aux).map(([name, a]) => check(name, a));
  const listed = new Set(Object.values(manifest.symbols).map((s) => s.file));
  const pricesDir = join(dataDir, 'prices');
  if (existsSync(pricesDir)) {
    for (const f of readdirSync(pricesDir)) {
      if (f.endsWith('.csv') && !listed.has(`prices/${f}`)) problems.push(`prices/${f} is not in the manifest`);
    }
  }
  return { ok: problems.length === 0, problems, symbols, aux };
}
