/**
 * Share counts pinned from Yahoo Finance's quoteSummary into a data folder, for market-cap checks
 * of symbols the bundled snapshot has no count for. They live where the bundled counts live, in
 * the same schema: `<dataDir>/shares/shares.csv` (SHARES_COLUMNS), registered in the folder's
 * manifest under aux.shares with its sha256 and the raw Yahoo answers it was read from.
 *
 * A Yahoo count is the count on its retrieval date (`validTo`, kind 'yahoo'): it answers for that
 * date and earlier ones, labelled with the date, because Yahoo's closes are split-adjusted to the
 * same retrieval basis (close × today's count is the market value for any date, up to buybacks and
 * issuance since). Dates after the retrieval are not answered.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { writeFileAtomic } from './atomic.ts';
import { csvLines } from './csv.ts';
import { SHARES_COLUMNS, SHARES_FILE } from './fundamentals.ts';
import { readOrCreateManifest } from './folder.ts';
import { csvCoverage, readManifest, sha256OfBytes, type RawFileUse } from './manifest.ts';
import { symbolFileName } from './symbols.ts';

/**
 * Where a symbol's raw Yahoo answers go in a data folder: 'raw/yahoo/AAPL' + '.chart…json' etc.
 * @example yahooRawBase('^GSPC') // 'raw/yahoo/idx-GSPC'
 */
export function yahooRawBase(symbol: string): string {
  return `raw/yahoo/${symbolFileName(symbol).replace(/\.csv$/, '')}`;
}

/** One pinned count as written to shares/shares.csv. */
export interface PinnedShareCount {
  symbol: string;
  /** The retrieval date (UTC) of the quoteSummary answer: the count's date. */
  asOf: IsoDate;
  shares: number;
  floatShares: number | null;
  /** Where the number comes from, in words (no commas: the file has no quoting). */
  source: string;
  /** The raw answers it was read from, relative to the data folder, with their hashes. */
  raw: RawFileUse[];
}

/** A share-count answer in the shape DataStore.sharesOutstanding returns. */
export interface PinnedSharesLookup {
  shares: number;
  floatShares: number | null;
  asOf: IsoDate;
  source: string;
}

interface ShareRow {
  fields: string[];
  symbol: string;
}

/** Rows of a folder's shares/shares.csv (header checked), or none when the folder has no file. */
function readShareRows(dataDir: string): ShareRow[] {
  const path = join(dataDir, SHARES_FILE);
  if (!existsSync(path)) return [];
  const lines = csvLines(readFileSync(path, 'utf8'));
  if (lines[0]?.fields.join(',') !== SHARES_COLUMNS.join(',')) throw new DataError(`${path}: header is not '${SHARES_COLUMNS.join(',')}'`);
  return lines.slice(1).map((l) => ({ fields: l.fields, symbol: l.fields[2] }));
}

/**
 * Adds or replaces `count.symbol`'s pinned row in `<dataDir>/shares/shares.csv` (rows sorted by
 * symbol, so the same counts write the same bytes), then records the file in the manifest's
 * aux.shares. The raw answers must already be in the folder. Atomic writes, manifest last.
 */
export function writePinnedShareCount(dataDir: string, count: PinnedShareCount): void {
  if (/[,\n]/.test(count.source)) throw new DataError(`share-count source for ${count.symbol} must not contain commas or newlines`);
  const kept = readShareRows(dataDir).filter((r) => r.symbol !== count.symbol);
  const row = ['', count.asOf, count.symbol, String(count.shares), count.floatShares === null ? '' : String(count.floatShares), 'yahoo', count.source];
  const rows = [...kept.map((r) => r.fields), row].sort((a, b) => (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
  const text = `${[SHARES_COLUMNS, ...rows].map((r) => r.join(',')).join('\n')}\n`;
  writeFileAtomic(join(dataDir, SHARES_FILE), text);
  const manifest = readOrCreateManifest(dataDir);
  const previous = manifest.aux.shares;
  const own = `${yahooRawBase(count.symbol)}.quoteSummary-`;
  const raw = [...(previous?.raw ?? []).filter((r) => !r.file.startsWith(own)), ...count.raw].sort((a, b) => (a.file < b.file ? -1 : 1));
  const cov = csvCoverage(text);
  manifest.aux.shares = {
    file: SHARES_FILE,
    rows: cov.rows,
    first: cov.first,
    last: cov.last,
    sha256: sha256OfBytes(text),
    raw,
    notes: ["kind 'yahoo': Yahoo Finance quoteSummary share counts, each valid up to its retrieval date (validTo); see the source column"],
  };
  writeFileAtomic(join(dataDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The pinned Yahoo share count of `symbol` for `date` in a data folder, hash-checked against the
 * folder's manifest; null when the folder has none for that symbol or the date is after the count's
 * retrieval date. `file` and `sha256` are what a report footer lists.
 * @example pinnedSharesOutstanding('.cache/live', 'AAPL', '2020-10-01')
 * // { lookup: { shares: 15022100480, asOf: '2025-02-24', source: 'Yahoo Finance share count as of 2025-02-24: ...' }, ... }
 */
export function pinnedSharesOutstanding(
  dataDir: string,
  symbol: string,
  date: IsoDate,
): { lookup: PinnedSharesLookup; file: string; sha256: string; rows: number } | null {
  if (!existsSync(join(dataDir, 'manifest.json'))) return null;
  const aux = readManifest(dataDir).aux.shares;
  if (!aux) return null;
  const path = join(dataDir, aux.file);
  if (!existsSync(path)) throw new DataError(`${path} is missing (listed in ${join(dataDir, 'manifest.json')})`);
  const sha256 = sha256OfBytes(readFileSync(path));
  if (sha256 !== aux.sha256) {
    throw new DataError(`${path}: sha256 ${sha256.slice(0, 12)}… does not match its manifest's ${aux.sha256.slice(0, 12)}… (the file changed after it was pinned)`);
  }
  const rows = readShareRows(dataDir);
  const q = symbol.toUpperCase();
  const hit = rows.find((r) => r.symbol.toUpperCase() === q && r.fields[5] === 'yahoo');
  if (!hit) return null;
  const [validFrom, validTo, , total, float, , source] = hit.fields;
  if ((validFrom !== '' && date < validFrom) || date > validTo) return null;
  const shares = Number(total);
  if (!(shares > 0)) throw new DataError(`${path}: ${hit.symbol}: totalShares '${total}' is not a positive number`);
  return {
    lookup: { shares, floatShares: float === '' ? null : Number(float), asOf: validTo, source: `Yahoo Finance share count as of ${validTo}: ${source}` },
    file: path,
    sha256,
    rows: rows.length,
  };
}
