/**
 * `impact import`: a user's own daily price file into a data folder, in the snapshot's normalized
 * format, with a manifest entry saying where it came from. The reader is liberal in layout (column
 * order and case, comma or semicolon, ISO, day-first, month-first or month-name dates, newest-first
 * order) and strict in content: it states everything it detected, and refuses, naming the line,
 * whatever would poison a study (unreadable or ambiguous dates, duplicates, unsorted rows,
 * non-numeric cells, non-positive or absurd prices, a close outside [low, high], fewer than 2 rows).
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { DataError, InputError } from '../errors.ts';
import type { InstrumentKind, IsoDate, PriceRow } from '../types.ts';
import { csvLines, headerIndex } from './csv.ts';
import { assertWritableDataDir, readOrCreateManifest, writeFolderSeries } from './folder.ts';
import { sha256OfBytes, type ManifestSymbol } from './manifest.ts';
import { formatSnapshotCsv, isRealIsoDate, priceRowProblem } from './price-file.ts';

/** The fields a user file may hold, and the header names (lower-case, letters and digits only) that mean them. */
const COLUMN_NAMES: Record<'date' | 'open' | 'high' | 'low' | 'close' | 'adjClose' | 'volume', readonly string[]> = {
  date: ['date', 'day', 'tradedate', 'tradingdate', 'datetime'],
  open: ['open', 'openprice'],
  high: ['high', 'highprice'],
  low: ['low', 'lowprice'],
  close: ['close', 'closeprice', 'closinglast', 'closelast', 'price', 'last'],
  adjClose: ['adjclose', 'adjustedclose', 'adjustedcloseprice', 'adjcloseprice'],
  volume: ['volume', 'vol'],
};
type Field = keyof typeof COLUMN_NAMES;

/** A header name reduced to lower-case letters and digits: 'Adj Close', 'adj_close', 'AdjClose**' -> 'adjclose'. */
export function normalizeColumnName(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

function fieldOf(name: string): Field | null {
  const n = normalizeColumnName(name);
  for (const [field, names] of Object.entries(COLUMN_NAMES) as [Field, readonly string[]][]) if (names.includes(n)) return field;
  return null;
}

/** What the reader made of a user's file: the rows (ascending) and everything it detected. */
export interface ParsedUserFile {
  rows: PriceRow[];
  delimiter: ',' | ';';
  /** 'YYYY-MM-DD', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-Mon-YYYY', 'Mon DD, YYYY', 'YYYYMMDD', ... */
  dateFormat: string;
  /** Why that date format (for day/month-first files: the line that decided it). */
  dateFormatReason: string;
  /** Header name -> field, in file order. */
  columns: Record<string, Field>;
  /** Header names not used. */
  ignoredColumns: string[];
  /** True when the file had an adjusted-close column. */
  adjusted: boolean;
  /** Things a reader of the manifest must know (order reversed, columns dropped, thousands separators). */
  notes: string[];
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
function monthNumber(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  const full = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
  const i = w.length === 3 ? MONTHS.indexOf(w) : full.indexOf(w);
  if (i >= 0) return i + 1;
  return w === 'sept' ? 9 : null;
}

const iso = (y: number, m: number, d: number): IsoDate => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** A date cell split into its parts; numeric day/month-first cells keep both readings open. */
type DateCell =
  | { kind: 'fixed'; format: string; date: IsoDate | null }
  | { kind: 'dm-or-md'; sep: string; a: number; b: number; y: number };

/** A midnight time after the date (pandas writes one) is dropped; any other time of day is refused. */
const MIDNIGHT = /[T ]00:00(:00(\.0+)?)?(Z|[+-]00:?00)?$/;

function readDateCell(text: string, where: string): DateCell {
  let t = text.trim();
  if (MIDNIGHT.test(t)) t = t.replace(MIDNIGHT, '');
  else if (/\d[T ]\d{1,2}:\d{2}/.test(t)) throw new InputError(`${where}: date '${text}' has a time of day; give one row per day with its exchange-local date`);
  let m = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})$/.exec(t);
  if (m) return { kind: 'fixed', format: `YYYY${m[2]}MM${m[2]}DD`, date: real(+m[1], +m[3], +m[4]) };
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (m) return { kind: 'fixed', format: 'YYYYMMDD', date: real(+m[1], +m[2], +m[3]) };
  m = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(t);
  if (m) return { kind: 'dm-or-md', sep: m[2], a: +m[1], b: +m[3], y: +m[4] };
  m = /^(\d{1,2})[- ]([A-Za-z]{3,9}\.?)[- ,]+(\d{4})$/.exec(t);
  if (m && monthNumber(m[2]) !== null) return { kind: 'fixed', format: 'DD-Mon-YYYY', date: real(+m[3], monthNumber(m[2])!, +m[1]) };
  m = /^([A-Za-z]{3,9}\.?) (\d{1,2}),? (\d{4})$/.exec(t);
  if (m && monthNumber(m[1]) !== null) return { kind: 'fixed', format: 'Mon DD, YYYY', date: real(+m[3], monthNumber(m[1])!, +m[2]) };
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2}$/.test(t)) throw new InputError(`${where}: date '${text}' has a two-digit year; write the year in full (or ISO YYYY-MM-DD)`);
  throw new InputError(`${where}: '${text}' is not a date this reader knows (YYYY-MM-DD, DD/MM/YYYY, MM/DD/YYYY, 27-Jan-2025, Jan 27, 2025)`);
}

function real(y: number, m: number, d: number): IsoDate | null {
  const s = iso(y, m, d);
  return isRealIsoDate(s) ? s : null;
}

/**
 * True when ISO dates look like consecutive rows of a daily series: strictly monotone (either
 * way) with a median gap of at most 5 calendar days. Read with day and month swapped, such a
 * series jumps by about a month between rows, or goes back and forth.
 */
function looksDaily(dates: readonly (IsoDate | null)[]): boolean {
  if (dates.some((d) => d === null)) return false;
  const t = (dates as IsoDate[]).map((d) => Date.parse(d) / 86_400_000);
  const gaps = t.slice(1).map((x, i) => x - t[i]);
  if (gaps.length === 0) return false;
  const up = gaps.every((g) => g > 0);
  const down = gaps.every((g) => g < 0);
  if (!up && !down) return false;
  const abs = gaps.map(Math.abs).sort((a, b) => a - b);
  return abs[Math.floor((abs.length - 1) / 2)] <= 5;
}

/** Resolves the date column to ISO dates, with the format and why. */
function resolveDates(cells: { line: number; text: string }[], file: string): { dates: IsoDate[]; format: string; reason: string } {
  const parsed = cells.map((c) => ({ ...c, cell: readDateCell(c.text, `${file}: line ${c.line}`) }));
  const first = parsed[0];
  const family = (p: (typeof parsed)[number]) => (p.cell.kind === 'fixed' ? p.cell.format : `dm-or-md${p.cell.sep}`);
  for (const p of parsed) {
    if (family(p) !== family(first)) {
      throw new InputError(`${file}: line ${p.line}: date '${p.text}' is written differently from line ${first.line} ('${first.text}'); use one date format throughout`);
    }
  }
  if (first.cell.kind === 'fixed') {
    const bad = parsed.find((p) => p.cell.kind === 'fixed' && p.cell.date === null);
    if (bad) throw new InputError(`${file}: line ${bad.line}: '${bad.text}' is not a real calendar date`);
    const format = first.cell.format;
    return { dates: parsed.map((p) => (p.cell as { date: IsoDate }).date), format, reason: format.startsWith('YYYY') ? 'year first' : 'month written as a word' };
  }
  const sep = first.cell.sep;
  const dm = parsed.map((p) => p.cell as Extract<DateCell, { kind: 'dm-or-md' }>);
  const dayFirst = parsed.find((_, i) => dm[i].a > 12);
  const monthFirst = parsed.find((_, i) => dm[i].b > 12);
  const formatDF = `DD${sep}MM${sep}YYYY`;
  const formatMF = `MM${sep}DD${sep}YYYY`;
  if (dayFirst && monthFirst) {
    throw new InputError(`${file}: dates are neither all day-first nor all month-first: line ${dayFirst.line} '${dayFirst.text}' can only be day-first, line ${monthFirst.line} '${monthFirst.text}' only month-first`);
  }
  const asDF = dm.map((c) => real(c.y, c.b, c.a));
  const asMF = dm.map((c) => real(c.y, c.a, c.b));
  const pick = (dates: (IsoDate | null)[], format: string, reason: string) => {
    const bad = dates.findIndex((d) => d === null);
    if (bad >= 0) throw new InputError(`${file}: line ${parsed[bad].line}: '${parsed[bad].text}' is not a real date read as ${format}`);
    return { dates: dates as IsoDate[], format, reason };
  };
  if (dayFirst) return pick(asDF, formatDF, `day-first: line ${dayFirst.line} '${dayFirst.text}' has ${dm[parsed.indexOf(dayFirst)].a} before the month`);
  if (monthFirst) return pick(asMF, formatMF, `month-first: line ${monthFirst.line} '${monthFirst.text}' has ${dm[parsed.indexOf(monthFirst)].b} after the month`);
  // No field above 12 anywhere: only the spacing of the rows can tell.
  const df = looksDaily(asDF);
  const mf = looksDaily(asMF);
  if (df !== mf) {
    return df
      ? pick(asDF, formatDF, 'day-first: no day above 12 in any row, but only day-first reading gives consecutive daily rows')
      : pick(asMF, formatMF, 'month-first: no day above 12 in any row, but only month-first reading gives consecutive daily rows');
  }
  const shown = parsed.slice(0, 3).map((p) => `line ${p.line} '${p.text}'`).join(', ');
  throw new InputError(`${file}: cannot tell whether the dates are day-first or month-first (${shown}: no field above 12, and both readings fit as well); write ISO dates (YYYY-MM-DD)`);
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** Picks ',' or ';' from the header line (fields quoted or not); refuses a header it cannot split. */
function detectDelimiter(text: string, file: string): ',' | ';' {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const headerLine = body.split('\n').find((l) => l.trim() !== '') ?? '';
  const outside = headerLine.replace(/"[^"]*"/g, '');
  const commas = (outside.match(/,/g) ?? []).length;
  const semis = (outside.match(/;/g) ?? []).length;
  const usable = (d: ',' | ';') => {
    const names = csvLines(headerLine, { delimiter: d, file })[0]?.fields ?? [];
    const fields = new Set(names.map(fieldOf));
    return fields.has('date') && (fields.has('close') || fields.has('adjClose'));
  };
  if (semis > 0 && commas === 0) return ';';
  if (commas > 0 && semis === 0) return ',';
  if (commas > 0 && semis > 0) {
    const c = usable(',');
    const s = usable(';');
    if (c !== s) return c ? ',' : ';';
    throw new InputError(`${file}: line 1: the header has both ',' and ';' and either could separate its columns; use one`);
  }
  throw new InputError(`${file}: line 1: the header '${headerLine.trim().slice(0, 60)}' has no ',' or ';' between column names (need at least Date and Close or Adj Close)`);
}

/**
 * Reads a user's daily price file (text) into normalized rows, oldest first.
 * @param file the name used in messages ('myco.csv')
 * @example parseUserPriceFile('Date;Adj Close\n2025-01-24;142.62\n2025-01-27;118.42\n', 'x.csv').rows[1].adjClose // 118.42
 * @throws InputError naming the file and line of the first problem
 */
export function parseUserPriceFile(text: string, file: string): ParsedUserFile {
  const delimiter = detectDelimiter(text, file);
  let lines;
  try {
    lines = csvLines(text, { delimiter, file });
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  if (lines.length === 0) throw new InputError(`${file} is empty`);
  const head = lines[0];
  try {
    headerIndex(head.fields, file, head.line, normalizeColumnName);
  } catch (e) {
    throw new InputError((e as Error).message);
  }
  const at = new Map<Field, number>();
  const columns: Record<string, Field> = {};
  const ignoredColumns: string[] = [];
  head.fields.forEach((name, i) => {
    const f = fieldOf(name);
    if (f === null) {
      if (name.trim() !== '') ignoredColumns.push(name.trim());
      return;
    }
    const seen = at.get(f);
    if (seen !== undefined) throw new InputError(`${file}: line ${head.line}: columns '${head.fields[seen]}' and '${name}' both mean ${f}; keep one`);
    at.set(f, i);
    columns[name.trim()] = f;
  });
  if (!at.has('date')) throw new InputError(`${file}: line ${head.line}: no Date column in '${head.fields.join(delimiter)}'`);
  if (!at.has('close') && !at.has('adjClose')) throw new InputError(`${file}: line ${head.line}: no Close or Adj Close column in '${head.fields.join(delimiter)}'`);
  const body = lines.slice(1);
  if (body.length < 2) throw new InputError(`${file}: ${body.length} data row${body.length === 1 ? '' : 's'}; a study needs at least 2`);

  let thousands = 0;
  const num = (fields: string[], f: Field, line: number, required: boolean): number | null => {
    const i = at.get(f);
    if (i === undefined) return null;
    const t = (fields[i] ?? '').trim();
    const name = head.fields[i].trim();
    if (t === '') {
      if (required) throw new InputError(`${file}: line ${line}: ${name} is empty`);
      return null;
    }
    if (DECIMAL.test(t)) return Number(t);
    if (delimiter === ',' && THOUSANDS.test(t)) {
      thousands++;
      return Number(t.replace(/,/g, ''));
    }
    if (/^[+-]?\d+,\d+$/.test(t)) throw new InputError(`${file}: line ${line}: ${name} '${t}' has a decimal comma; export the file with a decimal point`);
    throw new InputError(`${file}: line ${line}: ${name} '${t}' is not a number`);
  };

  for (const { line, fields } of body) {
    if (fields.length !== head.fields.length) throw new InputError(`${file}: line ${line}: ${fields.length} fields, the header has ${head.fields.length}`);
  }
  const { dates, format, reason } = resolveDates(body.map(({ line, fields }) => ({ line, text: fields[at.get('date')!] })), file);
  const hasClose = at.has('close');
  const hasAdj = at.has('adjClose');
  const notes: string[] = [];
  const rows = body.map(({ line, fields }, k) => {
    const close = num(fields, hasClose ? 'close' : 'adjClose', line, true)!;
    const adjClose = hasAdj ? num(fields, 'adjClose', line, true)! : close;
    const keepRange = hasClose; // without a Close column, open/high/low have no known scale to the adjusted close
    const row: PriceRow = {
      date: dates[k],
      open: keepRange ? num(fields, 'open', line, false) : null,
      high: keepRange ? num(fields, 'high', line, false) : null,
      low: keepRange ? num(fields, 'low', line, false) : null,
      close,
      adjClose,
      volume: num(fields, 'volume', line, false),
    };
    const problem = priceRowProblem(row);
    if (problem) throw new InputError(`${file}: line ${line} (${row.date}): ${problem}`);
    return { line, row };
  });
  if (!hasClose && (at.has('open') || at.has('high') || at.has('low'))) notes.push('Open/High/Low not kept: without a Close column their scale relative to the adjusted close is unknown.');

  // Duplicates first (naming both lines), then order: oldest first as is, newest first reversed, anything else refused.
  const firstLine = new Map<IsoDate, number>();
  for (const { line, row } of rows) {
    const seen = firstLine.get(row.date);
    if (seen !== undefined) throw new InputError(`${file}: line ${line}: duplicate date ${row.date} (also on line ${seen})`);
    firstLine.set(row.date, line);
  }
  const descending = rows[1].row.date < rows[0].row.date;
  for (let k = 1; k < rows.length; k++) {
    const ok = descending ? rows[k].row.date < rows[k - 1].row.date : rows[k].row.date > rows[k - 1].row.date;
    if (!ok) {
      throw new InputError(`${file}: line ${rows[k].line}: date ${rows[k].row.date} is out of order after ${rows[k - 1].row.date} (line ${rows[k - 1].line}); sort the file by date`);
    }
  }
  if (descending) {
    rows.reverse();
    notes.push('The file lists the newest day first; rows were reversed (its dates strictly decrease).');
  }
  if (thousands > 0) notes.push(`${thousands} cell${thousands === 1 ? '' : 's'} with thousands separators (1,234,567) read as plain numbers.`);
  return { rows: rows.map((r) => r.row), delimiter, dateFormat: format, dateFormatReason: reason, columns, ignoredColumns, adjusted: hasAdj, notes };
}

export interface UserImportOptions {
  /** The user's CSV file. */
  file: string;
  /** The symbol to file it under ('MYCO'); the data folder's symbols overlay the bundled ones. */
  symbol: string;
  /** ISO 10383 MIC of the exchange ('XNYS', 'XLON', ...). */
  exchange: string;
  /** ISO 4217 currency of the prices ('USD'; 'GBp' for pence). */
  currency: string;
  /** IANA time zone of the exchange (the CLI takes it from the calendar's exchange table). */
  timeZone: string;
  name?: string;
  kind?: InstrumentKind;
  /** The data folder to write (never the bundled snapshot). */
  dataDir: string;
  /** The import time (default: now); kept from the manifest when the same bytes were imported before. */
  now?: () => Date;
  /**
   * The security's first trading day, when known (`--listing-date`): only a known listing date
   * marks the first sessions after listing (A-shares: no price limit), never the file's first row.
   */
  listingDate?: IsoDate;
}

export interface UserImportResult {
  entry: ManifestSymbol;
  parsed: Omit<ParsedUserFile, 'rows'>;
  /** False when the folder already held exactly these bytes (a re-import of the same file). */
  changed: boolean;
  /** True when the manifest already had this file (same sha256) and its import time was kept. */
  sameFileAsBefore: boolean;
}

/**
 * Accepts any code shaped like an ISO 10383 MIC (four capital letters or digits); whether the
 * calendar has a holiday table for it is the calendar stage's business.
 * @throws InputError naming the code
 */
export function assertExchangeCode(code: string): void {
  if (!/^[A-Z0-9]{4}$/.test(code)) throw new InputError(`--exchange '${code}' is not an ISO 10383 MIC (four letters or digits, e.g. XNYS, XNAS, XLON, XETR)`);
}

const SYMBOL_SHAPE = /^\^?[A-Za-z0-9][A-Za-z0-9.=_-]{0,31}$/;

/**
 * Imports a user's price file into a data folder (prices/<symbol>.csv + manifest entry with the
 * origin: file name, sha256, UTC import time, date format, delimiter).
 * @throws InputError for bad options or a bad file (naming the line); DataError for a bad folder
 */
export function importUserPriceFile(opts: UserImportOptions): UserImportResult {
  if (!SYMBOL_SHAPE.test(opts.symbol)) throw new InputError(`--symbol '${opts.symbol}' is not a symbol (letters, digits and . = _ - ^, up to 32 characters, e.g. MYCO or VOD.L)`);
  assertExchangeCode(opts.exchange);
  if (!/^([A-Z]{3}|[A-Z]{2}[a-z])$/.test(opts.currency)) throw new InputError(`--currency '${opts.currency}' is not an ISO 4217 code (e.g. USD, EUR, CNY; GBp for pence)`);
  if (!existsSync(opts.file)) throw new InputError(`price file ${opts.file} does not exist`);
  assertWritableDataDir(opts.dataDir);
  const listingDate = opts.listingDate;
  if (listingDate !== undefined && !isRealIsoDate(listingDate)) throw new InputError(`--listing-date '${listingDate}' is not a date (YYYY-MM-DD)`);
  const bytes = readFileSync(opts.file);
  const name = basename(opts.file);
  const sha256 = sha256OfBytes(bytes);
  const { rows, ...parsed } = parseUserPriceFile(bytes.toString('utf8'), name);
  let previous: ManifestSymbol | undefined;
  try {
    previous = readOrCreateManifest(opts.dataDir).symbols[opts.symbol];
  } catch (e) {
    throw new DataError(`cannot add to data folder ${opts.dataDir}: ${(e as Error).message}`);
  }
  const sameFileAsBefore = previous?.origin?.kind === 'user-file' && previous.origin.sha256 === sha256;
  const importedAt = sameFileAsBefore && previous?.origin?.kind === 'user-file' ? previous.origin.importedAt : (opts.now ?? (() => new Date()))().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const adjustment = parsed.adjusted
    ? Object.values(parsed.columns).includes('close')
      ? "close as given in the file; adjClose = the file's adjusted-close column (returns use it)"
      : 'the file has only an adjusted close: close = adjClose = that column'
    : 'unadjusted: the file has no adjusted close, so adjClose = close; returns ignore dividends (and splits, unless the closes are split-adjusted)';
  const notes = [...parsed.notes, `Date format ${parsed.dateFormat} (${parsed.dateFormatReason}); delimiter '${parsed.delimiter}'.`];
  if (parsed.ignoredColumns.length > 0) notes.push(`Columns not used: ${parsed.ignoredColumns.join(', ')}.`);
  const written = writeFolderSeries(
    opts.dataDir,
    {
      symbol: opts.symbol,
      name: opts.name ?? opts.symbol,
      aliases: [],
      exchange: opts.exchange as ManifestSymbol['exchange'],
      currency: opts.currency,
      timeZone: opts.timeZone,
      kind: opts.kind ?? 'stock',
      ...(listingDate === undefined ? {} : { listingDate, listingSource: 'given on import (impact import --listing-date)' }),
      adjustment,
      notes,
      origin: { kind: 'user-file', file: name, sha256, importedAt, dateFormat: parsed.dateFormat, delimiter: parsed.delimiter, adjusted: parsed.adjusted, columns: parsed.columns },
    },
    formatSnapshotCsv(rows),
  );
  const { changed, ...entry } = written;
  return { entry, parsed, changed, sameFileAsBefore };
}
