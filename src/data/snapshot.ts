/**
 * The bundled snapshot: data/prices/<symbol>.csv in one normalized schema
 * (date,open,high,low,close,adjClose,volume,turnoverPct), written by scripts/import-data.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import type { PriceRow, PriceSeries } from '../types.ts';
import { csvLines } from './csv.ts';
import { readParsedCached } from './file-cache.ts';
import { defaultDataDir, PRICE_COLUMNS, readManifest, sha256OfBytes } from './manifest.ts';
import { resolveSymbol, symbolFileName } from './symbols.ts';

export { defaultDataDir } from './manifest.ts';

export interface SnapshotOptions {
  /** The data folder holding manifest.json and prices/ (default: the project's data/). */
  dataDir?: string;
  /** Check the file's SHA-256 against the manifest before use. */
  verify?: boolean;
}

function cell(file: string, line: number, name: string, text: string, required: boolean): number | null {
  if (text === '') {
    if (required) throw new DataError(`${file}: line ${line}: ${name} is empty`);
    return null;
  }
  const v = Number(text);
  if (!Number.isFinite(v)) throw new DataError(`${file}: line ${line}: ${name} '${text}' is not a number`);
  return v;
}

/**
 * Parses a normalized snapshot file. Strict: the header must be the snapshot schema, dates
 * strictly increasing, closes positive; any violation names the file and line.
 */
export function parseSnapshotCsv(text: string, file: string): PriceRow[] {
  const lines = csvLines(text);
  const header = lines[0]?.fields.join(',');
  if (header !== PRICE_COLUMNS.join(',')) {
    throw new DataError(`${file}: header '${header ?? ''}' is not the snapshot schema '${PRICE_COLUMNS.join(',')}'`);
  }
  const rows: PriceRow[] = [];
  for (let k = 1; k < lines.length; k++) {
    const { line, fields } = lines[k];
    if (fields.length !== PRICE_COLUMNS.length) throw new DataError(`${file}: line ${line}: expected ${PRICE_COLUMNS.length} fields, got ${fields.length}`);
    const [date, open, high, low, close, adjClose, volume, turnover] = fields;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new DataError(`${file}: line ${line}: bad date '${date}'`);
    const prev = rows[rows.length - 1];
    if (prev && date <= prev.date) throw new DataError(`${file}: line ${line}: date ${date} is not after ${prev.date}`);
    const c = cell(file, line, 'close', close, true)!;
    const a = cell(file, line, 'adjClose', adjClose, true)!;
    if (!(c > 0) || !(a > 0)) throw new DataError(`${file}: line ${line} (${date}): non-positive price`);
    const row: PriceRow = {
      date,
      open: cell(file, line, 'open', open, false),
      high: cell(file, line, 'high', high, false),
      low: cell(file, line, 'low', low, false),
      close: c,
      adjClose: a,
      volume: cell(file, line, 'volume', volume, false),
    };
    const t = cell(file, line, 'turnoverPct', turnover, false);
    if (t !== null) row.turnoverPct = t;
    rows.push(row);
  }
  return rows;
}

/**
 * The whole snapshot series of a symbol (or alias).
 * @example loadSnapshotSeries('NVDA').rows.find((r) => r.date === '2025-01-27')?.close // 118.42
 * @throws InputError for an unknown symbol; DataError for a missing, corrupt or (with verify) changed file
 */
export function loadSnapshotSeries(symbol: string, opts: SnapshotOptions = {}): PriceSeries {
  const info = resolveSymbol(symbol);
  const dataDir = opts.dataDir ?? defaultDataDir();
  const rel = `prices/${symbolFileName(info.symbol)}`;
  const path = join(dataDir, rel);
  if (!existsSync(path)) throw new DataError(`${path} is missing (${info.symbol}); run npm run data:import`);
  if (opts.verify) {
    const entry = readManifest(dataDir).symbols[info.symbol];
    if (!entry) throw new DataError(`${info.symbol} is not in ${join(dataDir, 'manifest.json')}`);
    const hash = sha256OfBytes(readFileSync(path));
    if (hash !== entry.sha256) throw new DataError(`${path}: sha256 does not match the manifest (file changed since import)`);
  }
  const rows = readParsedCached(path, (text) => parseSnapshotCsv(text, path));
  return { info, rows: rows.map((r) => ({ ...r })), source: `snapshot ${rel}` };
}
