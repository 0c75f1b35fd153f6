/**
 * Share counts and USD/CNY rates from the snapshot (data/shares/shares.csv, data/fx/USDCNY.csv),
 * for market-capitalisation checks. Both are imported by scripts/import-data.ts from
 * ../shared/data/raw/{shares,fx} with the same manifest rules as prices.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { csvLines } from './csv.ts';
import { readParsedCached } from './file-cache.ts';
import { defaultDataDir } from './manifest.ts';

export const SHARES_FILE = 'shares/shares.csv';
export const FX_FILE = 'fx/USDCNY.csv';
export const SHARES_COLUMNS = ['validFrom', 'validTo', 'symbol', 'totalShares', 'floatShares', 'kind', 'source'];
export const FX_COLUMNS = ['date', 'cnyPerUsd'];

/** A total share count valid over a date range, with where it comes from. */
export interface ShareCount {
  symbol: string;
  /** First and last day the count applies to (inclusive); null = open-ended. */
  validFrom: IsoDate | null;
  validTo: IsoDate | null;
  totalShares: number;
  floatShares: number | null;
  /** 'stated' (a public announcement), 'derived' (arithmetic on stated figures) or 'snapshot' (Eastmoney cap/price). */
  kind: string;
  source: string;
}

export interface FundamentalsOptions {
  dataDir?: string;
}

/** `parse` of a snapshot file, read once while it is unchanged; a missing file says how to make it. */
function readSnapshotFile<T>(dataDir: string, rel: string, parse: (text: string, file: string) => T): T {
  const path = join(dataDir, rel);
  if (!existsSync(path)) throw new DataError(`${path} is missing; run npm run data:import`);
  return readParsedCached(path, (text) => parse(text, path));
}

/** Parses shares/shares.csv; a bad row names the file and line. */
function parseShareCounts(text: string, file: string): ShareCount[] {
  const lines = csvLines(text);
  if (lines[0]?.fields.join(',') !== SHARES_COLUMNS.join(',')) throw new DataError(`${file}: unexpected header`);
  return lines.slice(1).map(({ line, fields }) => {
    const [validFrom, validTo, symbol, total, float, kind, source] = fields;
    const totalShares = Number(total);
    if (!(totalShares > 0)) throw new DataError(`${file}: line ${line}: totalShares '${total}' is not a positive number`);
    return {
      symbol,
      validFrom: validFrom === '' ? null : validFrom,
      validTo: validTo === '' ? null : validTo,
      totalShares,
      floatShares: float === '' ? null : Number(float),
      kind,
      source,
    };
  });
}

/** Every share-count record of the snapshot. */
export function loadShareCounts(opts: FundamentalsOptions = {}): ShareCount[] {
  return readSnapshotFile(opts.dataDir ?? defaultDataDir(), SHARES_FILE, parseShareCounts).map((s) => ({ ...s }));
}

/**
 * The total share count of `symbol` on `date`, or null when the snapshot has none for that day.
 * @example sharesOutstanding('688256.SS', '2025-08-12')?.totalShares // 418350224
 */
export function sharesOutstanding(symbol: string, date: IsoDate, opts: FundamentalsOptions = {}): (ShareCount & { asOf: IsoDate }) | null {
  const hit = readSnapshotFile(opts.dataDir ?? defaultDataDir(), SHARES_FILE, parseShareCounts).find(
    (s) => s.symbol === symbol && (s.validFrom === null || s.validFrom <= date) && (s.validTo === null || date <= s.validTo),
  );
  return hit ? { ...hit, asOf: date } : null;
}

/** Parses fx/USDCNY.csv; a bad row names the file and line. */
function parseUsdCny(text: string, file: string): { dates: IsoDate[]; rates: Float64Array } {
  const lines = csvLines(text);
  if (lines[0]?.fields.join(',') !== FX_COLUMNS.join(',')) throw new DataError(`${file}: unexpected header`);
  const dates: IsoDate[] = [];
  const rates = new Float64Array(lines.length - 1);
  lines.slice(1).forEach(({ line, fields }, i) => {
    const r = Number(fields[1]);
    if (!(r > 0)) throw new DataError(`${file}: line ${line}: rate '${fields[1]}' is not a positive number`);
    dates.push(fields[0]);
    rates[i] = r;
  });
  return { dates, rates };
}

/** USD/CNY rates by date (CNY per USD), sorted. */
export function loadUsdCny(opts: FundamentalsOptions = {}): { dates: IsoDate[]; rates: Float64Array } {
  const { dates, rates } = readSnapshotFile(opts.dataDir ?? defaultDataDir(), FX_FILE, parseUsdCny);
  return { dates: [...dates], rates: rates.slice() };
}

/**
 * The USD/CNY rate (CNY per USD, Fed H.10 noon rate in New York) on `date`, or on the latest
 * earlier business day within `maxStaleDays` calendar days (US holidays have no fixing).
 * @example usdCnyRate('2025-08-12') // { rate: 7.1785, date: '2025-08-12', source: 'FRED DEXCHUS ...' }
 */
export function usdCnyRate(date: IsoDate, opts: FundamentalsOptions & { maxStaleDays?: number } = {}): { rate: number; date: IsoDate; source: string } | null {
  const { dates, rates } = readSnapshotFile(opts.dataDir ?? defaultDataDir(), FX_FILE, parseUsdCny);
  let lo = 0;
  let hi = dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] <= date) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0) return null;
  const ageDays = (Date.parse(date) - Date.parse(dates[found])) / 86_400_000;
  if (ageDays > (opts.maxStaleDays ?? 7)) return null;
  return { rate: rates[found], date: dates[found], source: `FRED DEXCHUS (Fed H.10 noon rate, CNY per USD) via ${FX_FILE}` };
}
