/**
 * Share counts and USD/CNY rates from the snapshot (data/shares/shares.csv, data/fx/USDCNY.csv),
 * for market-capitalisation checks. Both are imported by scripts/import-data.ts from
 * ../shared/data/raw/{shares,fx} with the same manifest rules as prices, and every read is checked
 * against the manifest's sha256 like a price file (see verified.ts).
 */
import { join } from 'node:path';
import { IntegrityError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { csvLines } from './csv.ts';
import { defaultDataDir, type ManifestAuxFile } from './manifest.ts';
import { isRealIsoDate } from './price-file.ts';
import { manifestSha256, readManifestCached, readVerified, recordProcessRead, shownPath, type DataRead } from './verified.ts';

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

/** Where an aux file is read from, and who wants to hear about the read (a DataStore's own record). */
export interface AuxReadContext {
  folder: 'bundled' | 'user';
  onRead?: (read: DataRead) => void;
  /** false: check without adding to the process-wide record (impact data verify). */
  record?: boolean;
}

/** The manifest's entry for an aux file of `dir`, or null when the folder lists none. */
export function auxEntry(dir: string, rel: string): ManifestAuxFile | null {
  return Object.values(readManifestCached(dir).aux).find((a) => a.file === rel) ?? null;
}

/**
 * `parse` of an aux file (FX rates, share counts, factors, the events catalogue) checked against
 * its manifest entry (sha256, rows and range); the read is recorded for the report footer.
 * @throws IntegrityError when the folder's manifest does not list the file or the bytes differ
 */
export function readAuxFile<T>(
  dir: string,
  rel: string,
  kind: Exclude<DataRead['kind'], 'prices'>,
  parse: (text: string, file: string) => T,
  coverage: (v: T) => { rows: number; first: IsoDate; last: IsoDate },
  ctx: AuxReadContext,
): T {
  const entry = auxEntry(dir, rel);
  if (!entry) throw new IntegrityError(`${shownPath(join(dir, rel))} is not listed in ${shownPath(join(dir, 'manifest.json'))}: refusing an unverified file`);
  const { value, sha256, path } = readVerified(dir, entry, parse, coverage);
  const raw = entry.raw[0];
  const read: DataRead = {
    symbol: null,
    kind,
    folder: ctx.folder,
    file: shownPath(path),
    sha256,
    rows: entry.rows,
    first: entry.first,
    last: entry.last,
    source: raw ? `${raw.repo ?? raw.file}${raw.path ? ` ${raw.path}` : ''}${raw.commit ? ` @ ${raw.commit.slice(0, 10)}` : ''}` : (entry.notes[0] ?? 'unknown source'),
    manifest: shownPath(join(dir, 'manifest.json')),
    manifestSha256: manifestSha256(dir),
  };
  if (ctx.record !== false) recordProcessRead(read);
  ctx.onRead?.(read);
  return value;
}

/** Parses shares/shares.csv; a bad row names the file and line. */
export function parseShareCounts(text: string, file: string): ShareCount[] {
  const lines = csvLines(text, { file });
  if (lines[0]?.fields.join(',') !== SHARES_COLUMNS.join(',')) throw new IntegrityError(`${file}: unexpected header`);
  return lines.slice(1).map(({ line, fields }) => {
    const [validFrom, validTo, symbol, total, float, kind, source] = fields;
    const totalShares = Number(total);
    if (!(totalShares > 0) || !Number.isFinite(totalShares)) throw new IntegrityError(`${file}: line ${line}: totalShares '${total}' is not a positive number`);
    for (const d of [validFrom, validTo]) if (d !== '' && !isRealIsoDate(d)) throw new IntegrityError(`${file}: line ${line}: '${d}' is not a YYYY-MM-DD date`);
    const floatShares = float === '' ? null : Number(float);
    if (floatShares !== null && !(floatShares > 0 && Number.isFinite(floatShares))) throw new IntegrityError(`${file}: line ${line}: floatShares '${float}' is not a positive number`);
    return { symbol, validFrom: validFrom === '' ? null : validFrom, validTo: validTo === '' ? null : validTo, totalShares, floatShares, kind, source };
  });
}

/**
 * Rows and the span of dates a share-count file states (earliest to latest validFrom/validTo):
 * what its manifest entry records as rows, first and last.
 */
export function shareCountCoverage(counts: readonly ShareCount[]): { rows: number; first: IsoDate; last: IsoDate } {
  const dates = counts.flatMap((c) => [c.validFrom, c.validTo]).filter((d): d is IsoDate => d !== null).sort();
  return { rows: counts.length, first: dates[0] ?? '', last: dates[dates.length - 1] ?? '' };
}

/** Share counts of a folder, verified; `ctx` says which folder it is and who records the read. */
export function shareCountsIn(dir: string, ctx: AuxReadContext = { folder: 'bundled' }): readonly ShareCount[] {
  return readAuxFile(dir, SHARES_FILE, 'shares', parseShareCounts, shareCountCoverage, ctx);
}

/** Every share-count record of the snapshot. */
export function loadShareCounts(opts: FundamentalsOptions = {}): ShareCount[] {
  return shareCountsIn(opts.dataDir ?? defaultDataDir()).map((s) => ({ ...s }));
}

/** The count of `symbol` valid on `date` among `counts`, or null. */
export function shareCountOn(counts: readonly ShareCount[], symbol: string, date: IsoDate): (ShareCount & { asOf: IsoDate }) | null {
  const hit = counts.find((s) => s.symbol === symbol && (s.validFrom === null || s.validFrom <= date) && (s.validTo === null || date <= s.validTo));
  return hit ? { ...hit, asOf: date } : null;
}

/**
 * The total share count of `symbol` on `date`, or null when the snapshot has none for that day.
 * @example sharesOutstanding('688256.SS', '2025-08-12')?.totalShares // 418350224
 */
export function sharesOutstanding(symbol: string, date: IsoDate, opts: FundamentalsOptions = {}): (ShareCount & { asOf: IsoDate }) | null {
  return shareCountOn(shareCountsIn(opts.dataDir ?? defaultDataDir()), symbol, date);
}

/** USD/CNY rates by date (CNY per USD), sorted. */
export interface UsdCnyTable {
  dates: IsoDate[];
  rates: Float64Array;
}

/** Parses fx/USDCNY.csv; a bad row names the file and line. */
function parseUsdCny(text: string, file: string): UsdCnyTable {
  const lines = csvLines(text, { file });
  if (lines[0]?.fields.join(',') !== FX_COLUMNS.join(',')) throw new IntegrityError(`${file}: unexpected header`);
  const dates: IsoDate[] = [];
  const rates = new Float64Array(lines.length - 1);
  lines.slice(1).forEach(({ line, fields }, i) => {
    const [d, s] = fields;
    if (!isRealIsoDate(d)) throw new IntegrityError(`${file}: line ${line}: '${d}' is not a YYYY-MM-DD date`);
    if (i > 0 && d <= dates[i - 1]) throw new IntegrityError(`${file}: line ${line}: date ${d} is not after ${dates[i - 1]}`);
    const r = Number(s);
    if (!(r > 0) || !Number.isFinite(r)) throw new IntegrityError(`${file}: line ${line}: rate '${s}' is not a positive number`);
    dates.push(d);
    rates[i] = r;
  });
  return { dates, rates };
}

/** USD/CNY table of a folder, verified; `ctx` says which folder it is and who records the read. */
export function usdCnyIn(dir: string, ctx: AuxReadContext = { folder: 'bundled' }): UsdCnyTable {
  return readAuxFile(dir, FX_FILE, 'fx', parseUsdCny, (t) => ({ rows: t.dates.length, first: t.dates[0] ?? '', last: t.dates[t.dates.length - 1] ?? '' }), ctx);
}

/** USD/CNY rates by date (CNY per USD), sorted. */
export function loadUsdCny(opts: FundamentalsOptions = {}): UsdCnyTable {
  const { dates, rates } = usdCnyIn(opts.dataDir ?? defaultDataDir());
  return { dates: [...dates], rates: rates.slice() };
}

/**
 * The rate in `table` on `date`, or on the latest earlier business day within `maxStaleDays`
 * calendar days (US holidays have no fixing); null when there is none that recent.
 */
export function usdCnyOn(table: UsdCnyTable, date: IsoDate, maxStaleDays = 7): { rate: number; date: IsoDate; source: string } | null {
  const { dates, rates } = table;
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
  if (ageDays > maxStaleDays) return null;
  return { rate: rates[found], date: dates[found], source: `FRED DEXCHUS (Fed H.10 noon rate, CNY per USD) via ${FX_FILE}` };
}

/**
 * The USD/CNY rate (CNY per USD, Fed H.10 noon rate in New York) on `date`, or on the latest
 * earlier business day within `maxStaleDays` calendar days (US holidays have no fixing).
 * @example usdCnyRate('2025-08-12') // { rate: 7.1785, date: '2025-08-12', source: 'FRED DEXCHUS ...' }
 */
export function usdCnyRate(date: IsoDate, opts: FundamentalsOptions & { maxStaleDays?: number } = {}): { rate: number; date: IsoDate; source: string } | null {
  return usdCnyOn(usdCnyIn(opts.dataDir ?? defaultDataDir()), date, opts.maxStaleDays ?? 7);
}
