/**
 * Readers for the public raw price files in ../shared/data/raw. Each quirk named in their
 * PROVENANCE.md is handled explicitly here, by a declared option, never by guessing silently:
 * yfinance multi-row headers, a ticker row under the header, a stray 'Price' header token,
 * a mislabelled header (declared column order), UTF-8 BOM, Chinese column names, volume in
 * lots of 100 shares, timestamps instead of dates, duplicated dates, partial last rows.
 */
import { DataError } from '../errors.ts';
import type { IsoDate, PriceRow } from '../types.ts';
import { csvLines, headerIndex } from './csv.ts';
import { isRealIsoDate, priceRowProblem } from './price-file.ts';
import type { ReturnComparison } from './manifest.ts';

export type { ReturnComparison } from './manifest.ts';

/** A normalized row plus the A-share turnover (percent of float traded), when the file has it. */
export interface RawPriceRow extends PriceRow {
  turnoverPct: number | null;
}

/** How to read one raw file: everything that is not in the file's own header. */
export interface RawFormat {
  /** Column names in file order, when the header is wrong (e.g. a mislabelled header). */
  columns?: string[];
  /** Unit of the volume column: 'lots' (A-share 手 = 100 shares) is converted to shares. */
  volumeUnit: 'shares' | 'lots';
  /** Dates that appear twice (e.g. an intraday snapshot kept beside the final row): keep the last row. */
  duplicateDatesKeepLast?: IsoDate[];
}

/** What a reader made of a file: the rows, what it dropped and why, and the header it used. */
export interface RawParse {
  rows: RawPriceRow[];
  dropped: { line: number; date: IsoDate; reason: string }[];
  columns: string[];
  /** True when the file has a separate dividend-adjusted close column. */
  hasAdjClose: boolean;
}

/** Canonical field of a header name (English or Chinese), or null for columns we do not use. */
function canonicalColumn(name: string): keyof RawPriceRow | null {
  const n = name.trim().toLowerCase();
  if (n === 'date' || n === '日期' || n === 'datetime') return 'date';
  if (n === 'open' || n === '开盘') return 'open';
  if (n === 'high' || n === '最高') return 'high';
  if (n === 'low' || n === '最低') return 'low';
  if (n === 'close' || n === '收盘') return 'close';
  if (n === 'adj close' || n === 'adj_close' || n === 'adjclose') return 'adjClose';
  if (n === 'volume' || n === '成交量' || n === 'vol') return 'volume';
  if (n === 'turnover' || n === '换手率') return 'turnoverPct';
  return null;
}

/**
 * The header of a file and where its data starts. yfinance writes a MultiIndex header in three
 * lines ('Price,Close,...' / 'Ticker,NVDA,...' / 'Date,,,'), or two ('Date,Close,...' /
 * ',^IXIC,^IXIC,...'); the names come from the first line, 'Price' standing for the date column.
 */
function findHeader(lines: ReturnType<typeof csvLines>): { names: string[]; dataStart: number } {
  const first = lines[0]?.fields ?? [];
  const second = lines[1]?.fields ?? [];
  const third = lines[2]?.fields ?? [];
  if (second[0]?.toLowerCase() === 'ticker' && third[0]?.toLowerCase() === 'date') {
    return { names: ['Date', ...first.slice(1)], dataStart: 3 };
  }
  if (second[0] === '' && second.length === first.length) return { names: first, dataStart: 2 };
  return { names: first, dataStart: 1 };
}

function parseNumber(file: string, line: number, column: string, text: string | undefined): number | null {
  if (text === undefined || text === '') return null;
  const v = Number(text);
  if (!Number.isFinite(v)) throw new DataError(`${file}: line ${line}: ${column} '${text}' is not a number`);
  return v;
}

/**
 * Reads a raw price file into normalized rows (date, open, high, low, close, adjClose, volume in
 * shares, turnoverPct). adjClose is the file's 'Adj Close' column when it has one, else its close
 * (for files whose close is already adjusted, or indices).
 *
 * Rejects, naming the file and line: an unreadable header, a malformed or impossible date,
 * unsorted or duplicated dates (unless declared), a missing, non-numeric or non-positive close,
 * a duplicated column, and any row breaking the row rules of price-file.ts (close outside
 * [low, high], absurd prices).
 *
 * @example parseRawPriceFile('Date,Close\n2025-01-24,142.62\n', 'x.csv', { volumeUnit: 'shares' }).rows[0].close // 142.62
 */
export function parseRawPriceFile(text: string, file: string, format: RawFormat): RawParse {
  const lines = csvLines(text);
  if (lines.length < 2) throw new DataError(`${file}: no data rows`);
  const header = findHeader(lines);
  let names = format.columns ?? header.names;
  const firstData = lines[header.dataStart];
  // A 'Price' token leaked from a yfinance MultiIndex into an otherwise one-line header.
  if (!format.columns && firstData && names.length === firstData.fields.length + 1 && names[1] === 'Price') {
    names = [names[0], ...names.slice(2)];
  }
  // A name twice, or two names for one field ('Close' and '收盘'): which one is meant? Refused.
  const headerLine = lines[0].line;
  headerIndex(names, file, headerLine, (n) => n.trim().toLowerCase());
  const index = new Map<keyof RawPriceRow, number>();
  names.forEach((n, i) => {
    const c = canonicalColumn(n);
    if (c === null) return;
    const seen = index.get(c);
    if (seen !== undefined) throw new DataError(`${file}: line ${headerLine}: columns '${names[seen]}' and '${n}' both hold ${c}`);
    index.set(c, i);
  });
  if (!index.has('date') || !index.has('close')) {
    throw new DataError(`${file}: header '${names.join(',')}' has no date and close columns`);
  }
  const keepLast = new Set(format.duplicateDatesKeepLast ?? []);
  const rows: RawPriceRow[] = [];
  const dropped: RawParse['dropped'] = [];
  const volumeFactor = format.volumeUnit === 'lots' ? 100 : 1;
  const get = (fields: string[], c: keyof RawPriceRow) => {
    const i = index.get(c);
    return i === undefined ? undefined : fields[i];
  };

  for (let k = header.dataStart; k < lines.length; k++) {
    const { line, fields } = lines[k];
    if (fields.length !== names.length) {
      throw new DataError(`${file}: line ${line}: ${fields.length} fields, the header has ${names.length}`);
    }
    const rawDate = get(fields, 'date') ?? '';
    // Some feeds write UTC timestamps ('2020-07-27 04:00:00+00:00'): the session date is the first 10 characters.
    const date = rawDate.slice(0, 10);
    if (!isRealIsoDate(date)) throw new DataError(`${file}: line ${line}: '${rawDate}' is not a valid YYYY-MM-DD date`);
    const close = parseNumber(file, line, 'close', get(fields, 'close'));
    if (close === null || !(close > 0)) {
      throw new DataError(`${file}: line ${line} (${date}): close '${get(fields, 'close') ?? ''}' is not a positive price`);
    }
    const adj = parseNumber(file, line, 'adj close', get(fields, 'adjClose'));
    if (index.has('adjClose') && (adj === null || !(adj > 0))) {
      throw new DataError(`${file}: line ${line} (${date}): adj close '${get(fields, 'adjClose') ?? ''}' is not a positive price`);
    }
    const volume = parseNumber(file, line, 'volume', get(fields, 'volume'));
    if (volume !== null && volume < 0) throw new DataError(`${file}: line ${line} (${date}): negative volume ${volume}`);
    const row: RawPriceRow = {
      date,
      open: parseNumber(file, line, 'open', get(fields, 'open')),
      high: parseNumber(file, line, 'high', get(fields, 'high')),
      low: parseNumber(file, line, 'low', get(fields, 'low')),
      close,
      adjClose: adj ?? close,
      volume: volume === null ? null : Math.round(volume * volumeFactor),
      turnoverPct: parseNumber(file, line, 'turnover', get(fields, 'turnoverPct')),
    };
    // The rules every stored series must pass (price-file.ts), checked here to name the raw line.
    const problem = priceRowProblem(row);
    if (problem) throw new DataError(`${file}: line ${line} (${date}): ${problem}`);
    const prev = rows[rows.length - 1];
    if (prev && date === prev.date) {
      if (!keepLast.has(date)) throw new DataError(`${file}: line ${line}: duplicate date ${date}`);
      dropped.push({ line: line - 1, date, reason: 'duplicated date; the earlier row (an intraday snapshot) is replaced by the last one' });
      rows[rows.length - 1] = row;
      continue;
    }
    if (prev && date < prev.date) throw new DataError(`${file}: line ${line}: date ${date} comes after ${prev.date} (file not sorted)`);
    rows.push(row);
  }
  return { rows, dropped, columns: names, hasAdjClose: index.has('adjClose') };
}

/**
 * Daily returns of a parsed file keyed by date, on the adjusted basis (adjClose), only where the
 * previous row is the previous session of both files being compared (see compareReturns).
 */
function returnMap(rows: readonly PriceRow[]): Map<IsoDate, { prev: IsoDate; ret: number }> {
  const map = new Map<IsoDate, { prev: IsoDate; ret: number }>();
  for (let i = 1; i < rows.length; i++) {
    map.set(rows[i].date, { prev: rows[i - 1].date, ret: rows[i].adjClose / rows[i - 1].adjClose - 1 });
  }
  return map;
}

/**
 * Compares the daily returns of two series of the same symbol on the days where both have a
 * return over the same pair of sessions (never across a gap in either file).
 */
export function compareReturns(a: readonly PriceRow[], b: readonly PriceRow[]): ReturnComparison {
  const ra = returnMap(a);
  const rb = returnMap(b);
  let overlapDays = 0;
  let max = -1;
  let maxDate: IsoDate | null = null;
  let first: IsoDate | null = null;
  let last: IsoDate | null = null;
  let over = 0;
  for (const [date, x] of ra) {
    const y = rb.get(date);
    if (!y || y.prev !== x.prev) continue;
    overlapDays++;
    if (first === null) first = date;
    last = date;
    const d = Math.abs(x.ret - y.ret) * 100;
    if (d > 0.05) over++;
    if (d > max) {
      max = d;
      maxDate = date;
    }
  }
  return { overlapDays, first, last, maxAbsDiffPp: overlapDays > 0 ? max : null, maxDiffDate: maxDate, daysOver005Pp: over };
}
