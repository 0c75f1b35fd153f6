/**
 * Kenneth R. French data library factor files (e.g. F-F_Research_Data_Factors_daily.CSV):
 * reading both layouts, the project's bundled daily copy, and the coverage check.
 *
 * Layouts read:
 * - the library's own: a few description lines, a header row whose first cell is empty
 *   (",Mkt-RF,SMB,HML,RF"), the daily (YYYYMMDD) or monthly (YYYYMM) rows, then possibly a blank
 *   line, an " Annual Factors: January-December " section (YYYY rows) and a copyright line;
 * - the one-header-row copy in ../shared/data/raw/ff/ ("Date,Mkt-RF,SMB,HML,RF", no copyright,
 *   no final newline, fixed-width padded values).
 * The first section after the header is read (daily or monthly, by the date width); whatever
 * follows it (annual section, copyright) is ignored. Values are percent and are divided by 100.
 * The library's missing-value codes −99.99 and −999 are refused, naming the line.
 */
import { readFileSync } from 'node:fs';
import { DataError, InputError } from '../errors.ts';
import type { IsoDate } from '../types.ts';
import { readAuxFile } from './fundamentals.ts';
import { defaultDataDir } from './manifest.ts';

/** A French factor table in decimal returns. */
export interface FrenchFactors {
  /** Where it came from (file path), named in errors. */
  name: string;
  frequency: 'daily' | 'monthly';
  /** 'YYYY-MM-DD' (daily) or 'YYYY-MM' (monthly), increasing. */
  dates: IsoDate[];
  /** Column name as in the file ('Mkt-RF', 'SMB', 'HML', 'RF', ...) -> decimal values aligned with dates. */
  columns: Record<string, Float64Array>;
}

const DATE_PATTERNS = { daily: /^\d{8}$/, monthly: /^\d{6}$/ } as const;

/**
 * Parses a French factor CSV in either layout (see module doc).
 * @example parseFrenchFactors('Date,Mkt-RF,RF\n20240102,  -0.50,  0.021\n', 'ff.csv').columns['Mkt-RF'][0] // -0.005
 */
export function parseFrenchFactors(text: string, name: string): FrenchFactors {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const cellsOf = (l: string) => l.split(',').map((s) => s.trim());
  let headerAt = -1;
  let frequency: FrenchFactors['frequency'] | null = null;
  for (let i = 0; i < lines.length - 1 && headerAt < 0; i++) {
    const cells = cellsOf(lines[i]);
    if (cells.length < 2 || !(cells[0] === '' || /^date$/i.test(cells[0]))) continue;
    if (!cells.slice(1).every((c) => c !== '' && !Number.isFinite(Number(c)))) continue;
    const next = cellsOf(lines[i + 1])[0];
    if (DATE_PATTERNS.daily.test(next)) frequency = 'daily';
    else if (DATE_PATTERNS.monthly.test(next)) frequency = 'monthly';
    else continue;
    headerAt = i;
  }
  if (headerAt < 0 || !frequency) {
    throw new DataError(`${name}: no French factor table found (expected a header like ',Mkt-RF,SMB,HML,RF' or 'Date,Mkt-RF,...' followed by YYYYMMDD or YYYYMM rows)`);
  }
  const names = cellsOf(lines[headerAt]).slice(1);
  if (new Set(names).size !== names.length) throw new DataError(`${name}: line ${headerAt + 1} repeats a column name`);
  const pattern = DATE_PATTERNS[frequency];
  const dates: IsoDate[] = [];
  const values: number[][] = names.map(() => []);
  for (let i = headerAt + 1; i < lines.length; i++) {
    const cells = cellsOf(lines[i]);
    if (!pattern.test(cells[0])) break; // end of the first section: blank line, annual header, copyright
    const d = cells[0];
    const date = frequency === 'daily' ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : `${d.slice(0, 4)}-${d.slice(4, 6)}`;
    if (cells.length !== names.length + 1) throw new DataError(`${name}: line ${i + 1} has ${cells.length} fields, the header has ${names.length + 1}`);
    if (dates.length > 0 && date <= dates[dates.length - 1]) throw new DataError(`${name}: line ${i + 1}: date ${date} is not after ${dates[dates.length - 1]}`);
    dates.push(date);
    for (let j = 0; j < names.length; j++) {
      const v = Number(cells[j + 1]);
      if (cells[j + 1] === '' || !Number.isFinite(v)) throw new DataError(`${name}: line ${i + 1}, ${names[j]} on ${date}: '${cells[j + 1]}' is not a number`);
      if (v === -99.99 || v === -999) throw new DataError(`${name}: line ${i + 1}, ${names[j]} on ${date}: ${cells[j + 1]} is the library's missing-value code`);
      values[j].push(v / 100);
    }
  }
  if (dates.length === 0) throw new DataError(`${name}: the factor table has no rows`);
  const columns: Record<string, Float64Array> = {};
  names.forEach((n, j) => (columns[n] = Float64Array.from(values[j])));
  return { name, frequency, dates, columns };
}

/** Reads a French factor file; a missing file is an InputError naming the path. */
export function readFrenchFactors(path: string): FrenchFactors {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InputError(`factor file ${path} cannot be read (does it exist?)`);
  }
  return parseFrenchFactors(text, path);
}

/**
 * Refuses a factor table that lacks any of the dates a study needs, naming them (the first ten
 * and how many in all) and the table's range.
 * @throws DataError e.g. "ff.csv covers 2020-01-02..2024-12-31; the study needs 27 dates it lacks: 2025-01-02, ..."
 */
export function checkFactorCoverage(factors: FrenchFactors, needed: readonly IsoDate[]): void {
  const have = new Set(factors.dates);
  const missing = [...new Set(needed)].filter((d) => !have.has(d)).sort();
  if (missing.length === 0) return;
  const shown = missing.slice(0, 10).join(', ') + (missing.length > 10 ? `, … (${missing.length - 10} more)` : '');
  throw new DataError(
    `${factors.name} covers ${factors.dates[0]}..${factors.dates[factors.dates.length - 1]}; the study needs ${missing.length} date(s) it lacks: ${shown}`,
  );
}

/** The columns a factor model needs, refusing a table without them. */
export function requireFactorColumns(factors: FrenchFactors, names: readonly string[]): Float64Array[] {
  return names.map((n) => {
    const c = factors.columns[n];
    if (!c) throw new DataError(`${factors.name}: no '${n}' column (it has ${Object.keys(factors.columns).join(', ')})`);
    return c;
  });
}

// ---------------------------------------------------------------------------------------------
// The bundled daily three-factor file
// ---------------------------------------------------------------------------------------------

/** Where the bundled copy lives under the data folder (listed in data/manifest.json's aux entries). */
export const BUNDLED_FRENCH_DAILY = 'factors/F-F_Research_Data_Factors_daily.csv';

/** Rows kept in the bundled copy: dates on or after this day (the price snapshot starts in 2020). */
export const FRENCH_DAILY_FROM: IsoDate = '2020-01-01';

/** The raw file the bundled copy is made from (../shared/data/raw/ff/PROVENANCE.md). */
export const FRENCH_DAILY_RAW = {
  file: 'ff/F-F_Research_Data_Factors_daily.CSV',
  repo: 'github.com/EMK6025/letf-mean-reversion',
  path: 'F-F_Research_Data_Factors_daily.CSV',
  commit: 'bfb05773f499e90eafeef3ac84a11d1b07134094',
  sha256: '604e5f5a8724fd0688b3bb2f976942e95c87f0dcd5014b2d61fa673264db621b',
} as const;

/** What the bundled copy's manifest entry says besides its hash and range. */
export const FRENCH_DAILY_NOTE =
  'Fama–French daily three factors. Header and data lines copied unchanged from the raw file for dates on or after 2020-01-01; values in percent per day as the library publishes them (the loader divides by 100).';

/**
 * The bundled copy made from the raw public file's text: its header line and its data lines dated
 * on or after `from`, byte for byte (values keep the library's percent and padding),
 * '\n'-terminated, with the table it reads back as. The importer (scripts/import-data.ts) writes
 * it and lists it in the manifest; it refuses a raw file whose sha256 is not the one its
 * PROVENANCE.md names.
 * @throws DataError for a raw file with other bytes
 */
export function buildFrenchDaily(raw: { text: string; sha256: string }, from: IsoDate = FRENCH_DAILY_FROM): { text: string; factors: FrenchFactors } {
  if (raw.sha256 !== FRENCH_DAILY_RAW.sha256) throw new DataError(`${FRENCH_DAILY_RAW.file}: sha256 ${raw.sha256} is not the ${FRENCH_DAILY_RAW.sha256} its PROVENANCE.md names`);
  const lines = raw.text.split(/\r?\n/);
  const key = from.replaceAll('-', '');
  const kept = [lines[0], ...lines.slice(1).filter((l) => /^\d{8},/.test(l) && l.slice(0, 8) >= key)];
  const text = kept.join('\n') + '\n';
  return { text, factors: parseFrenchFactors(text, BUNDLED_FRENCH_DAILY) }; // the copy must read back
}

/** Rows and range of a factor table, as its manifest entry records them. */
export function frenchCoverage(f: FrenchFactors): { rows: number; first: IsoDate; last: IsoDate } {
  return { rows: f.dates.length, first: f.dates[0] ?? '', last: f.dates[f.dates.length - 1] ?? '' };
}

/**
 * The bundled Fama–French daily factors (2020-01-02..2024-12-31), read like every bundled file:
 * its bytes must hash to the sha256 data/manifest.json lists for it (and its rows and range
 * match), and the read is recorded for the report footer.
 * @throws IntegrityError when the manifest does not list the file or the bytes differ
 */
export function loadBundledFrenchDaily(dataDir = defaultDataDir()): FrenchFactors {
  return readAuxFile(dataDir, BUNDLED_FRENCH_DAILY, 'factors', parseFrenchFactors, frenchCoverage, { folder: 'bundled' });
}
