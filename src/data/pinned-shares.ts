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
import { parseShareCounts, shareCountCoverage, SHARES_COLUMNS, SHARES_FILE } from './fundamentals.ts';
import { readOrCreateManifest } from './folder.ts';
import { sha256OfBytes, type RawFileUse } from './manifest.ts';
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
  // Coverage over the validity dates (a share-count row starts with its validFrom, often empty).
  const cov = shareCountCoverage(parseShareCounts(text, join(dataDir, SHARES_FILE)));
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
